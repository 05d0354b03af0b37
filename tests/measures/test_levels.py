"""Level records: highest/lowest since, record closes and the previous record."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.errors import AsOfError
from rotascope.measures import level_record, record_closes


def _s(values: list[float]) -> pd.Series:
    return pd.Series(values, index=pd.bdate_range("2021-11-01", periods=len(values)), dtype=float)


def test_first_record_close_since() -> None:
    s = _s([10, 12, 11, 9, 10, 11.5, 12, 12.5])
    r = level_record(s)
    assert r.is_record_high and pd.isna(r.high_since) and r.high_rank == 1
    assert r.previous_record == s.index[6]  # 12 on row 6 ties row 1: the latest
    assert r.previous_record_value == 12 and r.sessions_since_previous == 1
    # the tie on row 6 is no record: its since is the tied date (row 1)
    tie = level_record(s, s.index[6])
    assert not tie.is_record_high and tie.high_since == s.index[1]
    assert pd.isna(tie.previous_record)


def test_lowest_since_with_holidays() -> None:
    y = _s([4.2, np.nan, 3.9, 4.1, 3.95, 3.8])
    r = level_record(y, y.index[4])
    assert r.value == 3.95 and r.low_since == y.index[2] and r.low_rank == 2
    assert r.out_of == 4  # three earlier non-NaN values (the blank holiday skipped) + 1
    assert r.history_start == y.index[0]
    low = level_record(y)
    assert low.is_record_low and pd.isna(low.low_since)
    assert "<table" in low._repr_html_() and low.to_frame().loc["low", "rank"] == 1


def test_record_closes_table() -> None:
    s = _s([5, 6, 6, 4, 7])
    t = record_closes(s)
    assert t["record"].tolist() == [False, True, False, False, True]
    assert t["previous_record"].iloc[4] == s.index[2]
    assert t["previous_value"].iloc[4] == 6


def test_asof_before_data() -> None:
    with pytest.raises(AsOfError, match="pick a later"):
        level_record(_s([1.0, 2.0]), pd.Timestamp("2020-01-01"))


quantized = st.integers(400, 420).map(lambda k: k / 100)  # two-decimal yields: many ties


@settings(max_examples=150, deadline=None)
@given(st.lists(quantized, min_size=2, max_size=40), st.data())
def test_rule_on_ties_and_no_look_ahead(xs: list[float], data) -> None:
    s = _s(xs)
    k = data.draw(st.integers(1, len(xs) - 1))
    r = level_record(s, s.index[k])
    v, earlier = xs[k], np.array(xs[:k])
    hits = np.flatnonzero(earlier >= v)
    assert (pd.isna(r.high_since) and not hits.size) or r.high_since == s.index[hits[-1]]
    lows = np.flatnonzero(earlier <= v)
    assert (pd.isna(r.low_since) and not lows.size) or r.low_since == s.index[lows[-1]]
    assert r.high_rank == 1 + int((earlier > v).sum())
    assert r.low_rank == 1 + int((earlier < v).sum())
    assert r.out_of == k + 1
    assert r.is_record_high == bool(v > earlier.max())
    later = data.draw(st.lists(quantized, min_size=1, max_size=5))
    assert level_record(_s(xs + later), s.index[k]).to_frame().equals(r.to_frame())
