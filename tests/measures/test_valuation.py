"""Valuation measures: level/percentile, records, gaps, yields, forward returns, regression."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.measures.valuation import (
    cape_return_regression,
    earnings_yields,
    forward_real_return,
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


def test_forward_return_on_constant_growth() -> None:
    n = 400
    rp = 100 * 1.005 ** np.arange(n)  # +0.5% a month, no dividends
    f = pd.DataFrame(
        {"real_price": rp, "real_dividend": np.zeros(n)},
        index=pd.date_range("1900-01-31", periods=n, freq="ME"),
    )
    fwd = forward_real_return(f, years=10)
    assert fwd.iloc[0] == pytest.approx(1.005**12 - 1)
    assert fwd.iloc[: n - 120].notna().all() and fwd.iloc[n - 120 :].isna().all()
    # a gap inside a window blanks only the windows that contain it
    f.iloc[200, 0] = np.nan
    fwd = forward_real_return(f, years=10)
    assert fwd.iloc[79] == pytest.approx(1.005**12 - 1)
    assert fwd.iloc[80:201].isna().all() and fwd.iloc[201] == pytest.approx(1.005**12 - 1)


def _synthetic_cape_frame(n: int = 1200, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    cape = 10 + 25 * rng.random(n)
    idx = pd.date_range("1881-01-31", periods=n, freq="ME", name="date")
    # monthly growth tied to the month's CAPE: higher CAPE, lower following returns
    g = np.log1p(0.01 + 0.8 / cape) / 12
    rp = 100 * np.exp(np.concatenate([[0.0], np.cumsum(g[1:])]))
    return pd.DataFrame({"cape": cape, "real_price": rp, "real_dividend": 0.0}, index=idx)


def test_regression_no_look_ahead_and_intervals() -> None:
    f = _synthetic_cape_frame()
    asof = f.index[900]
    r = cape_return_regression(f, asof=asof)
    assert r.last == asof - pd.DateOffset(months=120) + pd.offsets.MonthEnd(0)
    assert r.asof_date == asof and r.x0 == f["cape"].iloc[900]
    changed = f.copy()
    changed.iloc[901:, :] = changed.iloc[901:, :] * 3.0  # anything after asof
    assert cape_return_regression(changed, asof=asof) == r
    assert r.ci_low < r.implied < r.ci_high
    assert r.pi_low < r.ci_low and r.pi_high > r.ci_high
    assert r.hac_lags == 119 and r.level == 0.95


@pytest.mark.realdata
def test_forward_return_matches_shillers_own_column(shared_data: Path) -> None:
    """Independent check: Shiller's '10 Year Annualized Stock Real Return' column."""
    from rotascope.sources.shiller import read_shiller

    path = shared_data / "fundamentals" / "shiller.csv"
    df = read_shiller(path)
    with path.open(newline="") as fh:
        rows = list(csv.reader(fh))[7:]
    theirs = {r[0]: float(r[19]) for r in rows if r and r[0] and r[19]}
    ours = forward_real_return(df)
    assert ours.loc["1881-01-31"] == pytest.approx(theirs["1881.01"], abs=1e-12)
    assert ours.loc["1990-10-31"] == pytest.approx(theirs["1990.1"], abs=1e-12)
    both = ours.dropna()
    assert len(both) > 1700
    assert (both - df["fwd_real_stock_10y"].loc[both.index]).abs().max() < 1e-12


@pytest.mark.realdata
def test_cape_regression_on_shiller_matches_numpy_polyfit(shared_data: Path) -> None:
    from rotascope.sources.shiller import read_shiller

    df = read_shiller(shared_data / "fundamentals" / "shiller.csv")
    r = cape_return_regression(df, asof="2024-07-31")
    # independent: Shiller's own forward column and np.polyfit, starts 1881-01 .. 2014-07
    sample = df.loc["1881-01-31":"2014-07-31", ["cape", "fwd_real_stock_10y"]].dropna()
    assert r.n == len(sample) == (2014 - 1881) * 12 + 7
    x = 1 / sample["cape"] if r.predictor == "inverse_cape" else sample["cape"]
    slope, intercept = np.polyfit(x, sample["fwd_real_stock_10y"], 1)
    assert (r.slope, r.intercept) == pytest.approx((slope, intercept), rel=1e-9)
    r_cape = cape_return_regression(df, asof="2024-07-31", predictor="cape")
    assert r.r2 == max(r.r2_cape, r.r2_inverse) and r_cape.r2 == r.r2_cape
    assert r.x0 == pytest.approx(35.4435530789)
    x0 = 1 / r.x0 if r.predictor == "inverse_cape" else r.x0
    assert r.implied == pytest.approx(intercept + slope * x0)
