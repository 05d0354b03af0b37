"""Kind ``round_number``: a close that crosses a round number, for the first time or
the first time in a while.

"The S&P 500 closed above 5,000 for the first time on Feb 9, 2024, at 5,026.61." Round
numbers are multiples of :func:`~rotascope.measures.thresholds.default_step` (500 for
the S&P 500 near 5,000, 0.5 for a 4% yield), crossed from the previous close
(:func:`~rotascope.measures.thresholds.round_number_crossings`). Told when it is the
first time, or when the close was last on the other side at least four weeks before
(a level crossed back and forth is no news). Price indexes and yields only.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("round_number", "SPX", dt.date(2024, 2, 9), 5000.0, "level", "",
...               details={"direction": "up", "first_time": True, "close": 5026.61}))
'The S&P 500 closed above 5,000 for the first time on Feb 9, 2024, at 5,026.61.'
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.phrases import as_date, far_back
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.thresholds import round_number_crossings
from rotascope.symbols import info
from rotascope.wording import fmt_date, long_month, number, the_name, yield_level

__all__ = ["KIND", "build", "headline", "template"]


def _level(value: float, is_yield: bool) -> str:
    if is_yield:
        return yield_level(value)
    return number(value, digits=0) if float(value).is_integer() else number(value)


def _main(f: Fact) -> str:
    d = f.details
    side = "above" if d.get("direction") == "up" else "below"
    level = _level(f.value, bool(d.get("yield")))
    return f"{the_name(f.subject, start=True)} closed {side} {level}"


def template(f: Fact) -> str:
    """The sentence of a ``round_number`` fact."""
    d = f.details
    close = _level(d["close"], bool(d.get("yield"))) if d.get("yield") else number(d["close"])
    if d.get("first_time"):
        return f"{_main(f)} for the first time on {fmt_date(f.asof)}, at {close}."
    return (
        f"{_main(f)} on {fmt_date(f.asof)}, at {close}, for the first time since "
        f"{fmt_date(d['since'])}."
    )


def headline(f: Fact) -> str:
    """The headline when a round number leads the story."""
    d = f.details
    if d.get("first_time"):
        return f"{_main(f)} for the first time"
    return f"{_main(f)} for the first time since {long_month(d['since'])}"


def reach_from(f: Fact) -> dt.date | None:
    """The news reaches back to the last close on the other side (the first time: to the
    start of the history)."""
    d = f.details
    since = d.get("since") or d.get("history_start")
    return None if not since else as_date(since)


def build(ctx: Context) -> list[Fact]:
    """The round number crossed on ``ctx.day`` nearest the close, when it is news."""
    data, day = ctx.data, ctx.day
    sym = info(data.symbol)
    if not (sym.price_index or data.is_yield) or day not in data.values.index:
        return []
    hits = round_number_crossings(data.values.loc[:day])
    for c in hits:
        since = None if pd.isna(c.since) else c.since.date()
        if not (c.first_time or far_back(since, day)):
            continue
        return [
            make(
                "round_number",
                subject=data.symbol,
                asof=day.date(),
                value=float(c.level),
                basis=data.basis,
                label=f"round number crossed {c.direction}",
                details={
                    "direction": c.direction,
                    "first_time": bool(c.first_time),
                    "since": None if since is None else since.isoformat(),
                    "close": float(data.values.loc[day]),
                    "yield": data.is_yield,
                    "history_start": data.first.date().isoformat(),
                },
            )
        ]
    return []


KIND = register(
    Kind(
        "round_number",
        "level",
        template,
        build,
        "A close across a round number, for the first time or the first in a while.",
        scope="series",
        order=45,
        may_lead=True,
        headline=headline,
        reach_from=reach_from,
        recent=True,
    )
)
