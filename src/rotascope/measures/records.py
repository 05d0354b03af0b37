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
they are never the answer for a later value. :func:`records` gives every date at once
through the compiled kernels of :mod:`rotascope.measures.kernels` (monotonic stack,
Fenwick tree: a few milliseconds for 10,000 rows, once compiled); :func:`record_at`
and :func:`last_record` give one date with a few NumPy comparisons (tens of
microseconds, nothing to compile), the same answer as that date's row.

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

__all__ = [
    "RECORD_COLUMNS",
    "compare",
    "last_record",
    "position_record",
    "record_at",
    "record_dates",
    "record_from_signs",
    "record_positions",
    "record_row",
    "records",
]

#: Columns of the frame returned by :func:`records`.
RECORD_COLUMNS: tuple[str, ...] = ("since", "since_value", "rank", "out_of", "history_start")


def _check_direction(direction: str) -> None:
    if direction not in ("high", "low"):
        raise ValueError(f"direction must be 'high' or 'low', got {direction!r}")


#: Up to this many values :func:`record_positions` compares every pair with NumPy
#: (an n x n boolean matrix, 4 MiB at the limit) instead of loading the compiled kernels:
#: short series (event days, monthly data) then cost no compilation on a fresh install.
SMALL = 2048


def record_positions(
    x: np.ndarray, direction: Direction = "high"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every ``i``: the latest earlier position at least as extreme (``-1`` if none),
    the count of earlier values strictly more extreme, and the count of earlier values.

    The compiled kernels (:mod:`rotascope.measures.kernels`) answer long series in
    O(n log n); up to :data:`SMALL` values the same answers come from one all-pairs
    NumPy comparison (a property test checks the two agree, ties and NaN included).

    Examples
    --------
    >>> import numpy as np
    >>> prev, greater, seen = record_positions(np.array([3.0, 1.0, 2.0, 5.0, 2.0]))
    >>> prev.tolist(), greater.tolist(), seen.tolist()
    ([-1, 0, 0, -1, 3], [0, 1, 1, 0, 2], [0, 1, 2, 3, 4])
    """
    _check_direction(direction)
    a = np.ascontiguousarray(np.asarray(x, dtype=np.float64))
    high = direction == "high"
    if a.shape[0] <= SMALL:
        return _positions_by_pairs(a, high)
    # the compiled kernels load (and compile on first use) only for long series
    from rotascope.measures.kernels import previous_at_least, previous_at_most, rank_to_date

    if high:
        greater, seen = rank_to_date(a)
        return previous_at_least(a), greater, seen
    greater, seen = rank_to_date(-a)
    return previous_at_most(a), greater, seen


def _positions_by_pairs(x: np.ndarray, high: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`record_positions` by comparing every earlier value (NaN compares False)."""
    n = x.shape[0]
    earlier = np.tri(n, k=-1, dtype=bool)  # [i, j]: j < i
    col, row = x[None, :], x[:, None]
    at_least = ((col >= row) if high else (col <= row)) & earlier
    beyond = ((col > row) if high else (col < row)) & earlier
    last = n - 1 - np.argmax(at_least[:, ::-1], axis=1) if n else np.zeros(0, np.int64)
    prev = np.where(at_least.any(axis=1), last, -1).astype(np.int64)
    greater = beyond.sum(axis=1).astype(np.int64)
    finite = ~np.isnan(x)
    seen = (np.cumsum(finite) - finite).astype(np.int64)
    return prev, greater, seen


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
    prev, greater, seen = record_positions(x, direction)
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


def record_from_signs(signs: np.ndarray, direction: Direction = "high") -> tuple[int, int, int]:
    """The record of a value from how every earlier value compares with it.

    Parameters
    ----------
    signs : ndarray of float
        For each earlier value in date order: ``1`` (larger), ``0`` (equal), ``-1``
        (smaller) or NaN (no value).
    direction : {"high", "low"}

    Returns
    -------
    (since, rank, out_of) : tuple of int
        ``since`` the position of the latest earlier value at least as extreme (``-1``
        when none), ``rank`` 1 + the earlier values strictly more extreme, ``out_of``
        1 + the earlier values.

    Examples
    --------
    >>> import numpy as np
    >>> record_from_signs(np.array([1.0, -1.0, np.nan, 0.0, -1.0]))
    (3, 2, 5)
    """
    _check_direction(direction)
    s = np.asarray(signs, dtype=np.float64)
    if direction == "high":
        at_least, beyond = s >= 0, s > 0
    else:
        at_least, beyond = s <= 0, s < 0
    hits = np.flatnonzero(at_least)
    since = int(hits[-1]) if hits.size else -1
    rank = 1 + int(np.count_nonzero(beyond))
    out_of = 1 + int(np.count_nonzero(~np.isnan(s)))
    return since, rank, out_of


def compare(prior: np.ndarray, v: float) -> np.ndarray:
    """``1`` where a value is larger than ``v``, ``0`` equal, ``-1`` smaller, NaN for NaN.

    Examples
    --------
    >>> import numpy as np
    >>> compare(np.array([2.0, 1.0, np.nan, 0.5]), 1.0).tolist()
    [1.0, 0.0, nan, -1.0]
    """
    p = np.asarray(prior, dtype=np.float64)
    out = (p > v).astype(np.float64) - (p < v)
    out[np.isnan(p)] = np.nan
    return out


def position_record(x: np.ndarray, i: int, direction: Direction = "high") -> tuple[int, int, int]:
    """The record of ``x[i]`` against ``x[:i]``: ``(since, rank, out_of)`` positions
    and counts, as the kernels give them for that row (``previous_at_least(x)[i]``,
    ``rank_to_date(x)``...), with a few NumPy comparisons.

    ``x[i]`` must not be NaN.

    Examples
    --------
    >>> import numpy as np
    >>> position_record(np.array([3.0, 1.0, 2.0, 5.0, 2.0]), 4, "low")
    (2, 2, 5)
    """
    a = np.asarray(x, dtype=np.float64)
    return record_from_signs(compare(a[:i], float(a[i])), direction)


def record_at(
    values: pd.Series, date: Any, direction: Direction = "high", *, start: Any = None
) -> dict[str, Any] | None:
    """The record of the value on ``date``: the row of :func:`records` for that date
    (as :func:`record_row` gives it), without computing the other dates.

    Parameters
    ----------
    values : pandas.Series
        Values in date order (DatetimeIndex); NaN is skipped.
    date : date-like
        A date of ``values.index``.
    direction : {"high", "low"}
    start : date-like, optional
        Compare only with values dated on or after it (a scope: "the biggest this
        year"); ``history_start`` is then the first value from it.

    Returns
    -------
    dict or None
        ``since``, ``since_value``, ``rank``, ``out_of``, ``history_start`` as in
        :func:`record_row`; ``None`` when the value on ``date`` is NaN.

    Raises
    ------
    KeyError
        ``date`` is not in the index.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([3.0, 1.0, 2.0, 5.0, 2.0],
    ...               index=pd.date_range("2024-01-01", periods=5, name="date"))
    >>> r = record_at(s, "2024-01-05")
    >>> r["since"].isoformat(), r["rank"], r["out_of"]
    ('2024-01-04', 3, 5)
    >>> record_at(s, "2024-01-05", start="2024-01-02")["rank"]
    2
    """
    _check_direction(direction)
    index = values.index
    pos = index.get_loc(pd.Timestamp(date))
    if not isinstance(pos, int):
        raise ValueError("values must have unique dates")
    lo = 0 if start is None else int(index.searchsorted(pd.Timestamp(start), side="left"))
    x = values.to_numpy(dtype=np.float64, na_value=np.nan)
    v = x[pos]
    if np.isnan(v):
        return None
    prior = x[lo:pos]
    signs = compare(prior, v)
    since, rank, out_of = record_from_signs(signs, direction)
    finite = np.flatnonzero(~np.isnan(x[lo : pos + 1]))
    first = lo + int(finite[0])
    since_date = None if since < 0 else pd.Timestamp(index[lo + since]).date()
    return {
        "since": since_date,
        "since_value": None if since < 0 else float(prior[since]),
        "rank": rank,
        "out_of": out_of,
        "history_start": pd.Timestamp(index[first]).date(),
    }


def last_record(values: pd.Series, direction: Direction = "high") -> pd.Series:
    """``records(values, direction).iloc[-1]``, computed for the last date only.

    Returns
    -------
    pandas.Series
        ``since`` (Timestamp or NaT), ``since_value``, ``rank``, ``out_of`` (int, or
        NA when the last value is NaN) and ``history_start``, named by the last date.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([3.0, 1.0, 2.0], index=pd.date_range("2024-01-01", periods=3))
    >>> row = last_record(s)
    >>> row["since"].date().isoformat(), row["rank"], row["out_of"]
    ('2024-01-01', 2, 3)
    """
    if values.empty:
        raise ValueError("values is empty")
    if not values.index.is_monotonic_increasing:
        raise ValueError("values must be sorted by date (ascending)")
    day = values.index[-1]
    rec = record_at(values, day, direction)
    if rec is None:
        x = values.to_numpy(dtype=np.float64, na_value=np.nan)
        finite = np.flatnonzero(~np.isnan(x))
        start = values.index[finite[0]] if finite.size else pd.NaT
        row: dict[str, Any] = {"since": pd.NaT, "since_value": np.nan, "rank": pd.NA,
                               "out_of": pd.NA, "history_start": start}  # fmt: skip
    else:
        row = {
            "since": pd.NaT if rec["since"] is None else pd.Timestamp(rec["since"]),
            "since_value": np.nan if rec["since_value"] is None else rec["since_value"],
            "rank": rec["rank"],
            "out_of": rec["out_of"],
            "history_start": pd.Timestamp(rec["history_start"]),
        }
    return pd.Series(row, name=day, dtype=object)


def record_dates(values: pd.Series, direction: Direction = "high") -> pd.DatetimeIndex:
    """Dates whose value is beyond every earlier value: the rows of :func:`records`
    with no ``since`` (all-time highs, or lows), the first value included.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([3.0, 1.0, 4.0, 4.0, 5.0],
    ...               index=pd.date_range("2024-01-01", periods=5, name="date"))
    >>> [d.day for d in record_dates(s)], [d.day for d in record_dates(s, "low")]
    ([1, 3, 5], [1, 2])
    """
    _check_direction(direction)
    x = values.to_numpy(dtype=np.float64, na_value=np.nan)
    finite = ~np.isnan(x)
    y = np.where(finite, x if direction == "high" else -x, -np.inf)
    before = np.concatenate(([-np.inf], np.maximum.accumulate(y)[:-1])) if len(y) else y
    return pd.DatetimeIndex(values.index[finite & (y > before)])
