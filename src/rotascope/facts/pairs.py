"""Facts about a pair: return spreads, the price ratio, drawdown of A vs B.

All pair measures use the sessions both series have; the sessions one of them lacks
are counted in ``details`` (``sessions_only_subject`` / ``sessions_only_versus``,
with the latest few dates), never filled in.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from rotascope.facts.fact import Fact, Record
from rotascope.facts.moves import _date, make_fact, record_from
from rotascope.measures.drawdown import relative_drawdown

if TYPE_CHECKING:
    from rotascope.facts.engine import AsOf, FactEngine, SeriesData

__all__ = ["pair_facts"]

_SHOWN_GAPS = 5


def _gap_details(engine: FactEngine, a: SeriesData, b: SeriesData, day: pd.Timestamp) -> dict:
    al = engine.alignment(a, b)
    only_a = al.only_a[al.only_a <= day]
    only_b = al.only_b[al.only_b <= day]
    out: dict[str, Any] = {}
    if len(only_a):
        out["sessions_only_subject"] = len(only_a)
        out["recent_only_subject"] = [d.date().isoformat() for d in only_a[-_SHOWN_GAPS:]]
    if len(only_b):
        out["sessions_only_versus"] = len(only_b)
        out["recent_only_versus"] = [d.date().isoformat() for d in only_b[-_SHOWN_GAPS:]]
    return out


def _common_day(engine: FactEngine, a: SeriesData, b: SeriesData, day: pd.Timestamp):
    common = engine.alignment(a, b).common
    pos = int(common.searchsorted(day, side="right")) - 1
    return common[pos] if pos >= 0 else None


def _details(when: AsOf, day: pd.Timestamp, a: SeriesData, b: SeriesData) -> dict[str, Any]:
    out = dict(when.details())
    if day != when.used:
        out["asof_requested"] = (when.requested or when.used).date().isoformat()
        out["asof_common"] = day.date().isoformat()
    for k, v in {**a.notes, **b.notes}.items():
        out.setdefault(k, v)
    return out


def _reach(record: Record) -> dt.date:
    return record.since if record.since is not None else dt.date.min


def spread_fact(
    engine: FactEngine, a: SeriesData, b: SeriesData, when: AsOf, window: int, day: pd.Timestamp
) -> Fact | None:
    """A's ``window``-session return minus B's, on common sessions, to ``day``."""
    s = engine.spreads(a, b, window)
    if day not in s["value"].index:
        return None
    value = float(s["value"].loc[day])
    if not np.isfinite(value):
        return None
    direction = "high" if value >= 0 else "low"
    details = {
        "subject_return": float(s["a"].loc[day]),
        "versus_return": float(s["b"].loc[day]),
        **_gap_details(engine, a, b, day),
        **_details(when, day, a, b),
    }
    return make_fact(
        kind="spread",
        subject=a.symbol,
        versus=b.symbol,
        asof=day.date(),
        value=value,
        unit="pp",
        window=int(window),
        start=_date(s["start"].loc[day]),
        record=record_from(s[direction], day, direction),
        basis=a.basis,
        label=f"{window}-session spread",
        details=details,
    )


def ratio_fact(
    engine: FactEngine,
    a: SeriesData,
    b: SeriesData,
    when: AsOf,
    windows: tuple[int, ...],
    day: pd.Timestamp,
) -> Fact | None:
    """Level of A / B at ``day``, its record (the side reaching further back), changes."""
    r = engine.ratios(a, b)
    value = float(r["value"].loc[day])
    high = record_from(r["high"], day, "high")
    low = record_from(r["low"], day, "low")
    # the more newsworthy side is the one that reaches further back (ties: high)
    candidates = [x for x in (high, low) if x is not None]
    record = min(candidates, key=_reach) if candidates else None
    series = r["value"]
    pos = int(series.index.get_loc(day))
    changes: dict[str, float] = {}
    for w in windows:
        if pos - w >= 0:
            changes[str(w)] = float(series.iloc[pos] / series.iloc[pos - w] - 1.0)
    change_window = 5 if "5" in changes else (int(next(iter(changes))) if changes else None)
    details: dict[str, Any] = {
        "changes": changes,
        "change_window": change_window,
        "change": changes.get(str(change_window)) if change_window else None,
        "subject_close": float(a.values.loc[day]),
        "versus_close": float(b.values.loc[day]),
        **_gap_details(engine, a, b, day),
        **_details(when, day, a, b),
    }
    return make_fact(
        kind="ratio",
        subject=a.symbol,
        versus=b.symbol,
        asof=day.date(),
        value=value,
        unit="ratio",
        record=record,
        basis=a.basis,
        label="price ratio",
        details=details,
    )


def drawdown_vs_fact(a: SeriesData, b: SeriesData, when: AsOf, day: pd.Timestamp) -> Fact | None:
    """A's drawdown from its all-time high, vs B's change over the same dates."""
    rd = relative_drawdown(a.values, b.values, day)
    if rd.a.value == 0 or not np.isfinite(rd.b_change):
        return None
    details: dict[str, Any] = {
        "close": rd.a.close,
        "peak_date": rd.a.peak_date.date().isoformat(),
        "peak_value": rd.a.peak_value,
        "versus_change": rd.b_change,
        "versus_peak_close": rd.b_peak_close,
        "versus_close": rd.b_close,
        "gap": rd.gap,
        **_details(when, day, a, b),
    }
    return make_fact(
        kind="drawdown",
        subject=a.symbol,
        versus=b.symbol,
        asof=day.date(),
        value=rd.a.value,
        unit="pct",
        start=rd.a.peak_date.date(),
        basis=a.basis,
        label="drawdown vs pair",
        details=details,
    )


def pair_facts(
    engine: FactEngine, a: SeriesData, b: SeriesData, when: AsOf, windows: tuple[int, ...]
) -> list[Fact]:
    """Spreads per window, the ratio and the drawdown of A vs B (price-like series only)."""
    if a.is_yield or b.is_yield:
        return []
    day = _common_day(engine, a, b, when.used)
    if day is None:
        return []
    out: list[Fact] = []
    for w in windows:
        f = spread_fact(engine, a, b, when, w, day)
        if f is not None:
            out.append(f)
    for f in (ratio_fact(engine, a, b, when, windows, day), drawdown_vs_fact(a, b, when, day)):
        if f is not None:
            out.append(f)
    return out
