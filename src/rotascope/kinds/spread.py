"""Kind ``spread``: A's N-session return minus B's, in percentage points, with its record.

"The Russell 2000 outperformed the S&P 500 by 9.9 points in the five sessions to Jul
16, 2024 (11.5% vs 1.6%), the widest five-session gap in its favour on record (since
Sep 1987)." Measured on the sessions both series have (the others are a note of the
FactSet, never filled in).

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> rec = Record("high", None, None, 1, 9279, dt.date(1987, 9, 10))
>>> template(Fact("spread", "RUT", dt.date(2024, 7, 16), 9.92, "pp", "", versus="SPX",
...               window=5, record=rec,
...               details={"subject_return_pct": 11.54, "versus_return_pct": 1.62}))
'The Russell 2000 outperformed the S&P 500 by 9.9 points in the five sessions to Jul 16, 2024 (11.5% vs 1.6%), the widest five-session gap in its favour on record (since Sep 1987).'
"""  # noqa: E501

from __future__ import annotations

import numpy as np
import pandas as pd

from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.phrases import join, record_phrase
from rotascope.kinds.registry import Kind, make, register
from rotascope.wording import pct, points, span, the_name, window_adjective

__all__ = ["KIND", "build", "spread_fact", "template"]


def template(f: Fact) -> str:
    """The sentence of a ``spread`` fact."""
    subject, other = the_name(f.subject, start=True), the_name(f.versus)
    d = f.details
    w = int(f.window)  # type: ignore[arg-type]
    own = ""
    if d.get("subject_return_pct") is not None and d.get("versus_return_pct") is not None:
        own = f" ({pct(d['subject_return_pct'])} vs {pct(d['versus_return_pct'])})"
    if round(abs(f.value), 2) == 0:  # never "by 0.00 points"
        return f"{subject} matched {other} {span(w, f.asof)}{own}."
    verb = "outperformed" if f.value > 0 else "underperformed"
    noun = f"{window_adjective(w)} gap {'in its favour' if f.value > 0 else 'against it'}"
    clause = record_phrase(f.record, f.asof, "widest", noun, rank_noun=noun, rank_word="widest")
    return join(f"{subject} {verb} {other} by {points(f.value)} {span(w, f.asof)}{own}", clause)


def spread_fact(ctx: Context, window: int) -> Fact | None:
    """A's ``window``-session return minus B's to ``ctx.day`` (a common session)."""
    a, b, day = ctx.data, ctx.other, ctx.day
    assert b is not None
    s = ctx.memo.spreads(a, b, window)
    value = s.at(day)
    if not np.isfinite(value):
        return None
    start = s.start.loc[day] if s.start is not None else None
    return make(
        "spread",
        subject=a.symbol,
        versus=b.symbol,
        asof=day.date(),
        value=value,
        window=int(window),
        start=None if start is None or pd.isna(start) else pd.Timestamp(start).date(),
        record=s.record(day, "high" if value >= 0 else "low"),
        basis=a.basis,
        label=f"{window}-session spread",
        details={
            "subject_return_pct": float(s.parts["a"].loc[day]),
            "versus_return_pct": float(s.parts["b"].loc[day]),
        },
    )


def build(ctx: Context) -> list[Fact]:
    """Spreads of the pair over each session window (price-like pairs only)."""
    if not ctx.price_pair:
        return []
    return [f for w in ctx.windows if (f := spread_fact(ctx, w)) is not None]


KIND = register(
    Kind(
        "spread",
        "pp",
        template,
        build,
        "One series' N-session return minus another's, and its record.",
        scope="pair",
        order=10,
        may_lead=True,
        overlapping=True,
    )
)
