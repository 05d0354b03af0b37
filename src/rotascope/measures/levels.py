"""Level records: a close, yield or ratio at its highest or lowest since a date.

"The 10-year yield fell to its lowest since September"; "the ratio at its lowest since
2001"; "its first record close since November 2021". The level ``v`` on ``D`` is
compared with every earlier level by the project's record rule
(:func:`~rotascope.measures.records`): for the high side ``since`` is the latest
earlier date with a level ``>= v`` (ties count, NaT = the highest since records
began), ``rank`` is 1 + the count of earlier levels strictly greater, ``out_of`` the
count of earlier levels + 1; the low side mirrors it.

A **record close** is a close strictly above every earlier close (the first value of a
series has no history and is never one). For a record close on ``D`` the **previous
record** is the latest date of the highest earlier close: "its first record close since
November 2021" names that date when it lies far back.

Examples
--------
>>> import pandas as pd
>>> s = pd.Series([10.0, 12.0, 9.0, 11.0, 12.5],
...               index=pd.date_range("2021-11-08", periods=5, freq="B"))
>>> r = level_record(s)
>>> r.is_record_high, r.previous_record.date().isoformat()
(True, '2021-11-09')
>>> level_record(s, s.index[3]).high_since.date().isoformat()
'2021-11-09'
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rotascope.measures._common import FrameResult, check_sorted, date_or_nat, upto
from rotascope.measures.records import last_record

__all__ = ["LevelRecord", "level_record", "record_closes"]


def record_closes(values: pd.Series) -> pd.DataFrame:
    """Every close that was a record, and the previous record before it.

    Parameters
    ----------
    values : pandas.Series
        Levels in date order; NaN is skipped.

    Returns
    -------
    pandas.DataFrame
        Indexed like the non-NaN values; columns ``record`` (bool: strictly above
        every earlier value), ``previous_record`` (the latest date of the highest
        earlier value, NaT on the first row) and ``previous_value``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([1.0, 2.0, 2.0, 3.0], index=pd.date_range("2024-01-01", periods=4))
    >>> record_closes(s)["record"].tolist()  # a tie is not a new record
    [False, True, False, True]
    """
    check_sorted(values)
    clean = values.dropna().astype("float64")
    prior_max = clean.cummax().shift(1)
    at_max = clean >= clean.cummax()
    max_dates = pd.Series(clean.index, index=clean.index).where(at_max).ffill()
    return pd.DataFrame(
        {
            "record": (clean > prior_max).to_numpy(),
            "previous_record": max_dates.shift(1).to_numpy(),
            "previous_value": prior_max.to_numpy(),
        },
        index=clean.index,
    )


@dataclass(frozen=True)
class LevelRecord(FrameResult):
    """Where a level stands against all earlier levels, high side and low side.

    Attributes
    ----------
    date, value : pandas.Timestamp, float
        The as-of session and its level.
    high_since : pandas.Timestamp or NaT
        Latest earlier date with a level ``>= value`` (NaT: the highest on record).
    high_since_value : float
    high_rank : int
        1 + count of earlier levels strictly greater.
    low_since : pandas.Timestamp or NaT
        Latest earlier date with a level ``<= value`` (NaT: the lowest on record).
    low_since_value : float
    low_rank : int
        1 + count of earlier levels strictly smaller.
    out_of : int
        Earlier levels + 1.
    history_start : pandas.Timestamp
        First date of the series.
    is_record_high : bool
        Strictly above every earlier level ("a record close").
    is_record_low : bool
        Strictly below every earlier level.
    previous_record : pandas.Timestamp or NaT
        For a record high, the latest date of the highest earlier level ("first record
        close since November 2021"); NaT otherwise.
    previous_record_value : float
    sessions_since_previous : int
        Sessions from ``previous_record`` to ``date`` (0 when there is none).
    """

    date: pd.Timestamp
    value: float
    high_since: pd.Timestamp
    high_since_value: float
    high_rank: int
    low_since: pd.Timestamp
    low_since_value: float
    low_rank: int
    out_of: int
    history_start: pd.Timestamp
    is_record_high: bool
    is_record_low: bool
    previous_record: pd.Timestamp
    previous_record_value: float
    sessions_since_previous: int

    def to_frame(self) -> pd.DataFrame:
        """Two rows (``high``, ``low``): since, since_value, rank, out_of, record."""
        return pd.DataFrame(
            {
                "value": [self.value, self.value],
                "since": [self.high_since, self.low_since],
                "since_value": [self.high_since_value, self.low_since_value],
                "rank": [self.high_rank, self.low_rank],
                "out_of": [self.out_of, self.out_of],
                "record": [self.is_record_high, self.is_record_low],
            },
            index=pd.Index(["high", "low"], name="side"),
        )


def level_record(values: pd.Series, asof: pd.Timestamp | None = None) -> LevelRecord:
    """The level on ``asof`` against every earlier level.

    Parameters
    ----------
    values : pandas.Series
        Closes, yields or ratios in date order; NaN (a holiday in a FRED file) is
        skipped.
    asof : pandas.Timestamp, optional
        The last date read; default the last date of the series.

    Returns
    -------
    LevelRecord

    Examples
    --------
    >>> import pandas as pd
    >>> y = pd.Series([4.2, 3.9, 4.1, 3.8], index=pd.date_range("2024-09-02", periods=4))
    >>> r = level_record(y)
    >>> r.is_record_low, r.low_rank, r.out_of
    (True, 1, 4)
    """
    clean = upto(values, asof)
    hi = last_record(clean, "high")
    lo = last_record(clean, "low")
    x = clean.to_numpy()
    v = float(x[-1])
    earlier = x[:-1]
    is_high = bool(earlier.size and v > earlier.max())
    is_low = bool(earlier.size and v < earlier.min())
    prev, prev_value, gap = pd.NaT, float("nan"), 0
    if is_high:
        top = earlier.max()
        i = int(np.flatnonzero(earlier == top)[-1])
        prev, prev_value, gap = clean.index[i], float(top), len(x) - 1 - i
    return LevelRecord(
        date=clean.index[-1],
        value=v,
        high_since=date_or_nat(hi["since"]),
        high_since_value=float(hi["since_value"]),
        high_rank=int(hi["rank"]),
        low_since=date_or_nat(lo["since"]),
        low_since_value=float(lo["since_value"]),
        low_rank=int(lo["rank"]),
        out_of=int(hi["out_of"]),
        history_start=clean.index[0],
        is_record_high=is_high,
        is_record_low=is_low,
        previous_record=prev,
        previous_record_value=prev_value,
        sessions_since_previous=gap,
    )
