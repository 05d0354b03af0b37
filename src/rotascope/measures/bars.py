"""Records on intraday bars: windows counted in bars or in sessions, as of an instant.

A bar frame has a UTC ``DatetimeIndex`` (sorted), a ``close`` column and a ``session``
column (the local trading day of each bar), as :class:`rotascope.store.bars.BarStore`
returns it. As of an instant ``T`` only bars stamped ``<= T`` are read.

- ``count="bars"``: a window of ``w`` is ``w`` bars; the move ending on the last bar at
  or before ``T`` is compared with every earlier ``w``-bar move.
- ``count="sessions"``: each session is its last close (the session in progress at
  ``T``: its last bar so far), and a window of ``w`` is ``w`` sessions; so at 11:00 a
  one-session window is the move since the previous session's close, compared with
  earlier close-to-close session moves.

The comparison is the scan's (:mod:`rotascope.measures.scan_kernels`): ``since`` is
the latest earlier move at least as extreme, ``rank`` 1 + the earlier moves strictly
more extreme, ``out_of`` the earlier moves + 1.

Examples
--------
>>> import numpy as np, pandas as pd
>>> ts = pd.date_range("2024-07-16 13:30", periods=6, freq="min", tz="UTC", name="timestamp")
>>> bars = pd.DataFrame({"close": [10.0, 11, 10, 10.5, 12, 11],
...                      "session": pd.Timestamp("2024-07-16")}, index=ts)
>>> out = bar_records(bars, asof="2024-07-16 13:34", windows=(1,))
>>> row = out.iloc[0]
>>> round(float(row["value"]), 4), int(row["rank"]), int(row["out_of"])  # 12 / 10.5 - 1
(0.1429, 1, 4)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from rotascope.measures.scan_kernels import RATIO, records_asof

__all__ = ["BAR_RECORD_COLUMNS", "bar_records", "session_closes", "upto"]

#: Columns of :func:`bar_records`.
BAR_RECORD_COLUMNS: tuple[str, ...] = (
    "window",
    "count",
    "asof",
    "value",
    "direction",
    "since",
    "since_value",
    "rank",
    "out_of",
    "history_start",
)


def _instant(value: object) -> pd.Timestamp:
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    return stamp.tz_localize("UTC") if stamp.tz is None else stamp.tz_convert("UTC")


def upto(bars: pd.DataFrame, asof: object = None) -> pd.DataFrame:
    """The bars stamped at or before ``asof`` (an instant; naive means UTC).

    Examples
    --------
    >>> ts = pd.date_range("2024-07-16 13:30", periods=3, freq="min", tz="UTC")
    >>> len(upto(pd.DataFrame({"close": [1.0, 2, 3]}, index=ts), "2024-07-16 13:31"))
    2
    """
    if asof is None:
        return bars
    return bars.iloc[: bars.index.searchsorted(_instant(asof), side="right")]


def session_closes(bars: pd.DataFrame, asof: object = None) -> pd.Series:
    """The last close of each session up to ``asof`` (a session in progress: its last bar).

    Returns
    -------
    pandas.Series
        Indexed by session date.

    Examples
    --------
    >>> ts = pd.DatetimeIndex(["2024-07-15 19:59", "2024-07-16 13:30", "2024-07-16 13:31"],
    ...                       tz="UTC")
    >>> b = pd.DataFrame({"close": [1.0, 2.0, 3.0], "session": pd.to_datetime(
    ...     ["2024-07-15", "2024-07-16", "2024-07-16"])}, index=ts)
    >>> session_closes(b, "2024-07-16 13:30").tolist()
    [1.0, 2.0]
    """
    part = upto(bars, asof)
    part = part[part["close"].notna()]
    last = part.groupby("session", sort=True)["close"].last()
    last.index = pd.DatetimeIndex(last.index, name="session")
    return last


def bar_records(
    bars: pd.DataFrame,
    asof: object = None,
    windows: Iterable[int] = (1,),
    *,
    count: Literal["bars", "sessions"] = "bars",
    kind: int = RATIO,
) -> pd.DataFrame:
    """Record of the move ending at ``asof`` for each window, counted in bars or sessions.

    Parameters
    ----------
    bars : pandas.DataFrame
        UTC-indexed bars with ``close`` and ``session``.
    asof : instant, optional
        Only bars stamped at or before it are read (naive = UTC); default: the last bar.
    windows : iterable of int
        Window lengths, in bars or in sessions.
    count : {"bars", "sessions"}
        What a window counts.
    kind : int
        :data:`~rotascope.measures.scan_kernels.RATIO` (moves in fractions) or ``DIFF``
        (differences, for yields).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`BAR_RECORD_COLUMNS`, one row per window with a move. ``asof``,
        ``since`` and ``history_start`` are bar instants (``count="bars"``) or session
        dates (``count="sessions"``); ``since`` is NaT when no earlier move was as extreme.
    """
    if count not in ("bars", "sessions"):
        raise ValueError(f"count must be 'bars' or 'sessions', not {count!r}")
    wins = tuple(int(w) for w in windows)
    if not wins or min(wins) < 1:
        raise ValueError(f"windows must be whole numbers of {count}, at least 1")
    if count == "sessions":
        series = session_closes(bars, asof)
    else:
        part = upto(bars, asof)
        series = part["close"][part["close"].notna()]
    rows = []
    if len(series):
        x = np.asfortranarray(series.to_numpy(dtype=np.float64)[:, None])
        rec = records_asof(x, wins, np.array([kind]), row=-1)
        labels = series.index
        for i, w in enumerate(wins):
            v = float(rec.value[i, 0])
            if np.isnan(v):
                continue
            s = int(rec.since[i, 0])
            rows.append(
                {
                    "window": w,
                    "count": count,
                    "asof": labels[-1],
                    "value": v,
                    "direction": "high" if v >= 0 else "low",
                    "since": labels[s] if s >= 0 else pd.NaT,
                    "since_value": float(rec.since_value[i, 0]),
                    "rank": int(rec.rank[i, 0]),
                    "out_of": int(rec.out_of[i, 0]),
                    "history_start": labels[int(rec.start[i, 0])],
                }
            )
    return pd.DataFrame(rows, columns=list(BAR_RECORD_COLUMNS))
