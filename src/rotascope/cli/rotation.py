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

from rotascope.cli._output import record_cells
from rotascope.kinds.fact import Fact

__all__ = ["dashboard_table", "register", "run"]

_PIPE_WIDTH = 200


def dashboard_table(facts: Sequence[Fact], title: str | None = None) -> Table:
    """A rich table of dashboard facts (returned, never printed).

    Columns: pair, window, spread, record since, rank, sentence.
    """
    from rotascope.cli.facts import format_value

    table = Table(title=title, expand=False)
    table.add_column("pair", no_wrap=True)
    table.add_column("window", justify="right", no_wrap=True)
    table.add_column("spread", justify="right", no_wrap=True)
    table.add_column("record since", no_wrap=True)
    table.add_column("rank", justify="right", no_wrap=True)
    table.add_column("sentence", ratio=1, min_width=60)
    for f in facts:
        since, rank = record_cells(f)
        window = "" if f.window is None else str(f.window)
        table.add_row(f.label, window, format_value(f), since, rank, f.text)
    return table


def run(asof: str | None, window: int, as_json: bool, out: Console, err: Console) -> list[Fact]:
    """Build and print the dashboard; return its facts (for tests)."""
    from rotascope.asof import parse_asof
    from rotascope.data import default_source
    from rotascope.products.rotation import build_dashboard

    board = build_dashboard(default_source(), parse_asof(asof), window)
    for line in board.skipped:
        err.print(f"[yellow]note:[/] skipped {line}", highlight=False, soft_wrap=True)
    for f in board.facts:
        if f.details.get("stale"):
            err.print(
                f"[yellow]note:[/] {f.label}: data end on {f.asof.isoformat()}, before "
                f"{board.asof.isoformat()}",
                highlight=False,
                soft_wrap=True,
            )
    if as_json:
        for f in board.facts:
            out.print(f.to_json(), highlight=False, soft_wrap=True, markup=False)
    else:
        title = (
            f"Rotation dashboard: {board.window}-session windows to {board.asof.isoformat()} "
            "(total return where available; most unusual first)"
        )
        out.print(dashboard_table(board.facts, title=title))
    return board.facts


def register(app: typer.Typer) -> None:
    """Add the ``rotation`` command to ``app``."""

    @app.command("rotation")
    def rotation_command(
        asof: Annotated[
            str | None, typer.Option("--asof", help="Windows end on this date (YYYY-MM-DD).")
        ] = None,
        window: Annotated[
            int, typer.Option("--window", "-w", min=1, help="Sessions per window.")
        ] = 21,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON fact per line.")] = False,
    ) -> None:
        """Size, style, equal-weight, quality and momentum spreads with their records."""
        out = Console()
        if as_json or not out.is_terminal:
            out = Console(width=10_000 if as_json else _PIPE_WIDTH)
        run(asof, window, as_json, out, Console(stderr=True))
