"""Records within a scope, counts of record closes, and week-to-date returns.

"The Nasdaq 100's biggest one-day drop this year"; "the S&P 500's 38th record close
this year"; "up only 0.5% so far this week".

- **scope**: the calendar ``"year"``, ``"quarter"``, ``"month"`` or ``"week"``
  (Monday to Sunday) that contains the as-of date, or the dates from a given
  ``pandas.Timestamp`` on. A value belongs to the scope of the date it is dated (a
  five-session move ending on Jan 3 belongs to January).
- **scoped record**: the project's record rule applied to the in-scope values only:
  ``since`` is the latest earlier in-scope date with a value ``>= v`` (``<=`` for lows;
  NaT = the biggest in the scope so far), ``rank`` is 1 + the in-scope count strictly
  more extreme, ``out_of`` the in-scope count. "The biggest this year" is ``rank == 1``
  with ``out_of > 1``.
- **record closes**: closes strictly above every earlier close
  (:func:`~rotascope.measures.levels.record_closes`), counted from the scope's start to
  the as-of date, the day included.
- **week to date**: from the last close of the previous calendar week, as the other
  period returns of :mod:`rotascope.measures.periods` start from the prior period's
  last close.

Examples
--------
>>> import pandas as pd
>>> idx = pd.to_datetime(["2023-12-28", "2024-01-02", "2024-01-03", "2024-01-04"])
>>> moves = pd.Series([-0.05, -0.01, -0.02, -0.015], index=idx)
>>> r = scoped_record(moves, idx[-2], "year", direction="low")
>>> r.rank, r.out_of, r.scope_start.date().isoformat()
(1, 2, '2024-01-01')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from rotascope._typing import Direction
from rotascope.measures._common import (
    FrameResult,
    MeasureInputError,
    as_timestamp,
    check_sorted,
    date_or_nat,
    upto,
)
from rotascope.measures.levels import record_closes
from rotascope.measures.periods import PeriodReturn
from rotascope.measures.records import last_record, records

__all__ = [
    "RecordCount",
    "Scope",
    "ScopedRecord",
    "record_close_count",
    "scope_start",
    "scoped_record",
    "scoped_records",
    "week_to_date",
]

Scope = Literal["year", "quarter", "month", "week"]
_FREQ = {"year": "Y", "quarter": "Q", "month": "M", "week": "W-SUN"}


def scope_start(asof: pd.Timestamp, scope: Scope | pd.Timestamp) -> pd.Timestamp:
    """First calendar day of the scope containing ``asof`` (or the date given).

    Examples
    --------
    >>> scope_start(pd.Timestamp("2024-07-18"), "week").date().isoformat()
    '2024-07-15'
    >>> scope_start(pd.Timestamp("2024-07-18"), "quarter").date().isoformat()
    '2024-07-01'
    """
    when = as_timestamp(asof, "asof")
    if isinstance(scope, str):
        if scope not in _FREQ:
            raise MeasureInputError(
                f"scope must be one of {', '.join(_FREQ)} or a date, got {scope!r}"
            )
        return pd.Period(when, _FREQ[scope]).start_time.normalize()
    start = as_timestamp(scope, "scope")
    if start > when:
        raise MeasureInputError(f"scope start {start.date()} is after the as-of date")
    return start


def scoped_records(values: pd.Series, scope: Scope, direction: Direction = "high") -> pd.DataFrame:
    """Records within each calendar scope, for every date.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``values``; the columns of :func:`~rotascope.measures.records`
        computed inside each calendar year/quarter/month/week (``history_start`` is
        the first in-scope date with a value).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([5.0, 1.0, 2.0, 3.0],
    ...               index=pd.to_datetime(["2023-12-29", "2024-01-02", "2024-01-03",
    ...                                     "2024-01-04"]))
    >>> scoped_records(s, "year")["rank"].tolist()
    [1, 1, 1, 1]
    """
    check_sorted(values)
    if scope not in _FREQ:
        raise MeasureInputError(f"scope must be one of {', '.join(_FREQ)}, got {scope!r}")
    key = pd.DatetimeIndex(values.index).to_period(_FREQ[scope])
    parts = [records(part, direction) for _, part in values.groupby(key, sort=False)]
    if not parts:
        return records(values, direction)
    return pd.concat(parts).reindex(values.index)


@dataclass(frozen=True)
class ScopedRecord(FrameResult):
    """A value against the earlier values of its scope, and against all history.

    Attributes
    ----------
    date, value : pandas.Timestamp, float
    scope : str
        ``"year"``, ``"quarter"``, ``"month"``, ``"week"`` or ``"since"``.
    scope_start : pandas.Timestamp
        First calendar day of the scope.
    since : pandas.Timestamp or NaT
        Latest earlier in-scope date as extreme (NaT: the most extreme in scope).
    rank, out_of : int
        In-scope record rank (1 = most extreme) and in-scope count, the day included.
    all_since : pandas.Timestamp or NaT
        The same rule over all history ("the worst since October 2022").
    all_rank, all_out_of : int
    direction : {"high", "low"}
    """

    date: pd.Timestamp
    value: float
    scope: str
    scope_start: pd.Timestamp
    since: pd.Timestamp
    rank: int
    out_of: int
    all_since: pd.Timestamp
    all_rank: int
    all_out_of: int
    direction: str

    @property
    def is_scope_record(self) -> bool:
        """The most extreme of its scope, with at least one earlier in-scope value."""
        return self.rank == 1 and self.out_of > 1

    def to_frame(self) -> pd.DataFrame:
        """Two rows (``scope``, ``all``): since, rank, out_of."""
        return pd.DataFrame(
            {
                "value": [self.value, self.value],
                "since": [self.since, self.all_since],
                "rank": [self.rank, self.all_rank],
                "out_of": [self.out_of, self.all_out_of],
            },
            index=pd.Index([self.scope, "all"], name="scope"),
        )


def scoped_record(
    values: pd.Series,
    asof: pd.Timestamp | None = None,
    scope: Scope | pd.Timestamp = "year",
    *,
    direction: Direction = "high",
) -> ScopedRecord:
    """The value on ``asof`` against the earlier values of its scope.

    Parameters
    ----------
    values : pandas.Series
        Any values in date order (moves from :func:`~rotascope.measures.window_returns`,
        closes, spreads); NaN is skipped.
    asof : pandas.Timestamp, optional
        Default the last date.
    scope : {"year", "quarter", "month", "week"} or pandas.Timestamp
        The calendar scope containing ``asof``, or the first date of the scope.
    direction : {"high", "low"}

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.date_range("2024-03-01", periods=4)
    >>> r = scoped_record(pd.Series([0.01, 0.03, -0.01, 0.02], index=idx), scope=idx[1])
    >>> r.rank, r.out_of, r.since.date().isoformat()
    (2, 3, '2024-03-02')
    """
    clean = upto(values, asof)
    end = clean.index[-1]
    start = scope_start(end, scope)
    label = scope if isinstance(scope, str) else "since"
    inside = last_record(clean.loc[start:], direction)
    every = last_record(clean, direction)
    return ScopedRecord(
        date=end,
        value=float(clean.iloc[-1]),
        scope=label,
        scope_start=start,
        since=date_or_nat(inside["since"]),
        rank=int(inside["rank"]),
        out_of=int(inside["out_of"]),
        all_since=date_or_nat(every["since"]),
        all_rank=int(every["rank"]),
        all_out_of=int(every["out_of"]),
        direction=direction,
    )


@dataclass(frozen=True)
class RecordCount(FrameResult):
    """Record closes within a scope, to the as-of date.

    Attributes
    ----------
    date : pandas.Timestamp
        The as-of session.
    scope : str
    scope_start : pandas.Timestamp
    count : int
        Record closes from ``scope_start`` to ``date``, the day included.
    is_record : bool
        ``date`` itself is a record close (then it is the ``count``-th).
    first, last : pandas.Timestamp or NaT
        First and latest record close of the scope.
    previous_record : pandas.Timestamp or NaT
        The latest date of the highest close before ``date``.
    """

    date: pd.Timestamp
    scope: str
    scope_start: pd.Timestamp
    count: int
    is_record: bool
    first: pd.Timestamp
    last: pd.Timestamp
    previous_record: pd.Timestamp

    def to_frame(self) -> pd.DataFrame:
        """One row with every field."""
        row = {k: getattr(self, k) for k in self.__dataclass_fields__}
        return pd.DataFrame([row]).set_index("date")


def record_close_count(
    values: pd.Series, asof: pd.Timestamp | None = None, scope: Scope | pd.Timestamp = "year"
) -> RecordCount:
    """How many record closes the scope has had, to ``asof``.

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.to_datetime(["2023-12-29", "2024-01-02", "2024-01-03", "2024-01-04"])
    >>> c = record_close_count(pd.Series([10.0, 11.0, 10.5, 12.0], index=idx))
    >>> c.count, c.is_record, c.previous_record.date().isoformat()
    (2, True, '2024-01-02')
    """
    clean = upto(values, asof)
    end = clean.index[-1]
    start = scope_start(end, scope)
    table = record_closes(clean)
    hits = table.index[table["record"].to_numpy() & (table.index >= start)]
    return RecordCount(
        date=end,
        scope=scope if isinstance(scope, str) else "since",
        scope_start=start,
        count=len(hits),
        is_record=bool(table["record"].iloc[-1]),
        first=hits[0] if len(hits) else pd.NaT,
        last=hits[-1] if len(hits) else pd.NaT,
        previous_record=date_or_nat(table["previous_record"].iloc[-1]),
    )


def week_to_date(values: pd.Series, asof: pd.Timestamp | None = None) -> PeriodReturn:
    """Return from the last close of the previous calendar week to ``asof``.

    The week runs Monday to Sunday; the base is the last close dated before the
    Monday (usually the Friday before). NaN in the first week of the data.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([100.0, 107.0, 107.5],
    ...               index=pd.to_datetime(["2024-07-12", "2024-07-18", "2024-07-19"]))
    >>> r = week_to_date(s)
    >>> round(r.value, 3), r.start.date().isoformat(), r.label
    (0.075, '2024-07-12', 'WTD')
    """
    check_sorted(values)
    clean = upto(values, asof)
    end = clean.index[-1]
    monday = scope_start(end, "week")
    before = clean.loc[clean.index < monday]
    end_value = float(clean.iloc[-1])
    if before.empty:
        return PeriodReturn(np.nan, pd.NaT, end, np.nan, end_value, "WTD")
    start_value = float(before.iloc[-1])
    return PeriodReturn(
        end_value / start_value - 1.0, before.index[-1], end, start_value, end_value, "WTD"
    )
