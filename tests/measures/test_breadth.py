"""Breadth measures on hand-made universes where the answers are obvious."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.measures.breadth import (
    above_average,
    advance_decline,
    equal_weight_returns,
    membership_mask,
    new_highs_lows,
)

IDX = pd.date_range("2024-01-01", periods=6, freq="B")


def universe() -> tuple[pd.DataFrame, pd.DataFrame]:
    closes = pd.DataFrame(
        {
            "UP": [1.0, 2, 3, 4, 5, 6],
            "DOWN": [6.0, 5, 4, 3, 2, 1],
            "NEW": [np.nan, np.nan, np.nan, 1.0, 2.0, 3.0],
            "GONE": [1.0, 2, 3, 4, 5, 6],
        },
        index=IDX,
    )
    spells = pd.DataFrame(
        {
            "ticker": ["UP", "DOWN", "NEW", "GONE"],
            "start": [IDX[0], IDX[0], IDX[3], IDX[0]],
            "end": [pd.NaT, pd.NaT, pd.NaT, IDX[2]],
        }
    )
    return closes, membership_mask(spells, IDX, closes.columns)


def test_membership_is_point_in_time() -> None:
    _, members = universe()
    assert members["GONE"].tolist() == [True, True, True, False, False, False]
    assert members["NEW"].tolist() == [False, False, False, True, True, True]


def test_share_above_average_counts_members_with_enough_history() -> None:
    closes, members = universe()
    out = above_average(closes, members, window=3)
    # day 3 (index 2): UP above, DOWN below, GONE above (still a member) -> 2 of 3
    assert out.loc[IDX[2], "share"] == pytest.approx(2 / 3)
    # day 4: GONE left; NEW joined but has only one close -> excluded, counted
    row = out.loc[IDX[3]]
    assert (row["members"], row["with_data"], row["eligible"], row["count"]) == (3, 3, 2, 1)
    assert row["excluded"] == 1
    # day 6: NEW has three closes rising -> above
    assert out.loc[IDX[5], "share"] == pytest.approx(2 / 3)
    assert np.isnan(out.loc[IDX[0], "share"])  # nobody eligible yet


def test_highs_lows_and_advance_decline() -> None:
    closes, members = universe()
    hl = new_highs_lows(closes, members, window=3)
    assert hl.loc[IDX[5], ["highs", "lows"]].tolist() == [2, 1]  # UP, NEW at highs
    ad = advance_decline(closes, members)
    assert ad.loc[IDX[1], ["advancers", "decliners"]].tolist() == [2, 1]  # UP, GONE up
    assert ad["line"].iloc[-1] == ad["net"].sum()


def test_equal_weight_uses_yesterdays_members() -> None:
    closes, members = universe()
    ew = equal_weight_returns(closes, members)
    # day 4: held UP, DOWN, GONE from day 3 (GONE still a member on day 3)
    expected = np.mean([4 / 3 - 1, 3 / 4 - 1, 4 / 3 - 1])
    assert ew[IDX[3]] == pytest.approx(expected)
    # day 5: GONE no longer held; NEW held from day 4
    assert ew[IDX[4]] == pytest.approx(np.mean([5 / 4 - 1, 2 / 3 - 1, 2 / 1 - 1]))


def test_equal_weight_skips_a_zero_close_without_warnings() -> None:
    """A bad zero close gives no return the next day (and no NumPy warning)."""
    closes, members = universe()
    closes.loc[IDX[3], "UP"] = 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ew = equal_weight_returns(closes, members)
    # day 5: UP's return from a zero close is left out; DOWN and NEW remain
    assert ew[IDX[4]] == pytest.approx(np.mean([2 / 3 - 1, 2 / 1 - 1]))
    # day 4: UP fell to zero, a -100% return, kept with DOWN and GONE
    assert ew[IDX[3]] == pytest.approx(np.mean([-1.0, 3 / 4 - 1, 4 / 3 - 1]))
    assert np.isfinite(ew.dropna()).all()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 30))
def test_rolling_mean_matches_pandas_and_no_look_ahead(seed: int, window: int) -> None:
    rng = np.random.default_rng(seed)
    data = rng.lognormal(size=(80, 5)).cumsum(axis=0)
    data[rng.random(data.shape) < 0.05] = np.nan
    closes = pd.DataFrame(data, index=pd.date_range("2020-01-01", periods=80))
    members = pd.DataFrame(True, index=closes.index, columns=closes.columns)
    ours = above_average(closes, members, window=window)
    avg = closes.rolling(window, min_periods=window).mean()
    eligible = avg.notna() & closes.notna()
    expected = ((closes > avg) & eligible).sum(axis=1)
    assert ours["count"].tolist() == expected.tolist()
    assert ours["eligible"].tolist() == eligible.sum(axis=1).tolist()
    hl = new_highs_lows(closes, members, window=window)
    hi = closes.rolling(window, min_periods=window).max()
    assert hl["highs"].tolist() == ((closes >= hi) & hi.notna() & closes.notna()).sum(1).tolist()
    cut = above_average(closes.iloc[:50], members.iloc[:50], window=window)
    pd.testing.assert_frame_equal(cut, ours.iloc[:50])
