"""Streak and event-study facts, on hand-made series and on the July 2024 Russell 2000 run."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from rotascope.kinds import Fact, render
from rotascope.kinds._study import streak_study
from rotascope.kinds.event_study import study_facts


def streak_facts(close: pd.Series, condition: str, **kw: object) -> list[Fact]:
    return study_facts(streak_study(close, condition, **kw))  # type: ignore[arg-type]


def test_hand_made_streak_fact() -> None:
    # +2% x3, -1%, +2% x3: the current run of 3 equals the earlier one
    rets = [0, 0.02, 0.02, 0.02, -0.01, 0.02, 0.02, 0.02]
    close = pd.Series(
        100 * np.cumprod(1 + np.array(rets)),
        index=pd.bdate_range("2024-01-01", periods=8),
        name="RUT",
    )
    facts = streak_facts(close, "ret>1%", horizons=(1,), n_boot=0)
    streak, study = facts
    assert streak.kind == "streak" and streak.value == 3 and streak.unit == "count"
    assert streak.start == close.index[5].date()
    assert streak.record.since == close.index[3].date()  # earlier run reached 3 here
    assert streak.record.out_of == 2
    assert "3rd straight session" in streak.text and "Russell 2000" in streak.text
    # one earlier episode (length 3 reached on day 3): next session -1%
    assert study.kind == "event_study" and study.window == 1
    assert study.details["count"] == 1
    assert study.value == pytest.approx(-1.0) and study.unit == "pct"
    assert study.details["incomplete"] == [close.index[-1].date()]
    assert "Not complete yet" in study.text


def test_facts_round_trip_json() -> None:
    close = pd.Series(
        100 * np.cumprod(np.r_[1, [1.02, 1.02, 0.99] * 30]),
        index=pd.bdate_range("2024-01-01", periods=91),
        name="SPX",
    )
    for f in streak_facts(close, "ret>1%", length=2, horizons=(5, 21), n_boot=100):
        again = Fact.from_dict(json.loads(f.to_json()))
        assert again.kind == f.kind and again.text == f.text and again.window == f.window
        assert render(again) == f.text


@pytest.mark.realdata
def test_july_2024_streak_facts(published_closes) -> None:  # type: ignore[no-untyped-def]
    close = published_closes.close("RUT")
    facts = streak_facts(close, "ret>1%", length=5, asof=pd.Timestamp("2024-07-16"), n_boot=2000)
    streak = facts[0]
    # independent: daily returns of the raw closes, Jul 10..16 all above 1%
    r = close.pct_change().loc["2024-07-10":"2024-07-16"]
    assert len(r) == 5 and (r > 0.01).all()
    assert close.pct_change().loc[:"2024-07-09"].iloc[-1] <= 0.01
    assert streak.value == 5
    assert streak.asof.isoformat() == "2024-07-16"
    assert streak.start.isoformat() == "2024-07-10"
    # independent: earlier dates on which five >1% gains in a row were completed
    up = (close.pct_change() > 0.01).astype(int)
    five = up.rolling(5).sum() == 5
    first = five & ~five.shift(1, fill_value=False)
    earlier = [d for d in first[first].index if d < pd.Timestamp("2024-07-10")]
    assert streak.details["earlier_as_long"] == len(earlier)
    assert streak.record.since == earlier[-1].date()
    month = next(f for f in facts if f.kind == "event_study" and f.window == 21)
    vals = close.to_numpy()
    nxt = [vals[close.index.get_loc(d) + 21] / vals[close.index.get_loc(d)] - 1 for d in earlier]
    assert month.details["count"] == len(earlier)
    assert month.value == pytest.approx(np.mean(nxt) * 100)
    assert month.value == pytest.approx(5.9, abs=1.0)  # published: about +5.9%
    base = vals[21:] / vals[:-21] - 1
    base = base[: close.index.get_loc(pd.Timestamp("2024-07-16")) - 20]
    assert month.details["base_mean"] == pytest.approx(base.mean() * 100)
    assert month.details["incomplete"] == [pd.Timestamp("2024-07-16").date()]
    # test statistics stay out of the sentence (they are in the details, for --explain)
    assert "t-statistic" not in month.text and "p-value" not in month.text
    assert np.isfinite(month.details["t_stat"]) and 0 <= month.details["p_boot"] <= 1


@pytest.mark.realdata
def test_study_no_look_ahead(published_closes) -> None:  # type: ignore[no-untyped-def]
    close = published_closes.close("RUT")
    a = streak_study(close.loc[:"2024-07-16"], "ret>1%", length=5, n_boot=0)
    b = streak_study(close, "ret>1%", length=5, asof=pd.Timestamp("2024-07-16"), n_boot=0)
    pd.testing.assert_frame_equal(a.episode_table(), b.episode_table())
    assert a.state == b.state


def test_relative_study_uses_the_ratio() -> None:
    idx = pd.bdate_range("2024-01-01", periods=8)
    a = pd.Series([100, 103, 106, 109, 109, 109, 109, 109.0], index=idx, name="RUT")
    b = pd.Series([100, 101, 102, 103, 104, 105, 106, 107.0], index=idx, name="SPX")
    s = streak_study(a, "ret>1%", length=3, versus_close=b, horizons=(2,), n_boot=0)
    ratio = a / b
    # ratio returns on days 1..3 are each above 1%: one episode on day 3
    assert (ratio.pct_change().iloc[1:4] > 0.01).all()
    assert s.relative and s.versus == "SPX"
    assert s.episodes["date"].tolist() == [idx[3]]
    fwd = s.episode_table()["fwd_2"].iloc[0]
    assert fwd == pytest.approx(ratio.iloc[5] / ratio.iloc[3] - 1)
    facts = streak_facts(a, "ret>1%", length=3, versus_close=b, horizons=(2,), n_boot=0)
    assert "relative to the S&P 500" in facts[1].text
