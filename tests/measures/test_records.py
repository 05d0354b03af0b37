"""records(): hand-made cases, naive-scan equality and no look-ahead."""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from rotascope.measures.records import (
    last_record,
    position_record,
    record_at,
    record_dates,
    record_row,
    records,
)


def _series(values: list[float] | np.ndarray) -> pd.Series:
    return pd.Series(
        np.asarray(values, dtype=float),
        index=pd.date_range("2000-01-03", periods=len(values), freq="B", name="date"),
    )


def naive_records(s: pd.Series, direction: str) -> pd.DataFrame:
    rows = []
    first = s.first_valid_index()
    for i, v in enumerate(s.to_numpy()):
        if np.isnan(v):
            rows.append((pd.NaT, np.nan, pd.NA, pd.NA))
            continue
        hist = s.iloc[:i].dropna()
        more = hist >= v if direction == "high" else hist <= v
        strictly = hist > v if direction == "high" else hist < v
        since = hist.index[more][-1] if more.any() else pd.NaT
        since_value = hist[more].iloc[-1] if more.any() else np.nan
        rows.append((since, since_value, int(strictly.sum()) + 1, len(hist) + 1))
    out = pd.DataFrame(rows, columns=["since", "since_value", "rank", "out_of"], index=s.index)
    out["history_start"] = [first if first is not None and d >= first else pd.NaT for d in s.index]
    return out


def test_hand_made_highs() -> None:
    s = _series([3.0, 1.0, 2.0, 5.0, 2.0])
    r = records(s, "high")
    assert pd.isna(r["since"].iloc[0])
    assert r["since"].iloc[2] == s.index[0]  # 2 >= ... latest earlier >= 2 is 3 on day 0
    assert r["since"].iloc[4] == s.index[3]
    assert r["since_value"].iloc[4] == 5.0
    assert r["rank"].tolist() == [1, 2, 2, 1, 3]
    assert r["out_of"].tolist() == [1, 2, 3, 4, 5]
    assert (r["history_start"] == s.index[0]).all()


def test_hand_made_lows_rank_on_negated_values() -> None:
    s = _series([3.0, 1.0, 2.0, 5.0, 0.5])
    r = records(s, "low")
    assert r["rank"].tolist() == [1, 1, 2, 4, 1]
    assert r["since"].iloc[2] == s.index[1]
    assert pd.isna(r["since"].iloc[4])  # the lowest value ever


def test_ties_are_since() -> None:
    s = _series([2.0, 1.0, 2.0])
    assert records(s)["since"].iloc[2] == s.index[0]
    assert records(s)["rank"].iloc[2] == 1


def test_nan_rows_get_no_record_and_are_skipped() -> None:
    s = _series([np.nan, 1.0, np.nan, 0.5])
    r = records(s, "high")
    assert pd.isna(r["rank"].iloc[0]) and pd.isna(r["rank"].iloc[2])
    assert r["since"].iloc[3] == s.index[1]
    assert r["out_of"].iloc[3] == 2
    assert pd.isna(r["history_start"].iloc[0])
    assert r["history_start"].iloc[3] == s.index[1]


def test_empty_and_unsorted() -> None:
    assert records(_series([])).empty
    s = _series([1.0, 2.0]).iloc[::-1]
    with pytest.raises(ValueError, match="sorted"):
        records(s)
    with pytest.raises(ValueError, match="direction"):
        records(_series([1.0]), "up")  # type: ignore[arg-type]


def test_record_row() -> None:
    s = _series([3.0, 1.0, 2.0, np.nan])
    row = record_row(records(s), s.index[2])
    assert row is not None
    assert row["since"] == s.index[0].date()
    assert row["rank"] == 2 and row["out_of"] == 3
    assert record_row(records(s), s.index[3]) is None
    first = record_row(records(s), s.index[0])
    assert first is not None and first["since"] is None and first["since_value"] is None


values = st.one_of(st.floats(-5, 5, allow_nan=False), st.sampled_from([0.0, 1.0, np.nan]))


@settings(max_examples=100, deadline=None)
@given(arrays(np.float64, st.integers(0, 50), elements=values), st.sampled_from(["high", "low"]))
def test_records_equal_naive_scan(x: np.ndarray, direction: str) -> None:
    s = _series(x)
    got = records(s, direction)  # type: ignore[arg-type]
    want = naive_records(s, direction)
    assert got["since"].tolist() == want["since"].tolist() or (
        got["since"].isna().tolist() == want["since"].isna().tolist()
        and got["since"].dropna().tolist() == want["since"].dropna().tolist()
    )
    np.testing.assert_array_equal(got["since_value"].to_numpy(), want["since_value"].to_numpy())
    assert [None if pd.isna(v) else int(v) for v in got["rank"]] == [
        None if pd.isna(v) else int(v) for v in want["rank"]
    ]
    assert [None if pd.isna(v) else int(v) for v in got["out_of"]] == [
        None if pd.isna(v) else int(v) for v in want["out_of"]
    ]
    assert got["history_start"].isna().tolist() == want["history_start"].isna().tolist()


