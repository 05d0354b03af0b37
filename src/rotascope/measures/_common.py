"""Helpers shared by the phrasing measures: as-of cuts, input checks, result display.

Private to :mod:`rotascope.measures`. The one as-of rule of a measure: a series is cut
at ``asof`` (values dated on or before it, NaN dropped) before anything is computed,
so appending later data can never change a result.

Examples
--------
>>> import pandas as pd
>>> s = pd.Series([1.0, None, 3.0], index=pd.date_range("2024-01-01", periods=3))
>>> upto(s, pd.Timestamp("2024-01-02")).tolist()
[1.0]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from rotascope.errors import AsOfError, RotascopeError

__all__ = [
    "FrameResult",
    "MeasureInputError",
    "as_timestamp",
    "check_sorted",
    "check_window",
    "date_or_nat",
    "upto",
]


class MeasureInputError(RotascopeError, ValueError):
    """An argument a measure cannot work with (a window, a threshold, a shape).

    Examples
    --------
    >>> str(MeasureInputError("window must be at least 2 sessions, got 1"))
    'window must be at least 2 sessions, got 1'
    """


def as_timestamp(value: Any, name: str = "date") -> pd.Timestamp:
    """A tz-naive, midnight ``Timestamp`` from a ``Timestamp`` or date-like value.

    Examples
    --------
    >>> as_timestamp("2024-07-16 15:30").isoformat()
    '2024-07-16T00:00:00'
    """
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise MeasureInputError(f"{name} must be a date, got {value!r}") from exc
    if ts is pd.NaT:
        raise MeasureInputError(f"{name} must be a date, got {value!r}")
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts.normalize()


def check_sorted(values: pd.Series | pd.DataFrame, what: str = "values") -> None:
    """Raise unless the index is a sorted ``DatetimeIndex``."""
    if not isinstance(values.index, pd.DatetimeIndex):
        raise MeasureInputError(f"{what} must be indexed by date (a DatetimeIndex)")
    if not values.index.is_monotonic_increasing:
        raise MeasureInputError(f"{what} must be sorted by date (ascending)")


def upto(values: pd.Series, asof: pd.Timestamp | None, *, what: str = "values") -> pd.Series:
    """Non-NaN float values dated on or before ``asof`` (all of them when ``None``).

    Raises
    ------
    AsOfError
        When no value is dated on or before ``asof``.
    """
    check_sorted(values, what)
    clean = values.dropna().astype("float64")
    if asof is not None:
        clean = clean.loc[: as_timestamp(asof, "asof")]
    if clean.empty:
        when = "" if asof is None else f" on or before {as_timestamp(asof).date()}"
        raise AsOfError(f"{what} has no value{when}; pick a later as-of date")
    return clean


def check_window(window: int, minimum: int = 1, name: str = "window") -> int:
    """A whole number of sessions ``>= minimum``."""
    try:
        w = int(window)
    except (TypeError, ValueError) as exc:
        raise MeasureInputError(f"{name} must be a whole number of sessions") from exc
    if w != window or w < minimum:
        raise MeasureInputError(f"{name} must be a whole number >= {minimum}, got {window!r}")
    return w


def date_or_nat(value: Any) -> pd.Timestamp:
    """``pd.Timestamp`` of a datetime64/NaT value (``NaT`` stays ``NaT``)."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or pd.isna(value):
        return pd.NaT
    return pd.Timestamp(value)


class FrameResult:
    """Mixin for result dataclasses: ``_repr_html_`` from ``to_frame()``."""

    def to_frame(self) -> pd.DataFrame:  # pragma: no cover - overridden
        raise NotImplementedError

    def _repr_html_(self) -> str:
        html: str = self.to_frame()._repr_html_()  # type: ignore[operator]
        return html
