"""Meeting probabilities implied by 30-day fed funds futures (FedWatch-style).

The standard method, as the CME FedWatch tool describes it:

1. A 30-day fed funds future for month M settles on the month's average effective fed
   funds rate, so the implied average rate is ``avg = 100 - price``.
2. A policy change takes effect the day after the meeting's statement. Split the
   month of that effective date into ``d`` days before it and ``N - d`` days from it
   (``N`` = days in the month):
   ``avg = (d/N) * rate_start + ((N-d)/N) * rate_end``, so
   ``rate_end = (avg - (d/N) * rate_start) / ((N-d)/N)``.
3. ``rate_start`` of the first meeting is the current rate (effective fed funds, or
   the implied rate of a month with no meeting); each later meeting starts from the
   previous meeting's ``rate_end``.
4. The expected move at a meeting, in 25 bp steps, ``k = (rate_end - rate_start)/0.25``,
   splits between ``floor(k)`` and ``ceil(k)`` steps with probabilities
   ``ceil(k) - k`` and ``k - floor(k)``.
5. Probabilities chain across meetings: each target range after a meeting is reached
   from the ranges after the previous meeting, shifted by that meeting's moves.

Examples
--------
>>> import datetime as dt
>>> res = meeting_probabilities(
...     {"2024-09": 94.75}, target=(5.25, 5.50), meetings=["2024-09-18"], current_rate=5.33)
>>> m = res[0]
>>> round(m.rate_end, 4), {k: round(v, 2) for k, v in m.probabilities.items()}
(5.13, {(5.0, 5.25): 0.8, (5.25, 5.5): 0.2})
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from rotascope.errors import DataError

__all__ = ["MeetingOdds", "implied_rate", "meeting_probabilities"]

STEP = 0.25


def implied_rate(price: float) -> float:
    """Average rate implied by a futures price: ``100 - price`` (percent).

    Examples
    --------
    >>> implied_rate(94.67)
    5.33
    """
    return round(100.0 - float(price), 10)


@dataclass(frozen=True)
class MeetingOdds:
    """What the futures imply for one meeting.

    Attributes
    ----------
    meeting : pandas.Timestamp
        Statement date.
    contract : str
        Futures month used (``YYYY-MM``): the month of the effective date.
    days_before, days_in_month : int
        ``d`` and ``N`` of the split.
    rate_start, rate_end : float
        Implied rate before and after the meeting (percent).
    expected_move_bp : float
        ``(rate_end - rate_start) * 100``.
    probabilities : dict of (float, float) to float
        Target range after the meeting -> probability (chained across meetings).
    move_probabilities : dict of int to float
        This meeting's own split: move in bp (e.g. -25, 0) -> probability.
    """

    meeting: pd.Timestamp
    contract: str
    days_before: int
    days_in_month: int
    rate_start: float
    rate_end: float
    expected_move_bp: float
    probabilities: dict[tuple[float, float], float] = field(default_factory=dict)
    move_probabilities: dict[int, float] = field(default_factory=dict)

    def cut_probability(self, target: tuple[float, float]) -> float:
        """Probability that the range after this meeting is below ``target``."""
        return sum(p for (lo, _), p in self.probabilities.items() if lo < target[0] - 1e-9)

    def hike_probability(self, target: tuple[float, float]) -> float:
        """Probability that the range after this meeting is above ``target``."""
        return sum(p for (lo, _), p in self.probabilities.items() if lo > target[0] + 1e-9)


def _month_key(value: object) -> str:
    try:
        ts = pd.Timestamp(str(value) + ("-01" if len(str(value)) == 7 else ""))
    except (ValueError, TypeError) as exc:
        raise DataError(f"futures month {value!r} is not YYYY-MM") from exc
    return f"{ts.year:04d}-{ts.month:02d}"


def meeting_probabilities(
    prices: Mapping[object, float],
    target: tuple[float, float],
    meetings: Iterable[object],
    current_rate: float | None = None,
) -> list[MeetingOdds]:
    """Chained meeting-by-meeting probabilities of target ranges.

    Parameters
    ----------
    prices : mapping of month (``"YYYY-MM"`` or a date in it) to futures price
        30-day fed funds futures settlement prices.
    target : (lower, upper)
        Current target range in percent, e.g. ``(5.25, 5.50)``.
    meetings : iterable of date-like
        FOMC statement dates still to come, in any order.
    current_rate : float, optional
        Rate at the start (percent). Default: the implied rate of the month before
        the first meeting's contract when given, else the middle of ``target``.

    Returns
    -------
    list of MeetingOdds
        One per meeting, in date order.

    Raises
    ------
    DataError
        When a meeting's contract month has no price, or the range is invalid.
    """
    lo, hi = float(target[0]), float(target[1])
    if not hi > lo:
        raise DataError(f"target range {target!r}: the upper bound must exceed the lower")
    px = {_month_key(k): float(v) for k, v in prices.items()}
    dates = sorted(pd.Timestamp(m).normalize() for m in meetings)
    out: list[MeetingOdds] = []
    dist: dict[int, float] = {0: 1.0}  # steps of 25 bp relative to the current range
    rate = current_rate
    for meet in dates:
        eff = meet + pd.Timedelta(days=1)
        key = f"{eff.year:04d}-{eff.month:02d}"
        if key not in px:
            raise DataError(f"no futures price for {key}, needed for the {meet.date()} meeting")
        if rate is None:
            prev = (eff.replace(day=1) - pd.Timedelta(days=1)).strftime("%Y-%m")
            rate = implied_rate(px[prev]) if prev in px else (lo + hi) / 2.0
        n_days = calendar.monthrange(eff.year, eff.month)[1]
        d = eff.day - 1
        avg = implied_rate(px[key])
        end = (avg - d / n_days * rate) / ((n_days - d) / n_days)
        k = round((end - rate) / STEP, 9)
        fl = math.floor(k)
        p_up = k - fl
        moves = {fl: 1.0} if p_up < 1e-9 else {fl: 1.0 - p_up, fl + 1: p_up}
        new: dict[int, float] = {}
        for s, p in dist.items():
            for mv, q in moves.items():
                new[s + mv] = new.get(s + mv, 0.0) + p * q
        dist = {s: p for s, p in new.items() if p > 1e-12}
        probs = {
            (round(lo + s * STEP, 4), round(hi + s * STEP, 4)): p for s, p in sorted(dist.items())
        }
        out.append(
            MeetingOdds(
                meeting=meet,
                contract=key,
                days_before=d,
                days_in_month=n_days,
                rate_start=rate,
                rate_end=end,
                expected_move_bp=(end - rate) * 100.0,
                probabilities=probs,
                move_probabilities={int(mv * 25): q for mv, q in sorted(moves.items())},
            )
        )
        rate = end
    return out
