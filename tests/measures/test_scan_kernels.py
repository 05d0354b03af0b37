"""The compiled universe kernels equal a naive rescan, agree with each other, never look ahead."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from rotascope.measures.kernels import previous_at_least, previous_at_most, rank_to_date
from rotascope.measures.scan_kernels import (
    DIFF,
    RATIO,
    columns_previous,
    columns_rank_to_date,
    record_history,
    records_asof,
    window_moves,
)


def naive_moves(col: np.ndarray, w: int, kind: int) -> list[float]:
    out = []
    for t in range(len(col)):
        if t < w:
            out.append(np.nan)
        elif kind == RATIO:
            out.append(col[t] / col[t - w] - 1.0)
        else:
            out.append(col[t] - col[t - w])
    return out


def naive_records(col: np.ndarray, w: int, kind: int) -> list[tuple[int, int, int]]:
    """(since, rank, out_of) per row by rescanning all earlier moves; NaN -> (-1, 0, 0)."""
    r = naive_moves(col, w, kind)
    out = []
    for t, v in enumerate(r):
        if np.isnan(v):
            out.append((-1, 0, 0))
            continue
        earlier = [(j, r[j]) for j in range(t) if not np.isnan(r[j])]
        if v >= 0:
            since = max((j for j, h in earlier if h >= v), default=-1)
            rank = 1 + sum(h > v for _, h in earlier)
        else:
            since = max((j for j, h in earlier if h <= v), default=-1)
            rank = 1 + sum(h < v for _, h in earlier)
        out.append((since, rank, len(earlier) + 1))
    return out


# prices from a small set so that moves tie often; NaN for missing values
prices = st.one_of(st.sampled_from([1.0, 2.0, 3.0, 4.0, np.nan]), st.floats(0.5, 8.0))


@st.composite
def universes(draw: st.DrawFn, max_rows: int = 40) -> tuple[np.ndarray, np.ndarray, int]:
    n_rows = draw(st.integers(1, max_rows))
    n_cols = draw(st.integers(1, 4))
    x = draw(arrays(np.float64, (n_rows, n_cols), elements=prices))
    kinds = np.array(
        draw(st.lists(st.sampled_from([RATIO, DIFF]), min_size=n_cols, max_size=n_cols))
    )
    w = draw(st.integers(1, 6))
    return x, kinds, w


@settings(max_examples=100, deadline=None)
@given(universes())
def test_history_equals_naive(case: tuple[np.ndarray, np.ndarray, int]) -> None:
    x, kinds, w = case
    h = record_history(x, w, kinds)
    for j in range(x.shape[1]):
        expected = naive_records(x[:, j], w, int(kinds[j]))
        cols = (h.since[:, j].tolist(), h.rank[:, j].tolist(), h.out_of[:, j].tolist())
        got = list(zip(*cols, strict=True))
        assert got == expected
        valid = [t for t, (_, _, n) in enumerate(expected) if n > 0]
        assert h.start[j] == (valid[0] if valid else -1)


@settings(max_examples=40, deadline=None)
@given(universes(max_rows=400))
def test_history_equals_naive_long(case: tuple[np.ndarray, np.ndarray, int]) -> None:
    """Long enough for the merge passes of the rank count (runs of 32)."""
    x, kinds, w = case
    h = record_history(x, w, kinds)
    for j in range(x.shape[1]):
        expected = naive_records(x[:, j], w, int(kinds[j]))
        assert h.rank[:, j].tolist() == [r for _, r, _ in expected]
        assert h.since[:, j].tolist() == [s for s, _, _ in expected]


@settings(max_examples=80, deadline=None)
@given(universes(), st.data())
def test_asof_equals_last_row_of_history(
    case: tuple[np.ndarray, np.ndarray, int], data: st.DataObject
) -> None:
    x, kinds, w = case
    row = data.draw(st.integers(0, x.shape[0] - 1))
    windows = [w, w + 1, 1]
    got = records_asof(x, windows, kinds, row=row)
    for i, wi in enumerate(windows):
        h = record_history(x[: row + 1], wi, kinds)
        moves = window_moves(x[: row + 1], wi, kinds)
        assert got.since[i].tolist() == h.since[-1].tolist()
        assert got.rank[i].tolist() == h.rank[-1].tolist()
        assert got.out_of[i].tolist() == h.out_of[-1].tolist()
        valid = ~np.isnan(got.value[i])
        assert got.start[i][valid].tolist() == h.start[valid].tolist()
        np.testing.assert_array_equal(got.value[i], moves[-1])
        for j in np.flatnonzero(got.since[i] >= 0):
            assert got.since_value[i, j] == moves[got.since[i, j], j]
        assert np.isnan(got.since_value[i][got.since[i] < 0]).all()


@settings(max_examples=60, deadline=None)
@given(universes(), arrays(np.float64, st.integers(1, 30), elements=prices))
def test_appending_future_rows_changes_nothing(
    case: tuple[np.ndarray, np.ndarray, int], future: np.ndarray
) -> None:
    x, kinds, w = case
    longer = np.vstack([x, np.resize(future, (len(future), 1)) * np.ones((1, x.shape[1]))])
    n = x.shape[0]
    a, b = record_history(x, w, kinds), record_history(longer, w, kinds)
    assert b.since[:n].tolist() == a.since.tolist()
    assert b.rank[:n].tolist() == a.rank.tolist()
    assert b.out_of[:n].tolist() == a.out_of.tolist()
    r1 = records_asof(x, [w], kinds)
    r2 = records_asof(longer, [w], kinds, row=n - 1)
    assert r1.rank.tolist() == r2.rank.tolist()
    assert r1.since.tolist() == r2.since.tolist()


def test_agrees_with_1d_kernels_on_a_random_walk() -> None:
    rng = np.random.default_rng(3)
    x = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, size=(3000, 3)), axis=0))
    x[100:110, 1] = np.nan
    for w in (1, 21):
        moves = window_moves(x, w)
        h = record_history(x, w)
        for j in range(3):
            m = moves[:, j]
            ge, le = previous_at_least(m), previous_at_most(m)
            greater, seen = rank_to_date(m)
            smaller, _ = rank_to_date(-m)
            ok = ~np.isnan(m)
            gain = ok & (m >= 0)
            loss = ok & (m < 0)
            assert (h.since[gain, j] == ge[gain]).all()
            assert (h.since[loss, j] == le[loss]).all()
            assert (h.rank[gain, j] == greater[gain] + 1).all()
            assert (h.rank[loss, j] == smaller[loss] + 1).all()
            assert (h.out_of[ok, j] == seen[ok] + 1).all()


def test_layouts_and_kinds_give_the_same_answer() -> None:
    rng = np.random.default_rng(5)
    x = np.exp(rng.normal(size=(200, 5)))
    c_order = np.ascontiguousarray(x)
    f_order = np.asfortranarray(x)
    a = records_asof(c_order, [1, 5], kinds=[RATIO, DIFF, RATIO, DIFF, RATIO])
    b = records_asof(f_order, [1, 5], kinds=[RATIO, DIFF, RATIO, DIFF, RATIO])
    for u, v in zip(a, b, strict=True):
        np.testing.assert_array_equal(u, v)
    single = records_asof(x[:, 1:2], [1, 5], kinds=DIFF)
    assert single.rank[:, 0].tolist() == a.rank[:, 1].tolist()


def test_hand_made_record() -> None:
    # moves: nan, +10%, -10%, +20%, +5%, -20%
    x = np.array([[100.0], [110.0], [99.0], [118.8], [124.74], [99.792]])
    h = record_history(x, 1)
    assert h.since[:, 0].tolist() == [-1, -1, -1, -1, 3, -1]
    assert h.rank[:, 0].tolist() == [0, 1, 1, 1, 3, 1]
    assert h.out_of[:, 0].tolist() == [0, 1, 2, 3, 4, 5]
    r = records_asof(x, [1, 2], row=4)
    assert r.since[:, 0].tolist() == [3, -1]  # 2-session +26% beats +8.9%, +8%
    assert r.rank[:, 0].tolist() == [3, 1]


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="2-D"):
        records_asof(np.ones(5), [1])
    with pytest.raises(ValueError, match="window"):
        record_history(np.ones((5, 2)), 0)
    with pytest.raises(ValueError, match="row"):
        records_asof(np.ones((5, 2)), [1], row=5)
    with pytest.raises(ValueError, match="kinds"):
        records_asof(np.ones((5, 2)), [1], kinds=[0, 3])


def test_empty_and_short() -> None:
    assert record_history(np.empty((0, 3)), 1).since.shape == (0, 3)
    r = records_asof(np.ones((3, 2)), [5])
    assert np.isnan(r.value).all() and (r.out_of == 0).all()
    h = record_history(np.ones((4, 2)), 1, ranks=False)
    assert h.rank is None and h.out_of[:, 0].tolist() == [0, 1, 2, 3]


def test_parallel_column_wrappers_equal_the_1d_kernels() -> None:
    rng = np.random.default_rng(9)
    m = np.round(rng.normal(size=(500, 7)), 1)
    m[rng.random(m.shape) < 0.1] = np.nan
    ge = columns_previous(m, at_least=True)
    le = columns_previous(m, at_least=False)
    greater, seen = columns_rank_to_date(m)
    for j in range(7):
        assert ge[:, j].tolist() == previous_at_least(m[:, j]).tolist()
        assert le[:, j].tolist() == previous_at_most(m[:, j]).tolist()
        g, s = rank_to_date(m[:, j])
        assert greater[:, j].tolist() == g.tolist()
        assert seen[:, j].tolist() == s.tolist()


def _check_rows_against_asof(x: np.ndarray, w: int, rows: np.ndarray) -> None:
    """record_history at sampled rows equals records_asof there (an independent scan)."""
    h = record_history(x, w)
    assert h.rank is not None
    for row in rows:
        r = records_asof(x, [w], row=int(row))
        valid = ~np.isnan(r.value[0])
        np.testing.assert_array_equal(h.rank[row][valid], r.rank[0][valid])
        np.testing.assert_array_equal(h.out_of[row][valid], r.out_of[0][valid])
        np.testing.assert_array_equal(h.since[row][valid], r.since[0][valid])
        assert (h.rank[row][~valid] == 0).all()


@pytest.mark.parametrize("w", [1, 7, 300])
def test_long_series_with_ties_and_gaps_match_the_asof_scan(w: int) -> None:
    """Many words, groups and summary words of the value-order sweep (9,000 dates)."""
    rng = np.random.default_rng(w)
    n = 9000
    x = np.empty((n, 3))
    x[:, 0] = np.round(100 * np.cumprod(1 + rng.normal(0, 0.01, n)), 0)  # heavy ties
    x[:, 1] = 100 * np.cumprod(1 + rng.normal(0.001, 0.01, n))  # a trend: many records
    x[:, 2] = np.where(rng.random(n) < 0.1, np.nan, rng.integers(1, 4, n))  # gaps, ties
    _check_rows_against_asof(x, w, rng.integers(w, n, 40))


def test_series_beyond_the_sweep_limit_use_the_stack_and_fenwick_tree() -> None:
    from rotascope.measures.scan_kernels import SWEEP_MAX

    rng = np.random.default_rng(1)
    n = SWEEP_MAX + 500
    x = np.round(100 * np.cumprod(1 + rng.normal(0.0002, 0.01, n)), 1)[:, None]
    _check_rows_against_asof(x, 5, np.append(rng.integers(5, n, 10), n - 1))


def test_a_zero_price_gives_infinite_or_missing_moves_not_a_crash() -> None:
    """x / 0 follows IEEE rules (NumPy's), as in the NumPy pass: no ZeroDivisionError."""
    x = np.array([[1.0], [0.0], [2.0], [0.0], [0.0], [3.0]])
    h = record_history(x, 1)
    r = records_asof(x, [1])
    assert h.out_of[:, 0].tolist() == [0, 1, 2, 3, 0, 4]  # 0 / 0 is no move
    # the last move (0 -> 3) ties the earlier 0 -> 2 gain: as extreme, not more
    assert r.value[0, 0] == np.inf and (r.since[0, 0], r.rank[0, 0]) == (2, 1)
    assert (h.since[-1, 0], h.rank[-1, 0]) == (2, 1)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 3000),
    w=st.integers(1, 40),
    levels=st.integers(2, 50),
    holes=st.floats(0.0, 0.5),
    seed=st.integers(0, 2**32 - 1),
)
def test_sweep_and_stack_give_the_same_history(
    n: int, w: int, levels: int, holes: float, seed: int
) -> None:
    """The value-order sweep and the stack + Fenwick tree agree, ties and gaps included."""
    rng = np.random.default_rng(seed)
    x = rng.integers(1, levels + 1, (n, 3)).astype(float)
    x[rng.random(x.shape) < holes] = np.nan
    a = record_history(x, w, kinds=[0, 1, 0], method="sweep")
    b = record_history(x, w, kinds=[0, 1, 0], method="stack")
    for name in ("since", "rank", "out_of", "start"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)


def test_unknown_rank_method_is_refused() -> None:
    with pytest.raises(ValueError, match="method must be"):
        record_history(np.ones((3, 1)), 1, method="fast")