@settings(max_examples=100, deadline=None)
@given(
    arrays(np.float64, st.integers(1, 40), elements=values),
    arrays(np.float64, st.integers(1, 40), elements=values),
    st.sampled_from(["high", "low"]),
)
def test_no_look_ahead(x: np.ndarray, future: np.ndarray, direction: str) -> None:
    short = _series(x)
    long = _series(np.concatenate([x, future]))
    a = records(short, direction)  # type: ignore[arg-type]
    b = records(long, direction).iloc[: len(x)]  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(a, b)


@settings(max_examples=80, deadline=None)
@given(
    arrays(np.float64, st.integers(1, 40), elements=st.sampled_from([1.0, 2.0, 3.0, np.nan])),
    st.sampled_from(["high", "low"]),
    st.integers(0, 39),
)
def test_one_date_queries_equal_the_table_row(x: np.ndarray, direction: str, cut: int) -> None:
    """record_at, last_record and position_record (NumPy, one date) give the row the
    kernels' table gives for that date; ``start`` is the table of the later values."""
    s = _series(x)
    naive = naive_records(s, direction)
    table = records(s, direction)
    for day in s.index:
        assert record_at(s, day, direction) == record_row(table, day)
    last = last_record(s, direction)
    want = naive.iloc[-1]
    for col in ("since", "since_value", "rank", "out_of", "history_start"):
        a, b = last[col], want[col]
        assert (pd.isna(a) and pd.isna(b)) or a == b, (col, a, b)
    for i, v in enumerate(x):
        if not np.isnan(v):
            since, rank, out_of = position_record(x, i, direction)
            row = naive.iloc[i]
            assert since == (-1 if pd.isna(row["since"]) else s.index.get_loc(row["since"]))
            assert (rank, out_of) == (row["rank"], row["out_of"])
    table_firsts = table.index[table["since"].isna() & table["rank"].notna()]
    assert record_dates(s, direction).equals(pd.DatetimeIndex(table_firsts))
    start = s.index[min(cut, len(s) - 1)]
    later = records(s.loc[start:], direction)
    for day in s.loc[start:].index:
        assert record_at(s, day, direction, start=start) == record_row(later, day)


# -- short series: all-pairs NumPy, the same answers as the compiled kernels -----------


@settings(max_examples=200, deadline=None)
@given(
    arrays(
        np.float64,
        st.integers(0, 60),
        elements=st.one_of(st.sampled_from([-1.0, 0.0, 0.5, 2.0]), st.just(np.nan)),
    )
)
def test_short_series_by_pairs_equal_the_kernels(x: np.ndarray) -> None:
    from rotascope.measures.kernels import previous_at_least, previous_at_most, rank_to_date
    from rotascope.measures.records import _positions_by_pairs

    g_hi, seen = rank_to_date(x)
    g_lo, _ = rank_to_date(-x)
    for high, expected in (
        (True, (previous_at_least(x), g_hi, seen)),
        (False, (previous_at_most(x), g_lo, seen)),
    ):
        got = _positions_by_pairs(x, high)
        for a, b in zip(got, expected, strict=True):
            np.testing.assert_array_equal(a, b)


def test_records_of_a_long_series_use_the_kernels_and_agree(monkeypatch) -> None:
    """Around the size limit both paths give the same table (the limit moved under it)."""
    rec = importlib.import_module("rotascope.measures.records")

    rng = np.random.default_rng(7)
    idx = pd.bdate_range("2000-01-03", periods=300)
    s = pd.Series(np.round(rng.normal(size=300), 1), index=idx)  # many ties
    s.iloc[[5, 50, 51]] = np.nan
    small = rec.records(s, "low")
    monkeypatch.setattr(rec, "SMALL", 10)
    pd.testing.assert_frame_equal(rec.records(s, "low"), small)


def test_lazy_kernel_compiles_on_first_call_and_agrees() -> None:
    from rotascope.measures.breadth import _rolling_extreme

    x = np.array([[1.0, 4.0], [3.0, np.nan], [2.0, 5.0], [0.5, 6.0]])
    np.testing.assert_array_equal(
        _rolling_extreme(x, 2, True), _rolling_extreme.py_func(x, 2, True)
    )
