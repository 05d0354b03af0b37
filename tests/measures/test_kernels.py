"""The compiled record kernels equal a naive rescan and never look ahead."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from rotascope.measures.columns import previous_at_least_2d, rank_to_date_2d
from rotascope.measures.kernels import previous_at_least, previous_at_most, rank_to_date


def naive(x: np.ndarray) -> tuple[list[int], list[int], list[int], list[int]]:
    ge, le, greater, seen = [], [], [], []
    for i, v in enumerate(x):
        hist = [(j, x[j]) for j in range(i) if not np.isnan(x[j])]
        seen.append(len(hist))
        if np.isnan(v):
            ge.append(-1)
            le.append(-1)
            greater.append(0)
            continue
        ge.append(max((j for j, h in hist if h >= v), default=-1))
        le.append(max((j for j, h in hist if h <= v), default=-1))
        greater.append(sum(1 for _, h in hist if h > v))
    return ge, le, greater, seen


values = st.one_of(st.floats(-5, 5, allow_nan=False), st.sampled_from([0.0, 1.0, -1.0, np.nan]))


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.integers(0, 60), elements=values))
def test_kernels_equal_naive(x: np.ndarray) -> None:
    ge, le, greater, seen = naive(x)
    assert previous_at_least(x).tolist() == ge
    assert previous_at_most(x).tolist() == le
    g, s = rank_to_date(x)
    finite = ~np.isnan(x)
    assert g[finite].tolist() == np.asarray(greater)[finite].tolist()
    assert s.tolist() == seen


@settings(max_examples=100, deadline=None)
@given(
    arrays(np.float64, st.integers(1, 40), elements=values),
    arrays(np.float64, st.integers(0, 40), elements=values),
)
def test_appending_future_data_changes_nothing(x: np.ndarray, future: np.ndarray) -> None:
    longer = np.concatenate([x, future])
    n = len(x)
    assert previous_at_least(longer)[:n].tolist() == previous_at_least(x).tolist()
    assert previous_at_most(longer)[:n].tolist() == previous_at_most(x).tolist()
    g1, s1 = rank_to_date(x)
    g2, s2 = rank_to_date(longer)
    assert g2[:n].tolist() == g1.tolist()
    assert s2[:n].tolist() == s1.tolist()


def test_2d_matches_columns() -> None:
    rng = np.random.default_rng(7)
    m = rng.normal(size=(300, 4))
    m[10, 2] = np.nan
    idx = previous_at_least_2d(m)
    g, s = rank_to_date_2d(m)
    for j in range(4):
        assert idx[:, j].tolist() == previous_at_least(m[:, j]).tolist()
        gj, sj = rank_to_date(m[:, j])
        assert g[:, j].tolist() == gj.tolist()
        assert s[:, j].tolist() == sj.tolist()


def test_ties_count_as_since() -> None:
    x = np.array([2.0, 1.0, 2.0])
    assert previous_at_least(x)[2] == 0
    g, _ = rank_to_date(x)
    assert g[2] == 0  # a tie is not strictly greater: rank 1
