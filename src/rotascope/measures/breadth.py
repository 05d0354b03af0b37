"""Breadth: how many index members join a move, counted with the members of each date.

Inputs are a (dates x tickers) matrix of closes and a same-shaped boolean membership
mask (True where the ticker was an index member on that date). Point-in-time
membership is what keeps a stock that left the index out of later counts.

For each date the members split into: *with data* (a close on that date), and of
those, *eligible* (enough history for the measure). Shares are over the eligible
members; the counts say what was left out.

Examples
--------
>>> import numpy as np, pandas as pd
>>> idx = pd.date_range("2024-01-01", periods=4)
>>> closes = pd.DataFrame({"A": [1.0, 2, 3, 4], "B": [4.0, 3, 2, 1]}, index=idx)
>>> members = pd.DataFrame(True, index=idx, columns=closes.columns)
>>> above_average(closes, members, window=2)["share"].tolist()[1:]
[0.5, 0.5, 0.5]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rotascope.measures._jit import lazy_njit

__all__ = [
    "above_average",
    "advance_decline",
    "equal_weight_returns",
    "membership_mask",
    "new_highs_lows",
]


def membership_mask(
    spells: pd.DataFrame, dates: pd.DatetimeIndex, tickers: pd.Index
) -> pd.DataFrame:
    """Boolean (dates x tickers) mask: member on the date under any of its spells.

    Parameters
    ----------
    spells : DataFrame
        Columns ``ticker``, ``start`` and ``end`` (``NaT`` end = still a member); a
        ticker may have several spells. Both ends are inclusive.
    dates : DatetimeIndex
        Rows of the mask.
    tickers : Index
        Columns of the mask; spells of other tickers are ignored.

    Examples
    --------
    >>> sp = pd.DataFrame({"ticker": ["A"], "start": [pd.Timestamp("2024-01-02")],
    ...                    "end": [pd.NaT]})
    >>> m = membership_mask(sp, pd.date_range("2024-01-01", periods=3), pd.Index(["A"]))
    >>> m["A"].tolist()
    [False, True, True]
    """
    values = np.zeros((len(dates), len(tickers)), dtype=bool)
    pos = {t: i for i, t in enumerate(tickers)}
    d = dates.values
    for ticker, start, end in spells[["ticker", "start", "end"]].itertuples(index=False):
        j = pos.get(ticker)
        if j is None:
            continue
        lo = np.searchsorted(d, np.datetime64(start, "ns"), side="left")
        hi = len(d) if pd.isna(end) else np.searchsorted(d, np.datetime64(end, "ns"), "right")
        values[lo:hi, j] = True
    return pd.DataFrame(values, index=dates, columns=tickers)


def _counts(
    flag: np.ndarray,
    eligible: np.ndarray,
    members: np.ndarray,
    has_close: np.ndarray,
    index: pd.Index,
) -> pd.DataFrame:
    n_members = members.sum(axis=1)
    with_data = (members & has_close).sum(axis=1)
    ok = members & eligible
    n_eligible = ok.sum(axis=1)
    hits = (ok & flag).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n_eligible > 0, hits / np.maximum(n_eligible, 1), np.nan)
    return pd.DataFrame(
        {
            "members": n_members,
            "with_data": with_data,
            "eligible": n_eligible,
            "count": hits,
            "share": share,
            "excluded": n_members - n_eligible,
        },
        index=index,
    )


def _arrays(closes: pd.DataFrame, members: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    if closes.shape != members.shape:
        raise ValueError(
            f"closes {closes.shape} and members {members.shape} must have the same shape"
        )
    return closes.to_numpy(dtype=np.float64), members.to_numpy(dtype=bool)


@lazy_njit
def _rolling_extreme(x: np.ndarray, window: int, want_max: bool) -> np.ndarray:  # pragma: no cover
    """Column-wise rolling max/min over full windows of non-NaN values (monotonic deque)."""
    n, k = x.shape
    out = np.full((n, k), np.nan)
    dq = np.empty(n, dtype=np.int64)
    for j in range(k):
        head = 0
        tail = 0
        run = 0  # consecutive non-NaN values ending at i
        for i in range(n):
            v = x[i, j]
            if np.isnan(v):
                head = 0
                tail = 0
                run = 0
                continue
            run += 1
            while tail > head and (
                (want_max and x[dq[tail - 1], j] <= v) or (not want_max and x[dq[tail - 1], j] >= v)
            ):
                tail -= 1
            dq[tail] = i
            tail += 1
            while dq[head] <= i - window:
                head += 1
            if run >= window:
                out[i, j] = x[dq[head], j]
    return out


def _rolling(values: np.ndarray, window: int, how: str) -> np.ndarray:
    """Rolling mean/max/min over full windows (any NaN in the window gives NaN)."""
    if how == "mean":
        valid = ~np.isnan(values)
        cs = np.cumsum(np.where(valid, values, 0.0), axis=0)
        cn = np.cumsum(valid, axis=0)
        total = cs.copy()
        count = cn.copy()
        total[window:] -= cs[:-window]
        count[window:] -= cn[:-window]
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(count >= window, total / window, np.nan)
    return _rolling_extreme(np.ascontiguousarray(values), window, how == "max")


def above_average(
    closes: pd.DataFrame, members: pd.DataFrame, *, window: int = 200
) -> pd.DataFrame:
    """Share of members whose close is above their ``window``-session average.

    A member is eligible on a date when it has a close that day and ``window``
    closes to date (the average includes the day's close).

    Returns
    -------
    DataFrame
        Per date: ``members``, ``with_data``, ``eligible``, ``count`` (above),
        ``share`` (count / eligible, NaN when none is eligible), ``excluded``.
    """
    if window <= 0:
        raise ValueError(f"window must be positive, got {window}")
    c, m = _arrays(closes, members)
    average = _rolling(c, window, "mean")
    has = ~np.isnan(c)
    eligible = ~np.isnan(average) & has
    with np.errstate(invalid="ignore"):
        above = c > average
    return _counts(above, eligible, m, has, closes.index)


def new_highs_lows(
    closes: pd.DataFrame, members: pd.DataFrame, *, window: int = 252
) -> pd.DataFrame:
    """Members closing at a ``window``-session high and low (the day included).

    Returns
    -------
    DataFrame
        Per date: ``members``, ``eligible``, ``highs``, ``lows``, ``share_highs``,
        ``share_lows``.
    """
    c, m = _arrays(closes, members)
    hi = _rolling(c, window, "max")
    lo = _rolling(c, window, "min")
    has = ~np.isnan(c)
    eligible = ~np.isnan(hi) & has
    with np.errstate(invalid="ignore"):
        at_high = _counts(c >= hi, eligible, m, has, closes.index)
        at_low = _counts(c <= lo, eligible, m, has, closes.index)
    return pd.DataFrame(
        {
            "members": at_high["members"],
            "eligible": at_high["eligible"],
            "highs": at_high["count"],
            "lows": at_low["count"],
            "share_highs": at_high["share"],
            "share_lows": at_low["share"],
        }
    )


def advance_decline(closes: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Advancers, decliners and the cumulative advance/decline line of the members.

    A member counts on a date when it has a close that day and the session before.
    """
    c, m = _arrays(closes, members)
    change = np.full_like(c, np.nan)
    change[1:] = c[1:] - c[:-1]
    valid = m & ~np.isnan(change)
    with np.errstate(invalid="ignore"):
        adv = (valid & (change > 0)).sum(axis=1)
        dec = (valid & (change < 0)).sum(axis=1)
    return pd.DataFrame(
        {"advancers": adv, "decliners": dec, "net": adv - dec, "line": np.cumsum(adv - dec)},
        index=closes.index,
    )


def equal_weight_returns(closes: pd.DataFrame, members: pd.DataFrame) -> pd.Series:
    """Equal-weighted average of the members' daily returns (rebalanced daily).

    A member counts on a date when it was a member the session before (when the
    position was held) and has closes on both days.
    """
    c, m = _arrays(closes, members)
    ret = np.full_like(c, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):  # a zero close: no return that day
        ret[1:] = c[1:] / c[:-1] - 1.0
    ret[~np.isfinite(ret)] = np.nan
    held = np.zeros_like(m)
    held[1:] = m[:-1]
    held &= ~np.isnan(ret)
    total = np.where(held, ret, 0.0).sum(axis=1)
    count = held.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        avg = np.where(count > 0, total / np.maximum(count, 1), np.nan)
    return pd.Series(avg, index=closes.index, name="equal_weight")
