"""Kind ``level_record``: a close or a yield at its highest or lowest since a date.

"The 10-year Treasury yield rose to 4.98% on Oct 19, 2023, its highest since Jul 19,
2007." The level on the as-of session is compared with every earlier level by the record
rule (:mod:`rotascope.measures.levels`); the side reaching further back is told, and
only when it reaches back at least four weeks
(:data:`~rotascope.kinds.phrases.NOTABLE_DAYS`). A price at a new all-time high is a
``record_close`` instead. Factors (compounded returns) have no level to speak of.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> r = Record("high", dt.date(2007, 7, 19), 5.0, 40, 6200, dt.date(1999, 1, 4))
>>> f = Fact("level_record", "DGS10", dt.date(2023, 10, 19), 4.98, "level", "",
...          record=r, details={"previous": 4.91, "yield": True})
>>> template(f)
'The 10-year Treasury yield rose to 4.98% on Oct 19, 2023, its highest since Jul 19, 2007.'
>>> headline(f)
'The 10-year Treasury yield rose to 4.98%, its highest since July 2007'
"""

from __future__ import annotations

import datetime as dt

from rotascope.kinds._measures import levels, record_close_table
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.phrases import far_back, join, since_phrase
from rotascope.kinds.registry import Kind, make, register
from rotascope.wording import fmt_date, long_month, number, the_name, yield_level

__all__ = ["KIND", "build", "headline", "template"]


def _level(f: Fact) -> str:
    return yield_level(f.value) if f.details.get("yield") else number(f.value)


def _main(f: Fact) -> str:
    subject = the_name(f.subject, start=True)
    prev = f.details.get("previous")
    if not f.details.get("yield"):
        return f"{subject} closed at {_level(f)}"
    if prev is None or f.value > prev:
        verb = "rose to"
    else:
        verb = "fell to" if f.value < prev else "held at"
    return f"{subject} {verb} {_level(f)}"


def _noun(f: Fact) -> str:
    rec = f.record
    assert rec is not None
    word = "highest" if rec.direction == "high" else "lowest"
    return word if f.details.get("yield") else f"{word} close"


def template(f: Fact) -> str:
    """The sentence of a ``level_record`` fact."""
    rec = f.record
    clause = since_phrase(rec, _noun(f)) if rec is not None else ""
    return join(f"{_main(f)} on {fmt_date(f.asof)}", clause)


def headline(f: Fact) -> str:
    """The headline when a level record leads the story."""
    rec = f.record
    assert rec is not None
    if rec.since is None:
        return f"{_main(f)}, its {_noun(f)} on record"
    return f"{_main(f)}, its {_noun(f)} since {long_month(rec.since)}"


def rarity(f: Fact) -> float | None:
    """None: a level's rank says little (prices trend, so a level near its high ranks
    near the top for years); the news is how far back the record reaches."""
    return None


def _reach(record: Record) -> dt.date:
    return record.since if record.since is not None else dt.date.min


def _record_close(ctx: Context, day: object) -> bool:
    return bool(record_close_table(ctx.memo, ctx.data)["record"].get(day, False))


def build(ctx: Context) -> list[Fact]:
    """The level's record on ``ctx.day`` when it reaches back four weeks or more."""
    data, day = ctx.data, ctx.day
    if data.compounded or day not in data.values.index:
        return []
    m = levels(ctx.memo, data)
    high, low = m.record(day, "high"), m.record(day, "low")
    if high is not None and not data.is_yield and _record_close(ctx, day):
        high = None  # a new all-time high close is a record_close
    sides = [r for r in (high, low) if r is not None and r.out_of > 1 and far_back(r.since, day)]
    if not sides:
        return []
    rec = min(sides, key=_reach)
    pos = int(data.values.index.get_loc(day))
    prev = float(data.values.iloc[pos - 1]) if pos > 0 else None
    return [
        make(
            "level_record",
            subject=data.symbol,
            asof=day.date(),
            value=float(data.values.loc[day]),
            record=rec,
            basis=data.basis,
            label=f"{'highest' if rec.direction == 'high' else 'lowest'} level",
            details={"previous": prev, "yield": data.is_yield},
        )
    ]


KIND = register(
    Kind(
        "level_record",
        "level",
        template,
        build,
        "A close or a yield at its highest or lowest since a date.",
        scope="series",
        order=40,
        may_lead=True,
        headline=headline,
        rarity=rarity,
    )
)
