"""Valuation measures: level, percentile, records, gaps and earnings yields.

Pure functions on pandas objects; no I/O. A valuation series is a float Series on a
DatetimeIndex (monthly or daily); NaN is dropped. Every function that looks at history
takes ``asof`` and uses only values dated on or before it.

Percentile
    share of the window's values (the current one included) that are at or below the
    current value: 1.0 = the highest of the window, 1/n = the lowest.
Distance from median
    ``value / median - 1`` over the window ("28% above its 20-year median").

The forward real return and the CAPE return regression live in
:mod:`rotascope.measures.cape_model`; ``ReturnRegression``, ``cape_return_regression``
and ``forward_real_return`` are still importable from here.

Examples
--------
>>> import pandas as pd
>>> s = pd.Series([10.0, 12.0, 11.0, 15.0],
...               index=pd.date_range("2020-01-31", periods=4, freq="ME", name="date"))
>>> lv = valuation_level(s)
>>> lv.value, lv.percentile, round(lv.vs_median, 4)
(15.0, 1.0, 0.3043)
"""

from __future__ import annotations

import importlib
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from rotascope._typing import DateLike, Direction
from rotascope.measures.records import position_record

__all__ = [
    "ValuationLevel",
    "ValueRecord",
    "earnings_yields",
    "gap_series",
    "history_asof",
    "valuation_level",
    "value_record",
]

