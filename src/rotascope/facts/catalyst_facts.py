"""Catalyst facts: a series' move on a CPI or FOMC day, ranked among all such days.

For an event kind (``cpi``, ``fomc`` or a user kind), the **event-day return** is the
one-session return on the session of the event (a date that is not a session, e.g.
the Sunday 2020-03-15 FOMC cut, counts on the next session). The latest event day on
or before ``asof`` is ranked against every earlier event day of the same kind: "the
Russell 2000's biggest CPI-day gain since Nov 14, 2023". With ``versus`` the spread
(subject minus versus, in fraction points) is ranked the same way.

Examples
--------
>>> import pandas as pd
>>> idx = pd.bdate_range("2024-01-01", periods=6)
>>> a = pd.Series([100, 101, 100, 103, 103, 106.0], index=idx, name="RUT")
>>> f = catalyst_facts(a, "cpi", dates=[idx[1], idx[3], idx[5]])[0]
>>> f.record.rank, f.record.out_of
(2, 3)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from rotascope.events.calendar import event_dates
from rotascope.facts.fact import Fact, Record
from rotascope.facts.streak_facts import fmt_pct, the_name
from rotascope.facts.text import fmt_date
from rotascope.measures.events import event_day_returns
from rotascope.measures.records import record_row, records
from rotascope.symbols import canonical

__all__ = [
    "catalyst_facts",
    "context_facts",
    "event_context",
    "event_day_table",
    "events_on",
    "rates_context",
    "streak_context",
]

_KIND_WORDS = {"cpi": "CPI", "fomc": "FOMC"}


def _kind_word(kind: str) -> str:
    return _KIND_WORDS.get(kind.lower(), kind)


def events_on(
    date: object, *, include_user: bool = True, sessions: pd.DatetimeIndex | None = None
) -> list[str]:
    """Event kinds whose market reaction falls on the session ``date`` (e.g. ``["cpi"]``).

    An event dated on a non-session day (weekend, holiday) counts on the next session,
    as in :func:`rotascope.measures.events.align_to_sessions`. ``sessions`` (e.g. a
    series' own dates, as the event-day returns use) saves building the NYSE calendar;
    default: NYSE sessions around ``date``.
    """
    from rotascope.events.calendar import load_calendar

    d = pd.Timestamp(date).normalize()
    if sessions is None:
        from rotascope.calendar import nyse_sessions

        sessions = nyse_sessions(d - pd.Timedelta(days=7), d + pd.Timedelta(days=7))
    pos = int(sessions.searchsorted(d, side="left"))
    if pos >= len(sessions) or sessions[pos] != d:
        return []
    prev = sessions[pos - 1] if pos > 0 else d - pd.Timedelta(days=7)
    cal = load_calendar(include_user=include_user)
    hit = cal[(cal["date"] > prev) & (cal["date"] <= d)]
    return sorted(set(hit["kind"]))


def event_day_table(
    close: pd.Series,
    kind: str,
    *,
    asof: object | None = None,
    dates: Iterable[object] | None = None,
    versus_close: pd.Series | None = None,
) -> pd.DataFrame:
    """Event-day returns of a series (and spread) with their records, one row per event.

    Parameters
    ----------
    close : pandas.Series
        Closes of the subject.
    kind : str
        Event kind, used to pick dates from the calendar when ``dates`` is None.
    asof : date-like, optional
        Last date used.
    dates : iterable of date-like, optional
        Event dates (default: the calendar's dates of ``kind``).
    versus_close : pandas.Series, optional
        Closes of the other series of a pair.

    Returns
    -------
    pandas.DataFrame
        Index = event sessions; columns ``ret`` and its record columns (``since_up``,
        ``rank_up`` for gains, ``since_down``, ``rank_down`` for losses, ``out_of``),
        and, with ``versus_close``, ``ret_versus`` and ``spread`` with ``spread_since``
        and ``spread_rank`` (ranked in the direction of the spread's sign).
    """
    ev = list(dates) if dates is not None else list(event_dates(kind))
    r = event_day_returns(close, ev, asof=asof)
    out = pd.DataFrame({"ret": r})
    if versus_close is not None:
        rv = event_day_returns(versus_close, ev, asof=asof)
        out["ret_versus"] = rv.reindex(out.index)
        out = out.dropna()
        out["spread"] = out["ret"] - out["ret_versus"]
    hi, lo = records(out["ret"], "high"), records(out["ret"], "low")
    out["since_up"], out["rank_up"] = hi["since"], hi["rank"]
    out["since_down"], out["rank_down"] = lo["since"], lo["rank"]
    out["out_of"] = hi["out_of"]
    if "spread" in out:
        shi, slo = records(out["spread"], "high"), records(out["spread"], "low")
        pos = out["spread"] >= 0
        out["spread_since"] = shi["since"].where(pos, slo["since"])
        out["spread_rank"] = shi["rank"].where(pos, slo["rank"])
    return out


def _record(table: pd.DataFrame, col: str, date: pd.Timestamp, direction: str) -> Record | None:
    row = record_row(records(table[col], direction), date)  # type: ignore[arg-type]
    if row is None:
        return None
    return Record(direction=direction, **row)


def _since_words(rec: Record, what: str, kind_word: str) -> str:
    if rec.since is None:
        return (
            f"its {what} on any {kind_word} day since {rec.history_start.year} "
            f"({rec.out_of} {kind_word} days)"
        )
    return (
        f"its {what} on {_article(kind_word)} {kind_word} day since {fmt_date(rec.since)} "
        f"(rank {rec.rank} of {rec.out_of} {kind_word} days since {rec.history_start.year})"
    )


def _article(word: str) -> str:
    return "an" if word[:1].upper() in "AEFHILMNORSX" and word.isupper() else "a"


def catalyst_facts(
    close: pd.Series,
    kind: str,
    *,
    asof: object | None = None,
    dates: Iterable[object] | None = None,
    versus_close: pd.Series | None = None,
    basis: str = "price",
) -> list[Fact]:
    """Facts of kind ``catalyst`` for the latest event day on or before ``asof``.

    Parameters
    ----------
    close : pandas.Series
        Closes of the subject (``name`` = symbol).
    kind : str
        ``cpi``, ``fomc`` or a user kind.
    asof : date-like, optional
        Last date used (default: the last close).
    dates : iterable of date-like, optional
        Event dates (default: the calendar's).
    versus_close : pandas.Series, optional
        Closes of a second series: adds the spread fact.
    basis : {"price", "total_return"}
        What the closes are.

    Returns
    -------
    list of Fact
        The subject's event-day move; with ``versus_close`` also the spread. Empty
        when no event day falls in the data.
    """
    subject = canonical(str(close.name))
    k = kind.strip().lower()
    kw = _kind_word(k)
    table = event_day_table(close, k, asof=asof, dates=dates, versus_close=versus_close)
    if table.empty:
        return []
    day = table.index[-1]
    ret = float(table["ret"].iloc[-1])
    direction = "high" if ret >= 0 else "low"
    rec = _record(table, "ret", day, direction)
    assert rec is not None
    name = the_name(subject, capital=True)
    verb = "rose" if ret >= 0 else "fell"
    what = "biggest gain" if ret >= 0 else "biggest drop"
    also = []
    if dates is None:
        also = [_kind_word(x) for x in events_on(day, sessions=close.index) if x != k]
    also_txt = f" (also {_article(also[0])} {' and '.join(also)} day)" if also else ""
    text = (
        f"{name} {verb} {fmt_pct(abs(ret), signed=False, digits=2)} on {fmt_date(day)}, "
        f"{_article(kw)} {kw} day{also_txt}: {_since_words(rec, what, kw)}."
    )
    facts = [
        Fact(
            kind="catalyst",
            subject=subject,
            asof=day.date(),
            value=ret,
            unit="pct",
            text=text,
            window=1,
            record=rec,
            basis=basis,
            label=f"{kw}-day move",
            details={"event": k, "event_days": len(table), "also": also},
        )
    ]
    if versus_close is not None and "spread" in table:
        versus = canonical(str(versus_close.name))
        sp = float(table["spread"].iloc[-1])
        sdir = "high" if sp >= 0 else "low"
        srec = _record(table, "spread", day, sdir)
        assert srec is not None
        rv = float(table["ret_versus"].iloc[-1])
        lead = "beat" if sp >= 0 else "lagged"
        widest = "widest margin over" if sp >= 0 else "widest shortfall against"
        stext = (
            f"{name} {lead} {the_name(versus)} by {abs(sp) * 100:.2f} percentage points on "
            f"{fmt_date(day)}, {_article(kw)} {kw} day "
            f"({fmt_pct(ret, digits=2)} vs {fmt_pct(rv, digits=2)}): "
            + (
                f"the {widest} it on {_article(kw)} {kw} day since {fmt_date(srec.since)} "
                f"(rank {srec.rank} of {srec.out_of})."
                if srec.since is not None
                else f"the {widest} it on any {kw} day since {srec.history_start.year} "
                f"({srec.out_of} {kw} days)."
            )
        )
        facts.append(
            Fact(
                kind="catalyst",
                subject=subject,
                asof=day.date(),
                value=sp,
                unit="pp",
                text=stext,
                versus=versus,
                window=1,
                record=srec,
                basis=basis,
                label=f"{kw}-day spread",
                details={"event": k, "subject_return": ret, "versus_return": rv},
            )
        )
    return facts


def streak_context(
    close: pd.Series, *, basis: str = "price", min_streak: int = 3, n_boot: int = 2000
) -> list[Fact]:
    """``streak`` and 21-session ``event_study`` facts for a run of >1% days on at the end.

    ``close`` must already end at the as-of session (nothing later is looked at). Runs
    of gains (``ret>1%``) and of losses (``ret<-1%``) are checked; the costly event
    study only runs when a run of ``min_streak`` or more sessions is on.
    """
    from rotascope.facts.streak_facts import streak_study, study_facts
    from rotascope.measures.streaks import evaluate, parse_condition, streak_state

    out: list[Fact] = []
    c = close.dropna().astype("float64")
    for spec in ("ret>1%", "ret<-1%"):
        cond = parse_condition(spec)
        if streak_state(evaluate(cond, c)).current < min_streak:
            continue
        out += study_facts(streak_study(c, cond, horizons=(21,), basis=basis, n_boot=n_boot))
    return out


def event_context(
    close: pd.Series, versus_close: pd.Series | None = None, *, basis: str = "price"
) -> list[Fact]:
    """``catalyst`` facts when the last session of ``close`` is a CPI/FOMC (or user) day.

    Without ``versus_close``: the subject's event-day moves. With it: only the spreads
    (so several comparisons do not repeat the subject's move). Both series must end at
    the as-of session.
    """
    if close.empty:
        return []
    day = close.index[-1]
    out: list[Fact] = []
    for kind in events_on(day, sessions=close.index):
        got = catalyst_facts(close, kind, versus_close=versus_close, basis=basis)
        out += [
            f
            for f in got
            if f.asof == day.date() and (f.versus is not None) == (versus_close is not None)
        ]
    return out


def rates_context(
    close: pd.Series,
    versus_close: pd.Series,
    yields: pd.Series | None,
    *,
    basis: str = "price",
) -> list[Fact]:
    """The rate-beta gap of ``close`` vs ``versus_close`` against ``yields`` (10-year).

    Empty without yields or with fewer common sessions than the regression window.
    All three series must end at (or be cut to) the as-of session.
    """
    from rotascope.facts.rates_facts import rate_beta_facts

    if yields is None or close.empty:
        return []
    try:
        return rate_beta_facts(close, versus_close, yields, asof=close.index[-1], basis=basis)
    except ValueError:  # fewer than a window of common sessions
        return []


def context_facts(
    subject: str,
    versus: str | None = None,
    asof: object | None = None,
    *,
    loader: Callable[[str, str], pd.Series] | None = None,
    basis: str = "price",
    min_streak: int = 3,
) -> list[Fact]:
    """Streak, catalyst and rates context for one series as of a date.

    The fact engine (:meth:`rotascope.facts.engine.FactEngine.facts`, ``context=True``)
    adds the same facts from its cached series; this function is the stand-alone form.

    Parameters
    ----------
    subject : str
        Symbol.
    versus : str, optional
        Comparison series (adds event-day spreads and the rate-beta gap).
    asof : date-like, optional
        Last date used (default: the last close). Every series is cut there.
    loader : callable, optional
        ``loader(symbol, column) -> Series``; default: the catalog.
    basis : {"price", "total_return"}
        Closes or adjusted closes.
    min_streak : int
        Shortest run of >1% gains or >1% losses worth a streak fact.

    Returns
    -------
    list of Fact
        For a yield: its bp changes over 1, 5 and 21 sessions. For a price series: a
        ``streak`` and a 21-session ``event_study`` fact when a run of ``min_streak``+
        sessions is on; ``catalyst`` facts when the as-of session is a CPI/FOMC day; the
        rate-beta gap to ``versus`` against the 10-year yield when both are available.

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.bdate_range("2024-01-01", periods=40)
    >>> close = pd.Series([100.0] * 35 + [102, 104, 106, 108, 110], index=idx)
    >>> fs = context_facts("AAA", loader=lambda s, c: close)
    >>> [f.kind for f in fs]
    ['streak', 'event_study']
    """
    from rotascope.errors import UnknownSymbol
    from rotascope.facts.rates_facts import yield_facts
    from rotascope.facts.streak_facts import load_close
    from rotascope.symbols import info

    column = "adj_close" if basis == "total_return" else "close"
    cut = None if asof is None else pd.Timestamp(asof)

    def load(sym: str, col: str = column) -> pd.Series:
        s = loader(sym, col) if loader is not None else load_close(sym, column=col)
        s = s.rename(canonical(sym)).dropna().sort_index()
        return s if cut is None else s.loc[:cut]  # type: ignore[misc]

    sym = canonical(subject)
    if info(sym).unit == "yield":
        return yield_facts(load(sym, "close"), asof=asof)
    close = load(sym)
    if close.empty:
        return []
    out = streak_context(close, basis=basis, min_streak=min_streak)
    out += event_context(close, basis=basis)
    if not versus:
        return out
    vclose = load(versus)
    out += event_context(close, vclose, basis=basis)
    if info(canonical(versus)).unit == "price":
        try:
            y = load("DGS10", "close")
        except (UnknownSymbol, KeyError):
            return out
        out += rates_context(close, vclose, y, basis=basis)
    return out
