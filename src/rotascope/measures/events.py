"""Event studies: what followed a set of dates, against what followed every date.

Given closes and event dates (streak episodes, CPI days...), the forward return after
an event at session ``t`` over ``h`` sessions is ``close[t + h] / close[t] - 1``: from
the close of the event day, so the event day's own move is not counted. A window that
runs past the last session (as of ``asof``) is **incomplete**: its value is NaN in the
complete table, and the return so far and the sessions elapsed are kept beside it.

The **base rate** is the same statistic over every session with a complete window (the
unconditional distribution). Two significance figures are given, each named for what
it is:

* ``t_stat``: one-sample t statistic of the event returns against the base-rate mean,
  ``(mean_events - mean_base) / (sd_events / sqrt(n))`` (needs n >= 2);
* ``p_boot``: two-sided random-date p-value: the share of ``n_boot`` draws of ``n``
  sessions, sampled (with replacement) from all sessions with complete windows, whose
  mean differs from the base mean at least as much as the events' mean does.

Examples
--------
>>> import numpy as np, pandas as pd
>>> close = pd.Series(np.arange(100, 130, dtype=float),
...                   index=pd.bdate_range("2024-01-01", periods=30))
>>> fr = forward_returns(close, [close.index[0], close.index[-3]], horizons=(5,))
>>> fr.complete[5].round(4).tolist()[0], bool(np.isnan(fr.complete[5].iloc[1]))
(0.05, True)
>>> int(fr.elapsed[5].iloc[1])
2
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_HORIZONS",
    "EventStudy",
    "ForwardReturns",
    "ForwardStats",
    "align_to_sessions",
    "event_day_returns",
    "event_study",
    "forward_returns",
    "summarize",
]

#: 1 week, 1 month, 3 months, 6 months, in sessions.
DEFAULT_HORIZONS: tuple[int, ...] = (5, 21, 63, 126)


def _truncate(close: pd.Series, asof: object | None) -> pd.Series:
    close = close.dropna().astype("float64")
    if asof is not None:
        close = close.loc[: pd.Timestamp(asof)]  # type: ignore[misc]
    return close


def align_to_sessions(dates: Iterable[object], sessions: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """Map each date to the first session on or after it (the market's reaction day).

    Dates after the last session are dropped; duplicates are removed.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DatetimeIndex(["2020-03-13", "2020-03-16", "2020-03-17"])
    >>> align_to_sessions(["2020-03-15"], s).strftime("%Y-%m-%d").tolist()  # a Sunday
    ['2020-03-16']
    """
    d = pd.DatetimeIndex(pd.to_datetime(list(dates))).normalize()
    if len(d) == 0 or len(sessions) == 0:
        return pd.DatetimeIndex([])
    pos = sessions.searchsorted(d, side="left")
    ok = pos < len(sessions)
    return pd.DatetimeIndex(sessions[pos[ok]]).unique().sort_values()


@dataclass(frozen=True)
class ForwardReturns:
    """Forward returns after a set of event sessions.

    Attributes
    ----------
    complete : pandas.DataFrame
        Rows = event sessions, columns = horizons (sessions); NaN where the window
        is not complete as of the last session.
    so_far : pandas.DataFrame
        The return from the event close to the last available close, capped at the
        horizon (equal to ``complete`` where the window is complete).
    elapsed : pandas.DataFrame
        Sessions elapsed in each window (``h`` when complete).
    last_session : pandas.Timestamp
        Last session used.
    """

    complete: pd.DataFrame
    so_far: pd.DataFrame
    elapsed: pd.DataFrame
    last_session: pd.Timestamp


def forward_returns(
    close: pd.Series,
    dates: Iterable[object],
    horizons: Sequence[int] = DEFAULT_HORIZONS,
    asof: object | None = None,
) -> ForwardReturns:
    """Forward returns from the close of each event session.

    Parameters
    ----------
    close : pandas.Series
        Closes in date order (NaN dropped).
    dates : iterable of date-like
        Event sessions; a date that is not a session of ``close`` moves to the next one.
    horizons : sequence of int
        Window lengths in sessions.
    asof : date-like, optional
        Use only closes up to this date.

    Returns
    -------
    ForwardReturns
    """
    c = _truncate(close, asof)
    ev = align_to_sessions(dates, c.index)
    values = c.to_numpy()
    n = len(values)
    pos = c.index.get_indexer(ev)
    comp: dict[int, np.ndarray] = {}
    sofar: dict[int, np.ndarray] = {}
    elap: dict[int, np.ndarray] = {}
    for h in horizons:
        h = int(h)
        end = np.minimum(pos + h, n - 1)
        r = values[end] / values[pos] - 1.0
        done = pos + h <= n - 1
        comp[h] = np.where(done, r, np.nan)
        sofar[h] = r
        elap[h] = end - pos
    mk = lambda d: pd.DataFrame(d, index=ev)  # noqa: E731
    return ForwardReturns(mk(comp), mk(sofar), mk(elap), c.index[-1] if n else pd.NaT)


@dataclass(frozen=True)
class ForwardStats:
    """Summary of forward returns over one horizon.

    Attributes
    ----------
    horizon : int
        Sessions.
    count : int
        Number of complete windows.
    mean, median, share_positive, best, worst : float
        Fractions (``share_positive`` in [0, 1]); NaN when ``count == 0``.
    best_date, worst_date : pandas.Timestamp or None
        Start sessions of the best and worst windows.
    """

    horizon: int
    count: int
    mean: float
    median: float
    share_positive: float
    best: float
    worst: float
    best_date: pd.Timestamp | None
    worst_date: pd.Timestamp | None


def summarize(values: pd.Series, horizon: int) -> ForwardStats:
    """Count, mean, median, share positive, best and worst of forward returns.

    NaN values (incomplete windows) are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> s = summarize(pd.Series([0.1, -0.05, 0.02, float("nan")]), 21)
    >>> s.count, round(s.mean, 4), round(s.share_positive, 4)
    (3, 0.0233, 0.6667)
    """
    v = values.dropna()
    if v.empty:
        nan = float("nan")
        return ForwardStats(int(horizon), 0, nan, nan, nan, nan, nan, None, None)
    return ForwardStats(
        horizon=int(horizon),
        count=len(v),
        mean=float(v.mean()),
        median=float(v.median()),
        share_positive=float((v > 0).mean()),
        best=float(v.max()),
        worst=float(v.min()),
        best_date=v.idxmax(),
        worst_date=v.idxmin(),
    )


@dataclass(frozen=True)
class EventStudy:
    """Forward returns after events, the base rate and significance, per horizon.

    Attributes
    ----------
    forward : ForwardReturns
        Per-event forward returns.
    events : dict of int to ForwardStats
        Statistics over the events' complete windows.
    base : dict of int to ForwardStats
        Statistics over every session with a complete window (the base rate).
    t_stat : dict of int to float
        One-sample t statistic of event returns against the base mean (NaN if n < 2).
    p_boot : dict of int to float
        Two-sided random-date bootstrap p-value (NaN if n < 1).
    n_boot : int
        Number of bootstrap draws.
    incomplete : dict of int to list of pandas.Timestamp
        Events whose window is not complete yet.
    """

    forward: ForwardReturns
    events: dict[int, ForwardStats]
    base: dict[int, ForwardStats]
    t_stat: dict[int, float]
    p_boot: dict[int, float]
    n_boot: int
    incomplete: dict[int, list[pd.Timestamp]]

    @property
    def horizons(self) -> list[int]:
        """The horizons studied, in sessions."""
        return list(self.events)


def _all_forward(c: pd.Series, h: int) -> pd.Series:
    return (c.shift(-h) / c - 1.0).dropna()


def event_study(
    close: pd.Series,
    dates: Iterable[object],
    horizons: Sequence[int] = DEFAULT_HORIZONS,
    asof: object | None = None,
    n_boot: int = 10_000,
    seed: int = 20240716,
) -> EventStudy:
    """Forward returns after events against the unconditional base rate.

    Parameters
    ----------
    close : pandas.Series
        Closes in date order.
    dates : iterable of date-like
        Event sessions (dates that are not sessions move to the next session).
    horizons : sequence of int
        Windows in sessions (default 5, 21, 63, 126).
    asof : date-like, optional
        Use only closes up to this date (events after it are ignored).
    n_boot : int
        Bootstrap draws for ``p_boot`` (0 to skip).
    seed : int
        Seed of the bootstrap's random generator (results are reproducible).

    Returns
    -------
    EventStudy
    """
    c = _truncate(close, asof)
    fwd = forward_returns(c, dates, horizons)
    ev_stats: dict[int, ForwardStats] = {}
    base_stats: dict[int, ForwardStats] = {}
    tstats: dict[int, float] = {}
    pboot: dict[int, float] = {}
    incomplete: dict[int, list[pd.Timestamp]] = {}
    for h in horizons:
        h = int(h)
        col = fwd.complete[h]
        ev_stats[h] = summarize(col, h)
        allf = _all_forward(c, h)
        base_stats[h] = summarize(allf, h)
        incomplete[h] = list(col.index[col.isna()])
        v = col.dropna().to_numpy()
        mu = base_stats[h].mean
        if len(v) >= 2 and v.std(ddof=1) > 0:
            tstats[h] = float((v.mean() - mu) / (v.std(ddof=1) / np.sqrt(len(v))))
        else:
            tstats[h] = float("nan")
        if len(v) >= 1 and n_boot > 0 and len(allf) > len(v):
            # one stream per horizon: a horizon's p-value does not depend on which
            # other horizons are studied alongside it
            rng = np.random.default_rng([seed, h])
            pool = allf.to_numpy()
            picks = rng.integers(0, len(pool), size=(int(n_boot), len(v)))
            draws = pool[picks].mean(axis=1)
            obs = abs(v.mean() - mu)
            pboot[h] = float((np.sum(np.abs(draws - mu) >= obs) + 1) / (n_boot + 1))
        else:
            pboot[h] = float("nan")
    return EventStudy(fwd, ev_stats, base_stats, tstats, pboot, int(n_boot), incomplete)


def event_day_returns(
    close: pd.Series, dates: Iterable[object], asof: object | None = None
) -> pd.Series:
    """One-session returns on event days (the session on or after each event date).

    Parameters
    ----------
    close : pandas.Series
        Closes in date order.
    dates : iterable of date-like
        Event dates; a non-session date (e.g. a Sunday) maps to the next session.
    asof : date-like, optional
        Use only closes up to this date.

    Returns
    -------
    pandas.Series
        Return on each event session (fraction), indexed by session; the first
        session of the history (no earlier close) is left out.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.Series([100.0, 103.0, 101.0], index=pd.bdate_range("2024-07-10", periods=3))
    >>> event_day_returns(c, ["2024-07-11"]).round(2).tolist()
    [0.03]
    """
    c = _truncate(close, asof)
    ret = (c / c.shift(1) - 1.0).dropna()
    ev = align_to_sessions(dates, c.index)
    ev = ev[ev.isin(ret.index)]
    return ret.loc[ev].rename(close.name)