#: Names that moved to :mod:`rotascope.measures.cape_model`, still importable from here
#: (resolved on first use: ``cape_model`` itself imports :func:`history_asof`).
_MOVED = frozenset(
    {"Predictor", "ReturnRegression", "cape_return_regression", "forward_real_return"}
)


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        return getattr(importlib.import_module("rotascope.measures.cape_model"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class ValuationLevel:
    """A valuation's level as of a date, against its own history.

    Attributes
    ----------
    date : pandas.Timestamp
        Date of the value used (the last on or before ``asof``).
    value : float
        The value.
    percentile : float
        Share of the window's values at or below ``value`` (0..1, current included).
    median, q10, q90 : float
        Median and 10th/90th percentiles (linear interpolation) of the window.
    vs_median : float
        ``value / median - 1`` (fraction).
    window_start : pandas.Timestamp
        First date in the window.
    n : int
        Values in the window.
    years : int or None
        Window length in years; ``None`` = all history.
    """

    date: pd.Timestamp
    value: float
    percentile: float
    median: float
    q10: float
    q90: float
    vs_median: float
    window_start: pd.Timestamp
    n: int
    years: int | None


@dataclass(frozen=True)
class ValueRecord:
    """How far back a value reaches (see DESIGN.md, *record*).

    Attributes
    ----------
    direction : {"high", "low"}
    since : pandas.Timestamp or None
        Latest earlier date with a value at least as extreme; ``None`` = none.
    since_value : float or None
    rank, out_of : int
    history_start : pandas.Timestamp
    """

    direction: str
    since: pd.Timestamp | None
    since_value: float | None
    rank: int
    out_of: int
    history_start: pd.Timestamp


def history_asof(series: pd.Series, asof: DateLike | None = None) -> pd.Series:
    """Non-NaN values dated on or before ``asof``, sorted; raises when none remain."""
    s = series.dropna().sort_index()
    if asof is not None:
        s = s.loc[: pd.Timestamp(asof)]
    if s.empty:
        raise ValueError(f"no value of {series.name or 'the series'} on or before {asof}")
    return s.astype("float64")


def _window(s: pd.Series, years: int | None) -> pd.Series:
    if years is None:
        return s
    start = s.index[-1] - pd.DateOffset(years=years)
    return s.loc[s.index > start]


def valuation_level(
    series: pd.Series, *, asof: DateLike | None = None, years: int | None = None
) -> ValuationLevel:
    """Level, percentile and distance from median of the last value on or before ``asof``.

    Parameters
    ----------
    series : pandas.Series
        Valuation values (e.g. a P/E) on a DatetimeIndex.
    asof : date-like, optional
        Use values dated on or before this; default all.
    years : int, optional
        Compare with the trailing ``years`` years only (dates after ``date - years``);
        default the whole history.

    Returns
    -------
    ValuationLevel
    """
    s = history_asof(series, asof)
    w = _window(s, years)
    x = w.to_numpy()
    v = float(x[-1])
    med = float(np.median(x))
    return ValuationLevel(
        date=pd.Timestamp(w.index[-1]),
        value=v,
        percentile=float(np.count_nonzero(x <= v)) / x.size,
        median=med,
        q10=float(np.quantile(x, 0.1)),
        q90=float(np.quantile(x, 0.9)),
        vs_median=v / med - 1.0 if med != 0 else math.nan,
        window_start=pd.Timestamp(w.index[0]),
        n=int(x.size),
        years=years,
    )


def value_record(
    series: pd.Series, *, asof: DateLike | None = None, direction: Direction = "high"
) -> ValueRecord:
    """Record of the last value on or before ``asof`` against all earlier values.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([3.0, 1.0, 2.0, 5.0, 2.0],
    ...               index=pd.date_range("2024-01-31", periods=5, freq="ME"))
    >>> r = value_record(s, direction="low")
    >>> r.since.date().isoformat(), r.rank, r.out_of
    ('2024-03-31', 2, 5)
    """
    if direction not in ("high", "low"):
        raise ValueError(f"direction must be 'high' or 'low', got {direction!r}")
    s = history_asof(series, asof)
    x = np.ascontiguousarray(s.to_numpy(dtype=np.float64))
    prev, rank, out_of = position_record(x, len(x) - 1, direction)
    return ValueRecord(
        direction=direction,
        since=pd.Timestamp(s.index[prev]) if prev >= 0 else None,
        since_value=float(x[prev]) if prev >= 0 else None,
        rank=rank,
        out_of=out_of,
        history_start=pd.Timestamp(s.index[0]),
    )


def gap_series(a: pd.Series, b: pd.Series) -> pd.Series:
    """Relative gap ``a / b - 1`` on the dates both have (-0.19 = A at a 19% discount).

    Examples
    --------
    >>> import pandas as pd
    >>> i = pd.date_range("2024-01-31", periods=2, freq="ME")
    >>> gap_series(pd.Series([16.2, 15.0], i), pd.Series([20.0, 20.0], i)).round(3).tolist()
    [-0.19, -0.25]
    """
    left, right = a.dropna().align(b.dropna(), join="inner")
    out = left / right - 1.0
    out.name = f"{a.name}/{b.name}" if a.name and b.name else "gap"
    return out.astype("float64")


def earnings_yields(frame: pd.DataFrame) -> pd.DataFrame:
    """Earnings yields against the 10-year Treasury yield (an equity risk premium proxy).

    Parameters
    ----------
    frame : pandas.DataFrame
        Shiller-like monthly frame with ``price``, ``earnings``, ``cape`` and ``gs10``
        (percent).

    Returns
    -------
    pandas.DataFrame
        ``cape_yield`` (1/CAPE), ``trailing_yield`` (E/P), ``bond_yield`` (GS10 as a
        fraction), ``erp_cape`` and ``erp_trailing`` (each yield minus ``bond_yield``;
        fraction points). Nominal bond yield against a real-ish earnings yield: a proxy,
        not a forecast.
    """
    out = pd.DataFrame(index=frame.index)
    out["cape_yield"] = 1.0 / frame["cape"]
    out["trailing_yield"] = frame["earnings"] / frame["price"]
    out["bond_yield"] = frame["gs10"] / 100.0
    out["erp_cape"] = out["cape_yield"] - out["bond_yield"]
    out["erp_trailing"] = out["trailing_yield"] - out["bond_yield"]
    return out
