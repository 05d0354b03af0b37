"""``rotascope facts``: the facts about a series (and pairs) as of a date.

``rotascope facts RUT --versus SPX --asof 2024-07-16`` prints a table (kind, window,
value, record since, rank, sentence); ``--json`` prints one fact per line instead.
Windows are sessions (``-w 5``) or calendar years (``-w 10y``): ``rotascope facts SMB
--window 10y`` gives the factor's ten-year return ranked since 1926, and year windows
on a pair (``IWM --versus SPY -w 10y``) the long-run total-return gap. Streak,
catalyst and rates context is included unless ``--no-context``.
Notes go to stderr: which data source was used (e.g. the bundled dataset) and when
the as-of date was moved to the previous session.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from rotascope.cli._output import record_cells
from rotascope.facts.fact import Fact
from rotascope.facts.text import pct
from rotascope.symbols import canonical

__all__ = ["facts_table", "format_value", "register"]

#: Width of the table when the output is not a terminal (a file or a pipe).
_PIPE_WIDTH = 200


def format_value(fact: Fact) -> str:
    """A fact's value for a table cell ("+11.5%", "+9.9 pp", "0.3994", "+25 bp").

    Examples
    --------
    >>> import datetime as dt
    >>> f = Fact(kind="move", subject="RUT", asof=dt.date(2024, 7, 16), value=0.1154,
    ...          unit="pct", text="")
    >>> format_value(f)
    '+11.5%'
    """
    v = fact.value
    if v is None or not math.isfinite(v):
        return "n/a"
    if fact.unit == "pct":
        return pct(v, signed=True)
    if fact.unit == "pp":
        return pct(v, signed=True).replace("%", " pp")
    if fact.unit == "bp":
        return f"{v:+.0f} bp"
    if fact.unit == "ratio":
        return f"{v:.4f}"
    return f"{v:,.4g}"


def _series_label(fact: Fact) -> str:
    return f"{fact.subject}/{fact.versus}" if fact.versus else fact.subject


def facts_table(facts: Sequence[Fact], title: str | None = None) -> Table:
    """A rich table of facts (returned, never printed).

    Columns: kind, series, window, value, record since, rank, sentence.
    """
    table = Table(title=title, show_lines=False, expand=False)
    table.add_column("kind", no_wrap=True)
    table.add_column("series", no_wrap=True)
    table.add_column("window", justify="right", no_wrap=True)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("record since", no_wrap=True)
    table.add_column("rank", justify="right", no_wrap=True)
    table.add_column("sentence", ratio=1, min_width=60)
    for f in facts:
        since, rank = record_cells(f)
        window = "" if f.window is None else str(f.window)
        table.add_row(f.kind, _series_label(f), window, format_value(f), since, rank, f.text)
    return table


def _notes(facts: Sequence[Fact], symbols: Sequence[str]) -> list[str]:
    notes: list[str] = []
    try:
        from rotascope import catalog
    except ImportError:
        notes.append("using the bundled dataset (no local store)")
        catalog = None
    source_of = getattr(catalog, "source_of", None) if catalog is not None else None
    if source_of is not None:
        for sym in symbols:
            try:
                src = source_of(sym)
            except Exception:
                continue
            if src is not None and "bundled" in str(src).lower():
                notes.append(f"{sym}: using the bundled dataset (not in the local store)")
    moved: dict[tuple[str, str], str] = {}
    for f in facts:
        req = f.details.get("asof_requested")
        if req and req != f.asof.isoformat():
            moved.setdefault((req, f.asof.isoformat()), _series_label(f))
    for (req, used), who in moved.items():
        notes.append(f"asof {req}: no {who} session that day; using the one before, {used}")
    for f in facts:
        fb = f.details.get("basis_fallback")
        if fb and fb not in notes:
            notes.append(str(fb))
    return notes


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
) -> list[Fact]:
    """Compute and print the facts; return them (for tests).

    Raises
    ------
    WindowError
        A window that is neither sessions (``5``) nor years (``10y``).
    """
    from rotascope.facts.engine import DEFAULT_WINDOWS, facts
    from rotascope.facts.series import split_windows

    if basis not in ("price", "total_return"):
        raise typer.BadParameter("use price or total_return", param_hint="--basis")
    split_windows(windows)  # a bad window fails before any data is loaded
    result = facts(
        subject,
        versus=list(versus) or None,
        asof=asof,
        windows=tuple(windows) or DEFAULT_WINDOWS,
        basis=basis,  # type: ignore[arg-type]
        context=context,
    )
    symbols = [canonical(subject), *[canonical(v) for v in versus]]
    for note in _notes(result, symbols):
        err.print(f"[yellow]note:[/] {note}", highlight=False, soft_wrap=True)
    if as_json:
        for f in result:
            out.print(f.to_json(), highlight=False, soft_wrap=True, markup=False)
    else:
        asof_used = result[0].asof.isoformat() if result else "n/a"
        shown = "compounded factor returns" if _is_factor(subject) else basis
        title = f"Facts for {' vs '.join(symbols)} as of {asof_used} ({shown})"
        out.print(facts_table(result, title=title))
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

    @app.command("facts")
    def facts_command(
        subject: Annotated[str, typer.Argument(help="Symbol, e.g. RUT.")],
        versus: Annotated[
            list[str] | None,
            typer.Option("--versus", "-v", help="Compare with this symbol (repeat)."),
        ] = None,
        asof: Annotated[
            str | None, typer.Option("--asof", help="Use data up to this date (YYYY-MM-DD).")
        ] = None,
        window: Annotated[
            list[str] | None,
            typer.Option(
                "--window",
                "-w",
                help="Window in sessions (5) or years (10y; factors such as SMB, or pairs); "
                "repeat. Default 1 5 21 63 252 (factors: 1y 3y 5y 10y).",
            ),
        ] = None,
        basis: Annotated[
            str, typer.Option("--basis", help="price (close) or total_return (adjusted close).")
        ] = "price",
        as_json: Annotated[bool, typer.Option("--json", help="One JSON fact per line.")] = False,
        context: Annotated[
            bool,
            typer.Option(
                "--context/--no-context", help="Streak, catalyst and rates facts (default on)."
            ),
        ] = True,
    ) -> None:
        """Moves, records, spreads, ratios, drawdowns and periods, with sentences."""
        out = Console()
        if as_json or not out.is_terminal:
            out = Console(width=10_000 if as_json else _PIPE_WIDTH)
        err = Console(stderr=True)
        run(subject, versus or [], asof, window or [], basis, as_json, out, err, context)
