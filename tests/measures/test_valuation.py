"""Valuation measures: level/percentile, records, gaps, yields."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.measures.valuation import (
    earnings_yields,
    gap_series,
    valuation_level,
    value_record,
)


def monthly(values: list[float] | np.ndarray, start: str = "2000-01-31") -> pd.Series:
    idx = pd.date_range(start, periods=len(values), freq="ME", name="date")
    return pd.Series(np.asarray(values, dtype=float), index=idx)


def test_level_percentile_and_median_on_a_tiny_series() -> None:
    s = monthly([10.0, 12.0, 11.0, 15.0, 9.0])
    lv = valuation_level(s)
    assert lv.value == 9.0
    assert lv.percentile == pytest.approx(1 / 5)  # the lowest of five
    assert lv.median == 11.0
    assert lv.vs_median == pytest.approx(9 / 11 - 1)
    assert lv.n == 5 and lv.window_start == s.index[0]
    at = valuation_level(s, asof="2000-04-30")
    assert at.value == 15.0 and at.percentile == 1.0 and at.n == 4


def test_trailing_window_counts_dates_after_date_minus_years() -> None:
    s = monthly(np.arange(1.0, 61.0))  # 5 years of months
    lv = valuation_level(s, years=2)
    assert lv.n == 24
    assert lv.window_start == pd.Timestamp("2003-01-31")
    assert lv.median == pytest.approx(np.median(np.arange(37.0, 61.0)))


def test_nan_dropped_and_empty_history_raises() -> None:
    s = monthly([np.nan, 3.0, np.nan, 1.0])
    assert valuation_level(s).n == 2
    with pytest.raises(ValueError, match="no value"):
        valuation_level(s, asof="2000-01-31")


def naive_record(x: list[float], direction: str) -> tuple[int, int, int]:
    v = x[-1]
    earlier = x[:-1]
    hits = [j for j, e in enumerate(earlier) if (e >= v if direction == "high" else e <= v)]
    more = sum(1 for e in earlier if (e > v if direction == "high" else e < v))
    return (hits[-1] if hits else -1), more + 1, len(x)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 20).map(float), min_size=1, max_size=50),
    st.sampled_from(["high", "low"]),
)
def test_record_matches_naive_loop(values: list[float], direction: str) -> None:
    s = monthly(values)
    r = value_record(s, direction=direction)  # type: ignore[arg-type]
    since, rank, out_of = naive_record(values, direction)
    assert r.since == (s.index[since] if since >= 0 else None)
    assert (r.rank, r.out_of) == (rank, out_of)
    assert r.history_start == s.index[0]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(1.0, 50.0), min_size=3, max_size=40),
    st.lists(st.floats(1.0, 50.0), min_size=1, max_size=20),
)
def test_no_look_ahead(past: list[float], future: list[float]) -> None:
    base = monthly(past)
    longer = monthly(past + future)
    asof = base.index[-1]
    assert valuation_level(base, years=1) == valuation_level(longer, asof=asof, years=1)
    assert value_record(base, direction="low") == value_record(longer, asof=asof, direction="low")


def test_gap_series_aligns_on_common_dates() -> None:
    a = monthly([16.2, 15.0, 14.0])
    b = monthly([20.0, 20.0], start="2000-02-29")
    g = gap_series(a, b)
    assert g.index.tolist() == list(b.index)
    assert g.tolist() == pytest.approx([15 / 20 - 1, 14 / 20 - 1])


def test_earnings_yields() -> None:
    f = pd.DataFrame({"price": [100.0], "earnings": [5.0], "cape": [25.0], "gs10": [4.0]})
    ey = earnings_yields(f).iloc[0]
    assert ey["cape_yield"] == pytest.approx(0.04)
    assert ey["trailing_yield"] == pytest.approx(0.05)
    assert ey["erp_cape"] == pytest.approx(0.0)
    assert ey["erp_trailing"] == pytest.approx(0.01)
