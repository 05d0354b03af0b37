"""Exact comparisons in the data's own quantum: integer units, so ties are ties.

Published series are quantized: FRED yields have two decimals (a change is a whole
number of basis points), Fama-French daily returns two decimals of a percent. Moves
computed in floating point break those ties at random (``4.72 - 4.70`` is not
``3.92 - 3.90``), and a record's rank ("1 + the number of earlier values strictly
larger") then depends on rounding noise. Here every move is compared in integer
units of the data:

- :func:`quantum` finds the decimals of a series (``2`` for yields in percent,
  ``4`` for returns as fractions with two decimals of a percent);
- :func:`diff_units` gives N-row changes as integers (yields);
- :func:`compound_order` gives compounded N-row returns with an **order key**: a
  float array that compares exactly as the exact rational returns do (equal for ties),
  found by refining near-ties with integer products;
- :func:`compound_signs` compares one window with every earlier one exactly (their
  log growths, refined with integer products where they are near), for one date's
  record without ordering the whole history.

Records (:func:`rotascope.measures.records.records`) computed on these keys give the
exact ``since``, ``rank`` and ``out_of``.

Examples
--------
>>> import numpy as np
>>> quantum(np.array([4.72, 4.70, 3.92, 3.90]))
2
>>> d = diff_units(np.array([472, 470, 392, 390]), 1)
>>> d[1:].tolist()
[-2.0, -78.0, -2.0]
>>> value, order = compound_order(np.array([10, -20, 10, -20]), 10_000, 2)
>>> bool(order[1] == order[3]), round(float(value[1]), 8)
(True, -0.001002)
"""

from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from rotascope._typing import FloatArray

__all__ = [
    "MAX_DECIMALS",
    "compound_order",
    "compound_signs",
    "compound_sums",
    "diff_units",
    "quantum",
    "to_units",
]

#: Most decimals looked for; finer data is compared as floats.
MAX_DECIMALS = 6

#: Log-growth differences below this are refined with exact integer products (float
#: errors of the sliding sums are below 1e-13).
_NEAR = 1e-9


def quantum(values: np.ndarray, *, max_decimals: int = MAX_DECIMALS) -> int | None:
    """The fewest decimals ``k`` such that every finite value is a multiple of ``10**-k``.

    Returns ``None`` when no ``k`` up to ``max_decimals`` fits (or the units would not
    be exact in float64).

    Examples
    --------
    >>> import numpy as np
    >>> quantum(np.array([0.0027, -0.0046, np.nan])), quantum(np.array([1 / 3]))
    (4, None)
    """
    x = np.asarray(values, dtype="float64")
    x = x[np.isfinite(x)]
    if x.size == 0:
        return None
    for k in range(max_decimals + 1):
        scaled = x * 10.0**k
        if np.abs(scaled).max() >= 2.0**52:
            return None
        if np.all(np.abs(scaled - np.round(scaled)) <= 1e-6):
            return k
    return None


def to_units(values: np.ndarray, decimals: int) -> FloatArray:
    """Values as whole numbers of ``10**-decimals`` (float64 holding integers; NaN kept)."""
    x = np.asarray(values, dtype="float64")
    return np.round(x * 10.0**decimals)


def diff_units(units: np.ndarray, window: int) -> FloatArray:
    """``units[t] - units[t - window]`` (NaN for the first ``window`` rows); exact.

    ``units`` must hold whole numbers (see :func:`to_units`) below 2**52.
    """
    u = np.asarray(units, dtype="float64")
    out = np.full(u.shape[0], np.nan)
    if window < u.shape[0]:
        out[window:] = u[window:] - u[:-window]
    return out


def compound_order(units: np.ndarray, scale: int, window: int) -> tuple[FloatArray, FloatArray]:
    """Compounded ``window``-row returns and a key that orders them exactly.

    Parameters
    ----------
    units : ndarray
        Daily returns as whole numbers of ``1 / scale`` (``27`` for 0.27% with
        ``scale=10_000``), no NaN.
    scale : int
        Units per 1.0 of return.
    window : int
        Rows compounded.

    Returns
    -------
    value : ndarray of float64
        ``prod(1 + r) - 1`` over the last ``window`` rows (fractions); NaN for the
        first ``window - 1`` rows.
    order : ndarray of float64
        Keys that order the exact returns ``prod(scale + u) / scale**window``: equal
        exactly when the exact returns are equal, ordered as they are; NaN where
        ``value`` is.
    """
    u = np.asarray(units, dtype="float64")
    n = u.shape[0]
    value = np.full(n, np.nan)
    order = np.full(n, np.nan)
    if window < 1 or n < window:
        return value, order
    if window == 1:
        return u / scale, u.copy()
    sums = _window_sums(u, scale, window)
    value[window - 1 :] = np.expm1(sums)
    order[window - 1 :] = _exact_ranks(sums, u.astype(np.int64), scale, window)
    return value, order


