"""``rotascope facts``: the facts about a series (and pairs) as of a date.

``rotascope facts RUT --versus SPX --asof 2024-07-16`` prints a table (kind, window,
value, record since, rank, sentence); ``--json`` prints one fact per line instead.
``--since D`` (or ``--from D --to D``) adds the return over that span, against each
``--versus`` over the same sessions.
Windows are sessions (``-w 5``) or calendar years (``-w 10y``): ``rotascope facts SMB
--window 10y`` gives the factor's ten-year return ranked since 1926, and year windows
on a pair (``IWM --versus SPY -w 10y``) the long-run total-return gap. Streak,
catalyst and rates context is included unless ``--no-context``.
Stderr says which data were used (e.g. the bundled dataset) and prints the result's
notes (the as-of date moved to the session before, stale data, basis fallback, sessions
a pair lacks, a pair with no pair facts and why), each once, as every front end does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from rotascope.cli import options as opt
from rotascope.cli._help import examples
from rotascope.cli._output import print_notes, record_cells
from rotascope.cli.console import Col, err_console, fit_table, out_console
from rotascope.kinds.fact import Fact
from rotascope.symbols import canonical
from rotascope.wording import format_value as _format

if TYPE_CHECKING:
    from rotascope.data.port import DataSource
    from rotascope.kinds.factset import FactSet

__all__ = ["FACT_COLUMNS", "facts_table", "format_value", "register"]


def format_value(fact: Fact) -> str:
    """A fact's value for a table cell ("+11.5%", "+9.9 pp", "0.3994", "+25 bp").

    Examples
    --------
    >>> import datetime as dt
    >>> f = Fact(kind="move", subject="RUT", asof=dt.date(2024, 7, 16), value=11.54,
    ...          unit="pct", text="")
    >>> format_value(f)
    '+11.5%'
    """
    return _format(fact.value, fact.unit)


def _series_label(fact: Fact) -> str:
    return f"{fact.subject}/{fact.versus}" if fact.versus else fact.subject


#: Columns of the facts table; when the terminal is narrow the ones with the highest
#: ``drop`` go first (the sentence says since when and over which window).
FACT_COLUMNS: tuple[Col, ...] = (
    Col("kind", drop=4),
    Col("series", drop=1),
    Col("window", justify="right", drop=2),
    Col("value", justify="right"),
    Col("record since", drop=5),
    Col("rank", justify="right", drop=3),
    Col("sentence", flex=True),
)


def facts_table(
    facts: Sequence[Fact], title: str | None = None, *, width: int | None = None
) -> Table:
    """A rich table of facts (returned, never printed) that fits ``width`` columns.

    Columns: kind, series, window, value, record since, rank, sentence; on a narrow
    terminal the record date, kind, rank and window columns are left out in that order
    (the sentence still says them) and the sentences wrap.
    """
    rows = []
    for f in facts:
        since, rank = record_cells(f)
        window = "" if f.window is None else str(f.window)
        rows.append((f.kind, _series_label(f), window, format_value(f), since, rank, f.text))
    return fit_table(FACT_COLUMNS, rows, width=width, title=title)


def run(
    subject: str,
    versus: Sequence[str],
    asof: str | None,
    windows: Sequence[int | str],
    basis: str,
    as_json: bool,
    out: Console,
    err: Console,
    context: bool = True,
    source: DataSource | None = None,
    since: str | None = None,
    from_: str | None = None,
    to: str | None = None,
) -> FactSet:
    """Compute and print the facts (:func:`rotascope.products.facts.facts`); return them.

    Stderr gets where the data came from and the result's notes; stdout the table, or
    one JSON fact per line.

    ``since`` (or ``from_`` and ``to``) names a span: the subject's return over it,
    against each ``versus`` (``--to`` without ``--asof`` is the as-of date too).

    Raises
    ------
    WindowError
        A window that is neither sessions (``5``) nor years (``10y``).
    """
    from rotascope.data import default_source
    from rotascope.products.facts import facts
    from rotascope.products.origin import data_origin

    if basis not in ("price", "total_return"):
        raise typer.BadParameter("use price or total_return", param_hint="--basis")
    src = source if source is not None else default_source()
    result = facts(
        src, subject, list(versus) or None, asof, tuple(windows) or None, basis,  # type: ignore[arg-type]
        context=context, since=since, from_=from_, to=to,
    )  # fmt: skip
    symbols = [canonical(subject), *[canonical(v) for v in versus]]
    asof_used = result.asof.session.date().isoformat()
    err.print(f"data: {data_origin(src, symbols)}; as of {asof_used}", highlight=False)
    print_notes(err, result.notes)
    if as_json:
        for f in result:
            out.print(f.to_json(), highlight=False, soft_wrap=True, markup=False)
    else:
        used = {f.basis for f in result}  # "price" when every series fell back to closes
        shown = basis if basis in used or not used else " and ".join(sorted(used))
        shown = "compounded factor returns" if _is_factor(subject) else shown
        title = f"Facts for {' vs '.join(symbols)} as of {asof_used} ({shown})"
        out.print(facts_table(result, title=title, width=out.width))
    return result


def _is_factor(subject: str) -> bool:
    from rotascope.data import default_source
    from rotascope.errors import UnknownSymbol
    from rotascope.symbols import info

    try:  # the data say what a short name means (CMA: the factor ff5:CMA, or a stock)
        return info(default_source().resolve(subject)).unit == "pct_return"
    except UnknownSymbol:
        return info(canonical(subject)).unit == "pct_return"


def register(app: typer.Typer) -> None:
    """Add the ``facts`` command to ``app``."""

    @app.command(
        "facts",
        epilog=examples(
            "rotascope facts RUT --versus SPX --asof 2024-07-16",
            "rotascope facts IWM -v SPY --basis total_return -w 5 -w 21",
            "rotascope facts SMB --window 10y",
            "rotascope facts RUT --versus SPX --since 2023-07-31",
            "rotascope facts RUT --versus SPX --from 2023-10-27 --to 2023-12-22",
            "rotascope facts RUT --json",
        ),
    )
    def facts_command(
        subject: Annotated[str, typer.Argument(help="The series, e.g. RUT.")],
        versus: Annotated[
            list[str] | None, opt.versus("Compare with this series (a pair); repeat for several.")
        ] = None,
        asof: Annotated[str | None, opt.asof()] = None,
        window: Annotated[
            list[str] | None,
            opt.window(
                "Window in sessions (5) or years (10y; factors such as SMB, or pairs); "
                "repeat. Default 1 5 21 63 252 (factors: 1y 3y 5y 10y)."
            ),
        ] = None,
        basis: Annotated[str, opt.basis()] = "price",
        as_json: Annotated[bool, opt.json_output("One JSON fact per line.")] = False,
        context: Annotated[
            bool,
            typer.Option(
                "--context/--no-context", help="Streak, catalyst and rates facts (default on)."
            ),
        ] = True,
        since: Annotated[
            str | None, opt.since("Start of a span: the return since this date, vs each pair.")
        ] = None,
        from_: Annotated[
            str | None, opt.date_from("First date of a span (with --to): the return between.")
        ] = None,
        to: Annotated[
            str | None, opt.date_to("Last date of a span (default the as-of date).")
        ] = None,
        quiet: Annotated[bool, opt.quiet()] = False,
    ) -> None:
        """Moves, records, spreads, ratios, drawdowns, levels, thresholds and spans."""
        out = out_console(json=as_json)
        err = err_console(quiet=quiet)
        run(
            subject, versus or [], asof, window or [], basis, as_json, out, err, context,
            since=since, from_=from_, to=to,
        )  # fmt: skip
