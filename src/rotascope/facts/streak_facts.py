"""Streak and event-study facts: "five straight days up more than 1% — what happened next".

:func:`streak_facts` returns a ``streak`` fact (the current run, how long since a run
this long) and one ``event_study`` fact per forward horizon (what followed earlier
episodes, against the base rate of all sessions). Everything uses data up to
``asof`` only; episodes whose forward window is not complete by then are named.

Examples
--------
>>> import numpy as np, pandas as pd
>>> close = pd.Series(100 * np.cumprod(np.r_[1, [1.02, 1.02, 0.99] * 30]),
...                   index=pd.bdate_range("2024-01-01", periods=91), name="RUT")
>>> facts = streak_facts(close, "ret>1%", length=2, horizons=(5,))
>>> [f.kind for f in facts]
['streak', 'event_study']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd

from rotascope.facts.fact import Fact, Record
from rotascope.facts.text import fmt_date, ordinal
from rotascope.measures.events import DEFAULT_HORIZONS, EventStudy, event_study
from rotascope.measures.streaks import (
    Condition,
    StreakState,
    episodes,
    evaluate,
    parse_condition,
    streak_state,
)
from rotascope.symbols import canonical, display_name

__all__ = [
    "StreakStudy",
    "fmt_pct",
    "load_close",
    "streak_facts",
    "streak_study",
    "study_facts",
    "subject_words",
    "the_name",
]

_HORIZON_WORDS = {5: "a week", 21: "a month", 63: "three months", 126: "six months"}


def fmt_pct(x: float, signed: bool = True, digits: int = 1) -> str:
    """``+5.9%`` (fractions in, percent out)."""
    return f"{x * 100:+.{digits}f}%" if signed else f"{x * 100:.{digits}f}%"


def the_name(symbol: str, capital: bool = False) -> str:
    """Name for a sentence: ``the Russell 2000``; ETF names (with a ticker) stay bare."""
    name = display_name(symbol)
    if "(" not in name and not name.startswith(("iShares", "SPDR", "the ")):
        name = f"the {name}"
    return name[:1].upper() + name[1:] if capital else name


def load_close(symbol: str, column: str = "close") -> pd.Series:
    """Closes of a symbol from the catalog (store, else the bundled dataset).

    Falls back to :func:`rotascope.datasets.load_bundled` while
    :mod:`rotascope.catalog` is not available.

    Raises
    ------
    UnknownSymbol
        When no source has the symbol.
    """
    try:
        from rotascope import catalog  # lazy: facts must import without the store
    except ImportError:
        from rotascope.datasets import bundled_symbols, load_bundled
        from rotascope.errors import UnknownSymbol

        frame = load_bundled(symbol)
        if frame is None or column not in frame:
            raise UnknownSymbol(symbol, bundled_symbols()) from None
        return frame[column].dropna().rename(canonical(symbol))
    return catalog.load(symbol, column=column)


def _date(x: Any) -> dt.date | None:
    return None if x is None or pd.isna(x) else pd.Timestamp(x).date()


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
        Current run as of ``asof``.
    episodes : pandas.DataFrame
        All episodes to ``asof`` (see :func:`rotascope.measures.streaks.episodes`).
    study : EventStudy
        Forward returns after the episodes and the base rate.
    versus : str or None
        The other series (of ``beats:``, or of a relative study).
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
        self.relative = relative
        self.subject = subject
        self.condition = condition
        self.length = length
        self.state = state
        self.episodes = table
        self.study = study
        self.versus = versus
        self.basis = basis

    def episode_table(self) -> pd.DataFrame:
        """Episodes with forward returns (NaN where incomplete) and sessions elapsed."""
        t = self.episodes.set_index("date", drop=False)
        fwd = self.study.forward
        for h in self.study.horizons:
            t[f"fwd_{h}"] = fwd.complete[h].reindex(t.index)
            t[f"so_far_{h}"] = fwd.so_far[h].reindex(t.index)
            t[f"elapsed_{h}"] = fwd.elapsed[h].reindex(t.index)
        return t.reset_index(drop=True)


def subject_words(s: StreakStudy, capital: bool = False) -> str:
    """``the Russell 2000`` or, for a relative study, ``the Russell 2000 relative to ...``."""
    name = the_name(s.subject, capital=capital)
    if s.relative and s.versus:
        name += f" relative to {the_name(s.versus)}"
    return name


def streak_study(
    close: pd.Series,
    condition: str | Condition,
    *,
    length: int | None = None,
    asof: object | None = None,
    versus_close: pd.Series | None = None,
    horizons: Sequence[int] = DEFAULT_HORIZONS,
    basis: str = "price",
    n_boot: int = 10_000,
) -> StreakStudy:
    """Run the streak measures and the event study behind :func:`streak_facts`.

    Parameters
    ----------
    close : pandas.Series
        Closes of the subject (its ``name`` is the symbol).
    condition : str or Condition
        ``ret>1%``, ``ret<-1%``, ``beats:NDX``, ``above:200``.
    length : int, optional
        Episode length; default: the current run length (at least 1).
    asof : date-like, optional
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
        c = c.loc[: pd.Timestamp(asof)]  # type: ignore[misc]
    if c.empty:
        from rotascope.errors import AsOfError

        raise AsOfError(
            f"no closes of {close.name} on or before {pd.Timestamp(asof).date()} (--asof)"
        )
    mask = evaluate(cond, c, None if relative else versus_close)
    state = streak_state(mask)
    n = int(length) if length is not None else max(state.current, 1)
    table = episodes(mask, n)
    study = event_study(c, table["date"], horizons, n_boot=n_boot)
    subject = canonical(str(close.name))
    return StreakStudy(subject, cond, n, state, table, study, versus, basis, relative)


