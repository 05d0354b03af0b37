"""Records ("the biggest since ...") for every date of a series in one pass.

For the value ``v`` at date ``t``, the record looks only at earlier dates (no
look-ahead):

- ``since``: the latest earlier date whose value was at least as large (``direction
  ="high"``) or at least as small (``"low"``); ties count, so a tied date is the answer.
  ``NaT`` when no earlier value was as extreme (a record "since records began").
- ``since_value``: the value on ``since`` (NaN when ``since`` is NaT).
- ``rank``: 1 + the number of earlier values strictly more extreme.
- ``out_of``: the number of earlier values + 1.
- ``history_start``: the first date with a value.

NaN values are skipped: their row has ``since`` NaT and ``rank``/``out_of`` NA, and
they are never the answer for a later value. The work is done by the compiled kernels
of :mod:`rotascope.measures.kernels` (monotonic stack, Fenwick tree), so every date of
a 10,000-row series costs a few milliseconds.

Examples
--------
>>> import pandas as pd
>>> s = pd.Series([3.0, 1.0, 2.0, 5.0, 2.0],
...               index=pd.date_range("2024-01-01", periods=5, name="date"))
>>> r = records(s)
>>> r["since"].dt.strftime("%Y-%m-%d").fillna("-").tolist()
['-', '2024-01-01', '2024-01-01', '-', '2024-01-04']
>>> r["rank"].tolist()
[1, 2, 2, 1, 3]
>>> records(s, "low")["rank"].tolist()
[1, 1, 2, 4, 2]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from rotascope._typing import Direction
from rotascope.measures.kernels import previous_at_least, previous_at_most, rank_to_date

__all__ = ["RECORD_COLUMNS", "record_row", "records"]

#: Columns of the frame returned by :func:`records`.
RECORD_COLUMNS: tuple[str, ...] = ("since", "since_value", "rank", "out_of", "history_start")


def _check_direction(direction: str) -> None:
    if direction not in ("high", "low"):
        raise ValueError(f"direction must be 'high' or 'low', got {direction!r}")


def records(values: pd.Series, direction: Direction = "high") -> pd.DataFrame:
    """Record of every value against all earlier values, in one O(n log n) pass.

    Parameters
    ----------
    values : pandas.Series
        Values in date order (DatetimeIndex); NaN is skipped.
    direction : {"high", "low"}
        ``high`` for gains and levels at highs, ``low`` for losses and lows.

    Returns
    -------
    pandas.DataFrame
        Same index as ``values``; columns ``since`` (datetime64, NaT = no earlier value
        as extreme), ``since_value`` (float), ``rank`` and ``out_of`` (Int64, NA on
        NaN rows), ``history_start`` (datetime64, NaT before the first value).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([1.0, 2.0, 2.0], index=pd.date_range("2024-01-01", periods=3))
    >>> records(s).loc["2024-01-03", "since"].date().isoformat()  # ties count
    '2024-01-02'
    """
    _check_direction(direction)
    if not values.index.is_monotonic_increasing:
        raise ValueError("values must be sorted by date (ascending)")
    x = np.ascontiguousarray(values.to_numpy(dtype=np.float64, na_value=np.nan))
    n = x.shape[0]
    finite = ~np.isnan(x)
    if direction == "high":
        prev = previous_at_least(x)
        greater, seen = rank_to_date(x)
    else:
        prev = previous_at_most(x)
        greater, seen = rank_to_date(-x)
    dates = np.asarray(values.index.values, dtype="datetime64[ns]")
    has_prev = prev >= 0
    safe = np.where(has_prev, prev, 0)
    nat = np.datetime64("NaT", "ns")
    since = np.where(has_prev, dates[safe], nat) if n else dates
    since_value = np.where(has_prev, x[safe], np.nan) if n else x.copy()
    rank = pd.array(greater + 1, dtype="Int64")
    out_of = pd.array(seen + 1, dtype="Int64")
    rank[~finite] = pd.NA
    out_of[~finite] = pd.NA
    history_start = np.full(n, nat)
    if finite.any():
        first = int(np.argmax(finite))
        history_start[first:] = dates[first]
    out = pd.DataFrame(
        {
            "since": since,
            "since_value": since_value,
            "rank": rank,
            "out_of": out_of,
            "history_start": history_start,
        },
        index=values.index,
    )
    return out


def _to_date(value: Any) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def record_row(table: pd.DataFrame, date: Any) -> dict[str, Any] | None:
    """One row of a :func:`records` frame as plain Python values.

    Parameters
    ----------
    table : pandas.DataFrame
        A frame returned by :func:`records`.
    date : date-like
        A date of ``table.index``.

    Returns
    -------
    dict or None
        Keys ``since`` (``datetime.date`` or ``None``), ``since_value`` (float or
        ``None``), ``rank``, ``out_of`` (int) and ``history_start`` (date); ``None`` when
        the value on ``date`` was NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([3.0, 1.0, 2.0], index=pd.date_range("2024-01-01", periods=3))
    >>> record_row(records(s), "2024-01-03")["since"].isoformat()
    '2024-01-01'
    """
    row = table.loc[pd.Timestamp(date)]
    if pd.isna(row["rank"]):
        return None
    since = _to_date(row["since"])
    return {
        "since": since,
        "since_value": None if since is None else float(row["since_value"]),
        "rank": int(row["rank"]),
        "out_of": int(row["out_of"]),
        "history_start": _to_date(row["history_start"]),
    }
