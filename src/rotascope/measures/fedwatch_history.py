"""Meeting odds over time: every trading date's FedWatch probabilities, their changes and
records (pure: prices, the effective rate and the FOMC calendar come in as arguments).

For each date ``d`` with futures prices, :func:`odds_history` prices every FOMC meeting
still to come (scheduled meetings after ``d``) with
:func:`rotascope.measures.fedwatch.meeting_probabilities`, from the prices dated ``d``,
the effective rate on or before ``d`` and the meetings held up to ``d`` (no look-ahead:
nothing dated after ``d`` is read). The target range is the 25 bp band the effective
rate sits in (:func:`target_band`). Meetings after the first one the prices cannot
reach (a missing contract month) are left out for that date.

:func:`odds_change` gives a meeting's odds on a date with the same odds a week and a
month earlier and their record: for value ``v`` on ``d`` among the meeting's earlier
odds, ``since`` is the latest earlier date whose odds were at least as high (as low for
a fall) -- the project's record rule (:func:`rotascope.measures.records.records`).

Examples
--------
>>> import pandas as pd
>>> futures = pd.DataFrame({"date": pd.to_datetime(["2024-08-15"] * 2),
...                         "contract": ["2024-08", "2024-09"], "price": [94.67, 94.75]})
>>> rate = pd.Series([5.33], index=pd.to_datetime(["2024-08-14"]))
>>> h = odds_history(futures, rate, scheduled=pd.to_datetime(["2024-09-18"]), held=[])
>>> h["meeting"].dt.date.tolist(), h[["cut", "hold"]].round(1).values.tolist()
([datetime.date(2024, 9, 18)], [[73.8, 26.2]])
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from rotascope.errors import DataError
from rotascope.measures.fedwatch import STEP, MeetingOdds, meeting_probabilities
from rotascope.measures.records import record_at

__all__ = [
    "ODDS_COLUMNS",
    "OddsChange",
    "odds_change",
    "odds_history",
    "odds_on",
    "range_label",
    "target_band",
]

#: Columns of :func:`odds_history` (odds in percent).
ODDS_COLUMNS: tuple[str, ...] = (
    "date", "meeting", "contract", "cut", "hold", "hike", "expected_bp", "rate_start",
    "rate_end", "rate", "target_lo", "target_hi", "likely", "likely_pct", "method", "ranges",
    "moves",
)  # fmt: skip

#: Meetings still to come priced per date, at most (about three years of them).
HORIZON = 24

#: Decimals odds are kept to (in percent), so that equal prices give equal odds.
DECIMALS = 6

#: "A week earlier" is the last date with prices 7 to 10 days before; "a month
#: earlier" the last one in the week up to one calendar month before.
WEEK_DAYS, WEEK_SLACK, MONTH_SLACK = 7, 3, 7


def target_band(rate: float) -> tuple[float, float]:
    """The 25 bp band holding ``rate`` (the FOMC's target range since December 2008).

    A rate on a band's edge belongs to the band below (the effective rate trades at
    the top of its range more often than at its floor); the floor is zero.

    Examples
    --------
    >>> target_band(5.33), target_band(2.25), target_band(0.08)
    ((5.25, 5.5), (2.0, 2.25), (0.0, 0.25))
    """
    lo = max(0.0, math.ceil(round(float(rate) / STEP, 6)) * STEP - STEP)
    return round(lo, 4), round(lo + STEP, 4)


def range_label(lo: float, hi: float) -> str:
    """``"5.00-5.25"`` (percent)."""
    return f"{lo:.2f}-{hi:.2f}"


def _rate_on(rate: pd.Series, day: pd.Timestamp) -> tuple[pd.Timestamp, float] | None:
    r = rate.dropna().loc[:day]
    return None if r.empty else (pd.Timestamp(r.index[-1]), float(r.iloc[-1]))


def odds_on(
    futures: pd.DataFrame,
    rate: pd.Series,
    day: Any,
    *,
    scheduled: Iterable[Any],
    held: Iterable[Any],
) -> tuple[list[MeetingOdds], float]:
    """The meetings' odds from the prices dated ``day``, and the effective rate used.

    Raises
    ------
    DataError
        No prices dated ``day``, or no effective rate on or before it.
    """
    d = pd.Timestamp(day).normalize()
    rows = futures[futures["date"] == d]
    if rows.empty:
        raise DataError(f"no futures prices dated {d.date()}")
    found = _rate_on(rate, d)
    if found is None:
        raise DataError(f"no effective fed funds rate (DFF) on or before {d.date()}")
    r = found[1]
    meetings = [m for m in pd.to_datetime(list(held)) if m <= d]
    meetings += [m for m in pd.to_datetime(list(scheduled)) if m > d]
    prices = dict(zip(rows["contract"], rows["price"], strict=True))
    odds = meeting_probabilities(
        prices, target_band(r), meetings, current_rate=r, asof=d, strict=False
    )
    return odds, r


def _row(d: pd.Timestamp, m: MeetingOdds, r: float) -> dict[str, Any]:
    (lo, hi), p = max(m.probabilities.items(), key=lambda kv: kv[1])
    return {
        "date": d,
        "meeting": m.meeting,
        "contract": m.contract,
        "cut": round(100 * m.cut_probability(), DECIMALS),
        "hold": round(100 * m.hold_probability(), DECIMALS),
        "hike": round(100 * m.hike_probability(), DECIMALS),
        "expected_bp": m.expected_move_bp,
        "rate_start": m.rate_start,
        "rate_end": m.rate_end,
        "rate": r,
        "target_lo": m.target[0],
        "target_hi": m.target[1],
        "likely": range_label(lo, hi),
        "likely_pct": round(100 * p, DECIMALS),
        "method": m.method,
        "ranges": {range_label(a, b): round(100 * q, DECIMALS) for (a, b), q in
                   m.probabilities.items()},
        "moves": {str(bp): round(100 * q, DECIMALS) for bp, q in m.move_probabilities.items()},
    }  # fmt: skip


def odds_history(
    futures: pd.DataFrame,
    rate: pd.Series,
    *,
    scheduled: Iterable[Any],
    held: Iterable[Any],
    until: Any = None,
) -> pd.DataFrame:
    """Every date's odds for every meeting still to come.

    Parameters
    ----------
    futures : pandas.DataFrame
        ``date``, ``contract`` (``YYYY-MM``), ``price`` (as from
        :meth:`rotascope.data.port.DataSource.futures`).
    rate : pandas.Series
        The effective fed funds rate (percent) by date.
    scheduled : iterable of date-like
        Scheduled FOMC statement dates (known in advance: the meetings priced).
    held : iterable of date-like
        Every FOMC statement date, unscheduled ones included (a month with a meeting
        held is no anchor).
    until : date-like, optional
        Last date used.

    Returns
    -------
    pandas.DataFrame
        :data:`ODDS_COLUMNS`, one row per (date, meeting), sorted; odds in percent.
        ``cut``/``hold``/``hike`` and ``ranges`` (target range -> odds) are chained
        across meetings; ``moves`` is the meeting's own split (move in bp -> odds, as
        CME's worked examples quote it). Dates before the effective rate's first value
        are left out.
    """
    sched = sorted(pd.to_datetime(list(scheduled)))
    done = sorted(pd.to_datetime(list(held)))
    known = rate.dropna()
    rate_dates = pd.DatetimeIndex(known.index)
    rows = futures if until is None else futures[futures["date"] <= pd.Timestamp(until)]
    out: list[dict[str, Any]] = []
    for d, prices in rows.groupby("date", sort=True):
        day = pd.Timestamp(d)
        pos = int(rate_dates.searchsorted(day, side="right")) - 1
        if pos < 0:
            continue
        r = float(known.iloc[pos])
        i, j = bisect_right(done, day), bisect_right(sched, day)
        meetings = [m for m in done[max(0, i - 3) : i] if m.to_period("M") == day.to_period("M")]
        meetings += sched[j : j + HORIZON]
        book = dict(zip(prices["contract"], prices["price"], strict=True))
        odds = meeting_probabilities(
            book, target_band(r), meetings, current_rate=r, asof=day, strict=False
        )
        out += [_row(day, m, r) for m in odds]
    frame = pd.DataFrame(out, columns=list(ODDS_COLUMNS))
    return frame.sort_values(["date", "meeting"], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class OddsChange:
    """A meeting's odds on one date, then and earlier, with their record.

    Attributes
    ----------
    meeting : pandas.Timestamp
    date : pandas.Timestamp
        The date of the odds.
    side : {"cut", "hold", "hike"}
    value : float
        Odds in percent.
    week_ago, month_ago : (pandas.Timestamp, float) or None
        The date and odds a week / a month earlier.
    direction : {"high", "low"}
        ``high`` when the odds rose over the week (or did not fall), else ``low``.
    record : dict or None
        :func:`rotascope.measures.records.record_row` of the odds among the meeting's
        earlier odds, in ``direction``.
    """

    meeting: pd.Timestamp
    date: pd.Timestamp
    side: str
    value: float
    week_ago: tuple[pd.Timestamp, float] | None
    month_ago: tuple[pd.Timestamp, float] | None
    direction: str
    record: dict[str, Any] | None


def _earlier(s: pd.Series, lo: pd.Timestamp, hi: pd.Timestamp) -> tuple[pd.Timestamp, float] | None:
    part = s.loc[lo:hi]
    return None if part.empty else (pd.Timestamp(part.index[-1]), float(part.iloc[-1]))


def odds_change(history: pd.DataFrame, meeting: Any, day: Any, side: str) -> OddsChange:
    """``side``'s odds of ``meeting`` on ``day``, a week and a month earlier, and the record.

    Raises
    ------
    DataError
        ``day`` has no odds for ``meeting``.
    """
    if side not in ("cut", "hold", "hike"):
        raise ValueError(f"side must be cut, hold or hike, not {side!r}")
    m, d = pd.Timestamp(meeting), pd.Timestamp(day)
    rows = history[(history["meeting"] == m) & (history["date"] <= d)]
    s = pd.Series(rows[side].to_numpy(dtype="float64"), index=pd.DatetimeIndex(rows["date"]))
    if s.empty or s.index[-1] != d:
        raise DataError(f"no odds for the {m.date()} meeting on {d.date()}")
    week_end = d - pd.Timedelta(days=WEEK_DAYS)
    week = _earlier(s, week_end - pd.Timedelta(days=WEEK_SLACK), week_end)
    month_end = d - pd.DateOffset(months=1)
    month = _earlier(s, month_end - pd.Timedelta(days=MONTH_SLACK), month_end)
    base = week[1] if week else (float(s.iloc[-2]) if len(s) > 1 else float(s.iloc[-1]))
    direction = "high" if s.iloc[-1] >= base else "low"
    rec = record_at(s, d, direction)  # type: ignore[arg-type]
    return OddsChange(m, d, side, float(s.iloc[-1]), week, month, direction, rec)
