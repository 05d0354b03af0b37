"""Corrections, bear markets, recoveries and round numbers crossed on a date."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.measures import (
    MeasureInputError,
    default_step,
    drawdown_thresholds,
    round_number_crossings,
    thresholds_at,
)


def _s(values: list[float], start: str = "2022-01-03") -> pd.Series:
    return pd.Series(values, index=pd.bdate_range(start, periods=len(values)), dtype=float)


def test_correction_then_bear_once_per_episode() -> None:
    s = _s([100, 95, 89, 92, 85, 79, 81, 78, 101, 89.9])
    t = drawdown_thresholds(s)
    assert t["crossed_10"].tolist() == [0, 0, 1, 0, 0, 0, 0, 0, 0, 1]
    assert t["crossed_20"].tolist() == [0, 0, 0, 0, 0, 1, 0, 0, 0, 0]
    assert t["peak_date"].iloc[7] == s.index[0]
    assert t["episode_low"].iloc[7] == pytest.approx(-0.22)
    at = thresholds_at(s, s.index[5])
    assert at.crossed == (0.2,) and at.peak_value == 100
    assert at.drawdown == pytest.approx(-0.21)


def test_crossing_exactly_at_the_level() -> None:
    s = _s([100.0, 90.0])
    assert drawdown_thresholds(s)["crossed_10"].tolist() == [False, True]


def test_recovery_of_a_bear_market() -> None:
    s = _s([3386.15, 3000, 2237.40, 3000, 3386.15, 3389.78])
    r = thresholds_at(s).recovery
    assert r is not None
    # a close that only ties the old high does not hide the drawdown before it
    assert r.peak_date == s.index[0]
    assert r.trough_value == 2237.40 and r.trough_date == s.index[2]
    assert r.depth == pytest.approx(2237.40 / 3386.15 - 1)
    assert r.sessions == 5
    # a record after a shallow dip is not a recovery
    assert thresholds_at(_s([100, 95, 101])).recovery is None
    assert thresholds_at(_s([100, 95, 101]), min_depth=0.05).recovery is not None


def test_round_numbers() -> None:
    s = _s([4900.0, 4997.91, 5026.61])
    c = round_number_crossings(s)
    assert [(x.level, x.direction, x.first_time) for x in c] == [(5000.0, "up", True)]
    assert pd.isna(c[0].since)
    # back below, then above again: "for the first time since"
    s2 = _s([4900.0, 5010.0, 4990.0, 4980.0, 5005.0])
    c2 = round_number_crossings(s2)[0]
    assert not c2.first_time and c2.since == s2.index[1]
    down = round_number_crossings(s2, s2.index[2])[0]
    assert down.direction == "down" and down.since == s2.index[0]
    # several levels in one day, nearest first; yields use their own step
    big = round_number_crossings(_s([2711.02, 2386.13]), step=100.0)
    assert [x.level for x in big] == [2400.0, 2500.0, 2600.0, 2700.0]
    y = round_number_crossings(_s([3.98, 4.02]))
    assert y[0].level == 4.0 and default_step(4.02) == 0.5
    assert round_number_crossings(_s([5000.0])) == ()
    with pytest.raises(MeasureInputError):
        round_number_crossings(s, step=0.0)


def test_to_frame_lists_events() -> None:
    s = _s([5100.0, 4500.0, 4990.0, 5100.0, 5120.0])
    t = thresholds_at(s, s.index[1], step=500.0)
    f = t.to_frame()
    assert set(f["event"]) == {"drawdown", "round_down"}
    assert t.any and "<table" in t._repr_html_()
    with pytest.raises(MeasureInputError):
        drawdown_thresholds(s, levels=(1.5,))


prices = st.lists(st.floats(50.0, 150.0, allow_nan=False), min_size=2, max_size=50)


@settings(max_examples=120, deadline=None)
@given(prices, st.data())
def test_naive_rule_and_no_look_ahead(xs: list[float], data) -> None:
    s = _s(xs)
    t = drawdown_thresholds(s)
    # naive: first close of each episode at least 10% below its peak
    peak, crossed_in_episode, expect = -np.inf, False, []
    for v in xs:
        if v >= peak:
            peak, crossed_in_episode = v, False
        hit = v <= peak * 0.9 and not crossed_in_episode
        crossed_in_episode |= v <= peak * 0.9
        expect.append(hit)
    assert t["crossed_10"].tolist() == expect
    k = data.draw(st.integers(0, len(xs) - 1))
    later = data.draw(prices)
    longer = _s(xs + later)
    one, two = thresholds_at(s, s.index[k]), thresholds_at(longer, s.index[k])
    assert one.to_frame().equals(two.to_frame()) and one.drawdown == two.drawdown
