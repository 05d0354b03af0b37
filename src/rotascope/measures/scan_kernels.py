"""Compiled record kernels over a whole universe: a (dates x series) float64 matrix.

Each column is one series on a common calendar (NaN where it has no value). For a
window of ``w`` rows the move at row ``t`` is ``x[t] / x[t - w] - 1`` (``kind`` 0,
prices and levels) or ``x[t] - x[t - w]`` (``kind`` 1, yields); it is NaN when either
end is missing. A move ``v >= 0`` is a gain and gets a *high* record, ``v < 0`` a loss
and gets a *low* record (DESIGN.md):

- ``since``: the latest earlier row whose move was ``>= v`` (highs) / ``<= v`` (lows),
  ties count; ``-1`` when none was (the record reaches back to the history start).
- ``rank``: 1 + the number of earlier moves strictly more extreme.
- ``out_of``: the number of earlier non-NaN moves + 1.

Only moves of the same sign can be more extreme, so each column is split into its gains
and its losses (negated) and both are solved as "highs". With ranks, one sweep in value
order answers both: a stable radix sort (O(n)) orders the moves, then the largest are
marked first in a bitset over positions; before a move is marked, the marks to its left
are the earlier moves strictly larger (``rank`` - 1: block counts kept by fixed-width,
branch-free increments, plus one popcount), and the highest mark to its left is the
latest earlier move at least as large (``since``). Without ranks a monotonic stack
gives ``since`` in O(n). Columns run in parallel (``prange``); pass column-major
(Fortran-order) matrices to avoid a copy.

:func:`records_asof` answers for one row only (a single O(n) pass per column and
window); :func:`record_history` answers for every row of one window. Both look only
backwards: rows after the one asked about change nothing.

Examples
--------
>>> import numpy as np
>>> x = np.array([[100.0], [110.0], [99.0], [121.0]])
>>> r = records_asof(x, [1])
>>> round(float(r.value[0, 0]), 4), int(r.since[0, 0]), int(r.rank[0, 0]), int(r.out_of[0, 0])
(0.2222, -1, 1, 3)
>>> h = record_history(x, 1)
>>> h.since[:, 0].tolist(), h.rank[:, 0].tolist(), h.out_of[:, 0].tolist()
([-1, -1, -1, -1], [0, 1, 1, 1], [0, 1, 2, 3])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from numba import get_num_threads, njit, prange

from rotascope._typing import FloatArray, IntArray
from rotascope.measures.kernels import _previous_at_least, _previous_at_most, _rank_to_date
from rotascope.measures.rank_kernels import SWEEP_MAX, _count_greater_before, _sweep

__all__ = [
    "DIFF",
    "RATIO",
    "AsOfRecords",
    "RecordHistory",
    "columns_previous",
    "columns_rank_to_date",
    "record_history",
    "records_asof",
    "window_moves",
]

#: ``kind`` of a column whose move is ``x[t] / x[t - w] - 1`` (prices, levels).
RATIO = 0
#: ``kind`` of a column whose move is ``x[t] - x[t - w]`` (yields, rates).
DIFF = 1

Int32Array = npt.NDArray[np.int32]


class AsOfRecords(NamedTuple):
    """Records of one row, arrays of shape (windows, series).

    Attributes
    ----------
    value : float64
        The move ending on the row (NaN: no record).
    since, since_value : int64, float64
        Row and move of the latest earlier move as extreme (``-1``/NaN if none).
    rank, out_of : int64
        1 + earlier moves strictly more extreme; earlier non-NaN moves + 1 (0 if NaN).
    start : int64
        First row with a non-NaN move (the history start; ``-1`` if none).
    """

    value: FloatArray
    since: IntArray
    since_value: FloatArray
    rank: IntArray
    out_of: IntArray
    start: IntArray


class RecordHistory(NamedTuple):
    """Records of every row for one window, int32 arrays of shape (dates, series).

    ``since`` is ``-1`` when no earlier move was as extreme or the move is NaN;
    ``rank`` and ``out_of`` are 0 where the move is NaN (``rank`` is ``None`` when not
    asked for). ``start`` (series,) is the first row with a non-NaN move (``-1`` if
    none).
    """

    since: Int32Array
    rank: Int32Array | None
    out_of: Int32Array
    start: IntArray


@njit(cache=True, nogil=True, error_model="numpy")
def _move(a: float, b: float, kind: int) -> float:  # pragma: no cover - compiled
    if kind == 0:
        return a / b - 1.0
    return a - b


@njit(cache=True, nogil=True, error_model="numpy")
def _count_beyond(a, b, v, kind):  # type: ignore[no-untyped-def]  # pragma: no cover
    """Moves ``move(a[k], b[k])`` strictly beyond ``v`` (above a gain, below a loss), and
    non-NaN moves. Each (kind, sign) case is its own tight loop over contiguous slices."""
    cnt = 0
    seen = 0
    n = a.shape[0]
    if kind == 0 and v >= 0.0:
        for k in range(n):
            r = a[k] / b[k] - 1.0
            cnt += r > v
            seen += r == r
    elif kind == 0:
        for k in range(n):
            r = a[k] / b[k] - 1.0
            cnt += r < v
            seen += r == r
    elif v >= 0.0:
        for k in range(n):
            r = a[k] - b[k]
            cnt += r > v
            seen += r == r
    else:
        for k in range(n):
            r = a[k] - b[k]
            cnt += r < v
            seen += r == r
    return cnt, seen


@njit(cache=True, nogil=True, error_model="numpy")
def _asof_column(col, row, w, kind):  # type: ignore[no-untyped-def]  # pragma: no cover
    """(value, since, since_value, rank, out_of, start) of ``col[row]``'s move."""
    nan = np.nan
    if row - w < 0:
        return nan, -1, nan, 0, 0, -1
    v = _move(col[row], col[row - w], kind)
    if np.isnan(v):
        return nan, -1, nan, 0, 0, -1
    start = row
    for t in range(w, row):
        if not np.isnan(_move(col[t], col[t - w], kind)):
            start = t
            break
    cnt, seen = _count_beyond(col[w:row], col[: row - w], v, kind)
    since = -1
    since_value = nan
    if v >= 0.0:
        for t in range(row - 1, w - 1, -1):
            r = _move(col[t], col[t - w], kind)
            if r >= v:
                since = t
                since_value = r
                break
    else:
        for t in range(row - 1, w - 1, -1):
            r = _move(col[t], col[t - w], kind)
            if r <= v:
                since = t
                since_value = r
                break
    return v, since, since_value, cnt + 1, seen + 1, start


