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

import llvmlite.ir as llvm_ir
import numpy as np
import numpy.typing as npt
from numba import get_num_threads, njit, prange, types
from numba.extending import intrinsic

from rotascope._typing import FloatArray, IntArray
from rotascope.measures.kernels import _previous_at_least, _previous_at_most, _rank_to_date

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
def _stable_order(vals, m, f32, keys, tmp, hist):  # type: ignore[no-untyped-def]  # pragma: no cover
    """Positions ``0..m-1`` sorted by ``vals`` (all >= 0), ties in position order.

    LSD radix sort (3 passes of 11 bits) of the float32 bits packed with the position,
    then an insertion pass on the float64 values to order float32 ties exactly (the
    array is already sorted up to those rare ties, so the pass is O(m)). Returns the
    array holding the order in its low 32 bits.
    """
    for k in range(m):
        f32[k] = vals[k] + 0.0  # float32 rounding is monotone; + 0.0 turns -0.0 into 0.0
    bits = f32.view(np.uint32)
    for k in range(m):
        keys[k] = (np.uint64(bits[k]) << np.uint64(32)) | np.uint64(k)
    hist[:] = 0
    for k in range(m):
        b = bits[k]
        hist[b & 2047] += 1
        hist[2048 + ((b >> 11) & 2047)] += 1
        hist[4096 + (b >> 22)] += 1
    src, dst = keys, tmp
    for p in range(3):
        base = 2048 * p
        if hist[base + ((bits[0] >> (11 * p)) & 2047)] == m:
            continue  # every key shares this digit
        total = 0
        for d in range(2048):
            c = hist[base + d]
            hist[base + d] = total
            total += c
        shift = np.uint64(32 + 11 * p)
        for k in range(m):
            e = src[k]
            d = base + ((e >> shift) & np.uint64(2047))
            dst[hist[d]] = e
            hist[d] += 1
        src, dst = dst, src
    low = np.uint64(0xFFFFFFFF)
    for k in range(m):
        src[k] &= low
    for k in range(1, m):
        e = src[k]
        v = vals[e]
        q = k
        while q > 0 and vals[src[q - 1]] > v:
            src[q] = src[q - 1]
            q -= 1
        src[q] = e
    return src


@njit(cache=True, nogil=True, error_model="numpy")
def _count_greater_before(vals, m, cnt, f32, keys, tmp, hist, pos, tree):  # type: ignore[no-untyped-def]  # pragma: no cover
    """``cnt[k]`` = #{i < k: vals[i] > vals[k]} for k < m (``vals >= 0``).

    Each value's place in the stable sorted order is unique and every earlier value that
    is not strictly greater sits before it, so a Fenwick tree over places counts them.
    """
    order = _stable_order(vals, m, f32, keys, tmp, hist)
    for k in range(m):
        pos[order[k]] = k + 1
    for k in range(m + 1):
        tree[k] = 0
    for k in range(m):
        p = pos[k]
        below = 0
        i = p
        while i > 0:
            below += tree[i]
            i -= i & (-i)
        cnt[k] = k - below
        i = p
        while i <= m:
            tree[i] += 1
            i += i & (-i)


@intrinsic
def _popcount(typingctx, x):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled
    """Number of set bits of a uint64 (one ``popcnt`` instruction)."""
    sig = types.int64(types.uint64)

    def codegen(context, builder, signature, args):  # type: ignore[no-untyped-def]
        return builder.ctpop(args[0])

    return sig, codegen


@intrinsic
def _top_bit(typingctx, x):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled
    """Index of the highest set bit of a non-zero uint64 (63 - count of leading zeros)."""
    sig = types.int64(types.uint64)

    def codegen(context, builder, signature, args):  # type: ignore[no-untyped-def]
        zeros = builder.ctlz(args[0], llvm_ir.Constant(llvm_ir.IntType(1), 1))
        return builder.sub(llvm_ir.Constant(llvm_ir.IntType(64), 63), zeros)

    return sig, codegen


