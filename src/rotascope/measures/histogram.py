"""Histogram bins on round numbers, for the distribution charts.

A chart of "every five-session move since 1987" draws bars over these bins: their
width is a round step (1, 2, 2.5 or 5 times a power of ten) giving about
:data:`TARGET_BINS` bins over the values' range, and the edges are multiples of it,
so a bar reads "from 2.0% to 2.5%". Every value falls in exactly one bin (the last
bin includes its right edge).

Examples
--------
>>> import numpy as np
>>> h = histogram(np.array([-1.2, -0.4, 0.1, 0.3, 2.6]), target=8)
>>> h.width, float(h.edges[0]), float(h.edges[-1]), h.counts.tolist()
(0.5, -1.5, 3.0, [1, 0, 1, 2, 0, 0, 0, 0, 1])
>>> int(h.counts.sum())
5
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from rotascope._typing import FloatArray

__all__ = ["TARGET_BINS", "Histogram", "histogram", "round_step"]

#: About this many bins over the values' range.
TARGET_BINS = 90


@dataclass(frozen=True)
class Histogram:
    """Counts over equal bins.

    Attributes
    ----------
    edges : ndarray of float, shape (k + 1,)
        Bin edges, multiples of ``width``.
    counts : ndarray of int, shape (k,)
        Values in ``[edges[i], edges[i + 1])`` (the last bin closed).
    width : float
        The bins' width.
    """

    edges: FloatArray
    counts: np.ndarray
    width: float

    @property
    def centers(self) -> FloatArray:
        """Middle of each bin."""
        return (self.edges[:-1] + self.edges[1:]) / 2.0


def round_step(span: float, target: int) -> float:
    """The round step (1, 2, 2.5 or 5 times a power of ten) nearest ``span / target``
    from above.

    Examples
    --------
    >>> round_step(55.0, 90), round_step(0.3, 10), round_step(0.0, 10)
    (1.0, 0.05, 1.0)
    """
    if not span > 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(int(target), 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * power >= raw * (1 - 1e-12):
            return float(np.round(m * power, 12))
    return float(10 * power)  # pragma: no cover - the loop always returns


def histogram(values: np.ndarray, *, target: int = TARGET_BINS) -> Histogram:
    """Bin ``values`` (NaN dropped) on round edges.

    Parameters
    ----------
    values : array-like of float
    target : int
        About how many bins.

    Returns
    -------
    Histogram
    """
    x = np.asarray(values, dtype=np.float64)
    x = x[np.isfinite(x)]
    if x.size == 0:
        return Histogram(np.array([0.0, 1.0]), np.zeros(1, dtype=np.int64), 1.0)
    lo, hi = float(x.min()), float(x.max())
    width = round_step(hi - lo, target)
    first = math.floor(lo / width)
    last = max(math.floor(hi / width) + 1, first + 1)
    edges = np.round(np.arange(first, last + 1) * width, 12)
    counts, _ = np.histogram(x, bins=edges)
    return Histogram(edges, counts.astype(np.int64), width)
