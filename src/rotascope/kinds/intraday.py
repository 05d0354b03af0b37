"""Kind ``intraday``: the day's intraday range or extreme, labelled intraday, beside the
close.

"The S&P 500 swung 8.1% between its intraday low and high on Apr 7, 2025, its widest
intraday range since Mar 13, 2020; down as much as 4.7% intraday, it closed 0.2% lower."
From the source's high and low columns (:func:`~rotascope.measures.intraday.
intraday_moves`, in percent of the previous close; close-only rows count as missing):
of the swing, the deepest drop and the biggest gain, the one whose record reaches back
furthest is told, when it reaches back at least four weeks. A series without highs and
lows (the bundled dataset has closes only) has none.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> r = Record("high", dt.date(2020, 3, 13), 9.0, 20, 15885, dt.date(1962, 1, 2))
>>> f = Fact("intraday", "SPX", dt.date(2025, 4, 7), 8.12, "pct", "", window=1, record=r,
...          details={"field": "swing", "down_most": -4.7, "up_most": 3.4,
...                   "close_move": -0.23})
>>> template(f)
'The S&P 500 swung 8.1% between its intraday low and high on Apr 7, 2025, its widest intraday range since Mar 13, 2020; down as much as 4.7% intraday, it closed 0.2% lower.'
>>> headline(f)
'The S&P 500 swung 8.1% intraday, its widest range since March 2020'
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import math

from rotascope.kinds._measures import INTRADAY_FIELDS, intraday
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.phrases import far_back, since_phrase
from rotascope.kinds.registry import Kind, make, register
from rotascope.wording import fmt_date, fmt_month, long_month, pct, the_name

__all__ = ["KIND", "build", "headline", "template"]

_NOUNS = {
    "swing": "widest intraday range",
    "down_most": "deepest intraday drop",
    "up_most": "biggest intraday gain",
}


def _closed(move: float) -> str:
    if not math.isfinite(move) or move == 0:
        return "it closed unchanged"
    return f"it closed {pct(abs(move))} {'higher' if move > 0 else 'lower'}"


def _main(f: Fact) -> str:
    subject = the_name(f.subject, start=True)
    field = f.details.get("field")
    if field == "swing":
        return f"{subject} swung {pct(f.value)} between its intraday low and high"
    way = "up" if field == "up_most" else "down"
    return f"{subject} was {way} as much as {pct(abs(f.value))} intraday"


def template(f: Fact) -> str:
    """The sentence of an ``intraday`` fact."""
    d = f.details
    text = f"{_main(f)} on {fmt_date(f.asof)}"
    if f.record is not None:
        text += ", " + since_phrase(f.record, _NOUNS[d["field"]])
    close = float(d.get("close_move", math.nan))
    if d.get("field") == "swing":
        down, up = float(d.get("down_most", 0.0)), float(d.get("up_most", 0.0))
        extreme = (
            f"down as much as {pct(abs(down))}" if abs(down) >= abs(up) else
            f"up as much as {pct(abs(up))}"
        )  # fmt: skip
        return f"{text}; {extreme} intraday, {_closed(close)}."
    return f"{text}; {_closed(close)}."


def headline(f: Fact) -> str:
    """The headline when an intraday extreme leads the story."""
    rec = f.record
    assert rec is not None
    noun = _NOUNS[f.details["field"]].replace("intraday ", "")
    subject = the_name(f.subject, start=True)
    if f.details["field"] == "swing":
        head = f"{subject} swung {pct(f.value)} intraday"
    else:
        way = "up" if f.details["field"] == "up_most" else "down"
        head = f"{subject} was {way} as much as {pct(abs(f.value))} intraday"
    if rec.since is None:
        return f"{head}, its {noun} on record (since {fmt_month(rec.history_start)})"
    return f"{head}, its {noun} since {long_month(rec.since)}"


def _reach(record: Record) -> dt.date:
    return record.since if record.since is not None else dt.date.min


def build(ctx: Context) -> list[Fact]:
    """The intraday extreme of ``ctx.day`` whose record reaches back furthest."""
    data, day = ctx.data, ctx.day
    m = intraday(ctx.memo, data)
    if m is None or day not in m["swing"].value.index:
        return []
    values = {k: m[k].at(day) for k in INTRADAY_FIELDS}
    best: tuple[str, Record] | None = None
    for field, side in INTRADAY_FIELDS.items():
        v = values[field]
        if (
            not math.isfinite(v)
            or (field == "down_most" and v >= 0)
            or (field == "up_most" and v <= 0)
        ):
            continue
        rec = m[field].record(day, side)
        if rec is None or rec.out_of < 2 or not far_back(rec.since, day):
            continue
        if best is None or _reach(rec) < _reach(best[1]):
            best = (field, rec)
    if best is None:
        return []
    field, rec = best
    return [
        make(
            "intraday",
            subject=data.symbol,
            asof=day.date(),
            value=values[field],
            window=1,
            record=rec,
            basis=data.basis,
            label=_NOUNS[field],
            details={
                "field": field,
                **{k: values[k] for k in INTRADAY_FIELDS},
                "close_move": m["close_move"].at(day),
                "high": m["high"].at(day),
                "low": m["low"].at(day),
                "close": float(data.values.loc[day]),
            },
        )
    ]


KIND = register(
    Kind(
        "intraday",
        "pct",
        template,
        build,
        "The day's intraday range, drop or gain (labelled intraday) beside the close.",
        scope="series",
        order=20,
        may_lead=True,
        headline=headline,
    )
)
