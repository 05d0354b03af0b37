"""Rolling correlation and beta of daily moves, and the correlation's records."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.measures import MeasureInputError, comovement_at, rolling_comovement


def _s(values: list[float] | np.ndarray) -> pd.Series:
    return pd.Series(values, index=pd.bdate_range("2024-01-01", periods=len(values)), dtype=float)


def test_perfect_and_opposite() -> None:
    b = _s([100, 102, 99, 103, 101, 104])
    rb = b.pct_change()
    a = _s((1 + 2 * rb.fillna(0)).cumprod() * 50)  # twice B's daily return
    t = rolling_comovement(a, b, 3)
    assert t["correlation"].dropna().to_numpy() == pytest.approx(1.0)
    assert t["beta"].dropna().to_numpy() == pytest.approx(2.0)
    c = _s((1 - rb.fillna(0)).cumprod() * 10)
    assert rolling_comovement(c, b, 4)["correlation"].dropna().to_numpy() == pytest.approx(-1)
    assert t["correlation"].iloc[:3].isna().all()  # 3 moves need 4 closes


def test_equals_pandas_and_common_sessions() -> None:
    rng = np.random.default_rng(7)
    a = _s(100 * np.cumprod(1 + rng.normal(0, 0.01, 80)))
    b = _s(100 * np.cumprod(1 + rng.normal(0, 0.01, 80)))
    b = b.drop(b.index[[10, 40]])  # sessions missing in B are dropped, not filled
    t = rolling_comovement(a, b, 21)
    common = a.index.intersection(b.index)
    ra, rb = a.loc[common].pct_change(), b.loc[common].pct_change()
    expect = ra.rolling(21).corr(rb)
    beta = ra.rolling(21).cov(rb) / rb.rolling(21).var()
    pd.testing.assert_series_equal(t["correlation"], expect, check_names=False)
    pd.testing.assert_series_equal(t["beta"], beta, check_names=False)


def test_flat_series_and_yields() -> None:
    flat = _s([5.0] * 6)
    moving = _s([1, 2, 1, 2, 1, 2])
    t = rolling_comovement(moving, flat, 3)
    assert t["correlation"].isna().all() and t["beta"].isna().all()
    y = _s([4.0, 4.1, 4.0, 4.2, 4.1, 4.3])
    p = _s([100, 99, 100, 98, 99, 97])
    d = rolling_comovement(p, y, 3, how="pct", how_b="diff")
    assert (d["correlation"].dropna() < 0).all()
    with pytest.raises(MeasureInputError):
        rolling_comovement(p, y, 1)


def test_records_of_the_correlation() -> None:
    b = _s([100, 101, 100, 101, 100, 101, 100, 101])
    a = _s([100, 101, 100, 101, 100, 101, 102, 101])
    c = comovement_at(a, b, window=3)
    assert c is not None
    # the correlation fell from 1.0: its lowest since the first full window
    assert c.low_rank == 1 and pd.isna(c.low_since)
    assert c.out_of == 5 and c.history_start == a.index[3]
    assert "<table" in c._repr_html_()
    assert comovement_at(a, b, a.index[2], window=3) is None


moves = st.lists(st.floats(-0.05, 0.05, allow_nan=False), min_size=6, max_size=40)


@settings(max_examples=100, deadline=None)
@given(moves, moves, st.integers(2, 5), st.data())
def test_bounds_symmetry_no_look_ahead(ma: list[float], mb: list[float], w: int, data) -> None:
    n = min(len(ma), len(mb))
    a = _s(100 * np.cumprod(1 + np.array(ma[:n])))
    b = _s(100 * np.cumprod(1 + np.array(mb[:n])))
    ab, ba = rolling_comovement(a, b, w), rolling_comovement(b, a, w)
    corr = ab["correlation"].dropna()
    assert ((corr >= -1) & (corr <= 1)).all()
    pd.testing.assert_series_equal(ab["correlation"], ba["correlation"])
    both = ab["beta"] * ba["beta"]
    ok = both.notna() & ab["correlation"].notna()
    assert both[ok].to_numpy() == pytest.approx((ab["correlation"] ** 2)[ok].to_numpy(), abs=1e-9)
    k = data.draw(st.integers(w, n - 1))
    later = _s(100 * np.cumprod(1 + np.array([*ma[:n], 0.3, -0.2])))
    b_later = _s(100 * np.cumprod(1 + np.array([*mb[:n], -0.1, 0.2])))
    one = comovement_at(a.iloc[: k + 1], b.iloc[: k + 1], window=w)
    two = comovement_at(later, b_later, a.index[k], window=w)
    assert (one is None and two is None) or one.to_frame().equals(two.to_frame())
