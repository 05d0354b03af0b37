"""Spreads and ratios on common sessions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from rotascope.measures.relative import align, ratio, ratio_change, spread, spread_table

IDX = pd.date_range("2024-01-01", periods=5, name="date")


def test_spread_hand_made() -> None:
    a = pd.Series([100.0, 110.0, 121.0, 121.0, 100.0], index=IDX, name="A")
    b = pd.Series([100.0, 100.0, 100.0, 110.0, 100.0], index=IDX, name="B")
    s = spread(a, b, 1)
    assert s.iloc[1] == pytest.approx(0.10)
    assert s.iloc[3] == pytest.approx(-0.10)
    assert spread(a, b, 4).iloc[4] == pytest.approx(0.0)


def test_alignment_reports_missing_sessions() -> None:
    a = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], index=IDX)
    b = pd.Series([1.0, 2.0, 4.0, 5.0], index=IDX.delete(2))
    al = align(a, b)
    assert list(al.only_a) == [IDX[2]]
    assert len(al.only_b) == 0
    assert len(al.common) == 4
    # the 1-session spread on day 4 spans day 2 -> day 4 for both (common sessions)
    s = spread(a, b, 1)
    assert s.loc[IDX[3]] == pytest.approx(4 / 2 - 4 / 2)
    # a later start is not "missing"
    assert len(align(a, b.iloc[2:]).only_a) == 0


def test_ratio_and_change() -> None:
    a = pd.Series([2.0, 2.2, 2.42, 2.42, 2.0], index=IDX)
    b = pd.Series([1.0, 1.0, 1.1, 1.1, 1.0], index=IDX)
    r = ratio(a, b)
    assert r.tolist() == pytest.approx([2.0, 2.2, 2.2, 2.2, 2.0])
    assert ratio_change(a, b, 1).iloc[1] == pytest.approx(0.10)
    rc = ratio_change(a, b, 2)
    ra = a / a.shift(2)
    rb = b / b.shift(2)
    assert rc.iloc[2:].tolist() == pytest.approx((ra / rb - 1).iloc[2:].tolist())


prices = arrays(np.float64, st.integers(2, 30), elements=st.floats(1.0, 1000.0))


@settings(max_examples=100, deadline=None)
@given(prices, st.integers(1, 5), st.data())
def test_spread_antisymmetric(x: np.ndarray, window: int, data: st.DataObject) -> None:
    y = data.draw(arrays(np.float64, len(x), elements=st.floats(1.0, 1000.0)))
    idx = pd.date_range("2024-01-01", periods=len(x))
    a, b = pd.Series(x, index=idx), pd.Series(y, index=idx)
    ab, ba = spread(a, b, window), spread(b, a, window)
    np.testing.assert_allclose(ab.to_numpy(), -ba.to_numpy(), equal_nan=True)
    t = spread_table(a, b, (1, window))
    np.testing.assert_allclose(t[window].to_numpy(), ab.to_numpy(), equal_nan=True)
