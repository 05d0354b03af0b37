"""Loaded series for the fact engine: cleaning, units, as-of resolution.

:class:`SeriesData` is one symbol's values ready for measures (NaN-free, sorted, factor
returns compounded into an index, yields flagged so moves are differences in basis
points). :class:`AsOf` is the session an as-of date resolves to.

Examples
--------
>>> import pandas as pd
>>> raw = pd.Series([1.0, None, 2.0], index=pd.to_datetime(["2024-01-03", "2024-01-02",
...                                                         "2024-01-04"]))
>>> clean_series(raw, "X").tolist()
[1.0, 2.0]
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from rotascope.errors import DataError, RotascopeError, UnknownSymbol
from rotascope.measures.records import records
from rotascope.measures.returns import MoveKind

__all__ = [
    "COLUMNS",
    "DEFAULT_YEARS",
    "AsOf",
    "Loader",
    "Measure",
    "SeriesData",
    "WindowError",
    "bundled_loader",
    "clean_series",
    "split_windows",
]

#: ``loader(symbol, column) -> pandas.Series`` (DatetimeIndex, float values).
Loader = Callable[[str, str], pd.Series]

COLUMNS: dict[str, str] = {"price": "close", "total_return": "adj_close"}

#: Year windows of factor facts when none are asked for.
DEFAULT_YEARS: tuple[str, ...] = ("1y", "3y", "5y", "10y")

_SESSIONS = re.compile(r"\s*(\d+)\s*")
_YEARS = re.compile(r"\s*(\d+)\s*(?:y|yr|yrs|year|years)\s*", re.IGNORECASE)


class WindowError(RotascopeError, ValueError):
    """A window that is neither a number of sessions (``5``) nor of years (``10y``)."""


def split_windows(windows: Iterable[int | str]) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Split window specs into session counts and year labels (duplicates dropped).

    Parameters
    ----------
    windows : iterable of int or str
        ``5`` or ``"5"`` (sessions), ``"10y"`` (calendar years).

    Returns
    -------
    tuple
        ``(sessions, years)``: ints in the order given, and labels normalised to ``"10y"``.

    Raises
    ------
    WindowError
        For anything else (``"abc"``, ``0``, ``"2.5"``), naming the valid forms.

    Examples
    --------
    >>> split_windows([5, "21", "10y", "3Y"])
    ((5, 21), ('10y', '3y'))
    """
    sessions: list[int] = []
    years: list[str] = []
    for w in windows:
        if isinstance(w, bool):
            raise _bad_window(w)
        if isinstance(w, numbers.Real):
            if not math.isfinite(w) or w != int(w) or int(w) < 1:
                raise _bad_window(w)
            n = int(w)
            sessions.extend([] if n in sessions else [n])
            continue
        text = str(w)
        m = _SESSIONS.fullmatch(text)
        if m and int(m.group(1)) >= 1:
            n = int(m.group(1))
            sessions.extend([] if n in sessions else [n])
            continue
        m = _YEARS.fullmatch(text)
        if m and int(m.group(1)) >= 1:
            label = f"{int(m.group(1))}y"
            years.extend([] if label in years else [label])
            continue
        raise _bad_window(w)
    return tuple(sessions), tuple(years)


def _bad_window(w: object) -> WindowError:
    return WindowError(
        f"invalid window {w!r}: windows are a whole number of sessions (e.g. 5, 21, 252) "
        "or of calendar years (e.g. 10y, for factor series such as SMB, HML, RMW, CMA, MOM, "
        "MKT-RF, or for a pair with --versus)"
    )


@dataclass(frozen=True)
class SeriesData:
    """One loaded series, ready for measures.

    Attributes
    ----------
    symbol : str
        Canonical symbol.
    values : pandas.Series
        Date-ordered, NaN-free values. Factor returns (unit ``pct_return``) are turned
        into a growth-of-1 index so that every move compounds.
    basis : {"price", "total_return"}
        The basis actually used (``price`` when no adjusted close exists).
    how : {"pct", "diff"}
        ``diff`` for yields (moves in basis points), else ``pct``.
    notes : dict
        Facts about loading worth passing on (e.g. ``basis_fallback``).
    """

    symbol: str
    values: pd.Series
    basis: str
    how: MoveKind
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def is_yield(self) -> bool:
        """True for yields (moves measured as differences)."""
        return self.how == "diff"

    @property
    def unit(self) -> str:
        """Unit of this series' moves: ``bp`` for yields, else ``pct``."""
        return "bp" if self.is_yield else "pct"

    def scale(self, change: float) -> float:
        """A raw change in the fact's unit (yield points x 100 = basis points)."""
        return change * 100.0 if self.is_yield else change

    @property
    def first(self) -> pd.Timestamp:
        """First date with a value."""
        return self.values.index[0]

    @property
    def last(self) -> pd.Timestamp:
        """Last date with a value."""
        return self.values.index[-1]


@dataclass(frozen=True)
class AsOf:
    """The session used for an as-of date, and how it was chosen."""

    used: pd.Timestamp
    requested: pd.Timestamp | None

    def details(self) -> dict[str, Any]:
        """``{"asof_requested": ...}`` when the date was moved, else ``{}``."""
        if self.requested is None or self.requested == self.used:
            return {}
        return {"asof_requested": self.requested.date().isoformat()}


def clean_series(raw: pd.Series, symbol: str) -> pd.Series:
    if not isinstance(raw, pd.Series):
        raise DataError(f"the loader returned {type(raw).__name__} for {symbol}, not a Series")
    s = pd.to_numeric(raw, errors="coerce").astype("float64")
    s.index = pd.DatetimeIndex(s.index).normalize()
    s = s[~s.index.duplicated(keep="last")].sort_index().dropna()
    s.index.name = "date"
    s.name = symbol
    return s


class Measure(dict):
    """A whole-history measure whose ``"high"``/``"low"`` record tables are built on demand."""

    def __missing__(self, key: str) -> pd.DataFrame:
        if key in ("high", "low"):
            table = records(self["value"], key)  # type: ignore[arg-type]
            self[key] = table
            return table
        raise KeyError(key)


def bundled_loader(symbol: str, column: str) -> pd.Series:
    from rotascope.datasets import bundled_symbols, load_bundled

    frame = load_bundled(symbol)
    if frame is None:
        raise UnknownSymbol(symbol, bundled_symbols())
    if column not in frame.columns:
        raise DataError(f"{symbol} has no {column!r} column")
    return frame[column]