def _streak_fact(s: StreakStudy) -> Fact:
    st = s.state
    name = subject_words(s, capital=True)
    words = s.condition.describe(the_name(s.versus) if s.versus else None)
    earlier = s.episodes[s.episodes["date"] < (st.run_start or st.asof)]
    if st.current == 0:
        text = f"{name} did not meet the condition ({words}) on {fmt_date(st.asof)}."
    else:
        span = f"{fmt_date(st.run_start)} to {fmt_date(st.asof)}"
        text = f"{name} {words} for a {ordinal(st.current)} straight session ({span})"
        if st.last_as_long is None:
            text += f", the longest such run since records began in {st.history_start.year}."
        else:
            text += (
                f", the first run this long since {fmt_date(st.last_as_long)}; "
                f"runs this long happened {st.earlier_as_long} times before since "
                f"{st.history_start.year} (longest: {st.longest} sessions)."
            )
    earlier_longer = int((earlier["run_length"] > st.current).sum()) if st.current else 0
    record = None
    if st.current > 0:
        record = Record(
            direction="high",
            since=_date(st.last_as_long),
            since_value=float(st.current) if st.last_as_long is not None else None,
            rank=1 + earlier_longer,
            out_of=st.earlier_as_long + 1,
            history_start=st.history_start.date(),
        )
    return Fact(
        kind="streak",
        subject=s.subject,
        asof=st.asof.date(),
        value=float(st.current),
        unit="count",
        text=text,
        versus=s.versus,
        window=st.current,
        start=_date(st.run_start),
        record=record,
        basis=s.basis,
        label=f"streak {s.condition.spec}",
        details={
            "condition": s.condition.spec,
            "longest": st.longest,
            "longest_end": _date(st.longest_end),
            "earlier_as_long": st.earlier_as_long,
            "history_start": st.history_start.date(),
        },
    )


