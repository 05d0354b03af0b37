"""Kind ``threshold``: a close that crosses into a correction (10%) or a bear market (20%).

"The S&P 500 closed in a bear market on Jun 13, 2022, 21.8% below its Jan 3, 2022 record
close (4,796.56), its first close 20% below a record since Mar 12, 2020." The rule is
:func:`~rotascope.measures.thresholds.drawdown_thresholds`: a level is crossed on the
first close of a drawdown episode at least that far below the running all-time high.
When both lines are crossed the same day, the deeper one is told. The news reaches back
to the previous crossing of the same line (a score hint), and its rarity is the odds of
such a crossing: sessions of history per crossing. Index and ETF prices only.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> f = Fact("threshold", "SPX", dt.date(2022, 6, 13), -21.8, "pct", "",
...          details={"level_pct": 20, "peak_date": "2022-01-03", "peak_value": 4796.56,
...                   "previous_crossing": "2020-03-12"})
>>> template(f)
'The S&P 500 closed in a bear market on Jun 13, 2022, 21.8% below its Jan 3, 2022 record close (4,796.56), its first close 20% below a record since Mar 12, 2020.'
>>> headline(f)
'The S&P 500 closed in a bear market, 21.8% below its January 2022 record'
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import math

from rotascope.kinds._measures import threshold_table
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.phrases import as_date
from rotascope.kinds.registry import Kind, make, register
from rotascope.symbols import info
from rotascope.wording import fmt_date, fmt_month, long_month, number, pct, the_name

__all__ = ["KIND", "LEVELS", "build", "headline", "template"]

#: Lines crossed, deepest first: percent below the record, and what it is called.
LEVELS: tuple[tuple[int, str], ...] = ((20, "a bear market"), (10, "a correction"))


def _what(f: Fact) -> str:
    return dict(LEVELS).get(int(f.details.get("level_pct", 10)), "a correction")


def template(f: Fact) -> str:
    """The sentence of a ``threshold`` fact."""
    d = f.details
    level = int(d.get("level_pct", 10))
    text = (
        f"{the_name(f.subject, start=True)} closed in {_what(f)} on {fmt_date(f.asof)}, "
        f"{pct(abs(f.value))} below its {fmt_date(d['peak_date'])} record close "
        f"({number(d.get('peak_value'))})"
    )
    prev = d.get("previous_crossing")
    if prev:
        text += f", its first close {level}% below a record since {fmt_date(prev)}"
    elif d.get("history_start"):
        text += f", its first such close on record (since {fmt_month(d['history_start'])})"
    return text + "."


def headline(f: Fact) -> str:
    """The headline when a threshold leads the story."""
    return (
        f"{the_name(f.subject, start=True)} closed in {_what(f)}, {pct(abs(f.value))} below "
        f"its {long_month(f.details['peak_date'])} record"
    )


def reach_from(f: Fact) -> dt.date | None:
    """The news reaches back to the previous crossing of the same line (or to the start
    of the history)."""
    d = f.details
    prev = d.get("previous_crossing") or d.get("history_start")
    return None if not prev else as_date(prev)


def rarity(f: Fact) -> float | None:
    """``log10(sessions / crossings)``: how rare a crossing of this line is."""
    n, sessions = f.details.get("crossings"), f.details.get("sessions")
    if not n or not sessions:
        return None
    return math.log10(sessions / n)


def build(ctx: Context) -> list[Fact]:
    """The deepest line crossed on ``ctx.day``, if any."""
    data, day = ctx.data, ctx.day
    if info(data.symbol).unit != "price" or day not in data.values.index:
        return []
    table = threshold_table(ctx.memo, data)
    row = table.loc[day]
    for level, _ in LEVELS:
        column = f"crossed_{level}"
        if not bool(row[column]):
            continue
        hits = table.index[table[column].to_numpy() & (table.index <= day)]
        earlier = hits[hits < day]
        pos = int(table.index.get_loc(day))
        return [
            make(
                "threshold",
                subject=data.symbol,
                asof=day.date(),
                value=float(row["drawdown"]) * 100.0,
                start=row["peak_date"].date(),
                basis=data.basis,
                label=f"{level}% below the record",
                details={
                    "level_pct": level,
                    "peak_date": row["peak_date"].date().isoformat(),
                    "peak_value": float(row["peak_value"]),
                    "close": float(data.values.loc[day]),
                    "previous_crossing": (earlier[-1].date().isoformat() if len(earlier) else None),
                    "crossings": len(hits),
                    "sessions": pos + 1,
                    "history_start": data.first.date().isoformat(),
                },
            )
        ]
    return []


KIND = register(
    Kind(
        "threshold",
        "pct",
        template,
        build,
        "A close that crosses 10% (a correction) or 20% (a bear market) below the record.",
        scope="series",
        order=43,
        may_lead=True,
        headline=headline,
        reach_from=reach_from,
        rarity=rarity,
        recent=True,
    )
)
