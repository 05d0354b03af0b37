"""Kind ``scoped_record``: the biggest one-day (or five-session) move of the calendar year.

"The Nasdaq 100's 3.7% drop on Jul 24, 2024 was its biggest one-day drop of 2024." The
record rule applied to the year's values only (:func:`~rotascope.measures.scoped.
scoped_records`): told when the move is more extreme than every earlier one of the
year (a tie is not the biggest) and the year has at least :data:`MIN_IN_SCOPE` such
moves. Its record is the in-scope one
(``since`` none, ``history_start`` the year's first value). The story folds it into
the move itself, which usually reaches back further.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("scoped_record", "NDX", dt.date(2024, 7, 24), -3.66, "pct", "", window=1,
...               details={"scope": "year", "year": 2024}))
"The Nasdaq 100's 3.7% drop on Jul 24, 2024 was its biggest one-day drop of 2024."
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.record_count import _possessive
from rotascope.kinds.registry import Kind, make, register
from rotascope.wording import pct, span, window_adjective

__all__ = ["KIND", "MIN_IN_SCOPE", "SCOPED_WINDOWS", "build", "template"]

#: Windows with a scoped record (sessions).
SCOPED_WINDOWS: tuple[int, ...] = (1, 5)
#: The scope must hold at least this many values for its record to be news.
MIN_IN_SCOPE = 10


def template(f: Fact) -> str:
    """The sentence of a ``scoped_record`` fact."""
    w = int(f.window)  # type: ignore[arg-type]
    noun = "gain" if f.value > 0 else "drop"
    when = span(w, f.asof)
    return (
        f"{_possessive(f.subject)} {pct(abs(f.value))} {noun} {when} was its biggest "
        f"{window_adjective(w)} {noun} of {f.details.get('year', f.asof.year)}."
    )


def build(ctx: Context) -> list[Fact]:
    """The year's biggest move over one and five sessions, when ``ctx.day`` holds it."""
    data, day = ctx.data, ctx.day
    if data.is_yield:
        return []
    out: list[Fact] = []
    for w in (w for w in ctx.windows if w in SCOPED_WINDOWS):
        m = ctx.memo.moves(data, w)
        value = m.at(day)
        if not np.isfinite(value) or value == 0:
            continue
        direction = "high" if value > 0 else "low"
        # the project's record rule over the calendar year's values only
        rec = m.record(day, direction, start=pd.Timestamp(day.year, 1, 1))
        if rec is None or rec.since is not None or rec.out_of < MIN_IN_SCOPE:
            continue  # tied or beaten earlier in the year, or too early in it
        out.append(
            make(
                "scoped_record",
                subject=data.symbol,
                asof=day.date(),
                value=value,
                window=int(w),
                record=Record(direction, None, None, 1, rec.out_of, rec.history_start),
                basis=data.basis,
                label=f"biggest {w}-session move of the year",
                details={"scope": "year", "year": int(day.year)},
            )
        )
    return out


KIND = register(
    Kind(
        "scoped_record",
        "pct",
        template,
        build,
        "The biggest one-day or five-session move of the calendar year so far.",
        scope="series",
        order=15,
    )
)
