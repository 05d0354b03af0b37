"""Thresholds crossed on a date: corrections, bear markets, recoveries, round numbers.

Rules (each uses closes dated on or before the date only):

- **drawdown thresholds** (a 10% correction, a 20% bear market): measured from the
  running all-time high close. An *episode* starts at each close at or above the
  running high; a level ``L`` is *crossed* on the first close of the episode at least
  ``L`` below the peak (``close <= peak * (1 - L)``, compared as prices so a close of
  exactly 90 on a peak of 100 is a 10% correction). Falling back above and below
  again within the same episode is not a new crossing.
- **recovery**: a record close (strictly above every earlier close) that ends an
  episode whose deepest close was at least ``min_depth`` below the old high ("the S&P
  500 closed at a record, recovering all of its bear-market loss").
- **round numbers**: multiples of ``step`` (default half the power of ten below the
  level: 500 for the S&P 500 at 5,000, 0.5 for a 4% yield). Crossed *up* on ``D``
  when the previous close was below ``L`` and the close is at or above it; crossed
  *down* when the previous close was at or above and the close is below. The first
  time up is when no earlier close reached ``L``; otherwise ``since`` is the latest
  earlier date on the far side (``>= L`` going up, ``< L`` going down).

Examples
--------
>>> import pandas as pd
>>> s = pd.Series([100.0, 95.0, 89.0, 92.0, 85.0],
...               index=pd.date_range("2024-01-01", periods=5))
>>> drawdown_thresholds(s)["crossed_10"].tolist()  # once per episode
[False, False, True, False, False]
>>> [(c.level, c.direction) for c in round_number_crossings(s, step=10.0)]
[(90.0, 'down')]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rotascope.measures._common import FrameResult, MeasureInputError, check_sorted, upto

__all__ = [
    "Recovery",
    "RoundCrossing",
    "ThresholdsAt",
    "default_step",
    "drawdown_thresholds",
    "round_number_crossings",
    "thresholds_at",
]

#: Drawdown levels checked by default: a correction and a bear market.
DEFAULT_LEVELS: tuple[float, ...] = (0.10, 0.20)


def _check_levels(levels: Sequence[float]) -> tuple[float, ...]:
    out = tuple(float(v) for v in levels)
    if not out or any(not 0 < v < 1 for v in out):
        raise MeasureInputError(f"drawdown levels must be fractions in (0, 1), got {levels!r}")
    return out


def _column(level: float) -> str:
    return f"crossed_{round(level * 100):d}"


def drawdown_thresholds(
    values: pd.Series, levels: Sequence[float] = DEFAULT_LEVELS
) -> pd.DataFrame:
    """Drawdown from the running high and the threshold crossings, at every date.

    Returns
    -------
    pandas.DataFrame
        Indexed like the non-NaN values; columns ``drawdown`` (<= 0), ``peak_date``
        (latest date of the running high), ``peak_value``, ``episode_low`` (deepest
        drawdown of the episode so far, the day included) and one boolean
        ``crossed_<pct>`` per level (``crossed_10``, ``crossed_20``).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([100.0, 79.0, 81.0, 78.0], index=pd.date_range("2024-01-01", periods=4))
    >>> t = drawdown_thresholds(s)
    >>> t["crossed_10"].tolist(), t["crossed_20"].tolist()
    ([False, True, False, False], [False, True, False, False])
    """
    check_sorted(values)
    lv = _check_levels(levels)
    clean = values.dropna().astype("float64")
    peak = clean.cummax()
    at_peak = clean >= peak
    episode = at_peak.cumsum().to_numpy()
    dd = clean / peak - 1.0
    low_close = clean.groupby(episode).cummin()
    before = low_close.groupby(episode).shift(1)  # NaN on the episode's first close
    out = pd.DataFrame(
        {
            "drawdown": dd,
            "peak_date": pd.Series(clean.index, index=clean.index).where(at_peak).ffill(),
            "peak_value": peak,
            "episode_low": low_close / peak - 1.0,
        }
    )
    for level in lv:
        line = peak * (1.0 - level)
        out[_column(level)] = ((clean <= line) & (before > line)).to_numpy()
    return out


@dataclass(frozen=True)
class Recovery:
    """A record close that ends a drawdown of at least ``min_depth``.

    Attributes
    ----------
    date, close : pandas.Timestamp, float
        The record close.
    peak_date, peak_value : pandas.Timestamp, float
        The old high it surpassed, at the first date it was reached (a later close
        that only touched it again does not hide the drawdown in between).
    trough_date, trough_value : pandas.Timestamp, float
        The lowest close between them (latest on ties).
    depth : float
        ``trough_value / peak_value - 1`` (<= -min_depth).
    sessions : int
        Sessions from the old high to the record.
    """

    date: pd.Timestamp
    close: float
    peak_date: pd.Timestamp
    peak_value: float
    trough_date: pd.Timestamp
    trough_value: float
    depth: float
    sessions: int


@dataclass(frozen=True)
class RoundCrossing:
    """A round number crossed by the close.

    Attributes
    ----------
    level : float
        The round number.
    direction : {"up", "down"}
    first_time : bool
        Going up: no earlier close reached ``level``. Going down: no earlier close
        was below it.
    since : pandas.Timestamp or NaT
        The latest earlier date on the far side (NaT when ``first_time``).
    """

    level: float
    direction: str
    first_time: bool
    since: pd.Timestamp


def default_step(level: float) -> float:
    """Half the power of ten at or below ``|level|`` (500 for 5,026; 0.5 for 4.2).

    Examples
    --------
    >>> default_step(5026.6), default_step(4.2), default_step(24_000.0)
    (500.0, 0.5, 5000.0)
    """
    a = abs(float(level))
    if not math.isfinite(a) or a == 0:
        raise MeasureInputError(f"cannot pick a round-number step for {level!r}; pass step")
    return 10.0 ** math.floor(math.log10(a)) / 2.0


def round_number_crossings(
    values: pd.Series, asof: pd.Timestamp | None = None, *, step: float | None = None
) -> tuple[RoundCrossing, ...]:
    """Round numbers the close crossed on ``asof`` (from the previous close).

    Parameters
    ----------
    values : pandas.Series
        Closes (or yields) in date order.
    asof : pandas.Timestamp, optional
        Default the last date.
    step : float, optional
        Spacing of the round numbers; default :func:`default_step` of the close.

    Returns
    -------
    tuple of RoundCrossing
        Nearest to the close first; empty when none was crossed.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([4900.0, 5100.0, 4997.9, 5026.6],
    ...               index=pd.date_range("2024-02-06", periods=4))
    >>> c = round_number_crossings(s, step=1000.0)[0]
    >>> c.level, c.direction, c.first_time, c.since.date().isoformat()
    (5000.0, 'up', False, '2024-02-07')
    """
    clean = upto(values, asof)
    if len(clean) < 2:
        return ()
    x = clean.to_numpy()
    prev, cur = float(x[-2]), float(x[-1])
    st = default_step(cur) if step is None else float(step)
    if not st > 0:
        raise MeasureInputError(f"step must be positive, got {step!r}")
    lo, hi = sorted((prev, cur))
    levels = np.round(st * np.arange(math.floor(lo / st), math.floor(hi / st) + 2), 10)
    if cur >= prev:
        crossed = [v for v in levels if prev < v <= cur]
        direction = "up"
    else:
        crossed = [v for v in levels if cur < v <= prev]
        direction = "down"
    earlier = x[:-1]
    out = []
    for v in sorted(crossed, key=lambda lv: abs(cur - lv)):
        far = earlier >= v if direction == "up" else earlier < v
        hits = np.flatnonzero(far)
        since = clean.index[hits[-1]] if hits.size else pd.NaT
        out.append(RoundCrossing(float(v), direction, not hits.size, since))
    return tuple(out)


@dataclass(frozen=True)
class ThresholdsAt(FrameResult):
    """Every threshold event on one date.

    Attributes
    ----------
    date, close : pandas.Timestamp, float
    drawdown : float
        From the running all-time high (<= 0).
    peak_date, peak_value : pandas.Timestamp, float
        The running high.
    crossed : tuple of float
        Drawdown levels crossed on ``date`` (``(0.2,)``: closed in a bear market).
    recovery : Recovery or None
        Set when ``date`` is a record close ending a deep enough drawdown.
    round_numbers : tuple of RoundCrossing
    """

    date: pd.Timestamp
    close: float
    drawdown: float
    peak_date: pd.Timestamp
    peak_value: float
    crossed: tuple[float, ...] = ()
    recovery: Recovery | None = None
    round_numbers: tuple[RoundCrossing, ...] = field(default_factory=tuple)

    @property
    def any(self) -> bool:
        """True when something was crossed on ``date``."""
        return bool(self.crossed or self.recovery or self.round_numbers)

    def to_frame(self) -> pd.DataFrame:
        """One row per event: ``event``, ``level``, ``reference_date``, ``value``."""
        rows = [("drawdown", level, self.peak_date, self.drawdown) for level in self.crossed]
        if self.recovery is not None:
            r = self.recovery
            rows.append(("recovery", r.peak_value, r.peak_date, r.depth))
        rows += [(f"round_{c.direction}", c.level, c.since, self.close) for c in self.round_numbers]
        return pd.DataFrame(rows, columns=["event", "level", "reference_date", "value"])


def _recovery(clean: pd.Series, min_depth: float) -> Recovery | None:
    x = clean.to_numpy()
    if x.size < 2:
        return None
    earlier = x[:-1]
    top = earlier.max()
    if not x[-1] > top:
        return None
    ipeak = int(np.flatnonzero(earlier == top)[0])
    span = x[ipeak:-1]
    itr = int(span.size - 1 - np.argmin(span[::-1]))
    depth = float(span[itr] / top - 1.0)
    if depth > -min_depth:
        return None
    return Recovery(
        date=clean.index[-1],
        close=float(x[-1]),
        peak_date=clean.index[ipeak],
        peak_value=float(top),
        trough_date=clean.index[ipeak + itr],
        trough_value=float(span[itr]),
        depth=depth,
        sessions=x.size - 1 - ipeak,
    )


def thresholds_at(
    values: pd.Series,
    asof: pd.Timestamp | None = None,
    *,
    levels: Sequence[float] = DEFAULT_LEVELS,
    min_depth: float = 0.10,
    step: float | None = None,
) -> ThresholdsAt:
    """Drawdown thresholds, a recovery and round numbers crossed on ``asof``.

    Parameters
    ----------
    values : pandas.Series
        Closes in date order.
    asof : pandas.Timestamp, optional
        Default the last date.
    levels : sequence of float
        Drawdown levels (default 10% and 20%).
    min_depth : float
        Smallest drawdown whose end by a record close counts as a recovery.
    step : float, optional
        Round-number spacing (default :func:`default_step`).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([100.0, 70.0, 101.0], index=pd.date_range("2020-02-19", periods=3))
    >>> t = thresholds_at(s)
    >>> round(t.recovery.depth, 2), t.recovery.peak_date.date().isoformat()
    (-0.3, '2020-02-19')
    """
    clean = upto(values, asof)
    table = drawdown_thresholds(clean, levels).iloc[-1]
    lv = _check_levels(levels)
    return ThresholdsAt(
        date=clean.index[-1],
        close=float(clean.iloc[-1]),
        drawdown=float(table["drawdown"]),
        peak_date=pd.Timestamp(table["peak_date"]),
        peak_value=float(table["peak_value"]),
        crossed=tuple(level for level in lv if bool(table[_column(level)])),
        recovery=_recovery(clean, float(min_depth)),
        round_numbers=round_number_crossings(clean, step=step),
    )
