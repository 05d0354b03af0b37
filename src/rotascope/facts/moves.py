"""Facts about one series: moves over windows, calendar periods, drawdown.

Builders take the :class:`~rotascope.facts.engine.FactEngine` (for its cached
whole-history measures), a loaded series and the resolved as-of date, and return
:class:`~rotascope.facts.fact.Fact` objects whose text comes from
:func:`rotascope.facts.text.render`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from rotascope.facts.fact import Fact, Record
from rotascope.facts.text import render
from rotascope.measures.drawdown import drawdown_at
from rotascope.measures.periods import PERIODS, period_return
from rotascope.measures.records import record_row

if TYPE_CHECKING:
    from rotascope.facts.engine import AsOf, FactEngine, SeriesData

__all__ = ["PERIOD_ORDER", "make_fact", "record_from", "series_facts"]

#: Calendar periods reported for every series, longest first.
PERIOD_ORDER: tuple[str, ...] = ("YTD", "QTD", "MTD")


def _date(value: Any) -> dt.date | None:
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def record_from(table: pd.DataFrame, day: pd.Timestamp, direction: str) -> Record | None:
    """The :class:`Record` of ``table`` (a :func:`~rotascope.measures.records` frame)."""
    if day not in table.index:
        return None
    row = record_row(table, day)
    if row is None:
        return None
    return Record(direction=direction, **row)


def make_fact(**fields: Any) -> Fact:
    """A :class:`Fact` whose ``text`` is rendered from its other fields."""
    fields.setdefault("text", "")
    fact = Fact(**fields)
    return replace(fact, text=render(fact))


def _fields(fact: Fact) -> dict[str, Any]:
    return {f.name: getattr(fact, f.name) for f in dataclass_fields(fact) if f.name != "text"}


def _value_at(series: pd.Series, day: pd.Timestamp) -> float:
    if day not in series.index:
        return float("nan")
    return float(series.loc[day])


def move_fact(engine: FactEngine, data: SeriesData, when: AsOf, window: int) -> Fact | None:
    """The move over ``window`` sessions to ``when.used`` (None if history is short)."""
    m = engine.moves(data, window)
    day = when.used
    raw = _value_at(m["value"], day)
    if not np.isfinite(raw):
        return None
    value = data.scale(raw)
    direction = "high" if raw >= 0 else "low"
    record = record_from(m[direction], day, direction)
    start = _date(m["start"].loc[day])
    word = "gain" if raw > 0 else "loss" if raw < 0 else "change"
    details: dict[str, Any] = {
        "close": float(data.values.loc[day]),
        "start_close": float(data.values.loc[pd.Timestamp(start)]) if start else None,
        **when.details(),
        **data.notes,
    }
    return make_fact(
        kind="move",
        subject=data.symbol,
        asof=day.date(),
        value=value,
        unit=data.unit,
        window=int(window),
        start=start,
        record=record,
        basis=data.basis,
        label=f"{window}-session {word}",
        details=details,
    )


def period_fact(data: SeriesData, when: AsOf, period: str) -> Fact | None:
    """The period-to-date move (``YTD``, ``QTD``, ``MTD``) as of ``when.used``."""
    r = period_return(data.values, period, when.used)  # type: ignore[arg-type]
    if not np.isfinite(r.start_value):
        return None
    raw = r.end_value - r.start_value if data.is_yield else r.value
    details: dict[str, Any] = {
        "close": r.end_value,
        "start_close": r.start_value,
        **when.details(),
        **data.notes,
    }
    return make_fact(
        kind="period",
        subject=data.symbol,
        asof=when.used.date(),
        value=data.scale(raw),
        unit=data.unit,
        window=period,
        start=_date(r.start),
        basis=data.basis,
        label=f"{period} {'change' if data.is_yield else 'return'}",
        details=details,
    )


def drawdown_fact(engine: FactEngine, data: SeriesData, when: AsOf) -> Fact | None:
    """Distance from the all-time high as of ``when.used``, and the rally off the low."""
    if data.is_yield:
        return None
    d = drawdown_at(data.values, when.used)
    record = None
    if d.value < 0:
        record = record_from(engine.drawdowns(data)["low"], when.used, "low")
    details: dict[str, Any] = {
        "close": d.close,
        "peak_date": d.peak_date.date().isoformat(),
        "peak_value": d.peak_value,
        "trough_date": d.trough_date.date().isoformat(),
        "trough_value": d.trough_value,
        "rally": d.rally,
        **when.details(),
        **data.notes,
    }
    return make_fact(
        kind="drawdown",
        subject=data.symbol,
        asof=when.used.date(),
        value=d.value,
        unit="pct",
        start=d.peak_date.date(),
        record=record,
        basis=data.basis,
        label="drawdown from all-time high",
        details=details,
    )


def series_facts(
    engine: FactEngine,
    data: SeriesData,
    when: AsOf,
    windows: tuple[int, ...],
    *,
    drawdown: bool = True,
) -> list[Fact]:
    """Moves over ``windows``, YTD/QTD/MTD and (optionally) the drawdown of one series."""
    out: list[Fact] = []
    for w in windows:
        f = move_fact(engine, data, when, w)
        if f is not None:
            out.append(f)
    # longest first; a period starting on the same close as a longer one (MTD in the
    # first month of a quarter) is folded into it: details["also"] = ["MTD"]
    periods: list[Fact] = []
    for p in PERIOD_ORDER:
        f = period_fact(data, when, p) if p in PERIODS else None
        if f is None:
            continue
        same = next((i for i, g in enumerate(periods) if g.start == f.start), None)
        if same is None:
            periods.append(f)
        else:
            g = periods[same]
            also = [*g.details.get("also", []), p]
            periods[same] = make_fact(**{**_fields(g), "details": {**g.details, "also": also}})
    out += periods
    if drawdown:
        f = drawdown_fact(engine, data, when)
        if f is not None:
            out.append(f)
    return out
