"""Small printing helpers shared by the CLI commands (table cells, facts as text or JSON).

The helpers only format and print what facts already hold; nothing is computed here.

Examples
--------
>>> pct_cell(0.1234), pct_cell(float("nan"))
('+12.3%', '')
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pandas as pd
from rich.console import Console
from rich.markup import escape

from rotascope.asof import Note
from rotascope.kinds.fact import Fact
from rotascope.wording import pct

__all__ = ["pct_cell", "print_facts_json", "print_notes", "print_texts", "record_cells"]


def pct_cell(x: float) -> str:
    """A fraction as a signed table cell with one decimal ("+12.3%"); empty for NaN."""
    return "" if pd.isna(x) else pct(x * 100, signed=True, digits=1)


def print_facts_json(out: Console, facts: Iterable[Fact]) -> None:
    """Print ``facts`` as one JSON array of their :meth:`Fact.to_dict` (rich-formatted)."""
    out.print_json(json.dumps([f.to_dict() for f in facts]))


def print_notes(err: Console, notes: Iterable[Note | str]) -> None:
    """Print a result's notes on ``err`` (stderr; silent with ``--quiet``), one per line,
    in the words every front end uses."""
    for note in notes:
        text = note.text if isinstance(note, Note) else str(note)
        err.print(f"[yellow]note:[/] {escape(text)}", highlight=False)


def print_texts(out: Console, facts: Iterable[Fact]) -> None:
    """Print each fact's sentence on its own line, without rich highlighting."""
    for f in facts:
        out.print(f.text, highlight=False)


def record_cells(fact: Fact) -> tuple[str, str]:
    """The "record since" and "rank" cells of a fact's record ("", "" without one).

    Examples
    --------
    >>> import datetime as dt
    >>> from rotascope.kinds.fact import Record
    >>> rec = Record("high", dt.date(2020, 4, 29), 13.0, 22, 9279, dt.date(1987, 9, 10))
    >>> f = Fact(kind="move", subject="RUT", asof=dt.date(2024, 7, 16), value=11.5,
    ...          unit="pct", text="", record=rec)
    >>> record_cells(f)
    ('2020-04-29', '22/9,279')
    """
    rec = fact.record
    if rec is None:
        return "", ""
    since = (
        rec.since.isoformat() if rec.since is not None else f"all-time ({rec.history_start.year})"
    )
    rank = f"{rec.rank:,}/{rec.out_of:,}" + (" low" if rec.direction == "low" else "")
    return since, rank