def _study_fact(s: StreakStudy, h: int) -> Fact:
    es = s.study
    ev, base = es.events[h], es.base[h]
    name = subject_words(s)
    words = s.condition.describe(the_name(s.versus) if s.versus else None)
    when = _HORIZON_WORDS.get(h, f"{h} sessions")
    hist = s.state.history_start.year
    if ev.count == 0:
        text = (
            f"No earlier run in which {name} {words} for {s.length} straight sessions has a "
            f"complete {h}-session window since {hist}."
        )
    else:
        ups = round(ev.share_positive * ev.count)
        text = (
            f"After the {ev.count} runs in which {name} {words} on {s.length} straight "
            f"sessions (history since {hist}), it returned {fmt_pct(ev.mean)} on average "
            f"over the next {h} "
            f"sessions (about {when}; median {fmt_pct(ev.median)}, {ups} of {ev.count} higher, "
            f"best {fmt_pct(ev.best)} from {fmt_date(ev.best_date)}, worst "
            f"{fmt_pct(ev.worst)} from {fmt_date(ev.worst_date)}), against "
            f"{fmt_pct(base.mean)} for all {h}-session windows "
            f"({fmt_pct(base.share_positive, False, 0)} higher)."
        )
        t, p = es.t_stat[h], es.p_boot[h]
        if pd.notna(t):
            text += f" t-statistic vs the base mean: {t:.2f};"
        if pd.notna(p):
            text += f" random-date bootstrap p-value: {p:.3f} ({es.n_boot} draws)."
    pending = es.incomplete[h]
    if pending:
        parts = []
        for d in pending:
            done = int(es.forward.elapsed.loc[d, h])
            so_far = float(es.forward.so_far.loc[d, h])
            parts.append(f"{fmt_date(d)} ({done} of {h} sessions, {fmt_pct(so_far)} so far)")
        text += " Not complete yet: " + "; ".join(parts) + "."
    eps = [
        {
            "date": d.date(),
            "forward": float(es.forward.complete.loc[d, h]),
            "so_far": float(es.forward.so_far.loc[d, h]),
            "elapsed": int(es.forward.elapsed.loc[d, h]),
        }
        for d in es.forward.complete.index
    ]
    return Fact(
        kind="event_study",
        subject=s.subject,
        asof=s.state.asof.date(),
        value=ev.mean,
        unit="pct",
        text=text,
        versus=s.versus,
        window=h,
        basis=s.basis,
        label=f"{h}-session return after {s.length}x {s.condition.spec}",
        details={
            "condition": s.condition.spec,
            "length": s.length,
            "count": ev.count,
            "median": ev.median,
            "share_positive": ev.share_positive,
            "best": ev.best,
            "worst": ev.worst,
            "base_count": base.count,
            "base_mean": base.mean,
            "base_median": base.median,
            "base_share_positive": base.share_positive,
            "t_stat": es.t_stat[h],
            "p_boot": es.p_boot[h],
            "n_boot": es.n_boot,
            "incomplete": [d.date() for d in pending],
            "episodes": eps,
        },
    )


def streak_facts(
    close: pd.Series,
    condition: str | Condition,
    *,
    length: int | None = None,
    asof: object | None = None,
    versus_close: pd.Series | None = None,
    horizons: Sequence[int] = DEFAULT_HORIZONS,
    basis: str = "price",
    n_boot: int = 10_000,
) -> list[Fact]:
    """Facts of kind ``streak`` and ``event_study`` for one series and condition.

    Parameters are those of :func:`streak_study`.

    Returns
    -------
    list of Fact
        The ``streak`` fact, then one ``event_study`` fact per horizon.
    """
    s = streak_study(
        close,
        condition,
        length=length,
        asof=asof,
        versus_close=versus_close,
        horizons=horizons,
        basis=basis,
        n_boot=n_boot,
    )
    return study_facts(s)


def study_facts(s: StreakStudy) -> list[Fact]:
    """The ``streak`` fact and one ``event_study`` fact per horizon of a study."""
    return [_streak_fact(s)] + [_study_fact(s, int(h)) for h in s.study.horizons]