def _window_sums(u: np.ndarray, scale: int, window: int) -> np.ndarray:
    logs = np.log1p(u / scale)
    return sliding_window_view(logs, window).sum(axis=1)  # type: ignore[no-any-return]


def compound_sums(units: np.ndarray, scale: int, window: int) -> FloatArray:
    """Log growth of every ``window``-row window, by the row it ends on.

    ``expm1`` of it is the compounded return (:func:`compound_order`'s ``value``);
    :func:`compound_signs` compares windows with it. NaN for the first
    ``window - 1`` rows.

    Examples
    --------
    >>> import numpy as np
    >>> s = compound_sums(np.array([10, -20, 10]), 10_000, 2)
    >>> np.isnan(s[0]), round(float(np.expm1(s[1])), 6)
    (np.True_, -0.001002)
    """
    u = np.asarray(units, dtype="float64")
    n = u.shape[0]
    out = np.full(n, np.nan)
    if 1 <= window <= n:
        out[window - 1 :] = _window_sums(u, scale, window)
    return out


def compound_signs(
    sums: np.ndarray, units: np.ndarray, scale: int, window: int, pos: int, lo: int = 0
) -> FloatArray:
    """How each window ending on rows ``lo .. pos - 1`` compares with the one ending on
    ``pos``: ``1`` larger, ``0`` equal, ``-1`` smaller (exactly), NaN where ``sums``
    is NaN.

    Log growths that differ by more than float error decide; near ones are compared
    as exact integer products, so this agrees with the order keys of
    :func:`compound_order` (a record from these signs is that key's record).

    Parameters
    ----------
    sums : ndarray
        :func:`compound_sums` of ``units`` (NaN rows are skipped).
    units : ndarray
        Daily returns in whole units of ``1 / scale``.
    scale, window : int
    pos, lo : int
        The row compared, and the first earlier row compared with it.

    Examples
    --------
    >>> import numpy as np
    >>> u = np.array([10, -20, 10, -20, 30])
    >>> s = compound_sums(u, 10_000, 2)
    >>> compound_signs(s, u, 10_000, 2, 3).tolist()  # the same two returns: ties
    [nan, 0.0, 0.0]
    >>> compound_signs(s, u, 10_000, 2, 4).tolist()  # +0.1%, -0.2% then +0.3%
    [nan, -1.0, -1.0, -1.0]
    """
    s = np.asarray(sums, dtype=np.float64)
    prior = s[lo:pos]
    v = s[pos]
    out = (prior > v).astype(np.float64) - (prior < v)
    out[np.isnan(prior)] = np.nan
    near = np.flatnonzero(np.abs(prior - v) <= _NEAR)
    if near.size:
        u = np.asarray(units).astype(np.int64)
        rows = np.sort(sliding_window_view(u, window)[lo + near - window + 1], axis=1)
        mine = np.sort(u[pos - window + 1 : pos + 1])
        same = (rows == mine).all(axis=1)  # the same returns in another order: a tie
        out[near[same]] = 0.0
        target = _product(u, pos - window + 1, window, scale)
        for k in near[~same]:
            p = _product(u, lo + int(k) - window + 1, window, scale)
            out[k] = (p > target) - (p < target)
    return out


def _exact_ranks(sums: np.ndarray, units: np.ndarray, scale: int, window: int) -> np.ndarray:
    """Order keys of the windows' exact products, using ``sums`` (log growth) to sort.

    Windows whose log growths differ by more than float error get the rank of their
    group; inside a group of near-equal sums (rare) the exact integer products decide,
    as fractions of a rank, so equal products get equal keys.
    """
    idx = np.argsort(sums, kind="stable")
    starts = np.r_[True, np.diff(sums[idx]) > _NEAR]
    group = np.cumsum(starts) - 1
    keys = np.empty(sums.shape[0])
    keys[idx] = group
    sizes = np.bincount(group)
    for g in np.flatnonzero(sizes > 1):
        members = idx[group == g]
        exact = sorted((_product(units, int(j), window, scale), int(j)) for j in members)
        sub, prev = -1, None
        for p, j in exact:
            if p != prev:
                sub, prev = sub + 1, p
            keys[j] = g + sub / len(members)
    return keys


def _product(units: np.ndarray, j: int, window: int, scale: int) -> int:
    """``prod(scale + u)`` over rows ``j .. j + window - 1`` as an exact integer."""
    return math.prod(scale + int(x) for x in units[j : j + window])
