"""Leaders and laggards among an index's members over a window or since a date.

"Among the small caps that surged since last week's inflation data: ... up 55%." Inputs
are a (dates x tickers) matrix of closes and a same-shaped boolean membership mask
(:func:`~rotascope.measures.breadth.membership_mask`). Rules:

- the as-of row is the last row dated on or before ``asof``; only tickers that are
  **members on that row** count (point in time: a stock that left the index is not a
  leader of it, one that joined since is);
- the base row is the last row on or before ``since``, or ``window`` rows before the
  as-of row;
- a member counts when it has a positive close on the base row and a close on the
  as-of row; the others are reported (``missing``), never filled;
- ranking is by return, ties broken by ticker so the order is reproducible.

Examples
--------
>>> import pandas as pd
>>> idx = pd.date_range("2024-07-10", periods=3)
>>> closes = pd.DataFrame({"A": [10.0, 12, 15.5], "B": [20.0, 19, 18], "C": [5.0, 5, 5.5]},
...                       index=idx)
>>> members = pd.DataFrame(True, index=idx, columns=closes.columns)
>>> lt = leaders_laggards(closes, members, since=idx[0], n=1)
>>> lt.top["ticker"].tolist(), round(float(lt.top["return"].iloc[0]), 2), lt.counted
(['A'], 0.55, 3)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rotascope.errors import AsOfError
from rotascope.measures._common import (
    FrameResult,
    MeasureInputError,
    as_timestamp,
    check_sorted,
    check_window,
)

__all__ = ["Leaders", "leaders_laggards"]


@dataclass(frozen=True)
class Leaders(FrameResult):
    """The best and worst members' returns between two rows.

    Attributes
    ----------
    start, end : pandas.Timestamp
        The base row and the as-of row.
    top, bottom : pandas.DataFrame
        Columns ``ticker``, ``return`` (fraction), ``start_close``, ``end_close``;
        ``top`` best first, ``bottom`` worst first.
    members : int
        Members on the as-of row.
    counted : int
        Members with a base and an end close (the ranked population).
    missing : tuple of str
        Members left out for lack of a close on either row.
    median : float
        Median return of the counted members.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    top: pd.DataFrame
    bottom: pd.DataFrame
    members: int
    counted: int
    missing: tuple[str, ...]
    median: float

    @property
    def coverage(self) -> float:
        """``counted / members`` (NaN without members)."""
        return self.counted / self.members if self.members else float("nan")

    def to_frame(self) -> pd.DataFrame:
        """``top`` then ``bottom`` with a ``side`` column."""
        return pd.concat(
            [self.top.assign(side="top"), self.bottom.assign(side="bottom")], ignore_index=True
        )


def leaders_laggards(
    closes: pd.DataFrame,
    members: pd.DataFrame,
    asof: pd.Timestamp | None = None,
    *,
    since: pd.Timestamp | None = None,
    window: int | None = None,
    n: int = 5,
) -> Leaders:
    """The ``n`` best and worst returns among the members on ``asof``.

    Parameters
    ----------
    closes : pandas.DataFrame
        (dates x tickers) closes, dates ascending.
    members : pandas.DataFrame
        Boolean mask of the same shape: member on that date.
    asof : pandas.Timestamp, optional
        Default the last row.
    since : pandas.Timestamp, optional
        Base date (its row, or the last row before it). Give ``since`` or ``window``.
    window : int, optional
        Base ``window`` rows before the as-of row.
    n : int
        How many leaders and laggards (default 5).

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.date_range("2024-01-01", periods=2)
    >>> c = pd.DataFrame({"A": [1.0, 2.0], "B": [1.0, 0.5], "X": [1.0, 9.0]}, index=idx)
    >>> m = pd.DataFrame({"A": True, "B": True, "X": False}, index=idx)
    >>> leaders_laggards(c, m, window=1, n=1).bottom["ticker"].tolist()  # X is no member
    ['B']
    """
    check_sorted(closes, "closes")
    if closes.shape != members.shape or not closes.index.equals(members.index):
        raise MeasureInputError("closes and members must have the same dates and tickers")
    if not closes.columns.equals(members.columns):
        members = members.reindex(columns=closes.columns, fill_value=False)
    if (since is None) == (window is None):
        raise MeasureInputError("give exactly one of since (a date) or window (sessions)")
    count = check_window(n, 1, "n")
    dates = pd.DatetimeIndex(closes.index)
    i_end = len(dates) - 1
    if asof is not None:
        i_end = int(dates.searchsorted(as_timestamp(asof, "asof"), side="right")) - 1
    if i_end < 0:
        raise AsOfError("closes have no row on or before the as-of date; pick a later one")
    if window is not None:
        i_start = i_end - check_window(window, 1)
    else:
        i_start = int(dates.searchsorted(as_timestamp(since, "since"), side="right")) - 1
    if i_start < 0:
        raise AsOfError("closes have no row on or before the base date; pick a later one")
    if i_start > i_end:
        raise MeasureInputError("since is after the as-of date")
    member = members.iloc[i_end].to_numpy(dtype=bool)
    c0 = closes.iloc[i_start].to_numpy(dtype=np.float64)
    c1 = closes.iloc[i_end].to_numpy(dtype=np.float64)
    ok = member & np.isfinite(c0) & (c0 > 0) & np.isfinite(c1)
    tickers = closes.columns.astype(str)
    table = pd.DataFrame(
        {"ticker": tickers[ok], "return": c1[ok] / c0[ok] - 1.0, "start_close": c0[ok]}
    ).assign(end_close=c1[ok])
    best = table.sort_values(["return", "ticker"], ascending=[False, True], kind="mergesort")
    worst = table.sort_values(["return", "ticker"], ascending=[True, True], kind="mergesort")
    return Leaders(
        start=dates[i_start],
        end=dates[i_end],
        top=best.head(count).reset_index(drop=True),
        bottom=worst.head(count).reset_index(drop=True),
        members=int(member.sum()),
        counted=int(ok.sum()),
        missing=tuple(tickers[member & ~ok]),
        median=float(np.median(table["return"])) if len(table) else float("nan"),
    )
