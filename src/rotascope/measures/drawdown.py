"""Drawdowns from peaks and rallies from troughs.

- drawdown at ``t``: ``close[t] / max(close[:t]) - 1`` (<= 0), measured from the running
  all-time high (or the high of the last ``lookback`` sessions);
- distance from a chosen peak: ``close[t] / close[peak] - 1``;
- drawdown of A vs B: A from its own peak, and B over the **same dates** ("down 15%
  from its Jul 31 high vs 3.9% for the S&P 500");
- rally from a trough: ``close[t] / min(close[start:t]) - 1``.

Everything looks only at data up to ``asof``.

Examples
--------
>>> import pandas as pd
>>> s = pd.Series([100.0, 120.0, 90.0, 108.0], index=pd.date_range("2024-01-01", periods=4))
>>> d = drawdown_at(s)
>>> round(d.value, 2), d.peak_date.day, d.trough_date.day, round(d.rally, 2)
(-0.1, 2, 3, 0.2)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "DrawdownAt",
    "Rally",
    "RelativeDrawdown",
    "distance_from",
    "drawdown",
    "drawdown_at",
    "rally_from_trough",
    "relative_drawdown",
]


def _upto(values: pd.Series, asof: Any) -> pd.Series:
    clean = values.dropna().astype("float64")
    if asof is not None:
        clean = clean.loc[: pd.Timestamp(asof)]
    if clean.empty:
        raise ValueError("no values on or before the as-of date")
    return clean


def drawdown(values: pd.Series) -> pd.DataFrame:
    """Drawdown from the running all-time high at every date.

    Returns
    -------
    pandas.DataFrame
        Columns ``drawdown`` (fraction <= 0), ``peak_date`` (latest date of the
        running high) and ``peak_value``; indexed like the non-NaN values.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([1.0, 2.0, 1.5], index=pd.date_range("2024-01-01", periods=3))
    >>> drawdown(s)["drawdown"].tolist()
    [0.0, 0.0, -0.25]
    """
    clean = values.dropna().astype("float64")
    peak = clean.cummax()
    at_peak = clean >= peak
    dates = pd.Series(clean.index, index=clean.index).where(at_peak).ffill()
    return pd.DataFrame(
        {"drawdown": clean / peak - 1.0, "peak_date": dates, "peak_value": peak},
        index=clean.index,
    )


@dataclass(frozen=True)
class DrawdownAt:
    """Drawdown at one date.

    Attributes
    ----------
    date : pandas.Timestamp
        The as-of session.
    close : float
        Its value.
    value : float
        ``close / peak_value - 1`` (<= 0).
    peak_date, peak_value
        The highest close before (or on) ``date`` within the lookback.
    trough_date, trough_value
        The lowest close from ``peak_date`` to ``date``.
    rally : float
        ``close / trough_value - 1`` (>= 0).
    lookback : int or None
        Sessions searched for the peak (``None`` = all history: an all-time high).
    """

    date: pd.Timestamp
    close: float
    value: float
    peak_date: pd.Timestamp
    peak_value: float
    trough_date: pd.Timestamp
    trough_value: float
    rally: float
    lookback: int | None = None


def drawdown_at(values: pd.Series, asof: Any = None, *, lookback: int | None = None) -> DrawdownAt:
    """Drawdown from the highest close as of ``asof`` (all-time, or last ``lookback`` rows).

    Ties on the peak resolve to the latest date.
    """
    clean = _upto(values, asof)
    hist = clean if lookback is None else clean.iloc[-(int(lookback) + 1) :]
    arr = hist.to_numpy()
    ipeak = int(len(arr) - 1 - np.argmax(arr[::-1]))
    after = hist.iloc[ipeak:]
    itrough = int(len(after) - 1 - np.argmin(after.to_numpy()[::-1]))
    close = float(arr[-1])
    peak_value = float(arr[ipeak])
    trough_value = float(after.iloc[itrough])
    return DrawdownAt(
        date=hist.index[-1],
        close=close,
        value=close / peak_value - 1.0,
        peak_date=hist.index[ipeak],
        peak_value=peak_value,
        trough_date=after.index[itrough],
        trough_value=trough_value,
        rally=close / trough_value - 1.0,
        lookback=lookback,
    )


def distance_from(values: pd.Series, peak_date: Any, asof: Any = None) -> float:
    """``close[asof] / close[peak_date] - 1`` (each on or before its date).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([100.0, 92.0], index=pd.date_range("2024-01-01", periods=2))
    >>> round(distance_from(s, "2024-01-01"), 2)
    -0.08
    """
    clean = _upto(values, asof)
    base = clean.loc[: pd.Timestamp(peak_date)]
    if base.empty:
        return float("nan")
    return float(clean.iloc[-1] / base.iloc[-1] - 1.0)


@dataclass(frozen=True)
class RelativeDrawdown:
    """A's drawdown from its peak and B's change over the same dates.

    Attributes
    ----------
    a : DrawdownAt
        A's drawdown.
    b_change : float
        ``B[date] / B[peak_date] - 1`` (B's close on or before each date).
    b_peak_close, b_close : float
        B's two closes.
    """

    a: DrawdownAt
    b_change: float
    b_peak_close: float
    b_close: float

    @property
    def gap(self) -> float:
        """A's drawdown minus B's change (fraction points)."""
        return self.a.value - self.b_change


def relative_drawdown(
    a: pd.Series, b: pd.Series, asof: Any = None, *, lookback: int | None = None
) -> RelativeDrawdown:
    """Drawdown of A from A's peak, vs B over the same dates.

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.date_range("2024-01-01", periods=3)
    >>> a = pd.Series([100.0, 120.0, 102.0], index=idx)
    >>> b = pd.Series([50.0, 50.0, 48.0], index=idx)
    >>> r = relative_drawdown(a, b)
    >>> round(r.a.value, 2), round(r.b_change, 2)
    (-0.15, -0.04)
    """
    da = drawdown_at(a, asof, lookback=lookback)
    cb = _upto(b, da.date)
    base = cb.loc[: da.peak_date]
    if base.empty:
        return RelativeDrawdown(da, float("nan"), float("nan"), float(cb.iloc[-1]))
    bp, bc = float(base.iloc[-1]), float(cb.iloc[-1])
    return RelativeDrawdown(da, bc / bp - 1.0, bp, bc)


@dataclass(frozen=True)
class Rally:
    """Rise from the lowest close of a span.

    Attributes
    ----------
    value : float
        ``close / trough_value - 1``.
    trough_date, trough_value
        The lowest close in the span (latest on ties).
    date, close
        The as-of session and its value.
    """

    value: float
    trough_date: pd.Timestamp
    trough_value: float
    date: pd.Timestamp
    close: float


def rally_from_trough(
    values: pd.Series, asof: Any = None, *, start: Any = None, lookback: int | None = 252
) -> Rally:
    """Rally from the lowest close since ``start`` (or in the last ``lookback`` sessions).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([100.0, 80.0, 100.0], index=pd.date_range("2024-01-01", periods=3))
    >>> r = rally_from_trough(s)
    >>> round(r.value, 2), r.trough_date.day
    (0.25, 2)
    """
    clean = _upto(values, asof)
    if start is not None:
        span = clean.loc[pd.Timestamp(start) :]
    elif lookback is not None:
        span = clean.iloc[-(int(lookback) + 1) :]
    else:
        span = clean
    arr = span.to_numpy()
    it = int(len(arr) - 1 - np.argmin(arr[::-1]))
    close = float(arr[-1])
    return Rally(
        close / float(arr[it]) - 1.0, span.index[it], float(arr[it]), span.index[-1], close
    )
