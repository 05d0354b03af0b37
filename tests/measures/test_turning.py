"""Zigzag pivots and the turning point as of a date."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.measures import MeasureInputError, pivots, turning_point


def _s(values: list[float], start: str = "2024-07-01") -> pd.Series:
    return pd.Series(values, index=pd.bdate_range(start, periods=len(values)), dtype=float)


def naive_pivots(x: list[float], thr: float) -> list[tuple[int, str, int]]:
    """A plain re-statement of the rule: (pivot row, kind, confirming row)."""
    out: list[tuple[int, str, int]] = []
    trend = 0
    hi_i = lo_i = 0
    for i in range(1, len(x)):
        v = x[i]
        if trend >= 0 and v >= x[hi_i]:
            hi_i = i
        if trend <= 0 and v <= x[lo_i]:
            lo_i = i
        if trend >= 0 and hi_i < i and v <= x[hi_i] * (1 - thr):
            out.append((hi_i, "peak", i))
            trend, lo_i = -1, i
        elif trend <= 0 and lo_i < i and v >= x[lo_i] * (1 + thr):
            out.append((lo_i, "trough", i))
            trend, hi_i = 1, i
    return out


def test_hand_made_zigzag() -> None:
    s = _s([100, 104, 110, 108, 110, 103, 99, 101, 95, 97, 104, 102])
    p = pivots(s, 0.05)
    # 110 on row 4 (a tie with row 2: the latest wins), confirmed by 103 (-6.4%)
    assert p["kind"].tolist() == ["trough", "peak", "trough"]
    assert p["date"].tolist() == [s.index[0], s.index[4], s.index[8]]
    assert p["confirmed"].tolist() == [s.index[2], s.index[5], s.index[10]]
    assert p["value"].tolist() == [100, 110, 95]


def test_turning_point_with_versus() -> None:
    a = _s([100, 110, 104, 98, 101, 93.5])
    b = _s([50, 51, 50.5, 50, 49.5, 49.0])
    t = turning_point(a, threshold=0.05, versus=b)
    assert t is not None
    assert t.kind == "peak" and t.date == a.index[1] and t.value == 110
    assert t.confirmed == a.index[2]  # 104 <= 110 * 0.95
    assert t.move == pytest.approx(93.5 / 110 - 1)
    assert t.b_move == pytest.approx(49 / 51 - 1)
    assert t.gap == pytest.approx(t.move - t.b_move)
    assert t.extreme_date == a.index[5] and t.sessions == 4
    assert "<table" in t._repr_html_()
    # as of the day before confirmation there was no peak yet, only the first trough
    early = turning_point(a, a.index[1], threshold=0.05)
    assert early is not None and early.kind == "trough"


def test_pick_largest_or_latest() -> None:
    # a 40% rally from a low, then a 6% dip and a new high: the low is the story
    s = _s([100, 70, 85, 98, 92, 99])
    largest = turning_point(s, threshold=0.05)
    latest = turning_point(s, threshold=0.05, pick="latest")
    assert largest is not None and latest is not None
    assert largest.kind == "trough" and largest.date == s.index[1]
    assert largest.move == pytest.approx(99 / 70 - 1)
    assert largest.extreme_date == s.index[5]
    assert latest.kind == "trough" and latest.date == s.index[4]
    with pytest.raises(MeasureInputError):
        turning_point(s, pick="first")  # type: ignore[arg-type]


def test_lookback_and_none() -> None:
    flat = _s([100, 101, 100.5, 101.5, 102])
    assert turning_point(flat, threshold=0.05) is None
    s = _s([100, 80, *[90.0] * 10])
    assert turning_point(s, threshold=0.1, lookback=5) is None
    t = turning_point(s, threshold=0.1, lookback=None)
    assert t is not None and t.kind == "trough" and t.date == s.index[1]


def test_yields_in_units() -> None:
    y = _s([4.20, 4.50, 4.30, 4.20, 4.35])
    t = turning_point(y, threshold=0.25, how="diff")
    assert t is not None and t.kind == "peak" and t.value == 4.5
    assert t.move == pytest.approx(-0.15)
    with pytest.raises(MeasureInputError):
        pivots(y, 1.5)
    with pytest.raises(MeasureInputError):
        pivots(y, 0.1, how="compound")


finite = st.floats(1.0, 200.0, allow_nan=False)


@settings(max_examples=120, deadline=None)
@given(st.lists(finite, min_size=2, max_size=60), st.sampled_from([0.02, 0.05, 0.1]))
def test_equals_naive_and_alternates(xs: list[float], thr: float) -> None:
    s = _s(xs)
    p = pivots(s, thr)
    naive = naive_pivots(xs, thr)
    assert [(s.index.get_loc(d), k) for d, k in zip(p["date"], p["kind"], strict=True)] == [
        (i, k) for i, k, _ in naive
    ]
    kinds = p["kind"].tolist()
    assert all(x != y for x, y in itertools.pairwise(kinds))
    for (i, kind, c), conf in zip(naive, p["confirmed"], strict=True):
        assert s.index[c] == conf
        if kind == "peak":
            assert xs[c] <= xs[i] * (1 - thr) + 1e-12
        else:
            assert xs[c] >= xs[i] * (1 + thr) - 1e-12


@settings(max_examples=80, deadline=None)
@given(st.lists(finite, min_size=3, max_size=50), st.data())
def test_no_look_ahead(xs: list[float], data) -> None:
    s = _s(xs)
    k = data.draw(st.integers(1, len(xs) - 1))
    later = data.draw(st.lists(finite, min_size=1, max_size=10))
    longer = _s(xs + later)
    asof = s.index[k]
    one = turning_point(s.iloc[: k + 1], threshold=0.05, lookback=None)
    two = turning_point(longer, asof, threshold=0.05, lookback=None)
    assert (one is None and two is None) or one.to_frame().equals(two.to_frame())
    # confirmed pivots of the cut series are those of the full one confirmed by then
    cut = pivots(s.iloc[: k + 1], 0.05)
    full = pivots(longer, 0.05)
    assert cut.equals(full[full["confirmed"] <= asof].reset_index(drop=True))


def test_nan_is_skipped() -> None:
    s = _s([100, np.nan, 110, 99])
    t = turning_point(s, threshold=0.05)
    assert t is not None and t.value == 110 and t.sessions == 1
