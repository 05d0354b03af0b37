"""Kind ``fedwatch``: the odds fed funds futures put on a coming FOMC meeting.

"The futures put the odds of a cut at the September 18 meeting at 98%, up from 72% a
week earlier (59% a month earlier), the highest since Aug 5, 2024; the most likely target
range after it is 5.00-5.25% (70%)." One fact per meeting still to come, from the futures
prices of one date (:mod:`rotascope.measures.fedwatch_history`): its ``value`` is the
odds (percent) of the move the futures lean to -- a cut when its odds are at least those
of a hike, a hike otherwise, no change when both are below 1% -- and its record ranks
those odds among the same meeting's odds on earlier dates. Odds chain across meetings,
so a later meeting's are those of a range below (above) today's *by* that meeting
("the odds of a cut by the November 7 meeting"); the next meeting's are *at* it.

The engine states them about the effective fed funds rate (``rotascope facts DFF``,
scope ``context``) when futures prices dated within :data:`STALE_DAYS` of the as-of
date are stored; :func:`fedwatch_facts` is what products call.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> rec = Record("high", dt.date(2024, 8, 5), 98.0, 1, 40, dt.date(2024, 7, 1))
>>> f = Fact("fedwatch", "DFF", dt.date(2024, 9, 13), 98.0, "pct", "", record=rec,
...          details={"meeting": "2024-09-18", "side": "cut", "week_ago": 72.0,
...                   "month_ago": 59.0, "likely": "5.00-5.25", "likely_pct": 70.0})
>>> template(f)
'The futures put the odds of a cut at the September 18 meeting at 98%, up from 72% a week earlier (59% a month earlier), the highest since Aug 5, 2024; the most likely target range after it is 5.00-5.25% (70%).'
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from rotascope.data.port import DataSource
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.phrases import as_date
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.fedwatch_history import odds_change, odds_history
from rotascope.wording import fmt_date, pct

__all__ = [
    "KIND",
    "STALE_DAYS",
    "SUBJECT",
    "build",
    "facts_near",
    "fedwatch_facts",
    "fedwatch_history",
    "leaning",
    "template",
]

#: The series the facts are about: the effective fed funds rate.
SUBJECT = "DFF"
#: Futures prices older than this (calendar days) say nothing about the as-of date.
STALE_DAYS = 7
#: Meetings stated by ``rotascope facts DFF``.
MEETINGS_IN_FACTS = 3
#: A record is said when it reaches back at least this many days.
NOTABLE_DAYS = 28
#: Below this many percent, neither a cut nor a hike is "leaned to".
LEAN_MIN = 1.0

_NOUN = {"cut": "a cut", "hike": "a hike", "hold": "no change"}


def _odds(value: float) -> str:
    """Odds in whole percent, one decimal near 0% and 100% (``98%``, ``99.6%``)."""
    if value >= 99.95 or value <= 0.05 or 1.0 <= value <= 99.0:
        return pct(round(value), digits=0)
    return pct(value, digits=1)


def _meeting(meeting: Any, asof: dt.date) -> str:
    d = as_date(meeting)
    when = f"{d:%B} {d.day}" if d.year == asof.year else f"{d:%B} {d.day}, {d.year}"
    return f"the {when} meeting"


def _changes(value: float, week: float | None, month: float | None) -> str:
    ref, when = (week, "a week") if week is not None else (month, "a month")
    if ref is None:
        return ""
    if round(value, 1) == round(ref, 1):
        text = f", unchanged from {when} earlier"
    else:
        text = f", {'up' if value > ref else 'down'} from {_odds(ref)} {when} earlier"
    if week is not None and month is not None:
        text += f" ({_odds(month)} a month earlier)"
    return text


def _record(rec: Record | None, asof: dt.date) -> str:
    if rec is None:
        return ""
    word = "highest" if rec.direction == "high" else "lowest"
    if rec.since is None:
        if (asof - rec.history_start).days < NOTABLE_DAYS:
            return ""
        return f", the {word} since these prices begin ({fmt_date(rec.history_start)})"
    if (asof - rec.since).days < NOTABLE_DAYS:
        return ""
    return f", the {word} since {fmt_date(rec.since)}"


def template(f: Fact) -> str:
    """The sentence of a ``fedwatch`` fact."""
    d = f.details
    text = (
        f"The futures put the odds of {_NOUN[d['side']]} {'at' if d.get('next', True) else 'by'} "
        f"{_meeting(d['meeting'], f.asof)} "
        f"at {_odds(f.value)}"
    )
    text += _changes(f.value, d.get("week_ago"), d.get("month_ago"))
    text += _record(f.record, f.asof)
    if d.get("likely") and abs(float(d["likely_pct"]) - f.value) > 0.05:  # says more
        text += (
            f"; the most likely target range after it is {d['likely']}% ({_odds(d['likely_pct'])})"
        )
    return text + "."


def leaning(cut: float, hike: float) -> str:
    """The move the futures lean to: ``cut``, ``hike`` or ``hold`` (odds in percent).

    Examples
    --------
    >>> leaning(98.0, 0.0), leaning(10.0, 30.0), leaning(0.4, 0.0)
    ('cut', 'hike', 'hold')
    """
    if max(cut, hike) < LEAN_MIN:
        return "hold"
    return "cut" if cut >= hike else "hike"


def fedwatch_history(source: DataSource, rate: pd.Series, until: Any = None) -> pd.DataFrame:
    """Every date's meeting odds from ``source``'s futures prices and FOMC calendar, with
    the effective rate ``rate`` (see :func:`rotascope.measures.fedwatch_history.odds_history`)."""
    events = source.events()
    fomc = events[events["kind"] == "fomc"]
    scheduled = fomc.loc[fomc["schedule"] == "scheduled", "date"]
    return odds_history(source.futures(), rate, scheduled=scheduled, held=fomc["date"], until=until)


def _fact(history: pd.DataFrame, row: pd.Series, day: pd.Timestamp, first: bool) -> Fact:
    side = leaning(float(row["cut"]), float(row["hike"]))
    ch = odds_change(history, row["meeting"], day, side)
    rec = None if ch.record is None else Record(direction=ch.direction, **ch.record)
    week = None if ch.week_ago is None else ch.week_ago[1]
    month = None if ch.month_ago is None else ch.month_ago[1]
    meeting = pd.Timestamp(row["meeting"])
    return make(
        "fedwatch",
        subject=SUBJECT,
        asof=day.date(),
        value=ch.value,
        record=rec,
        label=f"odds of {_NOUN[side]} at the {meeting.date().isoformat()} meeting",
        details={
            "meeting": meeting.date().isoformat(),
            "next": first,
            "contract": row["contract"],
            "side": side,
            "cut": float(row["cut"]),
            "hold": float(row["hold"]),
            "hike": float(row["hike"]),
            "week_ago": week,
            "week_ago_date": None if ch.week_ago is None else ch.week_ago[0].date().isoformat(),
            "month_ago": month,
            "month_ago_date": None if ch.month_ago is None else ch.month_ago[0].date().isoformat(),
            "change_week_pp": None if week is None else ch.value - week,
            "change_month_pp": None if month is None else ch.value - month,
            "expected_bp": float(row["expected_bp"]),
            "likely": row["likely"],
            "likely_pct": float(row["likely_pct"]),
            "target": f"{row['target_lo']:.2f}-{row['target_hi']:.2f}",
            "rate": float(row["rate"]),
            "ranges": dict(row["ranges"]),
            "moves": dict(row["moves"]),
        },
    )


def fedwatch_facts(history: pd.DataFrame, day: Any, *, limit: int | None = None) -> list[Fact]:
    """One fact per meeting priced on ``day`` (the first ``limit`` meetings), in date order.

    Parameters
    ----------
    history : pandas.DataFrame
        From :func:`fedwatch_history` (dates up to ``day`` are enough).
    day : date-like
        A date with futures prices.
    limit : int, optional
        How many coming meetings to state (default: all priced).
    """
    d = pd.Timestamp(day)
    rows = history[history["date"] == d].sort_values("meeting")
    if limit is not None:
        rows = rows.head(limit)
    return [_fact(history, row, d, i == 0) for i, (_, row) in enumerate(rows.iterrows())]


def _recent(futures: pd.DataFrame, day: pd.Timestamp) -> pd.Timestamp | None:
    """The last date with prices on or before ``day``, if at most STALE_DAYS before it."""
    dates = pd.DatetimeIndex(futures["date"]).unique()
    dates = dates[dates <= day]
    if dates.empty or (day - dates.max()).days > STALE_DAYS:
        return None
    return pd.Timestamp(dates.max())


def facts_near(source: DataSource, day: Any, *, limit: int | None = None) -> list[Fact]:
    """The coming meetings' odds from the last futures prices on or before ``day``, when
    they are at most :data:`STALE_DAYS` old; none when no such prices are stored (the
    report's catalyst section)."""
    used = _recent(source.futures(), pd.Timestamp(day))
    if used is None:
        return []
    history = fedwatch_history(source, source.series(SUBJECT), until=used)
    return fedwatch_facts(history, used, limit=limit)


def build(ctx: Context) -> list[Fact]:
    """The coming meetings' odds, about the effective fed funds rate, when futures prices
    dated within :data:`STALE_DAYS` of the as-of date are stored."""
    if ctx.data.symbol != SUBJECT:
        return []
    memo = ctx.memo
    used = _recent(memo.get(("futures",), memo.source.futures), ctx.day)
    if used is None:
        return []
    history = memo.get(
        ("fedwatch", ctx.data.basis),
        lambda: fedwatch_history(memo.source, ctx.data.values),
    )
    return fedwatch_facts(history, used, limit=MEETINGS_IN_FACTS)


KIND = register(
    Kind(
        "fedwatch",
        "pct",
        template,
        build,
        "The odds fed funds futures put on a coming FOMC meeting, their change and record.",
        scope="context",
        order=40,
    )
)
