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
FactKind = Literal[
    "move",
    "spread",
    "ratio",
    "drawdown",
    "period",
    "streak",
    "event_study",
    "catalyst",
    "rates",
    "factor",
    "breadth",
    "valuation",
    "attribution",
]
Unit = Literal["pct", "pp", "bp", "ratio", "count", "x", "years"]

__all__ = [
    "Basis",
    "DateLike",
    "Direction",
    "FactKind",
    "FloatArray",
    "IntArray",
    "Unit",
]
