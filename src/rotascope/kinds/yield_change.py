"""Kind ``yield_change``: a yield's change over N sessions, in basis points, with its record.

"The 10-year Treasury yield rose 2 basis points to 0.70% on Oct 2, 2020." Changes are
whole numbers of basis points (the data's two decimals), so an equal rise ties every
earlier one (:mod:`rotascope.measures.exact`).

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> rec = Record("low", dt.date(2024, 4, 1), -47.0, 40, 6000, dt.date(1999, 1, 4))
>>> template(Fact("yield_change", "DGS10", dt.date(2024, 7, 16), -46.0, "bp", "",
...               window=63, record=rec, details={"level": 4.17}))
'The 10-year Treasury yield fell 46 basis points to 4.17% in the 63 sessions (about three months) to Jul 16, 2024, its biggest 63-session fall since Apr 1, 2024.'
"""  # noqa: E501

from __future__ import annotations

import numpy as np
import pandas as pd

from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.phrases import join, record_phrase
from rotascope.kinds.registry import Kind, make, register
from rotascope.wording import (
    basis_points,
    long_month,
    span,
    the_name,
    window_adjective,
    window_words,
    yield_level,
)

__all__ = ["KIND", "build", "headline", "template", "yield_change_fact"]


def template(f: Fact) -> str:
    """The sentence of a ``yield_change`` fact."""
    subject = the_name(f.subject, start=True)
    w = int(f.window)  # type: ignore[arg-type]
    level = f.details.get("level")
    at = f" at {yield_level(level)}" if level is not None else ""
    to = f" to {yield_level(level)}" if level is not None else ""
    if f.value == 0:
        return f"{subject} was unchanged{at} {span(w, f.asof)}."
    rise = f.value > 0
    noun = f"{window_adjective(w)} {'rise' if rise else 'fall'}"
    clause = record_phrase(f.record, f.asof, "biggest", noun, rank_noun=noun)
    verb = "rose" if rise else "fell"
    return join(f"{subject} {verb} {basis_points(f.value)}{to} {span(w, f.asof)}", clause)


def headline(f: Fact) -> str:
    """The headline when a yield's change leads the story.

    Examples
    --------
    >>> import datetime as dt
    >>> from rotascope.kinds.fact import Fact, Record
    >>> rec = Record("low", dt.date(2023, 3, 10), -20.0, 9, 6000, dt.date(1999, 1, 4))
    >>> headline(Fact("yield_change", "DGS10", dt.date(2023, 11, 14), -19.0, "bp", "",
    ...               window=1, record=rec, details={"level": 4.44}))
    'The 10-year Treasury yield fell 19 basis points to 4.44%, its biggest one-day fall since March 2023'
    """  # noqa: E501
    rise = f.value > 0
    level = f.details.get("level")
    to = f" to {yield_level(level)}" if level is not None else ""
    w = int(f.window)  # type: ignore[arg-type]
    head = (
        f"{the_name(f.subject, start=True)} {'rose' if rise else 'fell'} "
        f"{basis_points(f.value)}{to}"
    )
    if w > 1:
        head += f" in {window_words(w)}"
    rec = f.record
    noun = f"{window_adjective(w)} {'rise' if rise else 'fall'}"
    if rec is None:
        return head
    if rec.since is None:
        return f"{head}, the biggest {noun} on record"
    return f"{head}, its biggest {noun} since {long_month(rec.since)}"


def yield_change_fact(ctx: Context, window: int) -> Fact | None:
    """The change of the yield ``ctx.data`` over ``window`` sessions to ``ctx.day``."""
    data, day = ctx.data, ctx.day
    m = ctx.memo.moves(data, window)
    value = m.at(day)
    if not np.isfinite(value):
        return None
    start = m.start.loc[day] if m.start is not None else None
    base = None if start is None or pd.isna(start) else pd.Timestamp(start)
    word = "rise" if value > 0 else "fall" if value < 0 else "change"
    return make(
        "yield_change",
        subject=data.symbol,
        asof=day.date(),
        value=value,
        window=int(window),
        start=None if base is None else base.date(),
        record=m.record(day, "high" if value >= 0 else "low"),
        basis=data.basis,
        label=f"{window}-session yield {word}",
        details={
            "level": float(data.values.loc[day]),
            "level_start": float(data.values.loc[base]) if base is not None else None,
        },
    )


def build(ctx: Context) -> list[Fact]:
    """Changes of the yield ``ctx.data`` over each session window (none for prices)."""
    if not ctx.data.is_yield:
        return []
    return [f for w in ctx.windows if (f := yield_change_fact(ctx, w)) is not None]


KIND = register(
    Kind(
        "yield_change",
        "bp",
        template,
        build,
        "A yield's change over N sessions in basis points, and its record.",
        scope="series",
        order=11,
        may_lead=True,
        overlapping=True,
        headline=headline,
    )
)
