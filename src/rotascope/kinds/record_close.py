"""Kind ``record_close``: a close above every earlier close, and how long the wait was.

"The Russell 2000 closed at a record 2,467.70 on Sep 18, 2025, its first record close
since Nov 8, 2021." A record close is strictly above every earlier close
(:func:`~rotascope.measures.levels.record_closes`); the **previous record** is the latest
date of the highest earlier close. The news reaches back to it (a score hint), and its
rarity is the wait's rank among the waits of all earlier record closes. A record that
ends a drawdown of 10% or more says so ("recovering all of its 25.4% bear-market
loss", :func:`~rotascope.measures.thresholds.thresholds_at`); a record soon after the
previous one counts the year's records instead ("its 38th record close of 2024").
Index and ETF prices only.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> r = Record("high", None, None, 1, 9500, dt.date(1987, 9, 10))
>>> f = Fact("record_close", "RUT", dt.date(2025, 9, 18), 2467.70, "level", "", record=r,
...          details={"previous_record": "2021-11-08", "previous_value": 2442.74,
...                   "count_year": 1, "year": 2025})
>>> template(f)
'The Russell 2000 closed at a record 2,467.70 on Sep 18, 2025, its first record close since Nov 8, 2021.'
>>> headline(f)
'The Russell 2000 closed at its first record since November 2021'
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

from rotascope.kinds._measures import drought_table, record_close_table
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.phrases import as_date, far_back
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.thresholds import thresholds_at
from rotascope.symbols import info
from rotascope.wording import fmt_date, long_month, number, ordinal, pct, the_name

__all__ = ["KIND", "build", "headline", "record_close_fact", "template"]

#: A record close ending a drawdown at least this deep (percent) recovers a loss.
RECOVERY_DEPTH = 10.0


def _loss_words(depth: float) -> str:
    kind = "bear-market loss" if depth <= -20.0 else "correction" if depth <= -10.0 else "loss"
    return f"{pct(abs(depth))} {kind}"


def _recovery(f: Fact) -> dict[str, Any] | None:
    rec = f.details.get("recovery")
    return rec if isinstance(rec, dict) and rec.get("depth_pct") is not None else None


def template(f: Fact) -> str:
    """The sentence of a ``record_close`` fact."""
    d = f.details
    subject = the_name(f.subject, start=True)
    text = f"{subject} closed at a record {number(f.value)} on {fmt_date(f.asof)}"
    prev = d.get("previous_record")
    if prev is not None and far_back(prev, f.asof):
        text += f", its first record close since {fmt_date(prev)}"
    elif int(d.get("count_year", 1)) > 1:
        text += f", its {ordinal(int(d['count_year']))} record close of {d.get('year')}"
    else:
        text += f", its first record close of {d.get('year')}"
    rec = _recovery(f)
    if rec is not None:
        text += f", recovering all of its {_loss_words(rec['depth_pct'])}"
    return text + "."


def headline(f: Fact) -> str:
    """The headline when a record close leads the story."""
    subject = the_name(f.subject, start=True)
    prev = f.details.get("previous_record")
    if prev is None or not far_back(prev, f.asof):
        return f"{subject} closed at a record {number(f.value)}"
    text = f"{subject} closed at its first record since {long_month(prev)}"
    rec = _recovery(f)
    if rec is not None:
        text += f", recovering all of its {_loss_words(rec['depth_pct'])}"
    return text


def reach_from(f: Fact) -> dt.date | None:
    """The news reaches back to the previous record close."""
    prev = f.details.get("previous_record")
    return None if prev is None else as_date(prev)


def rarity(f: Fact) -> float | None:
    """``log10(record closes / rank of this wait among them)``."""
    rank, out_of = f.details.get("wait_rank"), f.details.get("wait_out_of")
    if not rank or not out_of:
        return None
    return math.log10(out_of / rank)


def record_close_fact(ctx: Context, day: pd.Timestamp) -> Fact | None:
    """The record close of ``ctx.data`` on ``day`` (``None`` when it is not one)."""
    data = ctx.data
    if info(data.symbol).unit != "price" or day not in data.values.index:
        return None
    table = record_close_table(ctx.memo, data)
    row = table.loc[day]
    if not bool(row["record"]):
        return None
    waits = drought_table(ctx.memo, data).record(day, "high")
    details: dict[str, Any] = {
        "previous_record": pd.Timestamp(row["previous_record"]).date().isoformat(),
        "previous_value": float(row["previous_value"]),
        "sessions": int(row["sessions"]),
        "count_year": int(row["count_year"]),
        "year": int(day.year),
        "wait_rank": None if waits is None else waits.rank,
        "wait_out_of": None if waits is None else waits.out_of,
    }
    t = thresholds_at(data.values, day, min_depth=RECOVERY_DEPTH / 100.0)
    if t.recovery is not None:
        r = t.recovery
        details["recovery"] = {
            "depth_pct": r.depth * 100.0,
            "peak_date": r.peak_date.date().isoformat(),
            "peak_value": r.peak_value,
            "trough_date": r.trough_date.date().isoformat(),
            "trough_value": r.trough_value,
        }
    pos = int(data.values.index.get_loc(day))
    return make(
        "record_close",
        subject=data.symbol,
        asof=day.date(),
        value=float(data.values.loc[day]),
        start=as_date(details["previous_record"]),
        record=Record("high", None, None, 1, pos + 1, data.first.date()),
        basis=data.basis,
        label="record close",
        details=details,
    )


def build(ctx: Context) -> list[Fact]:
    """The record close on ``ctx.day``, if it is one."""
    fact = record_close_fact(ctx, ctx.day)
    return [] if fact is None else [fact]


KIND = register(
    Kind(
        "record_close",
        "level",
        template,
        build,
        "A close above every earlier close, and how long since the previous record.",
        scope="series",
        order=41,
        may_lead=True,
        headline=headline,
        reach_from=reach_from,
        rarity=rarity,
        recent=True,
    )
)
