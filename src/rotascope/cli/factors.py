"""``rotascope factors``: factor windows, decade table and long-run pair gaps.

Commands
--------
``rotascope factors decades [--asof D] [--symbols SMB,HML]``
    compounded factor return per calendar decade (current decade marked partial).
``rotascope factors show SMB [--window 10y ...] [--asof D] [--top N]``
    window facts with their ranks, the distinct worst/best periods, the drawdown.
``rotascope factors pair IWM SPY [--window 10y] [--asof D]``
    total-return gap of a pair over long windows, ranked (on closes, and said so, when
    a series has no total return, e.g. a price index such as RUT).

Every command prints what the factor kinds state (:mod:`rotascope.kinds.factor`,
:mod:`rotascope.kinds.factor_decade`, :mod:`rotascope.kinds.long_run`); ``--json``
prints the facts (or the table) as JSON instead.
"""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from rotascope import data
from rotascope.cli import options as opt
from rotascope.cli._help import examples
from rotascope.cli._output import pct_cell, print_facts_json, print_notes, print_texts
from rotascope.cli.console import err_console
from rotascope.products.factors import factor_decades, factor_pair, factors

__all__ = ["register"]

AsOf = Annotated[str | None, opt.asof()]
Json = Annotated[bool, opt.json_output("Print JSON instead of text.")]
Quiet = Annotated[bool, opt.quiet()]
Windows = Annotated[
    list[str] | None, opt.window("Window in years, e.g. 10y (repeat).", metavar="Ny")
]


def decades_table(frame: pd.DataFrame) -> Table:
    """Rich table of :func:`~rotascope.kinds.factor_decade.decade_frame` (no printing)."""
    cols = [c for c in frame.columns if c not in ("partial", "through")]
    table = Table(title="Factor returns by calendar decade (compounded daily returns)")
    partial = frame[frame["partial"].astype(bool)]
    if not partial.empty:
        table.caption = "* partial: the decade is not over; data to " + ", ".join(
            f"{d:%Y-%m-%d}" for d in partial["through"]
        )
    table.add_column("decade")
    for c in cols:
        table.add_column(c, justify="right")
    for label, row in frame.iterrows():
        name = f"{label}*" if row["partial"] else str(label)
        table.add_row(name, *[pct_cell(row[c]) for c in cols])
    return table


def _periods_table(title: str, periods: list[dict]) -> Table:
    table = Table(title=title)
    for name in ("start", "end"):
        table.add_column(name)
    table.add_column("return", justify="right")
    for p in periods:  # values in percent
        table.add_row(str(p["start"]), str(p["end"]), pct_cell(p["value"] / 100.0))
    return table


def register(app: typer.Typer) -> None:
    """Add the ``factors`` command group to ``app``."""
    group = typer.Typer(
        help="Fama-French factors over a century, and long-run pair gaps.",
        epilog=examples(
            "rotascope factors decades",
            "rotascope factors show SMB --window 10y",
            "rotascope factors pair IWM SPY --window 10y",
        ),
        no_args_is_help=True,
    )
    app.add_typer(group, name="factors")

    @group.command(
        "decades", epilog=examples("rotascope factors decades --symbols SMB,HML --asof 2024-03-28")
    )
    def decades(
        asof: AsOf = None,
        symbols: Annotated[
            str | None,
            typer.Option(
                "--symbols",
                metavar="SMB,HML",
                help="Comma-separated factors (default: all loaded).",
            ),
        ] = None,
        as_json: Json = False,
        quiet: Quiet = False,
    ) -> None:
        """Compounded factor return per calendar decade, 1930s to now."""
        syms = None if symbols is None else tuple(symbols.split(","))
        result = factor_decades(data.default_source(), syms, asof)
        print_notes(err_console(quiet=quiet), result.notes)
        frame = result.frame
        out = Console()
        if as_json:
            table = frame.copy()
            table["through"] = table["through"].map(lambda d: f"{d:%Y-%m-%d}")
            out.print_json(table.reset_index().to_json(orient="records"))
            return
        out.print(decades_table(frame))

    @group.command(
        "show",
        epilog=examples(
            "rotascope factors show SMB",
            "rotascope factors show HML --window 10y --asof 2024-03-28 --top 3",
        ),
    )
    def show(
        symbol: Annotated[str, typer.Argument(help="Factor symbol: SMB, HML, RMW, CMA, MOM.")],
        window: Windows = None,
        asof: AsOf = None,
        top: Annotated[int, opt.top("Worst and best periods to list.")] = 5,
        as_json: Json = False,
        quiet: Quiet = False,
    ) -> None:
        """Window returns with their ranks since the series began, and the drawdown."""
        wins = tuple(window) if window else ("1y", "3y", "5y", "10y")
        result = factors(data.default_source(), symbol, asof, wins, top=top)
        print_notes(err_console(quiet=quiet), result.notes)
        facts = result.facts
        out = Console()
        if as_json:
            print_facts_json(out, facts)
            return
        print_texts(out, facts)
        for f in facts:
            if "worst_periods" in f.details:
                out.print(_periods_table(f"{f.subject} {f.window}: worst periods",
                                         f.details["worst_periods"]))  # fmt: skip
                out.print(_periods_table(f"{f.subject} {f.window}: best periods",
                                         f.details["best_periods"]))  # fmt: skip

    @group.command(
        "pair",
        epilog=examples(
            "rotascope factors pair IWM SPY --window 10y",
            "rotascope factors pair RUT SPX --window 10y --window 20y --json",
        ),
    )
    def pair(
        subject: Annotated[str, typer.Argument(help="First series, e.g. IWM.")],
        versus: Annotated[str, typer.Argument(help="Second series, e.g. SPY.")],
        window: Windows = None,
        asof: AsOf = None,
        as_json: Json = False,
        quiet: Quiet = False,
    ) -> None:
        """Return gap of a pair over long windows (total return where both have it), ranked."""
        wins = tuple(window) if window else ("10y",)
        result = factor_pair(data.default_source(), subject, versus, wins, asof)
        print_notes(err_console(quiet=quiet), result.notes)
        facts = result.facts
        out = Console()
        if as_json:
            print_facts_json(out, facts)
            return
        print_texts(out, facts)
