"""Kind ``pair_return``: a series' return since a date, or between two dates, and
another series' over the same sessions.

"The Russell 2000 is down 14.9% since the Jul 31, 2023 close, as of Nov 13, 2023,
against a 3.9% drop for the S&P 500." Made only when the question names a span (scope
``span``: ``since``, or ``from_``/``to``). Both returns run between the same two common
sessions (:func:`~rotascope.measures.versus.pair_return_between`): each date snaps to
the last common session on or before it, and the sentence names the base close used.
Alone (no comparison series), the subject's own return (:func:`~rotascope.measures.
periods.return_between`). Prices, levels and factors; yields move in basis points and
have none.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> f = Fact("pair_return", "RUT", dt.date(2023, 11, 13), -14.9, "pct", "", versus="SPX",
...          start=dt.date(2023, 7, 31), window="since",
...          details={"versus_return_pct": -3.9, "gap_pp": -11.0})
>>> template(f)
'The Russell 2000 is down 14.9% since the Jul 31, 2023 close, as of Nov 13, 2023, against a 3.9% drop for the S&P 500.'
>>> template(Fact("pair_return", "RUT", dt.date(2023, 12, 22), 26.0, "pct", "",
...               versus="SPX", start=dt.date(2023, 10, 25), window="between",
...               details={"versus_return_pct": 16.0, "gap_pp": 10.0}))
'From the Oct 25, 2023 close to Dec 22, 2023, the Russell 2000 rose 26.0%, against a 16.0% gain for the S&P 500.'
"""  # noqa: E501

from __future__ import annotations

import math

import pandas as pd

from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.periods import return_between
from rotascope.measures.versus import pair_return_between
from rotascope.wording import fmt_date, pct, the_name

__all__ = ["KIND", "build", "template"]


def _against(f: Fact) -> str:
    vr = f.details.get("versus_return_pct")
    if f.versus is None or vr is None or not math.isfinite(vr):
        return ""
    if vr == 0:
        return f", while {the_name(f.versus)} was unchanged"
    noun = "gain" if vr > 0 else "drop"
    return f", against a {pct(abs(vr))} {noun} for {the_name(f.versus)}"


def template(f: Fact) -> str:
    """The sentence of a ``pair_return`` fact."""
    subject = the_name(f.subject, start=True)
    if f.window == "between":
        verb = "rose" if f.value > 0 else "fell" if f.value < 0 else "was unchanged"
        amount = f" {pct(abs(f.value))}" if f.value != 0 else ""
        return (
            f"From the {fmt_date(f.start)} close to {fmt_date(f.asof)}, "
            f"{the_name(f.subject)} {verb}{amount}{_against(f)}."
        )
    if f.value == 0:
        head = f"{subject} is unchanged"
    else:
        head = f"{subject} is {'up' if f.value > 0 else 'down'} {pct(abs(f.value))}"
    return f"{head} since the {fmt_date(f.start)} close, as of {fmt_date(f.asof)}{_against(f)}."


def build(ctx: Context) -> list[Fact]:
    """The span's return of ``ctx.data`` (and of ``ctx.other`` over the same sessions)."""
    a, b, span = ctx.data, ctx.other, ctx.span
    if span is None or a.is_yield or (b is not None and b.is_yield):
        return []
    end = min(span.end, ctx.day)
    details: dict[str, object] = {"start_asked": span.start.date().isoformat()}
    if b is None:
        r = return_between(a.values.loc[:end], span.start, end)
        if not math.isfinite(r.value):
            return []
        value, start, last = r.value * 100.0, r.start, r.end
        details.update(start_close=r.start_value, close=r.end_value)
    else:
        p = pair_return_between(a.values, b.values, span.start, end, asof=ctx.day)
        if not math.isfinite(p.a_return):
            return []
        value, start, last = p.a_return * 100.0, p.start, p.end
        details.update(
            versus_return_pct=p.b_return * 100.0,
            gap_pp=p.gap * 100.0,
            start_close=p.a_start,
            close=p.a_end,
            versus_start_close=p.b_start,
            versus_close=p.b_end,
            sessions=p.sessions,
        )
    return [
        make(
            "pair_return",
            subject=a.symbol,
            versus=None if b is None else b.symbol,
            asof=pd.Timestamp(last).date(),
            value=value,
            window="since" if span.since else "between",
            start=pd.Timestamp(start).date(),
            basis=a.basis,
            label="return since" if span.since else "return between",
            details=details,
        )
    ]


KIND = register(
    Kind(
        "pair_return",
        "pct",
        template,
        build,
        "A series' return since a date or between two dates, against another's.",
        scope="span",
        order=10,
    )
)
