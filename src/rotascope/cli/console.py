"""Output that fits where it goes: consoles, tables sized to the terminal, readable sizes.

- :func:`out_console` / :func:`err_console`: rich consoles as wide as the terminal (or
  ``COLUMNS``; 80 when piped without it), without escape codes when the output is not
  a terminal, without colour when ``NO_COLOR`` is set (rich reads both variables).
- :func:`fit_table`: a table whose sentence column wraps and whose other columns are
  dropped, least useful first, until the sentences get a readable width.
- :func:`human_size`: ``"14.7 KB"``, not ``"0.0 MB"``.
- :func:`quiet_library_warnings`: library warnings (NumPy ``RuntimeWarning``, pandas
  ``FutureWarning``...) are for developers; the command line does not show them.

Examples
--------
>>> human_size(14_700), human_size(512), human_size(3_400_000)
('14.7 KB', '512 bytes', '3.4 MB')
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

__all__ = [
    "Col",
    "err_console",
    "fit_columns",
    "fit_table",
    "human_size",
    "out_console",
    "quiet_library_warnings",
]

#: Width below which a sentence column is not squeezed further (columns are dropped).
SENTENCE_MIN = 44


def out_console(*, json: bool = False) -> Console:
    """The console for a command's result (stdout).

    Parameters
    ----------
    json : bool
        For JSON lines: no wrapping and no highlighting, whatever the width.
    """
    if json:
        return Console(soft_wrap=True, highlight=False, width=10_000)
    return Console()


def err_console(*, quiet: bool = False) -> Console:
    """The console for notes, progress and errors (stderr); silent with ``quiet``."""
    return Console(stderr=True, quiet=quiet)


def human_size(n_bytes: float) -> str:
    """A file size as people write it (decimal units).

    Examples
    --------
    >>> human_size(0), human_size(999), human_size(1_000), human_size(2.5e9)
    ('0 bytes', '999 bytes', '1.0 KB', '2.5 GB')
    """
    size = float(n_bytes)
    if size < 1000:
        return f"{size:.0f} bytes"
    for unit in ("KB", "MB", "GB", "TB"):
        size /= 1000
        if size < 999.95 or unit == "TB":
            return f"{size:.1f} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class Col:
    """One column of a :func:`fit_table`.

    Attributes
    ----------
    header : str
        Column header.
    justify : {"left", "right"}
        Alignment of the cells.
    drop : int
        0 for a column always shown; otherwise columns are dropped highest ``drop``
        first while the table is too wide for its sentences.
    flex : bool
        The column that wraps and takes the room left (the sentence); at most one.
    squeeze : int
        0 for a column kept on one line; otherwise it may wrap down to this width
        (a long label) before any column is dropped.
    """

    header: str
    justify: Literal["left", "right"] = "left"
    drop: int = 0
    flex: bool = False
    squeeze: int = 0


def _overhead(n_cols: int) -> int:
    """Characters a boxed table spends on borders (n + 1) and padding (2 per column)."""
    return n_cols + 1 + 2 * n_cols


def fit_columns(
    cols: Sequence[Col],
    rows: Sequence[Sequence[str]],
    width: int,
    *,
    flex_min: int = SENTENCE_MIN,
) -> list[tuple[int, int | None]]:
    """The columns to show, each with a fixed width or None (as wide as its cells).

    The flex column must get ``flex_min`` characters: squeezable columns wrap to their
    ``squeeze`` width first, then droppable columns go, highest ``drop`` first.

    Examples
    --------
    >>> cols = [Col("kind", drop=2), Col("value"), Col("sentence", flex=True)]
    >>> rows = [("move", "+11.5%", "The Russell 2000 rose 11.5% in five sessions.")]
    >>> fit_columns(cols, rows, 120), fit_columns(cols, rows, 60)
    ([(0, None), (1, None), (2, None)], [(1, None), (2, None)])
    """
    full = [
        max([cell_len(c.header), *(cell_len(str(r[i])) for r in rows)]) for i, c in enumerate(cols)
    ]
    narrow = [min(full[i], c.squeeze) if c.squeeze else full[i] for i, c in enumerate(cols)]
    keep = list(range(len(cols)))

    def fits(need: list[int]) -> bool:
        fixed = sum(need[i] for i in keep if not cols[i].flex)
        flex = flex_min if any(cols[i].flex for i in keep) else 0
        return fixed + flex + _overhead(len(keep)) <= width

    if fits(full):
        return [(i, None) for i in keep]
    while not fits(narrow):
        droppable = [i for i in keep if cols[i].drop > 0]
        if not droppable:
            break
        keep.remove(max(droppable, key=lambda i: (cols[i].drop, i)))
    return [(i, narrow[i] if narrow[i] < full[i] else None) for i in keep]


def fit_table(
    cols: Sequence[Col],
    rows: Sequence[Sequence[str]],
    *,
    width: int | None = None,
    title: str | None = None,
    caption: str | None = None,
) -> Table:
    """A rich table (returned, never printed) that fits ``width`` terminal columns.

    Columns keep their cells on one line, except the flex column (which wraps) and
    squeezed ones. With ``width`` None every column is shown at full width.
    """
    shown = (
        [(i, None) for i in range(len(cols))] if width is None else fit_columns(cols, rows, width)
    )
    table = Table(title=title, caption=caption, box=box.HEAVY_HEAD, expand=False)
    for i, fixed in shown:
        c = cols[i]
        if c.flex:
            table.add_column(c.header, justify=c.justify, overflow="fold")
        elif fixed is not None:
            table.add_column(c.header, justify=c.justify, width=fixed, overflow="fold")
        else:
            table.add_column(c.header, justify=c.justify, no_wrap=True)
    for r in rows:
        table.add_row(*(str(r[i]) for i, _ in shown))
    return table


@contextmanager
def quiet_library_warnings() -> Iterator[None]:
    """Hide Python warnings (NumPy, pandas, DuckDB...) from the person at the terminal.

    What rotascope tells a user is an exception or a note, never a warning; warnings
    are for developers, who see them in the test suite (which turns rotascope's own
    into errors) or by asking for them (``python -W default -m rotascope.cli.app``,
    ``PYTHONWARNINGS``), which this leaves alone.
    """
    if sys.warnoptions:
        yield
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield
