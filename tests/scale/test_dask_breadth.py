"""Breadth on Dask equals rotascope.measures.breadth exactly (gaps, ties, any block size)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotascope.measures import breadth
from rotascope.scale import MEASURES, dask_breadth


@st.composite
def panels(draw: Any) -> tuple[pd.DataFrame, pd.DataFrame, str, int | None, int]:
    n = draw(st.integers(1, 70))
    k = draw(st.integers(1, 6))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    levels = rng.integers(1, 5, size=(n, k)).astype(float)  # ties in closes and averages
    levels[rng.random((n, k)) < 0.15] = np.nan  # gaps
    idx = pd.bdate_range("2020-01-01", periods=n, name="date")
    cols = pd.Index([f"T{j}" for j in range(k)], name="ticker")
    closes = pd.DataFrame(levels, index=idx, columns=cols)
    members = pd.DataFrame(rng.random((n, k)) < 0.8, index=idx, columns=cols)
    measure = draw(st.sampled_from(sorted(MEASURES)))
    window = draw(st.integers(1, 30)) if MEASURES[measure] is not None else None
    block = draw(st.integers(1, 25))
    return closes, members, measure, window, block


def _local(closes: pd.DataFrame, members: pd.DataFrame, measure: str, window: int | None) -> Any:
    fn = getattr(breadth, measure)
    return fn(closes, members, window=window) if window is not None else fn(closes, members)


def _check(case: Any, client: Any) -> None:
    closes, members, measure, window, block = case
    want = _local(closes, members, measure, window)
    got = dask_breadth(closes, members, measure, window=window, block=block, client=client)
    if isinstance(want, pd.Series):
        pd.testing.assert_series_equal(got, want, check_exact=True)
    else:
        pd.testing.assert_frame_equal(got, want, check_exact=True)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=panels())
def test_dask_breadth_equals_local(case: Any, dask_client: Any) -> None:
    _check(case, dask_client)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=panels())
def test_dask_breadth_equals_local_many(case: Any, dask_client: Any) -> None:
    _check(case, dask_client)


def test_long_average_across_many_blocks_is_bit_exact(dask_client: Any) -> None:
    """Running sums carried over 40 blocks give the local averages to the last bit."""
    rng = np.random.default_rng(7)
    n, k = 2000, 30
    closes = pd.DataFrame(
        100 * np.cumprod(1 + rng.normal(0, 0.01, (n, k)), axis=0),
        index=pd.bdate_range("2010-01-01", periods=n),
    )
    closes[closes > 150] = np.nan  # gaps
    members = pd.DataFrame(rng.random((n, k)) < 0.9, index=closes.index, columns=closes.columns)
    want = breadth.above_average(closes, members, window=200)
    got = dask_breadth(closes, members, "above_average", window=200, block=50, client=dask_client)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert want["count"].sum() > 0 and want["excluded"].sum() > 0


def test_asof_discipline_later_dates_change_nothing(dask_client: Any) -> None:
    rng = np.random.default_rng(11)
    n, k = 400, 12
    idx = pd.bdate_range("2015-01-01", periods=n)
    closes = pd.DataFrame(rng.integers(1, 6, (n, k)).astype(float), index=idx)
    members = pd.DataFrame(rng.random((n, k)) < 0.7, index=idx, columns=closes.columns)
    for measure in sorted(MEASURES):
        win = 20 if MEASURES[measure] is not None else None
        full = dask_breadth(closes, members, measure, window=win, block=37, client=dask_client)
        cut = dask_breadth(
            closes.iloc[:250], members.iloc[:250], measure, window=win, block=37, client=dask_client
        )
        if isinstance(full, pd.Series):
            pd.testing.assert_series_equal(full.iloc[:250], cut, check_exact=True)
        else:
            pd.testing.assert_frame_equal(full.iloc[:250], cut, check_exact=True)


def test_bad_measure_and_shapes_are_clear_errors() -> None:
    closes = pd.DataFrame({"A": [1.0, 2.0]})
    with pytest.raises(ValueError, match="measure must be one of"):
        dask_breadth(closes, closes > 0, "nonsense")
    with pytest.raises(ValueError, match="same shape"):
        dask_breadth(closes, pd.DataFrame({"A": [True]}), "advance_decline")


def test_dask_arrays_of_closes_and_members_give_the_local_counts(dask_client: Any) -> None:
    import dask.array as da

    rng = np.random.default_rng(3)
    n, k = 300, 8
    idx = pd.bdate_range("2018-01-01", periods=n)
    closes = pd.DataFrame(rng.integers(1, 5, (n, k)).astype(float), index=idx)
    closes[closes == 4] = np.nan
    members = pd.DataFrame(rng.random((n, k)) < 0.8, index=idx, columns=closes.columns)
    c = da.from_array(closes.to_numpy(), chunks=(64, 4))
    m = da.from_array(members.to_numpy(), chunks=(64, 4))
    got = dask_breadth(
        c, m, "above_average", window=20, dates=idx, tickers=closes.columns, client=dask_client
    )
    want = breadth.above_average(closes, members, window=20)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    with pytest.raises(ValueError, match="dates= and tickers="):
        dask_breadth(c, m, "advance_decline", client=dask_client)
