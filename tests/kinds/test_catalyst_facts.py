"""Catalyst facts: event-day moves ranked among days of the same kind (real RUT CPI days)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rotascope.asof import AsOf
from rotascope.calendar import nyse_sessions
from rotascope.data import MemorySource
from rotascope.events.calendar import bundled_calendar
from rotascope.kinds._events import event_day_table, events_on
from rotascope.kinds.catalyst import catalyst_facts
from rotascope.kinds.engine import FactEngine

CAL = Path(__file__).resolve().parents[2] / "src/rotascope/events/data/us_macro_events.csv"
EVENTS = bundled_calendar()


def _rut(closes) -> pd.Series:  # type: ignore[no-untyped-def]
    """The raw Russell 2000 file to its end (2024-08-02), else the bundled closes as far."""
    return closes.close("RUT").loc[:"2024-08-02"]


def _ndx(closes) -> pd.Series:  # type: ignore[no-untyped-def]
    return closes.close("NDX").loc[:"2024-08-02"]


def _cpi_dates() -> pd.DatetimeIndex:
    cal = pd.read_csv(CAL, comment="#")
    return pd.DatetimeIndex(pd.to_datetime(cal.loc[cal["kind"] == "cpi", "date"]))


def _independent_cpi_returns(close: pd.Series, asof: str) -> pd.Series:
    """Plain recomputation: each CPI date -> first session on/after it -> daily return."""
    c = close.loc[:asof]
    ret = c / c.shift(1) - 1
    out = {}
    for d in _cpi_dates():
        later = c.index[c.index >= d]
        if len(later) and later[0] in ret.index and not np.isnan(ret[later[0]]):
            out[later[0]] = ret[later[0]]
    return pd.Series(out).sort_index()


def test_hand_made_ranks_and_spread() -> None:
    idx = pd.bdate_range("2024-01-01", periods=6)
    a = pd.Series([100, 101, 100, 103, 103, 106.0], index=idx, name="RUT")
    b = pd.Series([100, 100, 100, 100, 100, 100.0], index=idx, name="SPX")
    facts = catalyst_facts(a, "cpi", dates=[idx[1], idx[3], idx[5]], versus_close=b)
    move, spread = facts
    assert move.value == pytest.approx((106 / 103 - 1) * 100) and move.unit == "pct"
    assert (move.record.rank, move.record.out_of) == (2, 3)
    assert move.record.since == idx[3].date()
    assert move.record.since_value == pytest.approx(3.0)  # percent, like the value
    assert spread.kind == "catalyst_spread" and spread.unit == "pp" and spread.versus == "SPX"
    assert spread.value == pytest.approx((106 / 103 - 1) * 100)
    assert "2.9 points" in spread.text  # the precision of every spread
    t = event_day_table(a, [idx[1], idx[3]])
    assert t["rank_up"].tolist() == [1, 1]


@pytest.mark.realdata
def test_rut_cpi_day_2024_07_11(published_closes) -> None:  # type: ignore[no-untyped-def]
    close = _rut(published_closes)
    facts = catalyst_facts(close, "cpi", events=EVENTS, asof=pd.Timestamp("2024-07-11"))
    f = facts[0]
    assert f.kind == "catalyst" and f.asof.isoformat() == "2024-07-11"
    raw_ret = close.loc["2024-07-11"] / close.loc["2024-07-10"] - 1
    assert raw_ret == pytest.approx(0.0357, abs=5e-4)  # about +3.6%
    assert f.value == pytest.approx(raw_ret * 100)
    ind = _independent_cpi_returns(close, "2024-07-11")
    earlier = ind.iloc[:-1]
    assert f.record.out_of == len(ind)
    assert f.record.rank == 1 + int((earlier > raw_ret).sum())
    assert f.record.since == earlier[earlier >= raw_ret].index[-1].date()
    assert f.record.since.isoformat() == "2023-11-14"
    assert "biggest gain on a CPI day since Nov 14, 2023" in f.text


@pytest.mark.realdata
def test_rut_cpi_day_2023_11_14(published_closes) -> None:  # type: ignore[no-untyped-def]
    close = _rut(published_closes)
    f = catalyst_facts(close, "cpi", events=EVENTS, asof=pd.Timestamp("2023-11-14"))[0]
    assert f.value == pytest.approx(5.44, abs=0.05)  # SOURCES.md known check: +5.44%
    ind = _independent_cpi_returns(close, "2023-11-14")
    earlier, v = ind.iloc[:-1], ind.iloc[-1]
    assert f.record.since == earlier[earlier >= v].index[-1].date()
    assert f.record.rank == 1 + int((earlier > v).sum())


@pytest.mark.realdata
def test_rut_vs_ndx_cpi_day_spread(published_closes) -> None:  # type: ignore[no-untyped-def]
    rut, ndx = _rut(published_closes), _ndx(published_closes)
    move, spread = catalyst_facts(
        rut, "cpi", events=EVENTS, asof=pd.Timestamp("2024-07-11"), versus_close=ndx
    )
    a = _independent_cpi_returns(rut, "2024-07-11")
    b = _independent_cpi_returns(ndx, "2024-07-11")
    assert move.value == pytest.approx(a.iloc[-1] * 100)
    sp = (a - b).dropna()
    assert spread.value == pytest.approx(sp.iloc[-1] * 100)
    assert spread.value > 5  # small caps beat the Nasdaq 100 by more than 5 points
    assert spread.record.rank == 1 + int((sp.iloc[:-1] > sp.iloc[-1]).sum())


def test_events_on_maps_sunday_and_good_friday() -> None:
    days = nyse_sessions("2020-01-01", "2024-12-31")
    assert events_on("2024-07-11", EVENTS, days) == ["cpi"]
    assert events_on("2020-03-16", EVENTS, days) == ["fomc"]  # Sunday 2020-03-15 cut
    assert events_on("2020-04-13", EVENTS, days) == ["cpi"]  # Good Friday 2020-04-10 CPI
    assert events_on("2024-07-12", EVENTS, days) == []


@pytest.mark.realdata
def test_context_facts_through_the_engine(published_closes) -> None:  # type: ignore[no-untyped-def]
    src = MemorySource({"RUT": _rut(published_closes), "NDX": _ndx(published_closes)})
    eng = FactEngine(src)

    def context(day: str, versus: str | None = None) -> list:
        fs = eng.facts("RUT", versus=versus, asof=AsOf.at(day), windows=(1,))
        keep = {"streak", "event_study", "catalyst", "catalyst_spread", "rate_beta"}
        return [f for f in fs if f.kind in keep]

    kinds = [f.kind for f in context("2024-07-16", "NDX")]
    assert kinds == ["streak", "event_study"]  # no DGS10 in this source: no rate beta
    cat = [f for f in context("2024-07-11", "NDX") if f.kind.startswith("catalyst")]
    assert [(f.kind, f.unit) for f in cat] == [("catalyst", "pct"), ("catalyst_spread", "pp")]
    assert cat[0].asof.isoformat() == "2024-07-11"
    # a session without an event and without a streak of 3+: nothing to say
    assert context("2024-07-09") == []
    # on Jul 12 the run is already 3 sessions long
    assert context("2024-07-12")[0].value == 3
