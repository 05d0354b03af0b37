"""``rotascope rotation``: the rotation dashboard as of a date.

``rotascope rotation --asof 2024-07-16`` prints one row per gauge (small vs large,
value vs growth, small value vs large growth, equal vs cap weight, quality, momentum,
size and value factors): the window's spread or factor return, how far back its
record reaches, its rank among all windows of that length, and the sentence; the
most unusual first. ``--json`` prints one fact per line instead. Gauges whose data are
missing, and rows whose data end before the date, are noted on stderr.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from rotascope.cli import options as opt
from rotascope.cli._help import examples
from rotascope.cli._output import print_notes, record_cells
from rotascope.cli.console import Col, err_console, fit_table, out_console
from rotascope.kinds.fact import Fact

__all__ = ["DASHBOARD_COLUMNS", "dashboard_table", "register", "run"]

#: Columns of the dashboard; on a narrow terminal the pair wraps, then the highest
#: ``drop`` go first (every row has the title's window; the sentence says since when).
DASHBOARD_COLUMNS: tuple[Col, ...] = (
    Col("pair", squeeze=16),
    Col("window", justify="right", drop=3),
    Col("spread", justify="right"),
    Col("record since", drop=2),
    Col("rank", justify="right", drop=1),
    Col("sentence", flex=True),
)


def dashboard_table(
    facts: Sequence[Fact], title: str | None = None, *, width: int | None = None
) -> Table:
    """A rich table of dashboard facts (returned, never printed) that fits ``width``.

    Columns: pair, window, spread, record since, rank, sentence; on a narrow terminal
    the pair wraps, then the window, record date and rank columns are left out in that
    order.
    """
    from rotascope.cli.facts import format_value

    rows = []
    for f in facts:
        since, rank = record_cells(f)
        window = "" if f.window is None else str(f.window)
        rows.append((f.label, window, format_value(f), since, rank, f.text))
    return fit_table(DASHBOARD_COLUMNS, rows, width=width, title=title)


def run(asof: str | None, window: int, as_json: bool, out: Console, err: Console) -> list[Fact]:
    """Build and print the dashboard (:func:`rotascope.products.rotation.rotation`);
    return its facts (for tests). Its notes (gauges skipped, rows whose data end before
    the date) go to stderr."""
    from rotascope.data import default_source
    from rotascope.products.rotation import rotation

    board = rotation(default_source(), asof, window)
    print_notes(err, board.notes)
    if as_json:
        for f in board.facts:
            out.print(f.to_json(), highlight=False, soft_wrap=True, markup=False)
    else:
        title = (
            f"Rotation dashboard: {board.window}-session windows to {board.date.isoformat()} "
            "(total return where available; most unusual first)"
        )
        out.print(dashboard_table(board.facts, title=title, width=out.width))
    return board.facts


def register(app: typer.Typer) -> None:
    """Add the ``rotation`` command to ``app``."""

    @app.command(
        "rotation",
        epilog=examples(
            "rotascope rotation --asof 2024-07-16",
            "rotascope rotation --window 5 --json",
        ),
    )
    def rotation_command(
        asof: Annotated[str | None, opt.asof("Windows end on this day (YYYY-MM-DD).")] = None,
        window: Annotated[
            int, opt.window("Sessions per window (default 21, about a month).", metavar="N")
        ] = 21,
        as_json: Annotated[bool, opt.json_output("One JSON fact per line.")] = False,
        quiet: Annotated[bool, opt.quiet()] = False,
    ) -> None:
        """Size, style, equal-weight, quality and momentum spreads with their records."""
        if window < 1:
            raise typer.BadParameter("give a number of sessions, 1 or more", param_hint="--window")
        run(asof, window, as_json, out_console(json=as_json), err_console(quiet=quiet))
