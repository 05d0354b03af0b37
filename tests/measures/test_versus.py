"""A vs B since a date and between two dates, on common sessions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.measures import MeasureInputError, pair_return_between, pair_return_since

IDX = pd.to_datetime(["2024-07-31", "2024-08-01", "2024-08-02", "2024-08-05", "2024-08-06"])
A = pd.Series([100.0, 95.0, 90.0, 85.0, 88.0], index=IDX)
B = pd.Series([50.0, 49.5, 49.0, 48.05, 49.0], index=IDX)


def test_since_a_high() -> None:
    r = pair_return_since(A, B, pd.Timestamp("2024-07-31"), pd.Timestamp("2024-08-05"))
    assert r.a_return == pytest.approx(-0.15)
    assert r.b_return == pytest.approx(-0.039)
    assert r.gap == pytest.approx(-0.15 + 0.039)
    assert r.start == IDX[0] and r.end == IDX[3]
    assert r.sessions == 3
    assert not r.start_moved and not r.end_moved
    assert r.label == "since 2024-07-31"
    assert r.relative == pytest.approx(0.85 / 0.961 - 1)


def test_between_snaps_to_last_common_session_on_or_before() -> None:
    # Saturday Aug 3 -> Friday Aug 2; Sunday Aug 4 end -> Friday Aug 2
    r = pair_return_between(A, B, pd.Timestamp("2024-08-03"), pd.Timestamp("2024-08-06"))
    assert r.start == IDX[2] and r.start_moved
    assert r.start_asked == pd.Timestamp("2024-08-03")
    assert r.a_return == pytest.approx(88 / 90 - 1)
    e = pair_return_between(A, B, pd.Timestamp("2024-07-31"), pd.Timestamp("2024-08-04"))
    assert e.end == IDX[2] and e.end_moved


def test_common_sessions_only() -> None:
    # B misses Aug 2: the span uses common sessions and reports the gap
    b = B.drop(IDX[2])
    r = pair_return_between(A, b, pd.Timestamp("2024-08-02"), pd.Timestamp("2024-08-06"))
    assert r.start == IDX[1]  # the last common session on or before Aug 2
    # Aug 2 falls inside the span actually used (Aug 1 to Aug 6): reported, not filled
    assert r.missing_b == 1 and r.missing_a == 0 and r.sessions == 2
    r2 = pair_return_between(A, b, pd.Timestamp("2024-07-31"), pd.Timestamp("2024-08-06"))
    assert r2.missing_b == 1 and r2.sessions == 3
    assert r2.a_return == pytest.approx(88 / 100 - 1)


def test_no_base_before_the_data() -> None:
    r = pair_return_between(A, B, pd.Timestamp("2020-01-01"), pd.Timestamp("2024-08-06"))
    assert np.isnan(r.a_return) and pd.isna(r.start) and r.start_moved
    assert r.end == IDX[-1]


def test_bad_spans() -> None:
    with pytest.raises(MeasureInputError, match="before start"):
        pair_return_between(A, B, IDX[3], IDX[1])
    with pytest.raises(MeasureInputError, match="after the as-of"):
        pair_return_between(A, B, IDX[0], IDX[3], asof=IDX[2])
    with pytest.raises(MeasureInputError, match="after the as-of"):
        pair_return_since(A, B, IDX[3], asof=IDX[1])


def test_to_frame_and_html() -> None:
    r = pair_return_since(A, B, IDX[0])
    f = r.to_frame()
    assert f.index.tolist() == ["a", "b"]
    assert f.loc["a", "return"] == pytest.approx(-0.12)
    assert "<table" in r._repr_html_()


prices = st.lists(st.floats(1.0, 1000.0, allow_nan=False), min_size=3, max_size=40)


@settings(max_examples=80, deadline=None)
@given(prices, prices, st.data())
def test_antisymmetry_and_no_look_ahead(xs: list[float], ys: list[float], data) -> None:
    n = min(len(xs), len(ys))
    idx = pd.bdate_range("2020-01-01", periods=n)
    a, b = pd.Series(xs[:n], index=idx), pd.Series(ys[:n], index=idx)
    i = data.draw(st.integers(0, n - 2))
    j = data.draw(st.integers(i + 1, n - 1))
    ab = pair_return_between(a, b, idx[i], idx[j])
    ba = pair_return_between(b, a, idx[i], idx[j])
    assert ab.gap == pytest.approx(-ba.gap)
    assert ab.a_return == pytest.approx(a.iloc[j] / a.iloc[i] - 1)
    # appending later data (even wild values) changes nothing as of idx[j]
    later = pd.bdate_range(idx[-1] + pd.offsets.BDay(), periods=3)
    a2 = pd.concat([a, pd.Series([1e6, 1.0, 5.0], index=later)])
    b2 = pd.concat([b, pd.Series([2.0, 1e5, 3.0], index=later)])
    s1 = pair_return_since(a.loc[: idx[j]], b.loc[: idx[j]], idx[i])
    s2 = pair_return_since(a2, b2, idx[i], asof=idx[j])
    assert s1 == s2
