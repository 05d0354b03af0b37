"""Meeting probabilities implied by 30-day fed funds futures (the CME FedWatch method).

The method, as CME describes it for its FedWatch tool:

1. A 30-day fed funds future for month M settles on the month's average effective fed
   funds rate, so the implied average is ``avg = 100 - price``.
2. In a month with an FOMC statement on day ``s`` (``N`` days), the ``n = s - 1`` days
   before the statement day are at the rate in force at the start of the month and
   the ``m = N - n`` days from the statement day on at the rate after the meeting
   (CME counts the statement day at the new rate):
   ``avg = (n/N) * start + (m/N) * end``.
3. A month without a meeting is an *anchor*: its rate does not change, so
   ``start = end = avg``, and the end of a month is the start of the next. Each
   meeting month takes one end from a neighbour and solves the other from its own
   price: ``end = (avg - n/N * start) / (m/N)`` when its start is known (forward), or
   ``start = (avg - m/N * end) / (n/N)`` when its end is (backward). When both
   neighbours are known, the better-conditioned side is used: backward when the
   statement falls in the second half of the month (``n >= m``), forward otherwise.
   A month with no meeting and no price passes the rate through. The current month is
   an anchor only when no meeting has been held in it yet; the effective rate
   (``current_rate``) starts the chain only where no anchor can.
4. The expected move at a meeting, in 25 bp steps, ``k = (end - start) / 0.25``,
   splits between ``floor(k)`` and ``ceil(k)`` steps with probabilities
   ``ceil(k) - k`` and ``k - floor(k)``.
5. Probabilities chain across meetings: each target range after a meeting is reached
   from the ranges after the previous one, shifted by that meeting's moves. The rate
   is bounded below by zero (CME's assumption): ranges below 0-0.25% fold into it.

Examples
--------
August 2024 (no meeting) at 94.67 starts the chain at 5.33%; September at 94.75 puts the
rate after the Sep 18 statement at ``(5.25 - 17/30 * 5.33) / (13/30) = 5.1454``, a move
of -18.5 bp: 74% for a 25 bp cut, 26% for no change.

>>> res = meeting_probabilities({"2024-08": 94.67, "2024-09": 94.75}, target=(5.25, 5.50),
...                             meetings=["2024-09-18"])
>>> m = res[0]
>>> round(m.rate_end, 4), {k: round(v, 2) for k, v in m.probabilities.items()}
(5.1454, {(5.0, 5.25): 0.74, (5.25, 5.5): 0.26})
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from rotascope.errors import DataError

__all__ = ["STEP", "MeetingOdds", "implied_rate", "meeting_probabilities"]

#: The size of one policy move, in percentage points.
STEP = 0.25

Range = tuple[float, float]


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
        The futures month of the meeting (``YYYY-MM``).
    days_before, days_in_month : int
        ``n`` (days of the month before the statement day) and ``N``.
    rate_start, rate_end : float
        Implied rate before and after the meeting (percent).
    expected_move_bp : float
        ``(rate_end - rate_start) * 100``.
    probabilities : dict of (float, float) to float
        Target range after the meeting -> probability (chained across meetings).
    move_probabilities : dict of int to float
        This meeting's own split: move in bp (e.g. -25, 0) -> probability.
    target : (float, float)
        The target range the moves start from.
    method : {"forward", "backward"}
        Whether the start (forward) or the end (backward) came from a neighbour.
    """

    meeting: pd.Timestamp
    contract: str
    days_before: int
    days_in_month: int
    rate_start: float
    rate_end: float
    expected_move_bp: float
    probabilities: dict[Range, float] = field(default_factory=dict)
    move_probabilities: dict[int, float] = field(default_factory=dict)
    target: Range = (0.0, STEP)
    method: str = "forward"

    def cut_probability(self, target: Range | None = None) -> float:
        """Probability that the range after this meeting is below ``target``."""
        lo = (self.target if target is None else target)[0]
        return sum(p for (a, _), p in self.probabilities.items() if a < lo - 1e-9)

    def hike_probability(self, target: Range | None = None) -> float:
        """Probability that the range after this meeting is above ``target``."""
        lo = (self.target if target is None else target)[0]
        return sum(p for (a, _), p in self.probabilities.items() if a > lo + 1e-9)

    def hold_probability(self, target: Range | None = None) -> float:
        """Probability that the range after this meeting is ``target``."""
        return max(0.0, 1.0 - self.cut_probability(target) - self.hike_probability(target))


