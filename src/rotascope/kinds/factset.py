"""The :class:`FactSet`: the facts of one question, with its as-of, notes and data version.

A FactSet behaves like the list of facts it holds (``fs[0].text``, ``len(fs)``,
iteration) and carries what every front end must print with them: the
:class:`~rotascope.asof.AsOf` (date asked, session used) and the
:class:`~rotascope.asof.Note` s (as-of moved, stale data, basis fallback, sessions a
pair lacks), each said once.

Examples
--------
>>> import datetime as dt
>>> from rotascope.asof import AsOf, Note
>>> from rotascope.kinds.fact import Fact
>>> f = Fact("move", "RUT", dt.date(2024, 7, 16), 11.54, "pct", "The Russell 2000 rose.")
>>> fs = FactSet((f,), AsOf.at("2024-07-16"), (Note("basis", "Price used."),), "v1")
>>> fs[0].text, len(fs), [n.text for n in fs.notes]
('The Russell 2000 rose.', 1, ['Price used.'])
>>> fs.to_frame()[["kind", "value", "unit"]].values.tolist()
[['move', 11.54, 'pct']]
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import pandas as pd

from rotascope.asof import AsOf, Note
from rotascope.kinds.fact import Fact

__all__ = ["FactSet"]


@dataclass(frozen=True)
class FactSet(Sequence[Fact]):
    """Facts about one subject (and its pairs) as of one date.

    Attributes
    ----------
    facts : tuple of Fact
        In the engine's order (subject, each comparison series, pairs, context).
    asof : AsOf
        The date asked for, the session used and the as-of notes.
    notes : tuple of Note
        Everything a reader must be told about this result, the as-of notes first.
    data_version : str
        The data source's version the facts were computed from.
    """

    facts: tuple[Fact, ...]
    asof: AsOf
    notes: tuple[Note, ...] = field(default=())
    data_version: str = ""

    @overload
    def __getitem__(self, index: int) -> Fact: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Fact]: ...

    def __getitem__(self, index: int | slice) -> Fact | Sequence[Fact]:
        return self.facts[index]

    def __len__(self) -> int:
        return len(self.facts)

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts)

    def of_kind(self, *kinds: str) -> list[Fact]:
        """The facts of the given kinds, in order."""
        return [f for f in self.facts if f.kind in kinds]

    def to_frame(self) -> pd.DataFrame:
        """One row per fact: kind, subject, versus, window, value, unit, record, text."""
        rows = []
        for f in self.facts:
            rec = f.record
            rows.append(
                {
                    "kind": f.kind,
                    "subject": f.subject,
                    "versus": f.versus,
                    "asof": f.asof,
                    "window": f.window,
                    "start": f.start,
                    "value": f.value,
                    "unit": f.unit,
                    "direction": None if rec is None else rec.direction,
                    "since": None if rec is None else rec.since,
                    "rank": None if rec is None else rec.rank,
                    "out_of": None if rec is None else rec.out_of,
                    "basis": f.basis,
                    "text": f.text,
                }
            )
        columns = ["kind", "subject", "versus", "asof", "window", "start", "value", "unit",
                   "direction", "since", "rank", "out_of", "basis", "text"]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``asof``, ``notes``, ``data_version`` and ``facts``."""
        return {
            "asof": self.asof.to_dict(),
            "notes": [n.to_dict() for n in self.notes],
            "data_version": self.data_version,
            "facts": [f.to_dict() for f in self.facts],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` as JSON."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(f.text)}</li>" for f in self.facts)
        notes = "".join(f"<li><em>{html.escape(n.text)}</em></li>" for n in self.notes)
        when = self.asof.session.date().isoformat()
        return (
            f"<div class='rotascope-factset'><p><strong>{len(self.facts)} facts as of "
            f"{when}</strong></p><ul>{items}</ul>{f'<ul>{notes}</ul>' if notes else ''}</div>"
        )

    def __str__(self) -> str:
        return "\n".join([*(f.text for f in self.facts), *(f"note: {n}" for n in self.notes)])
