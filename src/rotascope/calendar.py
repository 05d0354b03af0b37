"""NYSE sessions and the date parsing every command shares.

Windows in rotascope count **sessions** (NYSE trading days, ``exchange_calendars``
``XNYS``), not calendar days: the "five-session gain to Jul 16, 2024" starts from the
close of Jul 9, 2024. A series with a missing session is reported by
:func:`session_gaps`, never silently shifted.

Examples
--------
>>> sessions_between("2024-07-09", "2024-07-16")
5
>>> session_on_or_before("2024-07-13").date().isoformat()  # a Saturday
'2024-07-12'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from rotascope.errors import AsOfError

__all__ = [
    "SessionGaps",
    "is_session",
    "nyse_sessions",
    "parse_date",
    "session_gaps",
    "session_on_or_before",
    "sessions_between",
]

_FIRST = "1885-01-01"


@lru_cache(maxsize=1)
def _calendar() -> Any:
    import exchange_calendars as xc  # lazy: ~0.5 s to build

    return xc.get_calendar("XNYS", start=_FIRST)


def nyse_sessions(start: Any = None, end: Any = None) -> pd.DatetimeIndex:
    """NYSE sessions between ``start`` and ``end`` inclusive (tz-naive midnight dates).

    Examples
    --------
    >>> len(nyse_sessions("2024-07-01", "2024-07-05"))  # Jul 4 is a holiday
    4
    """
    sessions = _calendar().sessions
    lo = parse_date(start, "start") if start is not None else sessions[0]
    hi = parse_date(end, "end") if end is not None else sessions[-1]
    return sessions[(sessions >= lo) & (sessions <= hi)]


def is_session(date: Any) -> bool:
    """True when ``date`` is an NYSE session."""
    return bool(_calendar().is_session(parse_date(date, "date")))


def sessions_between(start: Any, end: Any) -> int:
    """Number of sessions from ``start`` (exclusive) to ``end`` (inclusive).

    Both dates should be sessions; the count is what a window of N sessions spans.
    """
    a, b = parse_date(start, "start"), parse_date(end, "end")
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    s = _calendar().sessions
    return sign * int(((s > a) & (s <= b)).sum())


def session_on_or_before(date: Any) -> pd.Timestamp:
    """The last NYSE session on or before ``date``."""
    d = parse_date(date, "date")
    s = _calendar().sessions
    pos = s.searchsorted(d, side="right") - 1
    if pos < 0:
        raise AsOfError(f"{d.date()} is before the first NYSE session on record ({_FIRST})")
    return s[pos]


def parse_date(value: Any, param: str = "date") -> pd.Timestamp:
    """Parse a user-supplied date once, at the boundary.

    Parameters
    ----------
    value : str, date, datetime, numpy.datetime64 or pandas.Timestamp
        The date; strings in ISO form (``2024-07-16``).
    param : str
        Parameter name used in the error message.

    Returns
    -------
    pandas.Timestamp
        Tz-naive, normalised to midnight.

    Raises
    ------
    AsOfError
        When the value is not a date.

    Examples
    --------
    >>> parse_date("2024-07-16").isoformat()
    '2024-07-16T00:00:00'
    """
    if isinstance(value, pd.Timestamp):
        ts = value
    elif isinstance(value, dt.date | dt.datetime):
        ts = pd.Timestamp(value)
    else:
        text = str(value).strip()
        try:
            if len(text) > 40:
                raise ValueError
            ts = pd.Timestamp(text)
        except (ValueError, TypeError, OverflowError):
            raise AsOfError(
                f"{param}: {text[:40]!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-07-16"
            ) from None
    if pd.isna(ts):
        raise AsOfError(f"{param}: a date is required (YYYY-MM-DD)")
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts.normalize()


@dataclass(frozen=True)
class SessionGaps:
    """Where a series disagrees with the NYSE calendar over its own date range.

    Attributes
    ----------
    missing : pandas.DatetimeIndex
        NYSE sessions with no value in the series.
    extra : pandas.DatetimeIndex
        Dates with a value that are not NYSE sessions (e.g. Saturdays before 1952).
    """

    missing: pd.DatetimeIndex
    extra: pd.DatetimeIndex

    @property
    def ok(self) -> bool:
        """True when the series has exactly the NYSE sessions of its range."""
        return len(self.missing) == 0 and len(self.extra) == 0

    def describe(self, symbol: str, limit: int = 5) -> str:
        """One line for humans: counts and the first few dates."""
        if self.ok:
            return f"{symbol}: every NYSE session present"
        parts = []
        for label, idx in (("missing", self.missing), ("not NYSE sessions", self.extra)):
            if len(idx):
                shown = ", ".join(d.date().isoformat() for d in idx[:limit])
                more = f" and {len(idx) - limit} more" if len(idx) > limit else ""
                parts.append(f"{len(idx)} {label} ({shown}{more})")
        return f"{symbol}: " + "; ".join(parts)


def session_gaps(index: pd.DatetimeIndex, start: Any = None, end: Any = None) -> SessionGaps:
    """Compare a series' dates with the NYSE sessions over its range.

    Examples
    --------
    >>> idx = pd.DatetimeIndex(["2024-07-08", "2024-07-10"])
    >>> [d.date().isoformat() for d in session_gaps(idx).missing]
    ['2024-07-09']
    """
    dates = pd.DatetimeIndex(index).normalize()
    if len(dates) == 0:
        empty = pd.DatetimeIndex([])
        return SessionGaps(empty, empty)
    lo = parse_date(start, "start") if start is not None else dates.min()
    hi = parse_date(end, "end") if end is not None else dates.max()
    expected = nyse_sessions(lo, hi)
    dates = dates[(dates >= lo) & (dates <= hi)]
    missing = expected.difference(dates)
    extra = dates.difference(expected)
    return SessionGaps(pd.DatetimeIndex(missing), pd.DatetimeIndex(extra))
