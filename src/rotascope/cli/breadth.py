"""``rotascope breadth``: how many index members join a move, with coverage."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from rotascope.cli import options as opt
from rotascope.cli._help import examples
from rotascope.cli._output import print_notes
from rotascope.cli.console import err_console
from rotascope.wording import pct

__all__ = ["register"]

breadth_app = typer.Typer(
    help="Breadth of an index: members above their averages, at highs, advancing.",
    epilog=examples(
        "rotascope breadth --asof 2024-07-25",
        "rotascope breadth members sp500_ticker_start_end.csv",
    ),
    invoke_without_command=True,
    no_args_is_help=False,
    subcommand_metavar="[COMMAND [ARGS]...]",
)


@breadth_app.callback()
def breadth(
    ctx: typer.Context,
    asof: Annotated[str | None, opt.asof()] = None,
    universe: Annotated[
        str, opt.universe("Index whose membership is stored (see `breadth members`).")
    ] = "SP500",
    json_out: Annotated[bool, opt.json_output("One JSON fact per line.")] = False,
    quiet: Annotated[bool, opt.quiet("No coverage and timing note on stderr.")] = False,
) -> None:
    """Breadth facts as of a date: from the member closes and membership in the store,
    else from the S&P 500 breadth series precomputed in the bundled dataset."""
    if ctx.invoked_subcommand is not None:
        return
    from rotascope.data import default_source
    from rotascope.products.breadth import breadth as breadth_product

    err = err_console(quiet=quiet)
    out = Console()
    t0 = time.perf_counter()
    result = breadth_product(default_source(), asof, universe)
    print_notes(err, result.notes)
    err.print(f"[dim]computed in {time.perf_counter() - t0:.1f} s[/]")
    if json_out:
        for f in result.facts:
            typer.echo(f.to_json())
        return
    table = Table(title=f"Breadth of the {universe.upper()} as of {result.date}")
    for col in ("measure", "value", "members", "with data", "eligible", "record since"):
        table.add_column(col)
    for f in result.facts:
        d = f.details
        value = pct(f.value) if f.unit == "pct" else f"{d.get('highs')} / {d.get('lows')}"
        since = "" if f.record is None else str(f.record.since or "all-time")
        table.add_row(
            f.label,
            value,
            str(d["members"]),
            str(d["with_data"]),
            str(d.get("eligible", "")),
            since,
        )
    out.print(table)
    for f in result.facts:
        out.print(f.text, highlight=False)


@breadth_app.command(
    "members",
    epilog=examples("rotascope breadth members sp500_ticker_start_end.csv --universe SP500"),
)
def members(
    path: Annotated[Path, typer.Argument(help="ticker,start_date,end_date CSV.")],
    universe: Annotated[str, opt.universe("Name to store the membership under.")] = "SP500",
) -> None:
    """Import index membership spells (a shortcut for `rotascope data import FILE`)."""
    from rotascope.cli.data import _report, import_paths

    _report(import_paths([path], universe=universe), Console())
    Console().print("import the member closes with `rotascope data import FOLDER`", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the ``breadth`` group to the main app."""
    app.add_typer(breadth_app, name="breadth")
