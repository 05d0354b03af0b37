"""Kind ``period``: year, quarter and month to date, for a price, level or factor series.

"The Russell 2000 is up 11.7% year to date (from the Dec 29, 2023 close) as of Jul 16,
2024." A period starting on the same close as a longer one (the month in the first
month of a quarter) is folded into it: "quarter and month to date". Yields have kind
``yield_period`` (basis points) with the same wording.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("period", "RUT", dt.date(2024, 7, 16), 10.5, "pct", "", window="QTD",
...               start=dt.date(2024, 6, 28), details={"also": ["MTD"]}))
'The Russell 2000 is up 10.5% quarter and month to date (from the Jun 28, 2024 close) as of Jul 16, 2024.'
"""  # noqa: E501

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pandas as pd

from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.periods import PERIODS, period_return
from rotascope.wording import basis_points, fmt_date, pct, the_name

__all__ = ["KIND", "PERIOD_ORDER", "build", "period_facts", "template"]

#: Calendar periods reported for every series, longest first.
PERIOD_ORDER: tuple[str, ...] = ("YTD", "QTD", "MTD")

_WORDS = {"YTD": "year to date", "QTD": "quarter to date", "MTD": "month to date"}


def _period_words(labels: list[str]) -> str:
    """``"year to date"``; ``"quarter and month to date"``; ``"year, quarter and month ..."``."""
    heads = [_WORDS.get(x, x).removesuffix(" to date") for x in labels]
    if len(heads) == 1:
        return _WORDS.get(labels[0], labels[0])
    return f"{', '.join(heads[:-1])} and {heads[-1]} to date"


def template(f: Fact) -> str:
    """The sentence of a ``period`` (or ``yield_period``) fact."""
    subject = the_name(f.subject, start=True)
    words = _period_words([str(f.window), *f.details.get("also", [])])
    amount = basis_points(f.value) if f.unit == "bp" else pct(abs(f.value))
    base = f" (from the {fmt_date(f.start)} close)" if f.start is not None else ""
    if f.value == 0:
        return f"{subject} is unchanged {words}{base} as of {fmt_date(f.asof)}."
    direction = "up" if f.value > 0 else "down"
    return f"{subject} is {direction} {amount} {words}{base} as of {fmt_date(f.asof)}."


def _period_fact(ctx: Context, kind: str, period: str) -> Fact | None:
    data = ctx.data
    r = period_return(data.values, period, ctx.day)  # type: ignore[arg-type]
    if not np.isfinite(r.start_value):
        return None
    if data.is_yield:
        value = (r.end_value - r.start_value) * 100.0
        decimals = data.decimals
        if decimals is not None:  # whole basis points, as the data's quantum
            value = float(np.round(value * 10.0 ** (decimals - 2)) / 10.0 ** (decimals - 2))
    else:
        value = r.value * 100.0
    details: dict[str, object] = {"close": r.end_value, "start_close": r.start_value}
    if data.compounded:
        details["compounded"] = True
    return make(
        kind,
        subject=data.symbol,
        asof=ctx.day.date(),
        value=value,
        window=period,
        start=None if pd.isna(r.start) else pd.Timestamp(r.start).date(),
        basis=data.basis,
        label=f"{period} {'change' if data.is_yield else 'return'}",
        details=details,
    )


def period_facts(ctx: Context, kind: str) -> list[Fact]:
    """YTD, QTD and MTD of ``ctx.data`` as facts of ``kind``, folded when they coincide."""
    periods: list[Fact] = []
    for p in PERIOD_ORDER:
        f = _period_fact(ctx, kind, p) if p in PERIODS else None
        if f is None:
            continue
        same = next((i for i, g in enumerate(periods) if g.start == f.start), None)
        if same is None:
            periods.append(f)
            continue
        g = periods[same]
        details = {**g.details, "also": [*g.details.get("also", []), p]}
        periods[same] = make(kind, **{**_fields(g), "details": details})
    return periods


def _fields(f: Fact) -> dict[str, object]:
    return {x.name: getattr(f, x.name) for x in fields(f) if x.name not in ("kind", "text")}


def build(ctx: Context) -> list[Fact]:
    """Period-to-date returns of a price, level or factor series."""
    return [] if ctx.data.is_yield else period_facts(ctx, "period")


KIND = register(
    Kind(
        "period",
        "pct",
        template,
        build,
        "A series' return year, quarter and month to date.",
        scope="series",
        order=20,
    )
)
