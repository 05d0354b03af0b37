"""``rotascope valuation``: valuation level, percentile, attribution and implied return.

Commands
--------
``rotascope valuation SPX [--asof D] [--since YYYY-MM] [--file shiller.csv] [--years 20]``
    For SPX: trailing P/E and CAPE vs their history, the CAPE earnings yield vs the
    10-year yield, the return attribution since ``--since`` (default: 12 months before
    the as-of month) and the CAPE-implied 10-year real return, from Shiller's data (the
    store's newest edition, else the bundled dataset; ``--file`` imports a file first,
    like ``rotascope data import``). Valuation series imported for the symbol are
    added, with their gap to the S&P 500's series of the same metric when one is stored.
``rotascope valuation import FILE``
    A shortcut for ``rotascope data import FILE`` (a valuation CSV
    ``date,symbol,metric,value[,basis]``, see ``docs/valuation.md``, or Shiller's file).
``rotascope valuation list``
    The imported valuation series.

``--json`` prints the facts as JSON lines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import click
import pandas as pd
import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperGroup

from rotascope.asof import parse_date
from rotascope.cli import options as opt
from rotascope.cli._help import examples
from rotascope.data import DataSource, default_source
from rotascope.errors import AsOfError, DataError, UnknownSymbol
from rotascope.kinds.fact import Fact
from rotascope.kinds.valuation import shiller_facts, valuation_fact
from rotascope.kinds.valuation_gap import gap_fact
from rotascope.sources.valuation_csv import RATIO_METRICS, valuation_symbol
from rotascope.symbols import canonical, display_name

__all__ = ["register", "valuation_facts_for"]


class _DefaultShow(TyperGroup):
    """A group whose unknown first word is a symbol for the ``show`` command."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "show", self.commands["show"], args
        return super().resolve_command(ctx, args)


def _month_or_day(value: str | None, param: str) -> pd.Timestamp | None:
    """``YYYY-MM`` -> that month's end (monthly data is dated there); else a date."""
    if value is None:
        return None
    text = value.strip()
    if len(text) == 7 and text[4] == "-":
        return parse_date(text + "-01", param) + pd.offsets.MonthEnd(0)
    return parse_date(text, param)


def _upto(series: pd.Series, asof: pd.Timestamp | None) -> pd.Series:
    return series if asof is None else series.loc[:asof]


def _stored_facts(
    source: DataSource, subject: str, asof: pd.Timestamp | None, years: int
) -> tuple[list[Fact], list[str]]:
    facts: list[Fact] = []
    notes: list[str] = []
    stored = source.valuations()
    for subj, metric, basis in stored:
        if subj != subject or metric not in RATIO_METRICS:
            continue
        series = _upto(source.valuation(subj, metric, basis), asof)
        if series.empty:
            notes.append(f"{valuation_symbol(subj, metric, basis)}: no value by the as-of date")
            continue
        facts.append(
            valuation_fact(
                series,
                subject=subj,
                metric=metric,
                asof=asof,
                years=years,
                basis=basis.replace("_", " "),
            )
        )
        if subj != "SPX" and ("SPX", metric, basis) in stored:
            other = _upto(source.valuation("SPX", metric, basis), asof)
            if not other.empty and not series.align(other, join="inner")[0].empty:
                facts.append(
                    gap_fact(
                        series,
                        other,
                        subject=subj,
                        versus="SPX",
                        metric=metric,
                        asof=asof,
                        years=years,
                        basis=basis.replace("_", " "),
                    )
                )
    return facts, notes


def valuation_facts_for(
    symbol: str,
    *,
    asof: pd.Timestamp | None = None,
    since: pd.Timestamp | None = None,
    file: str | None = None,
    years: int = 20,
    daily: bool = False,
    source: DataSource | None = None,
) -> tuple[list[Fact], str]:
    """Facts that ``rotascope valuation SYMBOL`` prints, and where the data came from.

    Raises
    ------
    UnknownSymbol
        When there is no valuation data for ``symbol``.
    AsOfError
        When ``asof`` or ``since`` is outside the data.
    """
    subject = canonical(symbol)
    src = source if source is not None else default_source()
    facts: list[Fact] = []
    where = "store"
    if file is not None:  # a shortcut for `rotascope data import FILE`
        from rotascope.cli.data import import_paths

        import_paths([Path(file)])
        src = source if source is not None else default_source()
    try:
        if subject == "SPX":
            frame = src.shiller()
            where = _shiller_origin(src)
            last = frame["price"].loc[:asof].dropna() if asof is not None else frame["price"]
            if last.empty:
                raise AsOfError(
                    f"--asof {asof.date() if asof is not None else ''}: before the Shiller "
                    f"data, which starts {frame.index[0]:%Y-%m}"
                )
            if since is None:
                since = last.index[-1] - pd.DateOffset(months=12) + pd.offsets.MonthEnd(0)
            daily_price = None
            if daily:
                daily_price = _upto(src.series("SPX"), asof)
                where += " + daily SPX closes"
            facts.extend(
                shiller_facts(frame, asof=asof, since=since, years=years, daily_price=daily_price)
            )
        extra, _ = _stored_facts(src, subject, asof, years)
        facts.extend(extra)
    except ValueError as exc:  # a measure found no data before a date
        if isinstance(exc, AsOfError | DataError):
            raise
        raise AsOfError(str(exc)) from None
    if not facts:
        have = sorted({s for s, _, _ in src.valuations()} | {"SPX"})
        raise UnknownSymbol(subject, have)
    return facts, where


