"""Kind ``catalyst``: a series' move on a CPI or FOMC day, ranked among all such days.

"The Russell 2000 rose 3.6% on Jul 11, 2024, a CPI day: its biggest gain on a CPI day
since Nov 14, 2023 (rank 2 of 287 CPI days since 2000)." The spread of a pair on the
same day is kind ``catalyst_spread``; :func:`catalyst_facts` gives both.

Examples
--------
>>> import pandas as pd
>>> idx = pd.bdate_range("2024-01-01", periods=6)
>>> a = pd.Series([100, 101, 100, 103, 103, 106.0], index=idx, name="RUT")
>>> f = catalyst_facts(a, "cpi", dates=[idx[1], idx[3], idx[5]])[0]
>>> f.record.rank, f.record.out_of, f.unit
(2, 3, 'pct')
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from rotascope.kinds._events import article, event_dates, event_day_table, events_on, kind_word
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.records import record_at
from rotascope.symbols import canonical
from rotascope.wording import count, fmt_date, pct, the_name

__all__ = ["KIND", "build", "catalyst_facts", "event_context", "template"]


def _since_words(rec: Record, what: str, kw: str) -> str:
    if rec.since is None:
        return f"its {what} on any {kw} day since {rec.history_start.year} ({count(rec.out_of)} {kw} days)"  # noqa: E501
    return (
        f"its {what} on {article(kw)} {kw} day since {fmt_date(rec.since)} "
        f"(rank {count(rec.rank)} of {count(rec.out_of)} {kw} days since {rec.history_start.year})"
    )


def template(f: Fact) -> str:
    """The sentence of a ``catalyst`` fact."""
    kw = kind_word(str(f.details.get("event", "")))
    also = list(f.details.get("also", []))
    also_txt = f" (also {article(also[0])} {' and '.join(also)} day)" if also else ""
    gain = f.value >= 0
    text = (
        f"{the_name(f.subject, start=True)} {'rose' if gain else 'fell'} "
        f"{pct(abs(f.value))} on {fmt_date(f.asof)}, {article(kw)} {kw} day{also_txt}"
    )
    if f.record is None:
        return text + "."
    what = "biggest gain" if gain else "biggest drop"
    return f"{text}: {_since_words(f.record, what, kw)}."


def _record(table: pd.DataFrame, col: str, day: pd.Timestamp, direction: str) -> Record | None:
    row = record_at(table[col], day, direction)  # type: ignore[arg-type]
    if row is None:
        return None
    if row["since"] is not None:
        row["since_value"] = float(table[col].loc[pd.Timestamp(row["since"])]) * 100.0
    return Record(direction=direction, **row)


def catalyst_facts(
    close: pd.Series,
    kind: str,
    *,
    events: pd.DataFrame | None = None,
    dates: Iterable[object] | None = None,
    asof: pd.Timestamp | None = None,
    versus_close: pd.Series | None = None,
    basis: str = "price",
) -> list[Fact]:
    """The latest ``kind`` day on or before ``asof``: the move (and, with
    ``versus_close``, the spread), each ranked against every earlier such day.

    Parameters
    ----------
    close : pandas.Series
        Closes of the subject (``name`` = symbol).
    kind : str
        ``cpi``, ``fomc`` or a user kind.
    events : pandas.DataFrame, optional
        The event calendar (:meth:`~rotascope.data.port.DataSource.events`); its dates
        of ``kind`` are used unless ``dates`` is given.
    dates : iterable of date-like, optional
        Event dates.
    asof : pandas.Timestamp, optional
        Last date used (default: the last close).
    versus_close : pandas.Series, optional
        Closes of a second series: adds the ``catalyst_spread`` fact.
    basis : {"price", "total_return"}
        What the closes are.

    Returns
    -------
    list of Fact
        Empty when no event day falls in the data.
    """
    if dates is None and events is None:
        raise ValueError("give the event calendar (events=source.events()) or dates=")
    k = kind.strip().lower()
    ev = list(dates) if dates is not None else list(event_dates(events, k))  # type: ignore[arg-type]
    table = event_day_table(close, ev, asof=asof, versus_close=versus_close)
    if table.empty:
        return []
    subject = canonical(str(close.name))
    day = table.index[-1]
    ret = float(table["ret"].iloc[-1])
    also: list[str] = []
    if dates is None and events is not None:
        also = [kind_word(x) for x in events_on(day, events, close.index) if x != k]
    facts = [
        make(
            "catalyst",
            subject=subject,
            asof=day.date(),
            value=ret * 100.0,
            window=1,
            record=_record(table, "ret", day, "high" if ret >= 0 else "low"),
            basis=basis,
            label=f"{kind_word(k)}-day move",
            details={"event": k, "event_days": len(table), "also": also},
        )
    ]
    if versus_close is not None and "spread" in table:
        sp = float(table["spread"].iloc[-1])
        facts.append(
            make(
                "catalyst_spread",
                subject=subject,
                versus=canonical(str(versus_close.name)),
                asof=day.date(),
                value=sp * 100.0,
                window=1,
                record=_record(table, "spread", day, "high" if sp >= 0 else "low"),
                basis=basis,
                label=f"{kind_word(k)}-day spread",
                details={
                    "event": k,
                    "subject_return_pct": ret * 100.0,
                    "versus_return_pct": float(table["ret_versus"].iloc[-1]) * 100.0,
                },
            )
        )
    return facts


def event_context(ctx: Context, *, versus: bool = False) -> list[Fact]:
    """Catalyst facts when ``ctx.day`` is an event day: the subject's moves, or with
    ``versus`` only the pair's spreads (cached per session)."""
    data = ctx.data
    if (
        data.is_yield
        or not ctx.is_price()
        or (versus and (ctx.other is None or not ctx.is_price(ctx.other)))
    ):
        return []
    other = ctx.other if versus else None

    def build() -> list[Fact]:
        close = ctx.close.rename(data.symbol)
        if close.empty:
            return []
        events = ctx.memo.get(("events",), ctx.memo.source.events)
        vclose = ctx.other_close.rename(other.symbol) if other is not None else None
        out: list[Fact] = []
        for k in events_on(ctx.day, events, close.index):
            got = catalyst_facts(close, k, events=events, versus_close=vclose, basis=data.basis)
            out += [f for f in got if f.asof == ctx.day.date() and (f.versus is not None) == versus]
        return out

    key = ("catalyst", data.symbol, data.basis, None if other is None else other.symbol, ctx.day)
    return list(ctx.memo.get(key, build))


def build(ctx: Context) -> list[Fact]:
    """The subject's move on ``ctx.day`` when it is a CPI, FOMC or user event day."""
    return event_context(ctx)


KIND = register(
    Kind(
        "catalyst",
        "pct",
        template,
        build,
        "A series' move on a CPI or FOMC day, ranked among all such days.",
        scope="context",
        order=30,
        sparse=True,
    )
)
