"""Kind ``drawdown``: how far a series closed below its all-time high, and the rally off
its low.

"The Russell 2000 closed 7.3% below its Nov 8, 2021 record close (2,442.74) on Jul 16,
2024. It is up 38.3% from its Oct 27, 2023 low." A factor's drawdown is measured on the
growth of its compounded returns. Yields have none.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("drawdown", "RUT", dt.date(2024, 7, 16), -7.3, "pct", "",
...               details={"close": 2263.67, "peak_date": "2021-11-08",
...                        "peak_value": 2442.74}))
'The Russell 2000 closed 7.3% below its Nov 8, 2021 record close (2,442.74) on Jul 16, 2024.'
"""

from __future__ import annotations

import math

from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.phrases import join, record_phrase
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.drawdown import drawdown_at
from rotascope.wording import fmt_date, number, pct, the_name

__all__ = ["KIND", "build", "drawdown_main", "template"]


def drawdown_main(f: Fact) -> str:
    """The drawdown's main clause, shared with ``drawdown_vs`` (no final period)."""
    subject = the_name(f.subject, start=True)
    d = f.details
    when = fmt_date(f.asof)
    if f.value == 0 and d.get("compounded"):
        return f"{subject} was at a record high (compounded returns) on {when}"
    if f.value == 0:
        return f"{subject} closed at a record high of {number(d.get('close', math.nan))} on {when}"
    peak = fmt_date(d.get("peak_date"))
    if d.get("compounded"):  # a growth index of compounded returns (factors)
        return f"{subject} was {pct(abs(f.value))} below its {peak} peak (compounded returns) on {when}"  # noqa: E501
    return (
        f"{subject} closed {pct(abs(f.value))} below its {peak} record close "
        f"({number(d.get('peak_value', math.nan))}) on {when}"
    )


def template(f: Fact) -> str:
    """The sentence of a ``drawdown`` fact."""
    d = f.details
    text = join(drawdown_main(f), record_phrase(f.record, f.asof, "deepest", "drawdown"))
    trough, rally = d.get("trough_date"), d.get("rally")
    if f.value != 0 and trough is not None and rally is not None and rally > 0:
        text += f" It is up {pct(rally)} from its {fmt_date(trough)} low."
    return text


def build(ctx: Context) -> list[Fact]:
    """The subject's distance from its all-time high (not for comparison series or yields)."""
    data = ctx.data
    if data.is_yield or not ctx.main:
        return []
    d = drawdown_at(data.values, ctx.day)
    value = d.value * 100.0
    record = ctx.memo.drawdowns(data).record(ctx.day, "low") if d.value < 0 else None
    details: dict[str, object] = {
        "close": d.close,
        "peak_date": d.peak_date.date().isoformat(),
        "peak_value": d.peak_value,
        "trough_date": d.trough_date.date().isoformat(),
        "trough_value": d.trough_value,
        "rally": d.rally * 100.0,
    }
    if data.compounded:
        details["compounded"] = True
    fact = make(
        "drawdown",
        subject=data.symbol,
        asof=ctx.day.date(),
        value=value,
        start=d.peak_date.date(),
        record=record,
        basis=data.basis,
        label="drawdown from all-time high",
        details=details,
    )
    return [fact]


KIND = register(
    Kind(
        "drawdown",
        "pct",
        template,
        build,
        "How far a series is below its all-time high, and its rally off the low.",
        scope="series",
        order=30,
    )
)
