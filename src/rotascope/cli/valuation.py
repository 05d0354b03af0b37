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
import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperGroup

from rotascope import data
from rotascope.cli import options as opt
from rotascope.cli._help import examples
from rotascope.cli._output import print_notes
from rotascope.cli.console import err_console
from rotascope.data.port import DataSource
from rotascope.products.valuation import ValuationResult, valuation_name
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


def valuation_facts_for(
    symbol: str,
    *,
    asof: str | None = None,
    since: str | None = None,
    file: str | None = None,
    years: int = 20,
    daily: bool = False,
    source: DataSource | None = None,
) -> ValuationResult:
    """What ``rotascope valuation SYMBOL`` prints (:func:`rotascope.products.valuation.
    valuation`), with Shiller's data from ``file`` when one is named.

    Raises
    ------
    UnknownSymbol
        When there is no valuation data for ``symbol``.
    AsOfError
        When ``asof`` or ``since`` is outside the data.
    """
    from rotascope.products.valuation import valuation

    if file is not None:  # a shortcut for `rotascope data import FILE`
        from rotascope.cli.data import import_paths

        import_paths([Path(file)])
    src = source if source is not None else data.default_source()
    return valuation(src, symbol, asof, since, years=years, daily=daily)


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
        quiet: Annotated[bool, opt.quiet()] = False,
    ) -> None:
        """Valuation facts for SYMBOL (also: `rotascope valuation SYMBOL ...`)."""
        result = valuation_facts_for(
            symbol, asof=asof, since=since, file=file, years=years, daily=daily
        )
        print_notes(err_console(quiet=quiet), result.notes)
        facts = result.facts
        console = Console(highlight=False)  # sentences wrap at the terminal's width
        if as_json:
            for f in facts:
                typer.echo(f.to_json())
            return
        title = display_name(canonical(symbol))
        when = f" as of {result.asof.session.date()}" if asof is not None else ""
        console.print(f"[bold]{title} valuation{when}[/]  (data: {result.where})")
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
        rows: list[Any] = data.default_source().valuations()
        if not rows:
            typer.echo("no valuation series imported; use `rotascope data import FILE`")
        for subj, metric, basis in rows:
            typer.echo(valuation_name(subj, metric, basis))
