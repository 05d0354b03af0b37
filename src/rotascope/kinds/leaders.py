"""Kind ``leaders``: the index members that did best and worst, on the day or since a date.

"Among the S&P 500's members on Apr 9, 2025, MCHP did best on the day, up 27.1%, then
UAL (+26.1%) and AMD (+23.8%); XYZ did worst, down 3.0% (489 of 503 members counted)."
Members are those of the as-of date under the source's membership spells (point in
time), with closes on both rows (:func:`~rotascope.measures.leaders.leaders_laggards`);
the others are counted, never filled. Over one session, or since the span's start when
the question names one. Made for a subject with a known universe (the S&P 500); when
the source has no membership or member closes for it, there is no fact and the FactSet
says why in a note.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> f = Fact("leaders", "SPX", dt.date(2025, 4, 9), 27.1, "pct", "", window=1,
...          details={"top": [{"ticker": "MCHP", "return_pct": 27.1},
...                           {"ticker": "UAL", "return_pct": 26.1}],
...                   "bottom": [{"ticker": "XYZ", "return_pct": -3.0}],
...                   "members": 503, "counted": 489})
>>> template(f)
"Among the S&P 500's members on Apr 9, 2025, MCHP did best on the day, up 27.1%, then UAL (+26.1%); XYZ did worst, down 3.0% (489 of 503 members counted)."
"""  # noqa: E501

from __future__ import annotations

from typing import Any

import pandas as pd

from rotascope.asof import Note
from rotascope.errors import DataError, RotascopeError
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.breadth import membership_mask
from rotascope.measures.leaders import leaders_laggards
from rotascope.wording import fmt_date, name, pct

__all__ = ["KIND", "SHOWN", "UNIVERSES", "build", "template"]

#: The universe of members of each index symbol.
UNIVERSES: dict[str, str] = {"SPX": "SP500"}
#: Leaders and laggards kept in the fact.
SHOWN = 3
#: Calendar days of member closes loaded before the base date.
_PAD_DAYS = 10


def _signed(x: float) -> str:
    return pct(x, signed=True)


def _did(item: dict[str, Any], best: bool) -> str:
    r = float(item["return_pct"])
    way = "up" if r > 0 else "down" if r < 0 else "unchanged"
    amount = f" {pct(abs(r))}" if r != 0 else ""
    return f"{item['ticker']} did {'best' if best else 'worst'}{{when}}, {way}{amount}"


def template(f: Fact) -> str:
    """The sentence of a ``leaders`` fact."""
    d = f.details
    when = " on the day" if f.window == 1 else f" since the {fmt_date(f.start)} close"
    top, bottom = list(d.get("top", [])), list(d.get("bottom", []))
    text = f"Among the {name(f.subject)}'s members on {fmt_date(f.asof)}, "
    text += _did(top[0], True).format(when=when)
    if len(top) > 1:
        rest = [f"{x['ticker']} ({_signed(x['return_pct'])})" for x in top[1:]]
        text += ", then " + " and ".join(rest)
    if bottom:
        text += "; " + _did(bottom[0], False).format(when="")
    return text + f" ({d.get('counted')} of {d.get('members')} members counted)."


def _note(subject: str, why: str) -> Note:
    return Note(
        "skipped",
        f"Leaders and laggards among the {name(subject)}'s members were left out: {why}",
    )


def build(ctx: Context) -> list[Fact]:
    """The subject's members' leaders and laggards (a note when the data are absent)."""
    data, day = ctx.data, ctx.day
    universe = UNIVERSES.get(data.symbol)
    if universe is None or not ctx.main:
        return []
    source = ctx.memo.source
    try:
        spells = source.membership(universe)
    except RotascopeError as exc:
        ctx.notes.append(_note(data.symbol, str(exc).rstrip(".") + "."))
        return []
    live = spells[(spells["start"] <= day) & (spells["end"].isna() | (spells["end"] >= day))]
    tickers = sorted(set(live["ticker"]))
    span = ctx.span
    base = span.start if span is not None and span.since else None
    first = (base if base is not None else day - pd.Timedelta(days=7)) - pd.Timedelta(
        days=_PAD_DAYS
    )
    try:
        closes = source.member_closes(tickers, start=first, end=day)
    except DataError as exc:
        ctx.notes.append(_note(data.symbol, str(exc)))
        return []
    if closes.empty or closes.index[-1] != day:
        ctx.notes.append(_note(data.symbol, f"the source has no member closes on {fmt_date(day)}."))
        return []
    closes = closes.reindex(columns=pd.Index(tickers))
    mask = membership_mask(spells, pd.DatetimeIndex(closes.index), closes.columns)
    kw: dict[str, Any] = {"since": base} if base is not None else {"window": 1}
    try:
        lt = leaders_laggards(closes, mask, day, n=SHOWN, **kw)
    except RotascopeError as exc:
        ctx.notes.append(_note(data.symbol, str(exc)))
        return []
    if lt.counted == 0:
        return []

    def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
        return [
            {"ticker": str(t), "return_pct": float(r) * 100.0}
            for t, r in zip(frame["ticker"], frame["return"], strict=True)
        ]

    return [
        make(
            "leaders",
            subject=data.symbol,
            asof=day.date(),
            value=float(lt.top["return"].iloc[0]) * 100.0,
            window=1 if base is None else "since",
            start=lt.start.date(),
            basis=data.basis,
            label="members' leaders and laggards",
            details={
                "universe": universe,
                "top": rows(lt.top),
                "bottom": rows(lt.bottom),
                "members": lt.members,
                "counted": lt.counted,
                "median_pct": lt.median * 100.0,
            },
        )
    ]


KIND = register(
    Kind(
        "leaders",
        "pct",
        template,
        build,
        "The index members that did best and worst, on the day or since a date.",
        scope="series",
        order=50,
    )
)
