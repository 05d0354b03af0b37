"""Streaks: runs of consecutive sessions that meet a condition, and their episodes.

A **condition** is a daily yes/no test on a series (:class:`Condition`):

``ret>1%``
    the session's return is above +1%;
``ret<-1%``
    the session's return is below -1%;
``beats:NDX``
    the session's return is above the return of another series (``versus``);
``above:200``
    the close is above its own 200-session simple average (the average includes
    the session itself).

A **run** is a block of consecutive sessions on which the condition held. For an
as-of date the streak state (:func:`streak_state`) gives the current run, the longest
run to date and the last time an earlier run was at least as long. An **episode** of
length L (:func:`episodes`) is the date a run first reached L sessions: one episode per
run (non-overlapping), dated with data up to that day only.

NaN policy: a session whose condition cannot be evaluated (first return, average
without enough history, a session missing in ``versus``) counts as "not met" and ends
any run.

Examples
--------
>>> import pandas as pd
>>> close = pd.Series([100, 102, 104, 106, 105, 107, 109.0],
...                   index=pd.bdate_range("2024-01-01", periods=7))
>>> cond = parse_condition("ret>1%")
>>> mask = evaluate(cond, close)
>>> run_lengths(mask).tolist()
[0, 1, 2, 3, 0, 1, 2]
>>> episodes(mask, 2)["date"].dt.strftime("%m-%d").tolist()
['01-03', '01-09']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from rotascope.errors import RotascopeError

__all__ = [
    "Condition",
    "ConditionSyntaxError",
    "StreakState",
    "episodes",
    "evaluate",
    "parse_condition",
    "run_lengths",
    "streak_state",
]

ConditionKind = Literal["ret_gt", "ret_lt", "beats", "above"]


class ConditionSyntaxError(RotascopeError, ValueError):
    """A condition string that is not in the streak mini-language."""


@dataclass(frozen=True)
class Condition:
    """A daily condition on a series.

    Attributes
    ----------
    kind : {"ret_gt", "ret_lt", "beats", "above"}
        Which test (see the module docstring).
    threshold : float
        Return threshold as a fraction (``0.01`` = 1%) for ``ret_gt``/``ret_lt``;
        ``0.0`` otherwise.
    versus : str or None
        The other series of ``beats``.
    window : int or None
        Sessions in the moving average of ``above``.
    """

    kind: ConditionKind
    threshold: float = 0.0
    versus: str | None = None
    window: int | None = None

    @property
    def spec(self) -> str:
        """The condition written back in the mini-language (``ret>1%``)."""
        if self.kind == "ret_gt":
            return f"ret>{_pct(self.threshold)}"
        if self.kind == "ret_lt":
            return f"ret<{_pct(self.threshold)}"
        if self.kind == "beats":
            return f"beats:{self.versus}"
        return f"above:{self.window}"

    def describe(self, versus_name: str | None = None) -> str:
        """Plain words for sentences: ``"rose more than 1%"``."""
        if self.kind == "ret_gt":
            t = self.threshold
            return f"rose more than {_pct(t)}" if t >= 0 else f"fell less than {_pct(-t)}"
        if self.kind == "ret_lt":
            t = self.threshold
            return f"fell more than {_pct(-t)}" if t <= 0 else f"rose less than {_pct(t)}"
        if self.kind == "beats":
            return f"beat {versus_name or self.versus}"
        return f"closed above its {self.window}-session average"


def _pct(x: float) -> str:
    text = f"{x * 100:.4f}".rstrip("0").rstrip(".")
    return f"{text}%"


_RET = re.compile(r"^ret\s*([<>])\s*([+-]?\d+(?:\.\d+)?)\s*(%|bp)?$", re.IGNORECASE)
_BEATS = re.compile(r"^beats\s*:\s*(\S+)$", re.IGNORECASE)
_ABOVE = re.compile(r"^above\s*:\s*(\d+)$", re.IGNORECASE)


def parse_condition(text: str) -> Condition:
    """Parse the condition mini-language at the boundary.

    Parameters
    ----------
    text : str
        ``ret>X%``, ``ret<-X%`` (``%`` or ``bp``; a bare number is a percent),
        ``beats:SYMBOL`` or ``above:N``.

    Returns
    -------
    Condition

    Raises
    ------
    ConditionSyntaxError
        When the text is not one of those forms.

    Examples
    --------
    >>> parse_condition("ret<-1.5%")
    Condition(kind='ret_lt', threshold=-0.015, versus=None, window=None)
    >>> parse_condition("above:200").spec
    'above:200'
    """
    raw = str(text).strip()
    if m := _RET.match(raw):
        value = float(m.group(2))
        scale = 1e-4 if (m.group(3) or "%").lower() == "bp" else 1e-2
        kind: ConditionKind = "ret_gt" if m.group(1) == ">" else "ret_lt"
        return Condition(kind, threshold=round(value * scale, 12))
    if m := _BEATS.match(raw):
        return Condition("beats", versus=m.group(1))
    if m := _ABOVE.match(raw):
        window = int(m.group(1))
        if window < 2:
            raise ConditionSyntaxError(f"condition {raw!r}: the average needs at least 2 sessions")
        return Condition("above", window=window)
    raise ConditionSyntaxError(
        f"condition {raw!r} is not understood; use ret>1%, ret<-1%, beats:SYMBOL or above:N"
    )


def evaluate(condition: Condition, close: pd.Series, versus: pd.Series | None = None) -> pd.Series:
    """Evaluate a condition on every session of ``close``.

    Parameters
    ----------
    condition : Condition
        The test.
    close : pandas.Series
        Closes (or adjusted closes) in date order.
    versus : pandas.Series, optional
        Closes of the other series, required by ``beats``; aligned on ``close``'s
        dates (a date missing in ``versus`` does not meet the condition).

    Returns
    -------
    pandas.Series of bool
        Indexed like ``close``; NaN inputs give ``False``.
    """
    close = close.astype("float64")
    ret = close / close.shift(1) - 1.0
    if condition.kind == "ret_gt":
        out = ret > condition.threshold
    elif condition.kind == "ret_lt":
        out = ret < condition.threshold
    elif condition.kind == "beats":
        if versus is None:
            raise ConditionSyntaxError(f"condition {condition.spec!r} needs the versus series")
        v = versus.astype("float64").reindex(close.index)
        vret = v / v.shift(1) - 1.0
        out = ret > vret
    else:
        assert condition.window is not None
        avg = close.rolling(condition.window, min_periods=condition.window).mean()
        out = close > avg
    return out.fillna(False).astype(bool).rename(close.name)


def run_lengths(mask: pd.Series) -> pd.Series:
    """Length of the run of ``True`` ending at each date (0 where ``False``).

    Examples
    --------
    >>> import pandas as pd
    >>> run_lengths(pd.Series([True, True, False, True])).tolist()
    [1, 2, 0, 1]
    """
    m = mask.to_numpy(dtype=bool)
    out = np.zeros(len(m), dtype=np.int64)
    run = 0
    for i, ok in enumerate(m):
        run = run + 1 if ok else 0
        out[i] = run
    return pd.Series(out, index=mask.index, name=mask.name)


@dataclass(frozen=True)
class StreakState:
    """The streak picture as of one date.

    Attributes
    ----------
    asof : pandas.Timestamp
        Last session used.
    current : int
        Length of the run ending on ``asof`` (0 when the condition failed that day).
    run_start : pandas.Timestamp or None
        First session of the current run.
    longest : int
        Longest run in the history up to ``asof`` (the current run included).
    longest_end : pandas.Timestamp or None
        Last session of the latest run of that length.
    last_as_long : pandas.Timestamp or None
        The latest date, before the current run began, on which an earlier run had
        reached ``current`` sessions (the last time a run this long happened);
        ``None`` when no earlier run was as long.
    earlier_as_long : int
        How many earlier runs reached ``current`` sessions.
    history_start : pandas.Timestamp
        First session of the history.
    """

    asof: pd.Timestamp
    current: int
    run_start: pd.Timestamp | None
    longest: int
    longest_end: pd.Timestamp | None
    last_as_long: pd.Timestamp | None
    earlier_as_long: int
    history_start: pd.Timestamp


def _truncate(mask: pd.Series, asof: object | None) -> pd.Series:
    if asof is None:
        return mask
    return mask.loc[: pd.Timestamp(asof)]  # type: ignore[misc]


def streak_state(mask: pd.Series, asof: object | None = None) -> StreakState:
    """Current run, longest run and the last comparable run as of ``asof``.

    Parameters
    ----------
    mask : pandas.Series of bool
        Output of :func:`evaluate`.
    asof : date-like, optional
        Use only sessions up to this date (default: all).

    Returns
    -------
    StreakState

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.Series([1, 1, 0, 1, 0, 1, 1], dtype=bool,
    ...               index=pd.bdate_range("2024-01-01", periods=7))
    >>> s = streak_state(m)
    >>> s.current, s.longest, s.last_as_long.strftime("%m-%d"), s.earlier_as_long
    (2, 2, '01-02', 1)
    """
    m = _truncate(mask, asof)
    if m.empty:
        raise ValueError("streak_state: no sessions up to the as-of date")
    runs = run_lengths(m)
    idx = m.index
    cur = int(runs.iloc[-1])
    start_pos = len(runs) - cur
    run_start = idx[start_pos] if cur > 0 else None
    longest = int(runs.max())
    longest_end = None
    if longest > 0:
        pos = int(np.flatnonzero(runs.to_numpy() == longest)[-1])
        longest_end = idx[pos]
    last_as_long = None
    earlier = 0
    if cur > 0:
        before = runs.iloc[:start_pos].to_numpy()
        hits = np.flatnonzero(before == cur)
        earlier = len(hits)
        if earlier:
            last_as_long = idx[int(hits[-1])]
    return StreakState(
        asof=idx[-1],
        current=cur,
        run_start=run_start,
        longest=longest,
        longest_end=longest_end,
        last_as_long=last_as_long,
        earlier_as_long=earlier,
        history_start=idx[0],
    )


def episodes(mask: pd.Series, length: int, asof: object | None = None) -> pd.DataFrame:
    """Dates on which a run first reached ``length`` sessions (one per run).

    Parameters
    ----------
    mask : pandas.Series of bool
        Output of :func:`evaluate`.
    length : int
        Run length that defines an episode (>= 1).
    asof : date-like, optional
        Use only sessions up to this date.

    Returns
    -------
    pandas.DataFrame
        One row per episode, in date order, with columns ``start`` (first session of
        the run), ``date`` (session the run reached ``length``: the episode date),
        ``end`` (last session of the run, up to ``asof``), ``run_length`` (sessions in
        the run up to ``asof``) and ``ongoing`` (the run was still going on ``asof``).
        The episode date depends only on data up to that date; ``end`` and
        ``run_length`` describe what happened next, up to ``asof``.
    """
    if int(length) < 1:
        raise ValueError(f"length must be at least 1, got {length}")
    m = _truncate(mask, asof)
    runs = run_lengths(m).to_numpy()
    idx = m.index
    hits = np.flatnonzero(runs == int(length))
    rows = []
    n = len(runs)
    for h in hits:
        start = h - int(length) + 1
        j = h
        while j + 1 < n and runs[j + 1] > 0:
            j += 1
        rows.append(
            {
                "start": idx[start],
                "date": idx[h],
                "end": idx[j],
                "run_length": int(runs[j]),
                "ongoing": bool(j == n - 1),
            }
        )
    cols = ["start", "date", "end", "run_length", "ongoing"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("start", "date", "end"):
        out[c] = pd.to_datetime(out[c])
    out["run_length"] = out["run_length"].astype("int64")
    out["ongoing"] = out["ongoing"].astype(bool)
    return out
