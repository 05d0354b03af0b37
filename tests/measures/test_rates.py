"""Rates: yield changes in bp and rate betas (hand-made and real FRED data)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from published_data import PublishedData
from rotascope.measures.rates import beta_gap, rolling_beta, yield_change_bp


def test_yield_change_bp_skips_blanks() -> None:
    idx = pd.bdate_range("2024-01-01", periods=5)
    y = pd.Series([4.00, np.nan, 4.10, 3.95, 3.80], index=idx, name="DGS10")
    ch = yield_change_bp(y, 1)
    # the blank is dropped: 4.00 -> 4.10 counts as one observed step
    assert ch.round(6).tolist() == [10.0, -15.0, -15.0]
    assert yield_change_bp(y, 2, asof=idx[3]).round(6).tolist() == [-5.0]
    with pytest.raises(ValueError):
        yield_change_bp(y, 0)


def test_rolling_beta_matches_least_squares() -> None:
    rng = np.random.default_rng(7)
    idx = pd.bdate_range("2020-01-01", periods=300)
    dy = pd.Series(rng.normal(0, 5, 300), index=idx)
    r = pd.Series(-0.0008 * dy.to_numpy() + rng.normal(0, 0.004, 300), index=idx)
    beta = rolling_beta(r, dy, window=60)
    slope = np.polyfit(dy.iloc[-60:], r.iloc[-60:], 1)[0]
    assert beta.iloc[-1] == pytest.approx(slope, rel=1e-9)
    assert beta.iloc[:59].isna().all()


def test_beta_gap_sign_and_scale() -> None:
    rng = np.random.default_rng(3)
    idx = pd.bdate_range("2020-01-01", periods=400)
    dy = rng.normal(0, 6, 400)
    y = pd.Series(4 + np.cumsum(dy) / 100, index=idx)
    dyy = np.r_[0, np.diff(y.to_numpy()) * 100]
    a = pd.Series(100 * np.cumprod(1 - 0.001 * dyy), index=idx)  # -0.1% per bp
    b = pd.Series(100 * np.cumprod(1 - 0.0004 * dyy), index=idx)  # -0.04% per bp
    g = beta_gap(a, b, y, window=252)
    assert g.beta_a == pytest.approx(-0.001, rel=1e-6)
    assert g.beta_b == pytest.approx(-0.0004, rel=1e-6)
    assert g.gap_per == pytest.approx(-0.006, rel=1e-6)  # 0.6% more per 10 bp


@pytest.mark.realdata
def test_dgs10_five_session_change_real(published: PublishedData) -> None:
    y = published.fred("DGS10")  # FRED's file without blank holidays (or the bundled copy)
    ch = yield_change_bp(y, 5, asof="2024-08-02")
    # independent: the 6th-last observed value to the last, in bp
    obs = y.loc[:"2024-08-02"]
    assert ch.iloc[-1] == pytest.approx((obs.iloc[-1] - obs.iloc[-6]) * 100)
    assert ch.index[-1] == pd.Timestamp("2024-08-02")