@njit(cache=True, parallel=True, error_model="numpy")
def _asof(x, windows, kinds, row):  # type: ignore[no-untyped-def]  # pragma: no cover
    n_w = windows.shape[0]
    n_s = x.shape[0]  # x is the transposed (series x dates) C-contiguous view
    value = np.empty((n_w, n_s))
    since = np.empty((n_w, n_s), dtype=np.int64)
    since_value = np.empty((n_w, n_s))
    rank = np.empty((n_w, n_s), dtype=np.int64)
    out_of = np.empty((n_w, n_s), dtype=np.int64)
    start = np.empty((n_w, n_s), dtype=np.int64)
    for j in prange(n_s):
        col = x[j]
        for i in range(n_w):
            v, s, sv, rk, oo, st = _asof_column(col, row, windows[i], kinds[j])
            value[i, j] = v
            since[i, j] = s
            since_value[i, j] = sv
            rank[i, j] = rk
            out_of[i, j] = oo
            start[i, j] = st
    return value, since, since_value, rank, out_of, start


@njit(cache=True, nogil=True, error_model="numpy")
def _highs(vals, rows, m, since, rank, with_rank, stack, scratch):  # type: ignore[no-untyped-def]  # pragma: no cover
    """High records of the subsequence ``vals[:m]`` observed at ``rows[:m]``."""
    top = 0
    for k in range(m):
        v = vals[k]
        while top > 0 and vals[stack[top - 1]] < v:
            top -= 1
        since[rows[k]] = rows[stack[top - 1]] if top > 0 else -1
        stack[top] = k
        top += 1
    if not with_rank:
        return
    cnt, f32, keys, tmp, hist, pos, tree = scratch
    _count_greater_before(vals, m, cnt, f32, keys, tmp, hist, pos, tree)
    for k in range(m):
        rank[rows[k]] = cnt[k] + 1