#: Largest subsequence the value-order sweep handles (its insert costs O(m / 512)).
SWEEP_MAX = 1 << 16


@njit(cache=True, nogil=True, error_model="numpy")
def _sweep(vals, rows, m, since, rank, f32, keys, tmp, hist, bits, wcnt, pre, summ):  # type: ignore[no-untyped-def]  # pragma: no cover
    """``since`` and ``rank`` of the subsequence ``vals[:m]`` in one pass in value order.

    Positions ``0..m-1`` are visited from the largest value down (ties as one group) and
    marked in a bitset. Before a group is marked, the marked positions before ``k`` are
    the earlier moves strictly greater: their count is ``pre`` (marked in earlier groups
    of 8 words) + ``wcnt`` (earlier words of the group) + a popcount, each kept up to
    date by fixed-width branch-free increments. After marking, the highest marked bit
    below ``k`` is the latest earlier move at least as large (``since``), found through
    a summary bitset of non-empty words.
    """
    order = _stable_order(vals, m, f32, keys, tmp, hist)
    nw = (m >> 6) + 1
    ng = (nw >> 3) + 1
    ns = (nw >> 6) + 1
    bits[: ng * 8] = 0
    wcnt[: ng * 8] = 0
    pre[:ng] = 0
    summ[:ns] = 0
    one = np.uint64(1)
    i = m - 1
    while i >= 0:
        k = np.int64(order[i])
        v = vals[k]
        j = i
        while j > 0 and vals[np.int64(order[j - 1])] == v:
            j -= 1
        if j == i:  # no tie (the usual case): count, mark and find since in one go
            b = k >> 6
            bit = one << np.uint64(k & 63)
            word = bits[b]
            below = word & (bit - one)
            rank[rows[k]] = pre[b >> 3] + wcnt[b] + _popcount(below) + 1
            bits[b] = word | bit
            summ[b >> 6] |= one << np.uint64(b & 63)
            base = b & ~7
            o = b & 7
            for q in range(8):
                wcnt[base + q] += q > o
            grp = b >> 3
            for q in range(ng):
                pre[q] += q > grp
            if below:
                since[rows[k]] = rows[(b << 6) + _top_bit(below)]
            else:
                sb = b >> 6
                sw = summ[sb] & ((one << np.uint64(b & 63)) - one)
                while sw == 0 and sb > 0:
                    sb -= 1
                    sw = summ[sb]
                if sw == 0:
                    since[rows[k]] = -1
                else:
                    wb = (sb << 6) + _top_bit(sw)
                    since[rows[k]] = rows[(wb << 6) + _top_bit(bits[wb])]
            i -= 1
            continue
        for g in range(j, i + 1):  # strictly greater and earlier: marked before the group
            k = np.int64(order[g])
            b = k >> 6
            below = bits[b] & ((one << np.uint64(k & 63)) - one)
            rank[rows[k]] = pre[b >> 3] + wcnt[b] + _popcount(below) + 1
        for g in range(j, i + 1):  # mark the group
            k = np.int64(order[g])
            b = k >> 6
            bits[b] |= one << np.uint64(k & 63)
            summ[b >> 6] |= one << np.uint64(b & 63)
            base = b & ~7
            o = b & 7
            for q in range(8):
                wcnt[base + q] += q > o
            grp = b >> 3
            for q in range(ng):
                pre[q] += q > grp
        for g in range(j, i + 1):  # latest earlier at least as large, ties included
            k = np.int64(order[g])
            b = k >> 6
            below = bits[b] & ((one << np.uint64(k & 63)) - one)
            if below:
                since[rows[k]] = rows[(b << 6) + _top_bit(below)]
                continue
            sb = b >> 6
            sw = summ[sb] & ((one << np.uint64(b & 63)) - one)
            while sw == 0 and sb > 0:
                sb -= 1
                sw = summ[sb]
            if sw == 0:
                since[rows[k]] = -1
            else:
                wb = (sb << 6) + _top_bit(sw)
                since[rows[k]] = rows[(wb << 6) + _top_bit(bits[wb])]
        i = j - 1


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
