"""The streak study behind kinds ``streak`` and ``event_study``: runs of days that meet a
condition, and what followed earlier runs as long.

:func:`streak_study` measures one series (or the ratio of two) up to an as-of date;
:func:`current_studies` gives the studies the engine states in context (a run of three
or more >1% gains or losses on at the as-of session), cached per session.

Examples
--------
>>> import numpy as np, pandas as pd
>>> close = pd.Series(100 * np.cumprod(np.r_[1, [1.02, 1.02, 0.99] * 30]),
...                   index=pd.bdate_range("2024-01-01", periods=91), name="RUT")
>>> s = streak_study(close, "ret>1%", length=2, horizons=(5,), n_boot=200)
>>> s.state.current, len(s.episodes)
(0, 30)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from rotascope.errors import AsOfError
from rotascope.measures.events import DEFAULT_HORIZONS, EventStudy, event_study
from rotascope.measures.streaks import (
    Condition,
    StreakState,
    episodes,
    evaluate,
    parse_condition,
    streak_state,
)
from rotascope.symbols import canonical
from rotascope.wording import the_name

if TYPE_CHECKING:
    from rotascope.kinds.context import Context

__all__ = [
    "CONTEXT_BOOT",
    "CONTEXT_HORIZONS",
    "MIN_STREAK",
    "StreakStudy",
    "current_studies",
    "streak_study",
    "subject_words",
]

#: A run this long (sessions) or longer of >1% gains or losses is stated in context.
MIN_STREAK = 3
#: Forward windows of the studies stated in context.
CONTEXT_HORIZONS: tuple[int, ...] = (21,)
#: Bootstrap draws of the studies stated in context (as ``rotascope study``, so a
#: p-value is the same wherever it is stated).
CONTEXT_BOOT = 10_000


class StreakStudy:
    """Everything behind the streak facts, for tables (CLI, reports).

    Attributes
    ----------
    subject : str
        Canonical symbol.
    condition : Condition
        The daily test.
    length : int
        Episode length (sessions).
    state : StreakState
        Current run as of the as-of date.
    episodes : pandas.DataFrame
        All episodes to the as-of date (see :func:`rotascope.measures.streaks.episodes`).
    study : EventStudy
        Forward returns after the episodes and the base rate.
    versus : str or None
        The other series (of ``beats:``, or of a relative study).
    basis : str
        ``price`` or ``total_return``.
    relative : bool
        True when the condition and forward returns are on the ratio subject/versus.
    """

    def __init__(
        self,
        subject: str,
        condition: Condition,
        length: int,
        state: StreakState,
        table: pd.DataFrame,
        study: EventStudy,
        versus: str | None,
        basis: str,
        relative: bool = False,
    ) -> None:
        self.subject = subject
        self.condition = condition
        self.length = length
        self.state = state
        self.episodes = table
        self.study = study
        self.versus = versus
        self.basis = basis
        self.relative = relative

    def episode_table(self) -> pd.DataFrame:
        """Episodes with forward returns (fractions; NaN where incomplete) and sessions
        elapsed."""
        t = self.episodes.set_index("date", drop=False)
        fwd = self.study.forward
        for h in self.study.horizons:
            t[f"fwd_{h}"] = fwd.complete[h].reindex(t.index)
            t[f"so_far_{h}"] = fwd.so_far[h].reindex(t.index)
            t[f"elapsed_{h}"] = fwd.elapsed[h].reindex(t.index)
        return t.reset_index(drop=True)


def subject_words(subject: str, versus: str | None, relative: bool, *, start: bool = False) -> str:
    """``the Russell 2000`` or, for a relative study, ``the Russell 2000 relative to ...``."""
    words = the_name(subject, start=start)
    if relative and versus:
        words += f" relative to {the_name(versus)}"
    return words


def streak_study(
    close: pd.Series,
    condition: str | Condition,
    *,
    length: int | None = None,
    asof: pd.Timestamp | None = None,
    versus_close: pd.Series | None = None,
    horizons: Sequence[int] = DEFAULT_HORIZONS,
    basis: str = "price",
    n_boot: int = 10_000,
) -> StreakStudy:
    """Run the streak measures and the event study of one series and condition.

    Parameters
    ----------
    close : pandas.Series
        Closes of the subject (its ``name`` is the symbol).
    condition : str or Condition
        ``ret>1%``, ``ret<-1%``, ``beats:NDX``, ``above:200``.
    length : int, optional
        Episode length; default: the current run length (at least 1).
    asof : pandas.Timestamp, optional
        Last date used (default: the last close).
    versus_close : pandas.Series, optional
        Closes of the other series: the ``beats:`` comparison, or, for the other
        conditions, the denominator of a **relative** study (the condition and the
        forward returns apply to the ratio subject / versus on common sessions).
    horizons : sequence of int
        Forward windows in sessions.
    basis : {"price", "total_return"}
        What ``close`` is.
    n_boot : int
        Bootstrap draws.

    Raises
    ------
    AsOfError
        No close on or before ``asof``.
    """
    cond = parse_condition(condition) if isinstance(condition, str) else condition
    c = close.dropna().astype("float64")
    relative = versus_close is not None and cond.kind != "beats"
    versus = canonical(cond.versus) if cond.versus else None
    if relative:
        assert versus_close is not None
        v = versus_close.dropna().astype("float64")
        both = pd.concat([c.rename("a"), v.rename("b")], axis=1, join="inner")
        c = (both["a"] / both["b"]).rename(close.name)
        versus = canonical(str(versus_close.name))
    if asof is not None:
        c = c.loc[:asof]
    if c.empty:
        when = "" if asof is None else f" on or before {pd.Timestamp(asof).date()}"
        raise AsOfError(f"no closes of {close.name}{when}; pick a later --asof")
    mask = evaluate(cond, c, None if relative else versus_close)
    state = streak_state(mask)
    n = int(length) if length is not None else max(state.current, 1)
    table = episodes(mask, n)
    study = event_study(c, table["date"], horizons, n_boot=n_boot)
    subject = canonical(str(close.name))
    return StreakStudy(subject, cond, n, state, table, study, versus, basis, relative)


def current_studies(ctx: Context) -> list[StreakStudy]:
    """Studies of the >1% gain and loss runs on at ``ctx.day`` (three sessions or more)."""
    data = ctx.data

    def build() -> list[StreakStudy]:
        close = ctx.close.rename(data.symbol)
        out = []
        for spec in ("ret>1%", "ret<-1%"):
            if streak_state(evaluate(parse_condition(spec), close)).current < MIN_STREAK:
                continue
            out.append(
                streak_study(
                    close, spec, horizons=CONTEXT_HORIZONS, basis=data.basis, n_boot=CONTEXT_BOOT
                )
            )
        return out

    if data.is_yield or not ctx.is_price():
        return []
    return list(ctx.memo.get(("studies", data.symbol, data.basis, ctx.day), build))
