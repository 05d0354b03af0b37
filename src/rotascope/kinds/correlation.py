"""Kind ``correlation``: how closely two series moved together over N sessions, at a
record.

"The correlation of daily moves between the Russell 2000 and the S&P 500 over 63
sessions fell to 0.50 (beta 0.93) on Jul 16, 2024, its lowest since Apr 13, 2000." Pearson's r of the
daily moves on common sessions, and A's beta to B
(:func:`~rotascope.measures.comovement.rolling_comovement`), for the windows of 21
sessions or more asked for; told only when the correlation's record (the side reaching
further back) reaches back at least a year (:data:`MIN_REACH_DAYS`; a rolling
correlation sets short-lived records all the time). Price-like pairs only.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> r = Record("low", dt.date(2000, 4, 13), 0.49, 3, 9000, dt.date(1987, 12, 9))
>>> template(Fact("correlation", "RUT", dt.date(2024, 7, 16), 0.4981, "r", "", versus="SPX",
...               window=63, record=r, details={"beta": 0.93, "previous": 0.55}))
'The correlation of daily moves between the Russell 2000 and the S&P 500 over 63 sessions fell to 0.50 (beta 0.93) on Jul 16, 2024, its lowest since Apr 13, 2000.'
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from rotascope.kinds._measures import comovement
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.phrases import join, since_phrase
from rotascope.kinds.registry import Kind, make, register
from rotascope.wording import coefficient, fmt_date, the_name

__all__ = ["KIND", "MIN_REACH_DAYS", "MIN_WINDOW", "build", "template"]

#: Correlations are measured over windows at least this long (sessions).
MIN_WINDOW = 21
#: A correlation's record is told when it reaches back at least this many days.
MIN_REACH_DAYS = 365


def template(f: Fact) -> str:
    """The sentence of a ``correlation`` fact."""
    d = f.details
    prev = d.get("previous")
    verb = "rose to" if prev is not None and f.value > prev else "fell to"
    if prev is None or f.value == prev:
        verb = "was"
    beta = d.get("beta")
    with_beta = ""
    if isinstance(beta, float) and math.isfinite(beta):
        with_beta = f" (beta {coefficient(beta)})"
    main = (
        f"The correlation of daily moves between {the_name(f.subject)} and "
        f"{the_name(f.versus)} over {f.window} sessions {verb} {coefficient(f.value)}"
        f"{with_beta} on {fmt_date(f.asof)}"
    )
    rec = f.record
    clause = ""
    if rec is not None:
        clause = since_phrase(rec, "highest" if rec.direction == "high" else "lowest")
    return join(main, clause)


def _reaches(since: dt.date | None, day: pd.Timestamp) -> bool:
    return since is None or (day.date() - since).days >= MIN_REACH_DAYS


def _reach(record: Record) -> dt.date:
    return record.since if record.since is not None else dt.date.min


def build(ctx: Context) -> list[Fact]:
    """The pair's correlation over each window of 21 sessions or more, when at a record."""
    a, b, day = ctx.data, ctx.other, ctx.day
    if b is None or not ctx.price_pair:
        return []
    out: list[Fact] = []
    for w in (w for w in ctx.windows if w >= MIN_WINDOW):
        m = comovement(ctx.memo, a, b, w)
        value = m.at(day)
        if not np.isfinite(value):
            continue
        sides = [r for r in (m.record(day, "high"), m.record(day, "low")) if r is not None]
        sides = [r for r in sides if r.out_of > 1 and _reaches(r.since, day)]
        if not sides:
            continue
        pos = int(m.value.index.get_loc(day))
        beta = m.parts["beta"]
        out.append(
            make(
                "correlation",
                subject=a.symbol,
                versus=b.symbol,
                asof=day.date(),
                value=value,
                window=int(w),
                record=min(sides, key=_reach),
                basis=a.basis,
                label=f"{w}-session correlation",
                details={
                    "beta": float(beta.loc[day]) if day in beta.index else None,
                    "previous": float(m.value.iloc[pos - 1]) if pos > 0 else None,
                },
            )
        )
    return out


KIND = register(
    Kind(
        "correlation",
        "r",
        template,
        build,
        "The correlation of two series' daily moves over N sessions, at a record.",
        scope="pair",
        order=30,
        overlapping=True,
    )
)
