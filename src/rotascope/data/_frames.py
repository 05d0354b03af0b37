"""Frame helpers shared by the data sources (shapes, one column, info)."""

from __future__ import annotations

import pandas as pd

from rotascope.data.port import COLUMNS, SeriesInfo
from rotascope.errors import DataError

__all__ = ["as_frame", "info_of", "series_of"]


def as_frame(value: pd.DataFrame | pd.Series, symbol: str) -> pd.DataFrame:
    """A frame in the port's shape: DatetimeIndex ``date`` (sorted, unique), float64."""
    frame = value.to_frame("close") if isinstance(value, pd.Series) else value.copy()
    bad = [c for c in frame.columns if c not in COLUMNS]
    if bad:
        raise DataError(f"{symbol}: unknown column(s) {bad}; use {', '.join(COLUMNS)}")
    frame.index = pd.DatetimeIndex(frame.index).normalize()
    frame = frame[~frame.index.duplicated(keep="last")].sort_index().astype("float64")
    frame.index.name = "date"
    return frame


def series_of(frame: pd.DataFrame, symbol: str, column: str) -> pd.Series:
    """One column without missing values, named ``symbol``."""
    if column not in COLUMNS:
        raise DataError(f"unknown column {column!r}; choose among {', '.join(COLUMNS)}")
    if column not in frame.columns or frame[column].isna().all():
        have = [c for c in frame.columns if frame[c].notna().any()]
        hint = "; try column='close'" if column == "adj_close" else ""
        raise DataError(f"{symbol} has no {column} values (it has {', '.join(have)}){hint}")
    s = frame[column].dropna().astype("float64")
    s.name = symbol
    return s


def info_of(frame: pd.DataFrame, symbol: str, origin: str) -> SeriesInfo:
    """The :class:`SeriesInfo` of a frame."""
    have = tuple(c for c in frame.columns if frame[c].notna().any())
    valid = frame.dropna(how="all")
    if valid.empty:
        raise DataError(f"{symbol} has no values")
    return SeriesInfo(
        symbol=symbol,
        origin=origin,
        first=pd.Timestamp(valid.index[0]),
        last=pd.Timestamp(valid.index[-1]),
        rows=len(valid),
        columns=have,
    )
