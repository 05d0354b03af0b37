"""Kind ``week_to_date``: the subject's move since the last close of the previous week.

"The Russell 2000 is up 5.4% this week, from the Jul 12, 2024 close to Jul 16, 2024." The
week runs Monday to Sunday (:func:`~rotascope.measures.scoped.week_to_date`); told from
the week's second session on (on its first it is the day's move). Prices and levels,
the subject only.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("week_to_date", "RUT", dt.date(2024, 7, 16), 5.39, "pct", "",
...               window="WTD", start=dt.date(2024, 7, 12)))
'The Russell 2000 is up 5.4% this week, from the Jul 12, 2024 close to Jul 16, 2024.'
"""

from __future__ import annotations

import numpy as np

from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.scoped import scope_start, week_to_date
from rotascope.wording import fmt_date, pct, the_name

__all__ = ["KIND", "build", "template"]


def template(f: Fact) -> str:
    """The sentence of a ``week_to_date`` fact."""
    subject = the_name(f.subject, start=True)
    when = f"from the {fmt_date(f.start)} close to {fmt_date(f.asof)}"
    if f.value == 0:
        return f"{subject} is unchanged this week, {when}."
    return f"{subject} is {'up' if f.value > 0 else 'down'} {pct(abs(f.value))} this week, {when}."


def build(ctx: Context) -> list[Fact]:
    """The week to date of the subject, from the week's second session on."""
    data, day = ctx.data, ctx.day
    if data.is_yield or not ctx.main or day not in data.values.index:
        return []
    upto = data.values.loc[:day]
    monday = scope_start(day, "week")
    if int((upto.index >= monday).sum()) < 2:
        return []
    r = week_to_date(upto)
    if not np.isfinite(r.value):
        return []
    return [
        make(
            "week_to_date",
            subject=data.symbol,
            asof=day.date(),
            value=r.value * 100.0,
            window="WTD",
            start=r.start.date(),
            basis=data.basis,
            label="week to date",
            details={"close": r.end_value, "start_close": r.start_value},
        )
    ]


KIND = register(
    Kind(
        "week_to_date",
        "pct",
        template,
        build,
        "A series' move since the last close of the previous week.",
        scope="series",
        order=35,
    )
)