Month = int  #: a month as ``12 * year + month - 1`` (cheap to compare and step)


def _month(value: object) -> Month:
    text = str(value)
    try:
        ts = pd.Timestamp(text + "-01" if len(text) == 7 else text)
    except (ValueError, TypeError) as exc:
        raise DataError(f"futures month {value!r} is not YYYY-MM") from exc
    return _month_of(ts)


def _month_of(ts: pd.Timestamp) -> Month:
    return 12 * ts.year + ts.month - 1


def _label(m: Month) -> str:
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


def _date(value: object) -> pd.Timestamp:
    ts = value if isinstance(value, pd.Timestamp) else pd.Timestamp(str(value))
    return ts.normalize()


def _days(meeting: pd.Timestamp) -> tuple[int, int]:
    """``(n, N)``: days of the month before the statement day, days in the month."""
    return meeting.day - 1, calendar.monthrange(meeting.year, meeting.month)[1]


def _moves(start: float, end: float) -> dict[int, float]:
    """This meeting's split in 25 bp steps (step -> probability)."""
    k = round((end - start) / STEP, 9)
    fl = math.floor(k)
    up = k - fl
    return {fl: 1.0} if up < 1e-9 else {fl: 1.0 - up, fl + 1: up}


def _ranges(dist: Mapping[int, float], lo: float, hi: float) -> dict[Range, float]:
    """Cumulative steps -> target ranges, those below zero folded into the lowest."""
    out: dict[Range, float] = {}
    width = hi - lo
    for s, p in sorted(dist.items()):
        a = round(lo + s * STEP, 4)
        key = (0.0, round(width, 4)) if a < 0 else (a, round(a + width, 4))
        out[key] = out.get(key, 0.0) + p
    return dict(sorted(out.items()))


class _Chain:
    """Start and end rates of each month, filled from anchors (see the module docstring)."""

    def __init__(
        self,
        months: list[Month],
        avg: dict[Month, float],
        by_month: dict[Month, pd.Timestamp],
        held: set[Month],
    ) -> None:
        self.months, self.avg, self.by_month, self.held = months, avg, by_month, held
        self.start: dict[Month, float] = {}
        self.end: dict[Month, float] = {}
        self.method: dict[Month, str] = {}
        for m in months:
            if m not in by_month and m in avg and m not in held:
                self.start[m] = self.end[m] = avg[m]

    def _pass_through(self) -> bool:
        """A month with no meeting and no price keeps the rate its neighbour gives."""
        changed = False
        for m in self.months:
            if m in self.by_month or m in self.held or m in self.avg or m in self.start:
                continue
            known = [v for v in (self.end.get(m - 1), self.start.get(m + 1)) if v is not None]
            if known:
                self.start[m] = self.end[m] = known[0]
                changed = True
        return changed

    def _plan(self) -> dict[Month, tuple[str, float]]:
        plans: dict[Month, tuple[str, float]] = {}
        for m, meet in self.by_month.items():
            if m in self.method or m not in self.avg:
                continue
            n, big_n = _days(meet)
            left, right = self.end.get(m - 1), self.start.get(m + 1)
            if m in self.start and m == self.months[0]:
                left = self.start[m]  # the seed: the rate in force now
            if right is not None and n > 0 and (left is None or n >= big_n - n):
                plans[m] = ("backward", right)
            elif left is not None:
                plans[m] = ("forward", left)
        return plans

    def _apply(self, plans: dict[Month, tuple[str, float]]) -> None:
        for m, (how, known) in plans.items():
            n, big_n = _days(self.by_month[m])
            a, f_before, f_after = self.avg[m], n / big_n, (big_n - n) / big_n
            if how == "forward":
                self.start[m], self.end[m] = known, (a - f_before * known) / f_after
            else:
                self.end[m], self.start[m] = known, (a - f_after * known) / f_before
            self.method[m] = how

    def run(self) -> None:
        while True:
            moved = self._pass_through()
            plans = self._plan()
            self._apply(plans)
            if not (moved or plans):
                return

    def seed(self, rate: float) -> None:
        """The rate in force now starts the chain in the first month."""
        first = self.months[0]
        if first in self.by_month:
            self.start.setdefault(first, rate)
        else:
            self.end.setdefault(first, rate)
            if first not in self.held:
                self.start.setdefault(first, rate)


