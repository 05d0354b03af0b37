"""Kind ``record_count``: the count of record closes in the calendar year, on a record day.

"The S&P 500's record close on Jul 16, 2024 was its 38th of 2024." Counted by
:func:`~rotascope.measures.scoped.record_close_count`'s rule: closes strictly above
every earlier close, from Jan 1 to the as-of session, the day included. Made on record
days only (a count of records is news when one is set); the story folds it into the
``record_close`` of the same day.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("record_count", "SPX", dt.date(2024, 7, 16), 38, "count", "",
...               details={"year": 2024}))
"The S&P 500's record close on Jul 16, 2024 was its 38th of 2024."
"""

from __future__ import annotations

from rotascope.kinds._measures import record_close_table
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.symbols import info
from rotascope.wording import fmt_date, ordinal, the_name

__all__ = ["KIND", "build", "template"]


def _possessive(symbol: str) -> str:
    name = the_name(symbol, start=True)
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def template(f: Fact) -> str:
    """The sentence of a ``record_count`` fact."""
    n = int(f.value)
    nth = "first" if n == 1 else ordinal(n)
    return (
        f"{_possessive(f.subject)} record close on {fmt_date(f.asof)} was its {nth} of "
        f"{f.details.get('year', f.asof.year)}."
    )


def build(ctx: Context) -> list[Fact]:
    """The year's count of record closes, when ``ctx.day`` is one."""
    data, day = ctx.data, ctx.day
    if info(data.symbol).unit != "price" or day not in data.values.index:
        return []
    row = record_close_table(ctx.memo, data).loc[day]
    if not bool(row["record"]):
        return []
    return [
        make(
            "record_count",
            subject=data.symbol,
            asof=day.date(),
            value=float(row["count_year"]),
            window="year",
            basis=data.basis,
            label="record closes this year",
            details={"year": int(day.year)},
        )
    ]


KIND = register(
    Kind(
        "record_count",
        "count",
        template,
        build,
        "How many record closes the calendar year has had, on a record day.",
        scope="series",
        order=42,
    )
)
