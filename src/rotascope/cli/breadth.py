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
    """Breadth facts as of a date (needs member closes and membership in the store)."""
    if ctx.invoked_subcommand is not None:
        return
    from rotascope.asof import parse_asof
    from rotascope.data import default_source
    from rotascope.kinds._breadth import universe_from
    from rotascope.kinds.breadth import breadth_facts

    err = err_console(quiet=quiet)
    out = Console()
    t0 = time.perf_counter()
    u = universe_from(default_source(), universe)
    closes, spells = u.closes, u.spells
    missing = sorted(set(spells["ticker"]) - set(closes.columns))
    facts = breadth_facts(u, parse_asof(asof))
    err.print(
        f"[dim]{closes.shape[1]} stocks with closes; {len(missing)} tickers of the membership "
        f"history have none (mostly stocks that left the index before the closes' coverage); "
        f"computed in {time.perf_counter() - t0:.1f} s[/]"
    )
    if json_out:
        for f in facts:
            out.print_json(f.to_json())
        return
    table = Table(title=f"Breadth of the {universe.upper()} as of {facts[0].asof}")
    for col in ("measure", "value", "members", "with data", "eligible", "record since"):
        table.add_column(col)
    for f in facts:
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
    for f in facts:
        out.print(f.text, highlight=False)


@breadth_app.command(
    "members",
    epilog=examples("rotascope breadth members sp500_ticker_start_end.csv --universe SP500"),
)
def members(
    path: Annotated[Path, typer.Argument(help="ticker,start_date,end_date CSV.")],
    universe: Annotated[str, opt.universe("Name to store the membership under.")] = "SP500",
) -> None:
    """Import index membership spells (replaces the universe's stored spells)."""
    from rotascope.sources.membership import read_membership
    from rotascope.store import Store
    from rotascope.store.universe import save_membership

    spells = read_membership(path)
    n = save_membership(Store(), universe, spells)
    Console().print(
        f"stored {n} membership spells of {spells['ticker'].nunique()} tickers as "
        f"{universe.upper()}; import the member closes with `rotascope data import FOLDER`"
    )


def register(app: typer.Typer) -> None:
    """Add the ``breadth`` group to the main app."""
    app.add_typer(breadth_app, name="breadth")