def _shiller_origin(data: DataSource) -> str:
    """Where Shiller's data come from, in words (file and edition when stored)."""
    inv = data.inventory()
    row = inv[inv["id"] == "shiller:PRICE"]
    if row.empty:
        return "Shiller's data, bundled dataset"
    newest = row.sort_values("edition").iloc[-1]
    return f"Shiller's data, {newest['origin']}: {newest['source']}, edition {newest['edition']}"


AsOf = Annotated[
    str | None,
    opt.asof("Use only data dated on or before this day (YYYY-MM-DD, or YYYY-MM: its end)."),
]


def register(app: typer.Typer) -> None:
    """Add the ``valuation`` command group to ``app``."""
    group = typer.Typer(
        cls=_DefaultShow,
        help="Valuation vs history, return attribution, CAPE-implied returns.",
        epilog=examples(
            "rotascope valuation SPX --asof 2024-07-31",
            "rotascope valuation import my_valuations.csv",
            "rotascope valuation list",
        ),
        no_args_is_help=True,
        subcommand_metavar="SYMBOL | COMMAND [ARGS]...",
    )
    app.add_typer(group, name="valuation")

    @group.command(
        "show",
        epilog=examples(
            "rotascope valuation SPX --asof 2024-07-31",
            "rotascope valuation show SPX --since 2023-12 --daily --json",
        ),
    )
    def show(
        symbol: Annotated[str, typer.Argument(help="SPX (Shiller data) or an imported symbol.")],
        asof: AsOf = None,
        since: Annotated[
            str | None,
            opt.since("Start of the attribution (YYYY-MM; default 12 months back)."),
        ] = None,
        file: Annotated[
            str | None, typer.Option("--file", metavar="FILE", help="Shiller ie_data CSV to use.")
        ] = None,
        years: Annotated[
            int,
            typer.Option(
                "--years", metavar="N", help="Years of history for medians and percentiles."
            ),
        ] = 20,
        daily: Annotated[
            bool,
            typer.Option(
                "--daily",
                help="Attribute with daily SPX closes at the exact dates (shows the residual "
                "against Shiller's monthly averages).",
            ),
        ] = False,
        as_json: Annotated[bool, opt.json_output("One JSON fact per line.")] = False,
    ) -> None:
        """Valuation facts for SYMBOL (also: `rotascope valuation SYMBOL ...`)."""
        t_asof = _month_or_day(asof, "--asof")
        t_since = _month_or_day(since, "--since")
        facts, source = valuation_facts_for(
            symbol, asof=t_asof, since=t_since, file=file, years=years, daily=daily
        )
        console = Console(highlight=False)  # sentences wrap at the terminal's width
        if as_json:
            for f in facts:
                typer.echo(f.to_json())
            return
        title = display_name(canonical(symbol))
        when = f" as of {t_asof.date()}" if t_asof is not None else ""
        console.print(f"[bold]{title} valuation{when}[/]  (data: {source})")
        bullets = Table.grid(padding=(0, 1))  # a hanging indent for wrapped sentences
        bullets.add_column(no_wrap=True)
        bullets.add_column()
        for f in facts:
            bullets.add_row("-", f.text)
        console.print(bullets)

    @group.command(
        "import", epilog=examples("rotascope valuation import my_valuations.csv --replace")
    )
    def import_(
        file: Annotated[str, typer.Argument(help="CSV: date,symbol,metric,value[,basis].")],
        replace: Annotated[bool, opt.replace()] = False,
    ) -> None:
        """Import a valuation CSV or Shiller's file (a shortcut for `rotascope data import`)."""
        from rotascope.cli.data import _report, import_paths

        _report(import_paths([Path(file)], replace=replace), Console())

    @group.command("list", epilog=examples("rotascope valuation list"))
    def list_() -> None:
        """List the imported valuation series."""
        rows: list[Any] = default_source().valuations()
        if not rows:
            typer.echo("no valuation series imported; use `rotascope data import FILE`")
        for subj, metric, basis in rows:
            typer.echo(valuation_symbol(subj, metric, basis))
