"""Kind ``move``: a price, level or factor series' return over N sessions, with its record.

"The Russell 2000 rose 11.5% in the five sessions to Jul 16, 2024, its biggest
five-session gain since Apr 29, 2020." Yields move in basis points instead (kind
``yield_change``). Factor returns compound the file's daily returns.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> rec = Record("high", dt.date(2020, 4, 29), 11.8, 22, 9279, dt.date(1987, 9, 10))
>>> template(Fact("move", "RUT", dt.date(2024, 7, 16), 11.54, "pct", "", window=5,
...               record=rec))
'The Russell 2000 rose 11.5% in the five sessions to Jul 16, 2024, its biggest five-session gain since Apr 29, 2020.'
"""  # noqa: E501

from __future__ import annotations

import numpy as np
import pandas as pd

from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.phrases import join, record_phrase
from rotascope.kinds.registry import Kind, make, register
from rotascope.wording import pct, span, the_name, window_adjective

__all__ = ["KIND", "build", "move_fact", "template"]


def template(f: Fact) -> str:
    """The sentence of a ``move`` fact."""
    subject = the_name(f.subject, start=True)
    w = int(f.window)  # type: ignore[arg-type]
    if f.value == 0:
        return f"{subject} was unchanged {span(w, f.asof)}."
    gain = f.value > 0
    verb = "rose" if gain else "fell"
    if w == 1:
        superlative, noun = ("best", "day") if gain else ("worst", "day")
        rank_noun = "one-day " + ("gain" if gain else "loss")
    else:
        superlative, noun = "biggest", f"{window_adjective(w)} {'gain' if gain else 'loss'}"
        rank_noun = noun
    clause = record_phrase(f.record, f.asof, superlative, noun, rank_noun=rank_noun)
    return join(f"{subject} {verb} {pct(abs(f.value))} {span(w, f.asof)}", clause)


def move_fact(ctx: Context, window: int) -> Fact | None:
    """The move of ``ctx.data`` over ``window`` sessions to ``ctx.day`` (None: too short)."""
    data, day = ctx.data, ctx.day
    m = ctx.memo.moves(data, window)
    value = m.at(day)
    if not np.isfinite(value):
        return None
    direction = "high" if value >= 0 else "low"
    start = m.start.loc[day] if m.start is not None else None
    base = None if start is None or pd.isna(start) else pd.Timestamp(start)
    details: dict[str, object] = {
        "close": float(data.values.loc[day]),
        "start_close": float(data.values.loc[base]) if base is not None else None,
    }
    if data.compounded:
        details["compounded"] = True
    word = "gain" if value > 0 else "loss" if value < 0 else "change"
    return make(
        "move",
        subject=data.symbol,
        asof=day.date(),
        value=value,
        window=int(window),
        start=None if base is None else base.date(),
        record=m.record(day, direction),
        basis=data.basis,
        label=f"{window}-session {word}",
        details=details,
    )


def build(ctx: Context) -> list[Fact]:
    """Moves of ``ctx.data`` over each session window (none for yields)."""
    if ctx.data.is_yield:
        return []
    return [f for w in ctx.windows if (f := move_fact(ctx, w)) is not None]


KIND = register(
    Kind(
        "move",
        "pct",
        template,
        build,
        "A series' return over N sessions and how far back its record reaches.",
        scope="series",
        order=10,
        may_lead=True,
        overlapping=True,
    )
)
