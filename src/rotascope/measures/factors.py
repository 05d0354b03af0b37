"""Factor returns over long windows: compounding, window ranks, distinct periods, decades.

Every function here is pure: it takes pandas objects of daily factor returns
(fractions: 0.01 = 1%) or levels and returns pandas objects or frozen dataclasses.
Nothing is read from files.

Definitions
-----------
window of *n* years ending at D
    the returns dated in ``(D - n calendar years, D]`` (``pd.DateOffset(years=n)``),
    compounded: ``prod(1 + r) - 1``, never summed. Its *start* (base close) is the
    last date on or before ``D - n years``. For a return series the base of the very
    first window is a virtual close dated the day before the first return, so every
    return belongs to some window. A window is *complete* only when ``D - n years``
    is on or after the first level; incomplete windows are never reported or ranked.
rank among all windows
    for the window ending at D, compared with the windows of the same length ending
    on every earlier date (overlapping; DESIGN.md record semantics): ``rank`` is 1 +
    the number of earlier windows strictly lower (``low``) or higher (``high``),
    ``out_of`` = earlier windows + 1, ``since`` the latest earlier end date whose
    window was at least as low (high).
distinct periods
    non-overlapping windows picked greedily, most extreme first (a window is skipped
    when it shares any return date with one already picked). The *distinct rank* of
    the window ending at D compares it with the distinct periods picked among the
    windows that ended on or before its start, i.e. with history that does not
    overlap it ("the 4th worst of 9 ten-year periods since 1926").

NaN policy: NaN returns are dropped (no observation on that date).

Examples
--------
>>> import pandas as pd
>>> r = pd.Series([0.01, 0.02, -0.01], index=pd.to_datetime(["2020-01-02", "2021-01-04",
...     "2022-01-03"]))
>>> w = compound_windows(r, 1)  # the window to 2022-01-03 starts after 2021-01-03
>>> w["start"].dt.strftime("%Y-%m-%d").tolist(), w["value"].round(4).tolist()
(['2020-01-02', '2020-01-02'], [0.02, 0.0098])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rotascope._typing import DateLike, FloatArray, IntArray
from rotascope.measures.records import position_record

__all__ = [
    "WindowStat",
    "compound",
    "compound_windows",
    "distinct_periods",
    "trailing_windows",
    "wealth_index",
    "window_stat",
]


def _clean(series: pd.Series, asof: DateLike | None = None) -> pd.Series:
    """Sorted float series without NaN, cut at ``asof`` (inclusive)."""
    s = pd.Series(series, dtype="float64").dropna()
    if not isinstance(s.index, pd.DatetimeIndex):
        s.index = pd.DatetimeIndex(s.index)
    s = s.sort_index()
    if asof is not None:
        s = s.loc[: pd.Timestamp(asof)]
    return s


def compound(returns: pd.Series) -> float:
    """Compounded return of daily fractional returns: ``prod(1 + r) - 1``.

    Examples
    --------
    >>> round(compound(pd.Series([0.1, -0.1])), 6)
    -0.01
    """
    r = pd.Series(returns, dtype="float64").dropna().to_numpy()
    return float(np.prod(1.0 + r) - 1.0)


def wealth_index(returns: pd.Series, *, asof: DateLike | None = None) -> pd.Series:
    """Growth of 1 invested in the factor, with a virtual base of 1 the day before.

    Parameters
    ----------
    returns : pd.Series
        Daily returns as fractions, DatetimeIndex.
    asof : date-like, optional
        Use only returns dated on or before it.

    Returns
    -------
    pd.Series
        ``cumprod(1 + r)``, preceded by ``1.0`` dated one day before the first return.

    Examples
    --------
    >>> r = pd.Series([0.1, 0.1], index=pd.to_datetime(["2020-01-02", "2020-01-03"]))
    >>> wealth_index(r).round(4).tolist()
    [1.0, 1.1, 1.21]
    """
    r = _clean(returns, asof)
    if r.empty:
        return pd.Series(dtype="float64", name=returns.name)
    base = pd.Series([1.0], index=pd.DatetimeIndex([r.index[0] - pd.Timedelta(days=1)]))
    w = pd.concat([base, (1.0 + r).cumprod()])
    w.index = pd.DatetimeIndex(w.index, name="date")
    w.name = returns.name
    return w


def trailing_windows(levels: pd.Series, years: int) -> pd.DataFrame:
    """Return of every complete trailing ``years``-year window of a level series.

    Parameters
    ----------
    levels : pd.Series
        Positive levels (prices, adjusted closes or a wealth index), DatetimeIndex.
    years : int
        Window length in calendar years (>= 1).

    Returns
    -------
    pd.DataFrame
        Indexed by end date; columns ``start`` (base date), ``value``
        (``level[end] / level[start] - 1``), ``base_pos`` and ``end_pos`` (integer
        positions in ``levels``). Only complete windows.

    Examples
    --------
    >>> lv = pd.Series([1.0, 2.0, 3.0], index=pd.to_datetime(["2019-01-02", "2020-01-02",
    ...     "2020-06-01"]))
    >>> trailing_windows(lv, 1)["value"].tolist()
    [1.0, 2.0]
    """
    if years < 1:
        raise ValueError(f"years must be >= 1, got {years}")
    lv = _clean(levels)
    idx = pd.DatetimeIndex(lv.index)
    if len(idx) == 0:
        return pd.DataFrame(
            {"start": pd.DatetimeIndex([]), "value": [], "base_pos": [], "end_pos": []}
        )
    targets = idx - pd.DateOffset(years=years)
    base = idx.searchsorted(targets, side="right") - 1
    ok = np.asarray(targets >= idx[0])
    end_pos = np.flatnonzero(ok)
    base_pos = base[ok].astype(np.int64)
    vals = lv.to_numpy()
    out = pd.DataFrame(
        {
            "start": idx[base_pos],
            "value": vals[end_pos] / vals[base_pos] - 1.0,
            "base_pos": base_pos,
            "end_pos": end_pos.astype(np.int64),
        },
        index=pd.DatetimeIndex(idx[end_pos], name="date"),
    )
    return out


def compound_windows(
    returns: pd.Series, years: int, *, asof: DateLike | None = None
) -> pd.DataFrame:
    """Compounded factor return of every complete trailing ``years``-year window.

    See :func:`trailing_windows` for the columns; the levels are
    :func:`wealth_index` ``(returns)``.

    Examples
    --------
    >>> r = pd.Series([0.1, 0.1], index=pd.to_datetime(["2020-01-02", "2021-01-01"]))
    >>> compound_windows(r, 1)["value"].round(4).tolist()  # base: 2020-01-01, virtual
    [0.21]
    """
    return trailing_windows(wealth_index(returns, asof=asof), years)


def _greedy(order: IntArray, base: IntArray, end: IntArray) -> IntArray:
    """Windows in ``order``, each kept when it overlaps none kept before it.

    The next kept window is the first in ``order`` not overlapping a kept one, so one
    NumPy pass per kept window (masking what overlaps it) gives the greedy answer.
    When windows start and end in date order (trailing windows), the windows
    overlapping one are a contiguous run of positions and only those are masked.
    """
    n = order.shape[0]
    free = np.ones(n, dtype=bool)  # in ``order``'s order
    picks: list[int] = []
    sorted_ends = n > 1 and bool(np.all(np.diff(base) >= 0) and np.all(np.diff(end) >= 0))
    if sorted_ends:
        rank = np.empty(n, dtype=np.int64)  # position -> place in ``order``
        rank[order] = np.arange(n)
    else:
        b, e = base[order], end[order]
    k = 0
    while k < n:
        k += int(np.argmax(free[k:]))
        if not free[k]:
            break
        i = int(order[k])
        picks.append(i)
        if sorted_ends:  # overlapping i: end[j] > base[i] and base[j] < end[i]
            lo = int(np.searchsorted(end, base[i], side="right"))
            hi = int(np.searchsorted(base, end[i], side="left"))
            free[rank[lo:hi]] = False
        else:
            free &= ~((b < e[k]) & (b[k] < e))
        k += 1
    return np.array(picks, dtype=np.int64)


def distinct_periods(
    windows: pd.DataFrame, *, direction: str = "low", limit: int | None = None
) -> pd.DataFrame:
    """Non-overlapping windows, most extreme first (greedy).

    Parameters
    ----------
    windows : pd.DataFrame
        Output of :func:`trailing_windows` (needs ``value``, ``base_pos``, ``end_pos``).
    direction : {"low", "high"}
        ``low``: worst first; ``high``: best first.
    limit : int, optional
        Keep only the first ``limit`` periods.

    Returns
    -------
    pd.DataFrame
        Columns ``start``, ``end``, ``value``, ordered most extreme first.

    Examples
    --------
    >>> lv = pd.Series([1.0, 0.5, 1.0, 2.0], index=pd.to_datetime(["2018-01-02",
    ...     "2019-01-02", "2020-01-02", "2021-01-04"]))
    >>> distinct_periods(trailing_windows(lv, 1))["value"].tolist()
    [-0.5, 1.0, 1.0]
    """
    if direction not in ("low", "high"):
        raise ValueError(f"direction must be 'low' or 'high', got {direction!r}")
    v = windows["value"].to_numpy(dtype=np.float64)
    key = v if direction == "low" else -v
    order = np.argsort(key, kind="stable").astype(np.int64)
    picks = _greedy(
        order,
        windows["base_pos"].to_numpy(dtype=np.int64),
        windows["end_pos"].to_numpy(dtype=np.int64),
    )
    if limit is not None:
        picks = picks[:limit]
    return pd.DataFrame(
        {
            "start": pd.DatetimeIndex(windows["start"].to_numpy()[picks]),
            "end": pd.DatetimeIndex(windows.index[picks]),
            "value": v[picks],
        }
    )


@dataclass(frozen=True)
class WindowStat:
    """A trailing window's value and how it ranks among all windows of its length.

    Attributes
    ----------
    years : int
        Window length in calendar years.
    end, start : pd.Timestamp
        Last date and base date of the window.
    value : float
        Window return (fraction) or, for pairs, the return gap (fraction points).
    low_rank, high_rank : int
        1 + earlier windows strictly lower / higher (overlapping, every end date).
    out_of : int
        Earlier windows + 1.
    low_since, high_since : pd.Timestamp or None
        Latest earlier end date whose window was at least as low / high.
    low_since_value, high_since_value : float or None
        The window values on those dates.
    history_start : pd.Timestamp
        Start (base date) of the first complete window.
    distinct_low_rank, distinct_high_rank : int
        Rank among distinct periods picked from windows ended on or before ``start``.
    distinct_low_out_of, distinct_high_out_of : int
        Distinct periods compared + 1 (worst-first and best-first pickings differ).
    """

    years: int
    end: pd.Timestamp
    start: pd.Timestamp
    value: float
    low_rank: int
    high_rank: int
    out_of: int
    low_since: pd.Timestamp | None
    low_since_value: float | None
    high_since: pd.Timestamp | None
    high_since_value: float | None
    history_start: pd.Timestamp
    distinct_low_rank: int
    distinct_high_rank: int
    distinct_low_out_of: int
    distinct_high_out_of: int

    @property
    def direction(self) -> str:
        """``low`` when the window ranks nearer the worst than the best, else ``high``."""
        return "low" if self.low_rank < self.high_rank else "high"

    @property
    def annualised(self) -> float:
        """Compound annual rate equivalent to ``value`` over ``years`` years."""
        return float((1.0 + self.value) ** (1.0 / self.years) - 1.0)


def _since(
    values: FloatArray, i: int, index: pd.DatetimeIndex, direction: str
) -> tuple[pd.Timestamp | None, float | None]:
    j = position_record(values, i, direction)[0]  # type: ignore[arg-type]
    return (None, None) if j < 0 else (pd.Timestamp(index[j]), float(values[j]))


def window_stat(windows: pd.DataFrame, years: int, *, asof: DateLike | None = None) -> WindowStat:
    """Rank the window ending at ``asof`` (default: the last one) among all earlier ones.

    Parameters
    ----------
    windows : pd.DataFrame
        Output of :func:`trailing_windows` / :func:`compound_windows`.
    years : int
        Their length (for :attr:`WindowStat.annualised`).
    asof : date-like, optional
        The last window ending on or before it is ranked; later ones are ignored.

    Examples
    --------
    >>> lv = pd.Series([1.0, 0.5, 1.0, 2.0], index=pd.to_datetime(["2018-01-02",
    ...     "2019-01-02", "2020-01-02", "2021-01-04"]))
    >>> st = window_stat(trailing_windows(lv, 1), 1)
    >>> (st.value, st.high_rank, st.out_of)
    (1.0, 1, 3)
    """
    w = windows if asof is None else windows.loc[: pd.Timestamp(asof)]
    if w.empty:
        raise ValueError("no complete window ends on or before the as-of date")
    v = w["value"].to_numpy(dtype=np.float64)
    i = len(v) - 1
    idx = pd.DatetimeIndex(w.index)
    hist = v[:i]  # ranks at one date: direct counts (same semantics as rank_to_date)
    lower, higher = int((hist < v[i]).sum()), int((hist > v[i]).sum())
    lo_since = _since(v, i, idx, "low")
    hi_since = _since(v, i, idx, "high")
    earlier = w[w["end_pos"] <= int(w["base_pos"].iloc[i])]
    ranks = {}
    for d in ("low", "high"):
        picks = distinct_periods(earlier, direction=d)
        pv = picks["value"].to_numpy()
        worse = (pv < v[i]) if d == "low" else (pv > v[i])
        ranks[d] = (int(worse.sum()) + 1, len(pv) + 1)
    return WindowStat(
        years=years,
        end=pd.Timestamp(idx[i]),
        start=pd.Timestamp(w["start"].iloc[i]),
        value=float(v[i]),
        low_rank=lower + 1,
        high_rank=higher + 1,
        out_of=i + 1,
        low_since=lo_since[0],
        low_since_value=lo_since[1],
        high_since=hi_since[0],
        high_since_value=hi_since[1],
        history_start=pd.Timestamp(w["start"].iloc[0]),
        distinct_low_rank=ranks["low"][0],
        distinct_high_rank=ranks["high"][0],
        distinct_low_out_of=ranks["low"][1],
        distinct_high_out_of=ranks["high"][1],
    )