@njit(cache=True, parallel=True, error_model="numpy")
def _history(x, w, kinds, since, rank, with_rank, out_of, start, n_chunks, sweep):  # type: ignore[no-untyped-def]  # pragma: no cover
    n_s, n_t = x.shape  # transposed views: one contiguous row per series
    for c in prange(n_chunks):
        gv = np.empty(n_t)
        lv = np.empty(n_t)
        gr = np.empty(n_t, dtype=np.int32)
        lr = np.empty(n_t, dtype=np.int32)
        stack = np.empty(n_t, dtype=np.int32)
        scratch = (
            np.empty(n_t, dtype=np.int32),
            np.empty(n_t, dtype=np.float32),
            np.empty(n_t, dtype=np.uint64),
            np.empty(n_t, dtype=np.uint64),
            np.empty(3 * 2048, dtype=np.int64),
            np.empty(n_t, dtype=np.int32),
            np.empty(n_t + 1, dtype=np.int32),
        )
        bits = np.empty(n_t // 64 + 16, dtype=np.uint64)
        wcnt = np.empty(n_t // 64 + 16, dtype=np.int32)
        pre = np.empty(n_t // 512 + 4, dtype=np.int32)
        summ = np.empty(n_t // 4096 + 2, dtype=np.uint64)
        f32, keys, tmp, hist = scratch[1], scratch[2], scratch[3], scratch[4]
        for j in range(c * n_s // n_chunks, (c + 1) * n_s // n_chunks):
            col = x[j]
            kind = kinds[j]
            s_col = since[j]
            r_col = rank[j if with_rank else 0]
            o_col = out_of[j]
            for t in range(min(w, n_t)):
                s_col[t] = -1
                o_col[t] = 0
            n_g = 0
            n_l = 0
            for t in range(w, n_t):  # branch-free split into gains and (negated) losses
                r = _move(col[t], col[t - w], kind)
                gv[n_g] = r
                gr[n_g] = t
                lv[n_l] = -r
                lr[n_l] = t
                n_g += r >= 0.0
                n_l += r < 0.0
                o_col[t] = n_g + n_l if r == r else 0
                s_col[t] = -1
            if with_rank:
                r_col[:] = 0
            first = gr[0] if n_g else n_t
            if n_l and lr[0] < first:
                first = lr[0]
            start[j] = first if first < n_t else -1
            if with_rank and sweep:  # one pass in value order: since and rank
                _sweep(gv, gr, n_g, s_col, r_col, f32, keys, tmp, hist, bits, wcnt, pre, summ)
                _sweep(lv, lr, n_l, s_col, r_col, f32, keys, tmp, hist, bits, wcnt, pre, summ)
            else:  # monotonic stack for since (and a Fenwick tree for ranks)
                _highs(gv, gr, n_g, s_col, r_col, with_rank, stack, scratch)
                _highs(lv, lr, n_l, s_col, r_col, with_rank, stack, scratch)


@njit(cache=True, parallel=True, error_model="numpy")
def _columns_previous(x, at_least):  # type: ignore[no-untyped-def]  # pragma: no cover
    n_s, n_t = x.shape
    out = np.empty((n_s, n_t), dtype=np.int64)
    for j in prange(n_s):
        col = x[j]
        out[j] = _previous_at_least(col) if at_least else _previous_at_most(col)
    return out.T


@njit(cache=True, parallel=True, error_model="numpy")
def _columns_rank(x):  # type: ignore[no-untyped-def]  # pragma: no cover
    n_s, n_t = x.shape
    greater = np.empty((n_s, n_t), dtype=np.int64)
    seen = np.empty((n_s, n_t), dtype=np.int64)
    for j in prange(n_s):
        g, c = _rank_to_date(x[j])
        greater[j] = g
        seen[j] = c
    return greater.T, seen.T


def columns_previous(x: FloatArray, *, at_least: bool = True) -> IntArray:
    """:func:`~rotascope.measures.kernels.previous_at_least` (or ``_at_most``) per column.

    The 1-D kernel on every column of a (dates x series) matrix, columns in parallel;
    the result is column-major.
    """
    return _columns_previous(_matrix(x).T, at_least)  # type: ignore[no-any-return]


def columns_rank_to_date(x: FloatArray) -> tuple[IntArray, IntArray]:
    """:func:`~rotascope.measures.kernels.rank_to_date` per column, columns in parallel."""
    return _columns_rank(_matrix(x).T)  # type: ignore[no-any-return]


def _matrix(x: object) -> FloatArray:
    arr = np.asarray(x, dtype=np.float64)
    if arr.ndim != 2:
        raise ValueError(f"x must be a 2-D (dates x series) matrix, got shape {arr.shape}")
    return np.asfortranarray(arr)  # no copy when already column-major float64


def _kinds(kinds: object, n_series: int) -> npt.NDArray[np.int64]:
    if kinds is None:
        return np.zeros(n_series, dtype=np.int64)
    out = np.broadcast_to(np.asarray(kinds, dtype=np.int64), (n_series,))
    if not np.isin(out, (RATIO, DIFF)).all():
        raise ValueError("kinds must be RATIO (0) or DIFF (1) per series")
    return np.ascontiguousarray(out)


def _window(w: object) -> int:
    if isinstance(w, bool) or not isinstance(w, (int, np.integer)) or int(w) < 1:
        raise ValueError(f"a window must be a positive number of sessions, got {w!r}")
    return int(w)


def window_moves(x: FloatArray, window: int, kinds: object = None) -> FloatArray:
    """Moves over ``window`` rows for every row and series (NaN in the first rows).

    Parameters
    ----------
    x : array of float64, shape (dates, series)
    window : int
    kinds : int or array of int, shape (series,), optional
        :data:`RATIO` (default) or :data:`DIFF` per series.

    Returns
    -------
    ndarray of float64, shape (dates, series)

    Examples
    --------
    >>> window_moves(np.array([[1.0], [2.0], [3.0]]), 1)[:, 0].tolist()
    [nan, 1.0, 0.5]
    """
    arr = _matrix(x)
    w = _window(window)
    k = _kinds(kinds, arr.shape[1])
    out = np.full(arr.shape, np.nan, order="F")
    if w < arr.shape[0]:
        ratio = k == RATIO
        out[w:, ratio] = arr[w:, ratio] / arr[:-w, ratio] - 1.0
        out[w:, ~ratio] = arr[w:, ~ratio] - arr[:-w, ~ratio]
    return out


def records_asof(
    x: FloatArray, windows: Sequence[int], kinds: object = None, *, row: int = -1
) -> AsOfRecords:
    """Record of the move ending on ``row`` for every window and series.

    One pass per column and window over rows ``<= row`` only; rows after it are never
    read. O(dates x series x windows) time, O(windows x series) memory.

    Parameters
    ----------
    x : array of float64, shape (dates, series)
        Column-major avoids a copy.
    windows : sequence of int
        Windows in rows (sessions).
    kinds : int or array of int, optional
        :data:`RATIO` (default) or :data:`DIFF` per series.
    row : int, default -1
        The "as of" row (negative counts from the end).

    Returns
    -------
    AsOfRecords
        Arrays of shape (len(windows), series).

    Examples
    --------
    >>> x = np.array([[10.0, 1.0], [12.0, 2.0], [11.0, 1.5], [13.0, 1.0]])
    >>> r = records_asof(x, [1], kinds=[RATIO, DIFF])
    >>> r.since[0].tolist(), r.rank[0].tolist()
    ([1, 2], [2, 1])
    """
    arr = _matrix(x)
    n_t = arr.shape[0]
    if not -n_t <= row < n_t:
        raise ValueError(f"row {row} is outside a matrix of {n_t} dates")
    w = np.asarray([_window(v) for v in windows], dtype=np.int64)
    out = _asof(arr.T, w, _kinds(kinds, arr.shape[1]), row % n_t)
    return AsOfRecords(*out)


def record_history(
    x: FloatArray,
    window: int,
    kinds: object = None,
    *,
    ranks: bool = True,
    method: str = "auto",
) -> RecordHistory:
    """Record of the move ending on every row, for one window.

    With ranks: a radix sort and a bitset sweep in value order per series (O(n) plus
    n/512 vectorised increments per move), up to :data:`SWEEP_MAX` dates; beyond that a
    monotonic stack and a Fenwick tree (O(n log n)). Without: one O(n) pass. Series run
    in parallel.
    Memory: three int32 matrices of the input's shape plus O(dates) per thread.

    Parameters
    ----------
    x : array of float64, shape (dates, series)
        Column-major avoids a copy.
    window : int
    kinds : int or array of int, optional
        :data:`RATIO` (default) or :data:`DIFF` per series.
    ranks : bool, default True
        ``False`` skips the O(n log n) rank count (``rank`` is then ``None``); the rest
        is one O(n) pass.
    method : {"auto", "sweep", "stack"}, default "auto"
        How ranks are found: the value-order ``sweep`` (up to :data:`SWEEP_MAX`
        dates) or the monotonic ``stack`` with a Fenwick tree; ``auto`` picks the sweep
        when it applies. Both give the same answer (benchmarks and tests compare them).

    Returns
    -------
    RecordHistory

    Examples
    --------
    >>> h = record_history(np.array([[1.0], [2.0], [1.5], [3.0], [2.0]]), 1)
    >>> h.since[:, 0].tolist(), h.rank[:, 0].tolist()
    ([-1, -1, -1, 1, -1], [0, 1, 1, 1, 1])
    """
    arr = _matrix(x)
    w = _window(window)
    shape = arr.shape
    since = np.empty(shape, dtype=np.int32, order="F")
    rank = np.empty(shape if ranks else (1, 1), dtype=np.int32, order="F")
    out_of = np.empty(shape, dtype=np.int32, order="F")
    start = np.full(shape[1], -1, dtype=np.int64)
    if shape[0] >= 2**31 - 1:
        raise ValueError("record_history handles at most 2**31 - 2 dates")
    if shape[1]:
        n_chunks = min(shape[1], 8 * get_num_threads())
        kind_arr = _kinds(kinds, shape[1])
        if method not in ("auto", "sweep", "stack"):
            raise ValueError(f"method must be 'auto', 'sweep' or 'stack', not {method!r}")
        sweep = method != "stack" and shape[0] <= SWEEP_MAX
        _history(arr.T, w, kind_arr, since.T, rank.T, ranks, out_of.T, start, n_chunks, sweep)
    return RecordHistory(since, rank if ranks else None, out_of, start)
