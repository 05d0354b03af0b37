"""Column-wise record kernels over a (dates x series) matrix.

The same answers as :func:`~rotascope.measures.kernels.previous_at_least`,
:func:`~rotascope.measures.kernels.previous_at_most` and
:func:`~rotascope.measures.kernels.rank_to_date` for every column, the columns run in
parallel by :mod:`rotascope.measures.scan_kernels`.

Examples
--------
>>> import numpy as np
>>> m = np.array([[3.0, 1.0], [1.0, 2.0], [2.0, 3.0]])
>>> previous_at_least_2d(m).tolist()
[[-1, -1], [0, -1], [0, -1]]
"""

from __future__ import annotations

import numpy as np

from rotascope._typing import FloatArray, IntArray
from rotascope.measures.scan_kernels import columns_previous, columns_rank_to_date

__all__ = ["previous_at_least_2d", "previous_at_most_2d", "rank_to_date_2d"]


def _as_2d(x: object) -> FloatArray:
    arr = np.asarray(x, dtype=np.float64)
    if arr.ndim != 2:
        raise ValueError(f"expected a 2-D (dates x series) array, got shape {arr.shape}")
    return arr


def previous_at_least_2d(x: FloatArray) -> IntArray:
    """Column-wise :func:`~rotascope.measures.kernels.previous_at_least`."""
    return columns_previous(_as_2d(x), at_least=True)


def previous_at_most_2d(x: FloatArray) -> IntArray:
    """Column-wise :func:`~rotascope.measures.kernels.previous_at_most`."""
    return columns_previous(_as_2d(x), at_least=False)


def rank_to_date_2d(x: FloatArray) -> tuple[IntArray, IntArray]:
    """Column-wise :func:`~rotascope.measures.kernels.rank_to_date`."""
    return columns_rank_to_date(_as_2d(x))
