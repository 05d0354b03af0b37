"""``rotascope fedwatch``: the odds fed funds futures put on each coming FOMC meeting.

``rotascope fedwatch --asof 2024-09-13`` prints one row per meeting still to come (the
odds of a cut, no change and a hike, the expected move, the most likely target range
and the leaning odds a week and a month earlier), then one sentence per meeting with
its change and record. The prices come from ``rotascope data import FILE`` (columns
``date,contract,price``; see docs/fedwatch.md), the effective rate from ``DFF``. Notes
(the as-of date moved, an old effective rate) go to stderr; ``--json`` prints the whole
result as one JSON document.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from rotascope.cli import options as opt
from rotascope.cli._help import examples
from rotascope.cli.console import Col, err_console, fit_table, out_console
from rotascope.wording import basis_points, fmt_date, pct

if TYPE_CHECKING:
    from rotascope.data.port import DataSource
    from rotascope.products.fedwatch import FedWatchResult

__all__ = ["ODDS_COLUMNS", "getting_started", "odds_table", "register", "run"]

#: Columns of the odds table; on a narrow terminal the highest ``drop`` go first.
ODDS_COLUMNS: tuple[Col, ...] = (
    Col("meeting"),
    Col("cut", justify="right"),
    Col("hold", justify="right"),
    Col("hike", justify="right"),
    Col("expected", justify="right", drop=3),
    Col("most likely", drop=1),
    Col("week ago", justify="right", drop=2),
    Col("month ago", justify="right", drop=4),
)


def _odds(value: float | None) -> str:
    return "" if value is None else pct(value, digits=1)


def odds_table(result: FedWatchResult, *, width: int | None = None) -> Table:
    """A rich table of the meetings' odds (returned, never printed) that fits ``width``."""
    rows = []
    for f in result.facts:
        d = f.details
        rows.append(
            (
                fmt_date(d["meeting"]),
                _odds(d["cut"]),
                _odds(d["hold"]),
                _odds(d["hike"]),
                basis_points(d["expected_bp"], short=True, signed=True),
                f"{d['likely']}% ({_odds(d['likely_pct'])})",
                f"{d['side']} {_odds(d['week_ago'])}" if d["week_ago"] is not None else "",
                f"{d['side']} {_odds(d['month_ago'])}" if d["month_ago"] is not None else "",
            )
        )
    lo, hi = result.target
    title = (
        f"Fed funds futures as of {result.asof.session.date()}: odds for each coming FOMC "
        f"meeting (from {lo:.2f}-{hi:.2f}%, effective rate {result.rate:.2f}%)"
    )
    return fit_table(ODDS_COLUMNS, rows, width=width, title=title)


def getting_started(source: DataSource, out: Console, *, as_json: bool = False) -> None:
    """What ``fedwatch`` needs when no futures prices are stored, and what is known already:
    the last effective rate and the FOMC meetings after it
    (:func:`~rotascope.products.fedwatch.rate_state`)."""
    from rotascope.products.fedwatch import rate_state

    lines = ["No fed funds futures prices are stored yet, so there are no odds to state."]
    state = rate_state(source)
    if state.rate is not None and state.rate_date is not None:
        coming = ", ".join(fmt_date(d) for d in state.coming)
        lines.append(
            f"The effective fed funds rate (DFF) was {state.rate:.2f}% on "
            f"{fmt_date(state.rate_date)}"
            + (f"; the FOMC meetings after that: {coming}." if coming else ".")
        )
    lines.append(
        "Import prices with `rotascope data import FILE` (columns date,contract,price: "
        "one row per day and contract month; docs/fedwatch.md), then run "
        "`rotascope fedwatch` again."
    )
    if as_json:
        notes = [{"code": "no_futures", "text": " ".join(lines)}]
        doc = {"asof": None, "notes": notes, "facts": []}
        out.print(json.dumps(doc), highlight=False, soft_wrap=True, markup=False)
        return
    for line in lines:
        out.print(line, highlight=False, markup=False)


def run(
    asof: str | None,
    as_json: bool,
    out: Console,
    err: Console,
    source: DataSource | None = None,
) -> FedWatchResult | None:
    """Compute and print the odds; return the result (for tests).

    With no futures prices stored (a fresh install: the bundled dataset has none) it
    prints what it needs and the state it can already tell, and returns None.
    """
    from rotascope.data import default_source
    from rotascope.products.fedwatch import fedwatch

    src = source if source is not None else default_source()
    if src.futures().empty:
        getting_started(src, out, as_json=as_json)
        return None
    result = fedwatch(src, asof)
    for note in result.notes:
        err.print(f"[yellow]note:[/] {note.text}", highlight=False, soft_wrap=True)
    if as_json:
        out.print(result.to_json(), highlight=False, soft_wrap=True, markup=False)
        return result
    out.print(odds_table(result, width=out.width))
    for f in result.facts:
        out.print(f.text, highlight=False)
    return result


def register(app: typer.Typer) -> None:
    """Add the ``fedwatch`` command to ``app``."""

    @app.command(
        "fedwatch",
        epilog=examples(
            "rotascope data import fed_funds_futures.csv",
            "rotascope fedwatch --asof 2024-09-13",
            "rotascope fedwatch --json",
        ),
    )
    def fedwatch_command(
        asof: Annotated[
            str | None,
            opt.asof("Use the futures prices of this day, or the last before it (YYYY-MM-DD)."),
        ] = None,
        as_json: Annotated[
            bool,
            opt.json_output("Print the result as one JSON document (as-of, notes, facts)."),
        ] = False,
        quiet: Annotated[bool, opt.quiet("No notes on stderr.")] = False,
    ) -> None:
        """Rate-cut odds: what fed funds futures imply for each coming FOMC meeting."""
        run(asof, as_json, out_console(json=as_json), err_console(quiet=quiet))
