"""Compiled rank kernels: a stable radix sort, counts of earlier larger values, and the
value-order sweep that gives ``since`` and ``rank`` of a sequence in one pass.

Used by :mod:`rotascope.measures.scan_kernels` (every-date records of a universe). All
functions work on the first ``m`` entries of preallocated scratch arrays so that a
caller can reuse them across series; values are non-negative (gains, or negated
losses).

Examples
--------
>>> import numpy as np
>>> vals = np.array([3.0, 1.0, 2.0, 2.0])
>>> n = vals.size
>>> since, rank = np.empty(n, np.int32), np.empty(n, np.int32)
>>> scratch = sweep_scratch(n)
>>> _sweep(vals, np.arange(n, dtype=np.int32), n, since, rank, *scratch)
>>> since.tolist(), rank.tolist()
([-1, 0, 0, 2], [1, 2, 2, 2])
"""

from __future__ import annotations

import llvmlite.ir as llvm_ir
import numpy as np
from numba import njit, types
from numba.extending import intrinsic

__all__ = ["SWEEP_MAX", "sweep_scratch"]


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


def sweep_scratch(n: int) -> tuple[np.ndarray, ...]:
    """Scratch arrays for :func:`_sweep` over sequences of up to ``n`` values.

    Returns ``(f32, keys, tmp, hist, bits, wcnt, pre, summ)``.
    """
    return (
        np.empty(n, dtype=np.float32),
        np.empty(n, dtype=np.uint64),
        np.empty(n, dtype=np.uint64),
        np.empty(3 * 2048, dtype=np.int64),
        np.empty(n // 64 + 16, dtype=np.uint64),
        np.empty(n // 64 + 16, dtype=np.int32),
        np.empty(n // 512 + 4, dtype=np.int32),
        np.empty(n // 4096 + 2, dtype=np.uint64),
    )
