"""``rotascope events``: list the CPI/FOMC calendar and import your own events.

Examples::

    rotascope events list --kind fomc --year 2024
    rotascope events import my_events.csv     # columns: date,kind[,label,note]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from rotascope.cli import options as opt
from rotascope.cli._help import examples
from rotascope.errors import DataError

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the ``events`` command group to ``app``."""
    group = typer.Typer(
        help="Macro event calendar (CPI, FOMC) and user events.",
        epilog=examples(
            "rotascope events list --kind fomc --year 2024",
            "rotascope events import my_events.csv",
        ),
        no_args_is_help=True,
    )
    app.add_typer(group, name="events")

    @group.command(
        "list",
        epilog=examples(
            "rotascope events list --kind fomc --year 2024",
            "rotascope events list --kind cpi --json",
        ),
    )
    def list_events(
        kind: Annotated[
            str | None, typer.Option("--kind", metavar="KIND", help="cpi, fomc or a user kind.")
        ] = None,
        year: Annotated[
            int | None, typer.Option("--year", metavar="YYYY", help="One calendar year.")
        ] = None,
        as_json: Annotated[bool, opt.json_output()] = False,
    ) -> None:
        """List event dates (bundled calendar plus imported events)."""
        from rotascope.data import default_source

        cal = default_source().events()
        if kind is not None:
            k = kind.strip().lower()
            if k not in set(cal["kind"]):
                known = ", ".join(sorted(cal["kind"].unique()))
                raise DataError(f"no events of kind {kind!r}; known kinds: {known}")
            cal = cal[cal["kind"] == k]
        if year is not None:
            cal = cal[cal["date"].dt.year == year]
        out = Console()
        if as_json:
            data = cal.assign(date=cal["date"].dt.strftime("%Y-%m-%d"))
            out.print_json(json.dumps(data.to_dict(orient="records")))
            return
        table = Table(title=f"Events ({len(cal)})")
        for col in ("date", "kind", "label", "schedule", "source", "note"):
            table.add_column(col)
        for row in cal.itertuples(index=False):
            table.add_row(
                f"{row.date:%Y-%m-%d} {row.date:%a}",
                row.kind,
                row.label,
                row.schedule,
                row.source,
                row.note,
            )
        out.print(table)

    @group.command("import", epilog=examples("rotascope events import my_events.csv"))
    def import_file(
        file: Annotated[Path, typer.Argument(help="CSV with date,kind[,label,note] columns.")],
    ) -> None:
        """Import user events (kept in the rotascope home, replacing same date+kind)."""
        from rotascope.products.imports import import_events

        n, where = import_events(file)
        Console().print(f"imported {n} events into {where}", highlight=False)