def meeting_probabilities(
    prices: Mapping[object, float],
    target: Range,
    meetings: Iterable[object],
    current_rate: float | None = None,
    *,
    asof: object = None,
    strict: bool = True,
) -> list[MeetingOdds]:
    """Chained meeting-by-meeting probabilities of target ranges (the CME method).

    Parameters
    ----------
    prices : mapping of month (``"YYYY-MM"`` or a date in it) to futures price
        30-day fed funds futures prices of one trading date.
    target : (lower, upper)
        Current target range in percent, e.g. ``(5.25, 5.50)``.
    meetings : iterable of date-like
        FOMC statement dates. With ``asof``, those on or before it are meetings held
        (their month is no anchor) and the later ones are priced.
    current_rate : float, optional
        The effective rate now (percent): starts the chain where no month without a
        meeting can (see the module docstring).
    asof : date-like, optional
        The trading date of the prices: contracts of earlier months are ignored.
        Default: every meeting is still to come.
    strict : bool
        Raise when a meeting cannot be priced (default); otherwise return the meetings
        before it.

    Returns
    -------
    list of MeetingOdds
        One per meeting still to come, in date order.

    Raises
    ------
    DataError
        An invalid range, two meetings in one month, a meeting month with no price, or
        a chain with no start (``strict``).
    """
    lo, hi = float(target[0]), float(target[1])
    if not hi > lo:
        raise DataError(f"target range {target!r}: the upper bound must exceed the lower")
    avg_all = {_month(k): implied_rate(v) for k, v in prices.items()}
    dates = sorted({_date(m) for m in meetings})
    day = None if asof is None else _date(asof)
    upcoming = [m for m in dates if day is None or m > day]
    if not strict and avg_all:  # meetings past the last contract month cannot be priced
        last = max(avg_all)
        upcoming = [m for m in upcoming if _month_of(m) <= last]
    if not upcoming:
        return []
    held: set[Month] = set()  # only the current month can count a meeting held
    if day is not None and any(m <= day and _month_of(m) == _month_of(day) for m in dates):
        held = {_month_of(day)}
    by_month: dict[Month, pd.Timestamp] = {}
    for m in upcoming:
        if _month_of(m) in by_month:
            raise DataError(f"two FOMC meetings in {m:%Y-%m}: the futures cannot split them")
        by_month[_month_of(m)] = m
    first = _month_of(day) if day is not None else min([*by_month, *avg_all])
    months = list(range(first, max(by_month) + 2))
    avg = {k: v for k, v in avg_all.items() if k >= first}
    chain = _Chain(months, avg, by_month, held)
    chain.run()
    if current_rate is not None and any(m not in chain.method for m in by_month):
        chain.seed(float(current_rate))
        chain.run()
    out: list[MeetingOdds] = []
    dist: dict[int, float] = {0: 1.0}
    for m, meet in by_month.items():
        if m not in chain.method:
            if not strict:
                break
            if m not in avg:
                raise DataError(
                    f"no futures price for {_label(m)}, needed for the {meet.date()} meeting"
                )
            raise DataError(
                f"cannot price the {meet.date()} meeting: no month without a meeting next to "
                "the meeting months and no current rate; add such a month's price or give "
                "current_rate"
            )
        start, end = chain.start[m], chain.end[m]
        moves = _moves(start, end)
        new: dict[int, float] = {}
        for s, p in dist.items():
            for mv, q in moves.items():
                new[s + mv] = new.get(s + mv, 0.0) + p * q
        dist = {s: p for s, p in new.items() if p > 1e-12}
        n, big_n = _days(meet)
        out.append(
            MeetingOdds(
                meeting=meet,
                contract=_label(m),
                days_before=n,
                days_in_month=big_n,
                rate_start=start,
                rate_end=end,
                expected_move_bp=(end - start) * 100.0,
                probabilities=_ranges(dist, lo, hi),
                move_probabilities={int(mv * 25): q for mv, q in sorted(moves.items())},
                target=(lo, hi),
                method=chain.method[m],
            )
        )
    return out
