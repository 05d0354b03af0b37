"""Compiled kernels behind every "biggest since" record.

All kernels take a 1-D float64 array in date order and look only backwards, so the
answer at ``i`` never depends on values after ``i`` (no look-ahead). NaN values are
skipped: they get no record and are never an answer for a later value.

``previous_at_least(x)[i]``
    the latest ``j < i`` with ``x[j] >= x[i]``, else ``-1`` (monotonic stack, O(n)).
``previous_at_most(x)[i]``
    the latest ``j < i`` with ``x[j] <= x[i]``, else ``-1``.
``rank_to_date(x)``
    ``(greater, seen)``: how many earlier non-NaN values are strictly greater than
    ``x[i]``, and how many earlier non-NaN values there are (Fenwick tree over the
    value ranks, O(n log n)). The record rank is ``greater + 1`` out of ``seen + 1``.

The same over every column of a (dates x series) matrix is in
:mod:`rotascope.measures.columns` (the universe scan's parallel kernels).

Examples
--------
>>> import numpy as np
>>> x = np.array([3.0, 1.0, 2.0, 5.0, 2.0])
>>> previous_at_least(x).tolist()
[-1, 0, 0, -1, 3]
>>> previous_at_most(x).tolist()
[-1, -1, 1, 2, 2]
>>> greater, seen = rank_to_date(x)
>>> (greater + 1).tolist(), (seen + 1).tolist()
([1, 2, 2, 1, 3], [1, 2, 3, 4, 5])
"""

from __future__ import annotations

import numpy as np
from numba import njit

from rotascope._typing import FloatArray, IntArray

__all__ = ["previous_at_least", "previous_at_most", "rank_to_date"]


@njit(cache=True, nogil=True)
def _previous_at_least(x: FloatArray) -> IntArray:  # pragma: no cover - compiled
    n = x.shape[0]
    out = np.full(n, -1, dtype=np.int64)
    stack = np.empty(n, dtype=np.int64)
    top = 0
    for i in range(n):
        v = x[i]
        if np.isnan(v):
            continue
        while top > 0 and x[stack[top - 1]] < v:
            top -= 1
        if top > 0:
            out[i] = stack[top - 1]
        stack[top] = i
        top += 1
    return out


@njit(cache=True, nogil=True)
def _previous_at_most(x: FloatArray) -> IntArray:  # pragma: no cover - compiled
    n = x.shape[0]
    out = np.full(n, -1, dtype=np.int64)
    stack = np.empty(n, dtype=np.int64)
    top = 0
    for i in range(n):
        v = x[i]
        if np.isnan(v):
            continue
        while top > 0 and x[stack[top - 1]] > v:
            top -= 1
        if top > 0:
            out[i] = stack[top - 1]
        stack[top] = i
        top += 1
    return out


@njit(cache=True, nogil=True)
def _rank_to_date(x: FloatArray) -> tuple[IntArray, IntArray]:  # pragma: no cover
    n = x.shape[0]
    greater = np.zeros(n, dtype=np.int64)
    seen_out = np.zeros(n, dtype=np.int64)
    finite = x[~np.isnan(x)]
    if finite.shape[0] == 0:
        return greater, seen_out
    levels = np.unique(finite)  # sorted distinct values
    m = levels.shape[0]
    tree = np.zeros(m + 1, dtype=np.int64)
    seen = 0
    for i in range(n):
        v = x[i]
        seen_out[i] = seen
        if np.isnan(v):
            continue
        pos = np.searchsorted(levels, v) + 1  # 1-based Fenwick index of v
        # count of earlier values <= v
        le = 0
        k = pos
        while k > 0:
            le += tree[k]
            k -= k & (-k)
        greater[i] = seen - le
        k = pos
        while k <= m:
            tree[k] += 1
            k += k & (-k)
        seen += 1
    return greater, seen_out


def _as_1d(x: object) -> FloatArray:
    arr = np.ascontiguousarray(np.asarray(x, dtype=np.float64))
    if arr.ndim != 1:
        raise ValueError(f"expected a 1-D array, got shape {arr.shape}")
    return arr


def previous_at_least(x: FloatArray) -> IntArray:
    """Index of the latest earlier value ``>= x[i]`` for every ``i`` (``-1`` if none).

    Parameters
    ----------
    x : array of float64, shape (n,)
        Values in date order; NaN is skipped.

    Returns
    -------
    ndarray of int64, shape (n,)
    """
    return _previous_at_least(_as_1d(x))


def previous_at_most(x: FloatArray) -> IntArray:
    """Index of the latest earlier value ``<= x[i]`` for every ``i`` (``-1`` if none)."""
    return _previous_at_most(_as_1d(x))


def rank_to_date(x: FloatArray) -> tuple[IntArray, IntArray]:
    """Earlier values strictly greater than ``x[i]``, and earlier non-NaN values.

    Returns
    -------
    greater, seen : ndarray of int64, shape (n,)
        ``rank = greater + 1`` and ``out_of = seen + 1`` for a non-NaN ``x[i]``.
        For lows, call with ``-x``.
    """
    return _rank_to_date(_as_1d(x))
