"""Streaks: condition parsing, run lengths, streak state, episodes (hand-made and real data)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.errors import RotascopeError
from rotascope.measures.events import event_study
from rotascope.measures.streaks import (
    Condition,
    ConditionSyntaxError,
    episodes,
    evaluate,
    parse_condition,
    run_lengths,
    streak_state,
)


def _series(values, start="2024-01-01", name="X"):
    return pd.Series(
        np.asarray(values, dtype=float),
        index=pd.bdate_range(start, periods=len(values), name="date"),
        name=name,
    )


# --- parsing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ret>1%", Condition("ret_gt", threshold=0.01)),
        ("ret > 1.5%", Condition("ret_gt", threshold=0.015)),
        ("ret<-1%", Condition("ret_lt", threshold=-0.01)),
        ("RET<-2", Condition("ret_lt", threshold=-0.02)),
        ("ret>50bp", Condition("ret_gt", threshold=0.005)),
        ("beats:NDX", Condition("beats", versus="NDX")),
        ("above:200", Condition("above", window=200)),
    ],
)
def test_parse_condition(text: str, expected: Condition) -> None:
    got = parse_condition(text)
    assert got.kind == expected.kind
    assert got.threshold == pytest.approx(expected.threshold)
    assert got.versus == expected.versus
    assert got.window == expected.window


@pytest.mark.parametrize("bad", ["", "ret>>1%", "ret=1%", "beats:", "above:x", "above:1", "up5"])
def test_parse_condition_rejects_bad_syntax(bad: str) -> None:
    with pytest.raises(ConditionSyntaxError) as info:
        parse_condition(bad)
    assert isinstance(info.value, RotascopeError)
    assert isinstance(info.value, ValueError)


def test_condition_spec_round_trips() -> None:
    for text in ["ret>1%", "ret<-1%", "beats:NDX", "above:200", "ret>0.25%"]:
        assert parse_condition(parse_condition(text).spec) == parse_condition(text)


# --- evaluation and runs -----------------------------------------------------------


def test_evaluate_return_threshold() -> None:
    close = _series([100, 101.5, 102.0, 104.0, 102.0])
    # returns: nan, +1.5%, +0.49%, +1.96%, -1.92%
    assert evaluate(parse_condition("ret>1%"), close).tolist() == [False, True, False, True, False]
    assert evaluate(parse_condition("ret<-1%"), close).tolist() == [False] * 4 + [True]


def test_evaluate_beats_and_above() -> None:
    a = _series([100, 102, 101, 103])
    b = _series([100, 101, 102, 102])
    # a returns: +2%, -0.98%, +1.98%; b: +1%, +0.99%, 0%
    assert evaluate(parse_condition("beats:B"), a, b).tolist() == [False, True, False, True]
    c = _series([1, 2, 3, 2, 1])
    # 2-session averages: nan, 1.5, 2.5, 2.5, 1.5
    assert evaluate(parse_condition("above:2"), c).tolist() == [False, True, True, False, False]
    with pytest.raises(ConditionSyntaxError):
        evaluate(parse_condition("beats:B"), a)


def test_run_lengths_and_state() -> None:
    m = pd.Series(
        [1, 1, 1, 0, 1, 0, 1, 1, 1], dtype=bool, index=pd.bdate_range("2024-01-01", periods=9)
    )
    assert run_lengths(m).tolist() == [1, 2, 3, 0, 1, 0, 1, 2, 3]
    s = streak_state(m)
    assert (s.current, s.longest, s.earlier_as_long) == (3, 3, 1)
    assert s.run_start == m.index[6]
    assert s.last_as_long == m.index[2]  # the earlier run reached 3 on day 3
    s0 = streak_state(m, asof=m.index[3])
    assert s0.current == 0 and s0.run_start is None and s0.longest == 3


def test_episodes_one_per_run() -> None:
    m = pd.Series(
        [1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1],
        dtype=bool,
        index=pd.bdate_range("2024-01-01", periods=11),
    )
    ep = episodes(m, 2)
    assert ep["date"].tolist() == [m.index[1], m.index[6], m.index[9]]
    assert ep["run_length"].tolist() == [4, 2, 3]
    assert ep["ongoing"].tolist() == [False, False, True]
    assert episodes(m, 5).empty
    with pytest.raises(ValueError):
        episodes(m, 0)


def _naive_episodes(mask: list[bool], length: int) -> list[int]:
    out, pos = [], 0
    for ok, grp in itertools.groupby(mask):
        n = len(list(grp))
        if ok and n >= length:
            out.append(pos + length - 1)
        pos += n
    return out


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.booleans(), min_size=1, max_size=80),
    st.integers(min_value=1, max_value=6),
    st.lists(st.booleans(), max_size=30),
)
def test_episodes_match_naive_and_ignore_the_future(
    bits: list[bool], length: int, more: list[bool]
) -> None:
    idx = pd.bdate_range("2020-01-01", periods=len(bits) + len(more))
    full = pd.Series(bits + more, index=idx, dtype=bool)
    short = full.iloc[: len(bits)]
    ep_short = episodes(short, length)
    assert [idx.get_loc(d) for d in ep_short["date"]] == _naive_episodes(bits, length)
    # No look-ahead: episode dates up to the cut are the same with later data appended.
    ep_full = episodes(full, length)
    cut = idx[len(bits) - 1]
    assert ep_full.loc[ep_full["date"] <= cut, "date"].tolist() == ep_short["date"].tolist()
    assert episodes(full, length, asof=cut)["date"].tolist() == ep_short["date"].tolist()
    # Non-overlapping: each episode's run starts after the previous episode's run ended.
    assert (ep_full["start"].iloc[1:].to_numpy() > ep_full["end"].iloc[:-1].to_numpy()).all()


# --- real data: the July 2024 Russell 2000 streak ----------------------------------


@pytest.mark.realdata
def test_july_2024_rut_streak(published_closes) -> None:  # type: ignore[no-untyped-def]
    # the raw file ends on 2024-08-02 (the bundled closes run on): the July window is open
    close = published_closes.close("RUT").loc[:"2024-08-02"]
    # Independent recomputation: plain loop over closes, runs of >1% daily gains.
    vals, dates = close.to_numpy(), close.index
    run, naive = 0, []
    for i in range(1, len(vals)):
        run = run + 1 if vals[i] / vals[i - 1] - 1 > 0.01 else 0
        if run == 5:
            naive.append(dates[i])
    assert pd.Timestamp("2024-07-16") in naive
    earlier = [d for d in naive if d < pd.Timestamp("2024-07-10")]

    mask = evaluate(parse_condition("ret>1%"), close)
    state = streak_state(mask, asof="2024-07-16")
    assert state.current == 5
    assert state.run_start == pd.Timestamp("2024-07-10")
    ep = episodes(mask, 5, asof="2024-07-16")
    assert ep["date"].tolist() == [*earlier, pd.Timestamp("2024-07-16")]
    assert state.earlier_as_long == len(earlier)
    assert state.last_as_long == earlier[-1]
    # The published study: "only a handful" of earlier occurrences.
    assert 3 <= len(earlier) <= 6

    # Next month (21 sessions from the close of the 5th day), plain recomputation.
    pos = [dates.get_loc(d) for d in earlier]
    nxt = [vals[p + 21] / vals[p] - 1 for p in pos]
    study = event_study(close, ep["date"], horizons=(21,), n_boot=0)
    assert study.events[21].count == len(earlier)  # the July 2024 window is incomplete
    assert study.events[21].mean == pytest.approx(np.mean(nxt), abs=1e-12)
    # Published: the following month averaged about +5.9%.
    assert study.events[21].mean == pytest.approx(0.059, abs=0.01)
    assert study.incomplete[21] == [pd.Timestamp("2024-07-16")]
