"""Records within a year/quarter/month/week or since a date; record-close counts; WTD."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.measures import (
    MeasureInputError,
    record_close_count,
    scope_start,
    scoped_record,
    scoped_records,
    week_to_date,
)

IDX = pd.to_datetime(
    ["2023-12-27", "2023-12-28", "2024-01-02", "2024-01-03", "2024-02-01", "2024-02-02"]
)
MOVES = pd.Series([-0.05, 0.01, -0.01, -0.02, -0.015, -0.03], index=IDX)


def test_biggest_drop_this_year() -> None:
    r = scoped_record(MOVES, IDX[3], "year", direction="low")
    assert r.is_scope_record and r.rank == 1 and r.out_of == 2 and pd.isna(r.since)
    # against all history it is not the worst: since Dec 27 (-5%)
    assert r.all_since == IDX[0] and r.all_rank == 2
    month = scoped_record(MOVES, IDX[5], "month", direction="low")
    assert month.rank == 1 and month.out_of == 2 and month.scope_start == pd.Timestamp("2024-02-01")
    # the first value of a scope is alone: rank 1 of 1, not "the biggest this year"
    first = scoped_record(MOVES, IDX[2], "year", direction="low")
    assert first.out_of == 1 and not first.is_scope_record
    since = scoped_record(MOVES, IDX[4], IDX[2], direction="low")
    assert since.scope == "since" and since.rank == 2 and since.since == IDX[3]
    assert "<table" in since._repr_html_()


def test_scope_start_rules() -> None:
    d = pd.Timestamp("2024-07-18")  # a Thursday
    assert scope_start(d, "week") == pd.Timestamp("2024-07-15")
    assert scope_start(d, "month") == pd.Timestamp("2024-07-01")
    assert scope_start(d, "quarter") == pd.Timestamp("2024-07-01")
    assert scope_start(d, "year") == pd.Timestamp("2024-01-01")
    assert scope_start(pd.Timestamp("2024-07-21"), "week") == pd.Timestamp("2024-07-15")  # Sunday
    with pytest.raises(MeasureInputError):
        scope_start(d, "decade")  # type: ignore[arg-type]
    with pytest.raises(MeasureInputError):
        scope_start(d, pd.Timestamp("2024-08-01"))


def test_record_close_count() -> None:
    s = pd.Series(
        [100.0, 105, 103, 106, 104, 107, 107],
        index=pd.to_datetime(
            [
                "2023-12-28",
                "2023-12-29",
                "2024-01-02",
                "2024-01-03",
                "2024-01-04",
                "2024-01-05",
                "2024-01-08",
            ]
        ),
    )
    c = record_close_count(s, pd.Timestamp("2024-01-05"))
    assert c.count == 2 and c.is_record and c.first == s.index[3] and c.last == s.index[5]
    assert c.previous_record == s.index[3]
    tie = record_close_count(s)  # a tie with the record is not a record
    assert tie.count == 2 and not tie.is_record and tie.previous_record == s.index[5]
    none = record_close_count(s, pd.Timestamp("2024-01-02"))
    assert none.count == 0 and pd.isna(none.first)
    assert record_close_count(s, scope=pd.Timestamp("2023-12-29")).count == 3


def test_week_to_date() -> None:
    s = pd.Series(
        [100.0, 107.0, 107.5, 108.0],
        index=pd.to_datetime(["2024-07-11", "2024-07-12", "2024-07-15", "2024-07-16"]),
    )
    r = week_to_date(s)
    assert r.start == pd.Timestamp("2024-07-12") and r.value == pytest.approx(108 / 107 - 1)
    assert np.isnan(week_to_date(s, pd.Timestamp("2024-07-12")).value)


def test_scoped_records_every_date() -> None:
    t = scoped_records(MOVES, "year", "low")
    assert t["rank"].tolist() == [1, 2, 1, 1, 2, 1]
    assert t.loc[IDX[4], "since"] == IDX[3]


values = st.lists(st.integers(-5, 5).map(float), min_size=2, max_size=60)


@settings(max_examples=120, deadline=None)
@given(values, st.sampled_from(["year", "quarter", "month", "week"]), st.data())
def test_naive_and_no_look_ahead(xs: list[float], scope: str, data) -> None:
    idx = pd.bdate_range("2023-11-20", periods=len(xs), freq="3B")
    s = pd.Series(xs, index=idx)
    k = data.draw(st.integers(0, len(xs) - 1))
    r = scoped_record(s, idx[k], scope)  # type: ignore[arg-type]
    start = scope_start(idx[k], scope)  # type: ignore[arg-type]
    earlier = s.iloc[:k][s.index[:k] >= start]
    assert r.rank == 1 + int((earlier > xs[k]).sum())
    assert r.out_of == len(earlier) + 1
    hits = earlier[earlier >= xs[k]]
    assert (pd.isna(r.since) and hits.empty) or r.since == hits.index[-1]
    every = scoped_records(s, scope, "high")  # type: ignore[arg-type]
    assert every.loc[idx[k], "rank"] == r.rank
    longer = pd.concat([s, pd.Series([99.0, -99.0], index=idx[-1] + pd.to_timedelta([1, 2], "D"))])
    assert scoped_record(longer, idx[k], scope).to_frame().equals(r.to_frame())  # type: ignore[arg-type]
    c1 = record_close_count(s, idx[k])
    c2 = record_close_count(longer, idx[k])
    assert c1 == c2 or c1.to_frame().equals(c2.to_frame())
