"""The same story told once: which facts state the same thing, in two windows or two kinds.

:func:`near_duplicates` is what :func:`rotascope.story.score.score_facts` folds (the
higher-scored fact is kept, the other listed in its ``folded``):

- **the same measure in near windows**: same kind, series, basis and direction, and
  windows within a factor of :data:`WINDOW_FACTOR` (4, 5 and 6 sessions) or the same
  window (the same record close on two days of one week); a pair's correlation records
  in any windows (the pair moving apart is one story);
- **the same record reached by several windows**: the same notable ``since`` date;
- **the same story in two kinds** (:func:`same_story`), on the same series and date:

  ===========================================  ===========================================
  a move over one session (or a yield change)  its level record, record close, round
                                               number, intraday extreme, catalyst-day rank
  a move over N sessions                       its scoped record ("biggest of the year")
  a five-session move                          the week to date from the same close
  a record close                               its count this year, the recovery it ends,
                                               the round number it crosses, the drawdown
                                               of 0 ("at a record high")
  a spread over N sessions                     the pair's ratio; a catalyst-day spread (N=1)
  a drawdown from the record                   the threshold it crosses, the turning point
                                               at the same peak
  a turning point                              the span return from the same date
  ===========================================  ===========================================

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> d = dt.date(2024, 7, 24)
>>> move = Fact("move", "NDX", d, -3.65, "pct", "", window=1)
>>> year = Fact("scoped_record", "NDX", d, -3.65, "pct", "", window=1)
>>> same_story(move, year), same_story(move, Fact("move", "SPX", d, -2.3, "pct", "", window=1))
(True, False)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rotascope.kinds.fact import Fact
from rotascope.kinds.phrases import is_notable

__all__ = ["WINDOW_FACTOR", "near_duplicates", "preferred", "same_story"]

#: Windows within this factor of each other are "the same move" (4, 5 and 6 sessions).
WINDOW_FACTOR = 1.5

_DAY_MOVES = ("move", "yield_change")
_DAY_LEVELS = ("level_record", "record_close", "round_number", "intraday", "catalyst")
_RECORD_CLOSE = ("record_count", "recovery", "round_number")
_PEAKS = ("threshold", "turning_point")
#: Kinds whose records over several windows tell one story (a pair moving apart).
_ANY_WINDOW = ("correlation",)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _direction(fact: Fact) -> str:
    if fact.record is not None:
        return fact.record.direction
    return "high" if fact.value >= 0 else "low"


def _family(fact: Fact) -> tuple[Any, ...]:
    return (fact.kind, fact.subject, fact.versus, fact.basis, _direction(fact))


def _pair(a: Fact, b: Fact, first: tuple[str, ...] | str, second: tuple[str, ...] | str) -> bool:
    def has(f: Fact, kinds: tuple[str, ...] | str) -> bool:
        return f.kind == kinds if isinstance(kinds, str) else f.kind in kinds

    return (has(a, first) and has(b, second)) or (has(b, first) and has(a, second))


def _one(a: Fact, b: Fact, kind: str) -> Fact:
    return a if a.kind == kind else b


def same_story(a: Fact, b: Fact) -> bool:
    """True when two facts of different kinds tell the same story (see the module table).

    Examples
    --------
    >>> import datetime as dt
    >>> from rotascope.kinds.fact import Fact
    >>> d = dt.date(2024, 1, 19)
    >>> same_story(Fact("record_close", "SPX", d, 4839.81, "level", ""),
    ...            Fact("recovery", "SPX", d, -25.4, "pct", ""))
    True
    """
    if a.kind == b.kind or a.subject != b.subject or a.asof != b.asof:
        return False
    if a.versus is not None and b.versus is not None and a.versus != b.versus:
        return False
    if _pair(a, b, _DAY_MOVES, _DAY_LEVELS):
        move = a if a.kind in _DAY_MOVES else b
        return move.window == 1 and move.versus is None
    if _pair(a, b, "move", "scoped_record"):
        return a.window == b.window
    if _pair(a, b, "move", "week_to_date"):
        move, week = _one(a, b, "move"), _one(a, b, "week_to_date")
        return move.window == 5 and move.start == week.start
    if _pair(a, b, "record_close", _RECORD_CLOSE):
        return True
    if _pair(a, b, "record_close", "drawdown"):
        return _one(a, b, "drawdown").value == 0  # "closed at a record high"
    if _pair(a, b, "spread", "ratio"):
        return a.versus == b.versus
    if _pair(a, b, "spread", "catalyst_spread"):
        return a.versus == b.versus and _one(a, b, "spread").window == 1
    if _pair(a, b, "drawdown", _PEAKS) or _pair(a, b, "threshold", "turning_point"):
        return a.start == b.start
    if _pair(a, b, "turning_point", "pair_return"):
        return a.start == b.start
    return False


#: The framing kept when the same story is told by both (when it is remarkable), even
#: if the other scores higher: the close before the intraday extreme, a move before its
#: catalyst-day rank and its rank in the year, a spread before its catalyst-day rank.
_PREFERRED: dict[str, tuple[str, ...]] = {
    "move": ("intraday", "catalyst", "scoped_record", "week_to_date"),
    "spread": ("catalyst_spread",),
    "record_close": ("record_count", "recovery"),
}


def preferred(a: Fact, b: Fact) -> bool:
    """True when ``a`` is the better framing of the story ``b`` also tells.

    Examples
    --------
    >>> import datetime as dt
    >>> from rotascope.kinds.fact import Fact
    >>> d = dt.date(2025, 4, 9)
    >>> preferred(Fact("move", "SPX", d, 9.5, "pct", "", window=1),
    ...           Fact("intraday", "SPX", d, 10.0, "pct", "", window=1))
    True
    """
    return b.kind in _PREFERRED.get(a.kind, ()) and same_story(a, b)


def near_duplicates(a: Fact, b: Fact) -> bool:
    """True when ``a`` and ``b`` state the same thing (see the module docstring).

    Examples
    --------
    >>> import datetime as dt
    >>> from rotascope.kinds.fact import Fact
    >>> d = dt.date(2024, 7, 16)
    >>> f4, f5, f21 = (Fact("move", "RUT", d, 10.0, "pct", "", window=w) for w in (4, 5, 21))
    >>> near_duplicates(f4, f5), near_duplicates(f5, f21)
    (True, False)
    """
    if same_story(a, b):
        return True
    if _family(a) != _family(b):
        return False
    if a.window == b.window or a.kind in _ANY_WINDOW:
        return True
    ra, rb = a.record, b.record
    if (
        ra is not None
        and rb is not None
        and ra.since is not None
        and ra.since == rb.since
        and is_notable(ra, _as_date(a.asof))
    ):
        return True
    wa, wb = a.window, b.window
    if isinstance(wa, int) and isinstance(wb, int) and wa > 0 and wb > 0:
        return max(wa, wb) / min(wa, wb) <= WINDOW_FACTOR
    return False
