"""Type aliases shared across rotascope."""

from __future__ import annotations

from datetime import date
from typing import Literal, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
DateLike: TypeAlias = str | pd.Timestamp | np.datetime64 | date
Basis = Literal["price", "total_return"]
Direction = Literal["high", "low"]
#: The unit of a fact's numbers (see :mod:`rotascope.kinds.fact`); kinds are registered
#: by name (:func:`rotascope.kinds.registry.all_kinds`).
Unit = Literal["pct", "pp", "bp", "level", "ratio", "count", "x", "years"]

__all__ = [
    "Basis",
    "DateLike",
    "Direction",
    "FloatArray",
    "IntArray",
    "Unit",
]
