"""Long-horizon relative performance of a pair (e.g. IWM vs SPY over ten years).

Pure functions on two level series (adjusted closes for total return). Both series
are aligned on their common dates first; windows are calendar years back from the
end date, as in :mod:`rotascope.measures.factors`, and use the same base date for
both legs.

Examples
--------
>>> import pandas as pd
>>> idx = pd.to_datetime(["2014-07-16", "2024-07-16"])
>>> a = pd.Series([100.0, 224.6], index=idx)
>>> b = pd.Series([100.0, 340.9], index=idx)
>>> st = relative_performance(a, b, 10)
>>> round(st.gap, 3), round(st.window.value, 3)
(-1.163, -1.163)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rotascope._typing import DateLike
from rotascope.measures.factors import (
    WindowStat,
    _clean,
    distinct_periods,
    wealth_index,
    window_stat,
)
from rotascope.measures.records import position_record

__all__ = [
    "DrawdownStat",
    "RelativeStat",
    "align_pair",
    "decade_returns",
    "factor_drawdown",
    "relative_performance",
    "relative_windows",
]


def align_pair(a: pd.Series, b: pd.Series, *, asof: DateLike | None = None) -> pd.DataFrame:
    """Both level series on their common dates (NaN dropped), cut at ``asof``.

    Returns
    -------
    pd.DataFrame
        Columns ``a`` and ``b``, DatetimeIndex named ``date``.
    """
    df = pd.concat(
        [pd.Series(a, dtype="float64"), pd.Series(b, dtype="float64")], axis=1, keys=["a", "b"]
    ).dropna()
    df.index = pd.DatetimeIndex(df.index, name="date")
    df = df.sort_index()
    if asof is not None:
        df = df.loc[: pd.Timestamp(asof)]
    return df


def relative_windows(
    a: pd.Series, b: pd.Series, years: int, *, asof: DateLike | None = None
) -> pd.DataFrame:
    """Every complete trailing ``years``-year window of a pair.

    Returns
    -------
    pd.DataFrame
        Indexed by end date; columns ``start``, ``ret_a``, ``ret_b``, ``value``
        (the gap ``ret_a - ret_b`` in fraction points), ``ann_a``, ``ann_b``,
        ``ann_gap`` (difference of compound annual rates), ``relative``
        (``(1 + ret_a) / (1 + ret_b) - 1``), ``base_pos``, ``end_pos``.

    Examples
    --------
    >>> idx = pd.to_datetime(["2019-01-02", "2020-01-02"])
    >>> w = relative_windows(pd.Series([1.0, 1.2], idx), pd.Series([1.0, 1.1], idx), 1)
    >>> round(float(w["value"].iloc[0]), 6)
    0.1
    """
    if years < 1:
        raise ValueError(f"years must be >= 1, got {years}")
    df = align_pair(a, b, asof=asof)
    idx = pd.DatetimeIndex(df.index)
    if len(idx) == 0:
        targets_ok = np.zeros(0, dtype=bool)
        base = np.zeros(0, dtype=np.int64)
    else:
        targets = idx - pd.DateOffset(years=years)
        base = idx.searchsorted(targets, side="right") - 1
        targets_ok = np.asarray(targets >= idx[0])
    end_pos = np.flatnonzero(targets_ok).astype(np.int64)
    base_pos = base[targets_ok].astype(np.int64)
    va, vb = df["a"].to_numpy(), df["b"].to_numpy()
    ra = va[end_pos] / va[base_pos] - 1.0
    rb = vb[end_pos] / vb[base_pos] - 1.0
    ann_a = (1.0 + ra) ** (1.0 / years) - 1.0
    ann_b = (1.0 + rb) ** (1.0 / years) - 1.0
    return pd.DataFrame(
        {
            "start": idx[base_pos],
            "ret_a": ra,
            "ret_b": rb,
            "value": ra - rb,
            "ann_a": ann_a,
            "ann_b": ann_b,
            "ann_gap": ann_a - ann_b,
            "relative": (1.0 + ra) / (1.0 + rb) - 1.0,
            "base_pos": base_pos,
            "end_pos": end_pos,
        },
        index=pd.DatetimeIndex(idx[end_pos], name="date"),
    )


@dataclass(frozen=True)
class RelativeStat:
    """A pair's trailing window: both returns, the gap, and the gap's ranks.

    Attributes
    ----------
    ret_a, ret_b : float
        Each leg's return over the window (fractions).
    gap : float
        ``ret_a - ret_b`` in fraction points (0.10 = 10 percentage points).
    ann_a, ann_b, ann_gap : float
        Compound annual rates and their difference (fraction points per year).
    relative : float
        ``(1 + ret_a) / (1 + ret_b) - 1``: the return of A measured in B.
    window : WindowStat
        The gap's ranks among all windows of the same length for the pair.
    worst, best : pd.DataFrame
        Distinct (non-overlapping) worst and best gap periods up to the end date
        (columns ``start``, ``end``, ``value``).
    first_common : pd.Timestamp
        First date both series have.
    """

    ret_a: float
    ret_b: float
    gap: float
    ann_a: float
    ann_b: float
    ann_gap: float
    relative: float
    window: WindowStat
    worst: pd.DataFrame
    best: pd.DataFrame
    first_common: pd.Timestamp


def relative_performance(
    a: pd.Series,
    b: pd.Series,
    years: int,
    *,
    asof: DateLike | None = None,
    top: int = 5,
) -> RelativeStat:
    """Relative performance of A vs B over the trailing ``years`` years to ``asof``.

    Parameters
    ----------
    a, b : pd.Series
        Level series (adjusted closes for total return), DatetimeIndex.
    years : int
        Window length in calendar years.
    asof : date-like, optional
        End of the window (the last common date on or before it).
    top : int
        How many distinct worst/best periods to list.

    Raises
    ------
    ValueError
        When the pair has no complete window ending on or before ``asof``.
    """
    w = relative_windows(a, b, years, asof=asof)
    if w.empty:
        raise ValueError(f"the pair has no complete {years}-year window before the as-of date")
    stat = window_stat(w, years)
    last = w.iloc[-1]
    df_first = align_pair(a, b).index[0]
    return RelativeStat(
        ret_a=float(last["ret_a"]),
        ret_b=float(last["ret_b"]),
        gap=float(last["value"]),
        ann_a=float(last["ann_a"]),
        ann_b=float(last["ann_b"]),
        ann_gap=float(last["ann_gap"]),
        relative=float(last["relative"]),
        window=stat,
        worst=distinct_periods(w, direction="low", limit=top),
        best=distinct_periods(w, direction="high", limit=top),
        first_common=pd.Timestamp(df_first),
    )


@dataclass(frozen=True)
class DrawdownStat:
    """Drawdown of a cumulative factor from its running peak, as of a date.

    Attributes
    ----------
    asof : pd.Timestamp
        Last date used.
    drawdown : float
        ``wealth / running peak - 1`` (<= 0).
    peak_date : pd.Timestamp
        Date of the running peak.
    level : float
        Wealth index (growth of 1 since the series start).
    level_low_since : pd.Timestamp or None
        Latest earlier date whose wealth was at most ``level`` ("lowest since").
    drawdown_low_since : pd.Timestamp or None
        Latest earlier date whose drawdown was at least as deep.
    drawdown_rank, out_of : int
        1 + earlier days with a strictly deeper drawdown; earlier days + 1.
    max_drawdown : float
        Deepest drawdown up to ``asof``.
    max_drawdown_date, max_drawdown_peak : pd.Timestamp
        Trough date of the deepest drawdown and the peak before it.
    history_start : pd.Timestamp
        Base date of the wealth index.
    """

    asof: pd.Timestamp
    drawdown: float
    peak_date: pd.Timestamp
    level: float
    level_low_since: pd.Timestamp | None
    drawdown_low_since: pd.Timestamp | None
    drawdown_rank: int
    out_of: int
    max_drawdown: float
    max_drawdown_date: pd.Timestamp
    max_drawdown_peak: pd.Timestamp
    history_start: pd.Timestamp


def factor_drawdown(returns: pd.Series, *, asof: DateLike | None = None) -> DrawdownStat:
    """Drawdown of the cumulative factor from its peak, and how long since it was this low.

    Examples
    --------
    >>> r = pd.Series([0.1, -0.5, 0.2], index=pd.date_range("2020-01-01", periods=3))
    >>> dd = factor_drawdown(r)
    >>> round(dd.drawdown, 4), str(dd.peak_date.date())
    (-0.4, '2020-01-01')
    """
    w = wealth_index(returns, asof=asof)
    if len(w) < 2:
        raise ValueError("no returns on or before the as-of date")
    lv = w.to_numpy()
    peak = np.maximum.accumulate(lv)
    dd = lv / peak - 1.0
    idx = pd.DatetimeIndex(w.index)
    i = len(lv) - 1
    peak_pos = int(np.flatnonzero(lv[: i + 1] == peak[i])[-1])
    trough = int(np.argmin(dd))
    trough_peak = int(np.flatnonzero(lv[: trough + 1] == peak[trough])[-1])
    lvl_since = position_record(lv, i, "low")[0]
    dd_since, dd_rank, dd_out_of = position_record(dd, i, "low")
    return DrawdownStat(
        asof=pd.Timestamp(idx[i]),
        drawdown=float(dd[i]),
        peak_date=pd.Timestamp(idx[peak_pos]),
        level=float(lv[i]),
        level_low_since=None if lvl_since < 0 else pd.Timestamp(idx[lvl_since]),
        drawdown_low_since=None if dd_since < 0 else pd.Timestamp(idx[dd_since]),
        drawdown_rank=dd_rank,
        out_of=dd_out_of,
        max_drawdown=float(dd[trough]),
        max_drawdown_date=pd.Timestamp(idx[trough]),
        max_drawdown_peak=pd.Timestamp(idx[trough_peak]),
        history_start=pd.Timestamp(idx[0]),
    )


def decade_returns(returns: pd.Series, *, asof: DateLike | None = None) -> pd.DataFrame:
    """Compounded return per calendar decade (1930s = 1930-01-01 .. 1939-12-31).

    A decade is ``partial`` when the data start after its first week or end before
    Dec 24 of its last year (the current decade, or a series that began mid-decade).

    Returns
    -------
    pd.DataFrame
        Indexed by decade start year; columns ``label`` ("1930s"), ``value``,
        ``first``, ``last`` (dates of the first and last return used), ``sessions``,
        ``partial`` (bool), ``partial_start``, ``partial_end``.

    Examples
    --------
    >>> r = pd.Series([0.1, 0.1], index=pd.to_datetime(["1939-12-29", "1940-01-02"]))
    >>> decade_returns(r)["label"].tolist()
    ['1930s', '1940s']
    """
    r = _clean(returns, asof)
    cols = [
        "label",
        "value",
        "first",
        "last",
        "sessions",
        "partial",
        "partial_start",
        "partial_end",
    ]
    if r.empty:
        return pd.DataFrame(columns=cols)
    dec = (r.index.year // 10) * 10
    rows = []
    for d, part in r.groupby(dec):
        first, last = part.index[0], part.index[-1]
        p_start = bool(first > pd.Timestamp(int(d), 1, 8))
        p_end = bool(last < pd.Timestamp(int(d) + 9, 12, 24))
        rows.append(
            {
                "decade": int(d),
                "label": f"{int(d)}s",
                "value": float(np.prod(1.0 + part.to_numpy()) - 1.0),
                "first": first,
                "last": last,
                "sessions": len(part),
                "partial": p_start or p_end,
                "partial_start": p_start,
                "partial_end": p_end,
            }
        )
    return pd.DataFrame(rows).set_index("decade")[cols]
