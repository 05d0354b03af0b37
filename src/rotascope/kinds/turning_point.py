"""Kind ``turning_point``: the move from the notable peak or trough of the last six
months, against each comparison series over the same sessions.

"The Russell 2000 is down 14.9% from its Jul 31, 2023 high (2,003.18) as of Nov 13,
2023, against a 3.9% drop for the S&P 500, its widest shortfall against the S&P 500 over
74 sessions since Jun 23, 2023." The turning point is
:func:`~rotascope.measures.turning.turning_point`'s (a 5% zigzag; among the pivots of
the last 126 sessions, the one the close moved furthest from); told when the move since
it is at least 5%. With comparison series, each one's change over the same common
sessions, and the gap's record among all gaps over as many sessions (the spread's
record rule): the window is the subject's pivot, not picked for the gap, so that record
is honest, and it is what the score reads (a score hint). Alone, a turning point has no
record and never leads. The subject only; prices and levels.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> f = Fact("turning_point", "RUT", dt.date(2023, 11, 13), -14.9, "pct", "", versus="SPX",
...          start=dt.date(2023, 7, 31),
...          details={"pivot": "peak", "pivot_value": 2003.18, "sessions": 74,
...                   "versus": [{"symbol": "SPX", "move_pct": -3.9, "gap_pp": -11.0}],
...                   "gap_record": {"since": "2023-06-23", "rank": 210, "out_of": 9043,
...                                  "window": 74, "history_start": "1987-09-10"}})
>>> template(f)
'The Russell 2000 is down 14.9% from its Jul 31, 2023 high (2,003.18) as of Nov 13, 2023, against a 3.9% drop for the S&P 500, its widest shortfall against the S&P 500 over 74 sessions since Jun 23, 2023.'
>>> headline(f)
'The Russell 2000 is down 14.9% from its July 2023 high, against 3.9% for the S&P 500'
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.memo import SeriesData
from rotascope.kinds.phrases import as_date, far_back
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.turning import turning_point
from rotascope.wording import fmt_date, fmt_month, long_month, number, pct, the_name

__all__ = ["KIND", "LOOKBACK", "MIN_MOVE", "THRESHOLD", "build", "headline", "template"]

#: The zigzag's reversal (a fraction), the lookback (sessions) and the smallest move told.
THRESHOLD = 0.05
LOOKBACK = 126
MIN_MOVE = 5.0


def _noun(f: Fact) -> str:
    return "high" if f.details.get("pivot") == "peak" else "low"


def _versus_words(items: list[dict[str, Any]]) -> str:
    parts = []
    for v in items:
        m = v.get("move_pct")
        if m is None or not math.isfinite(m):
            continue
        word = "gain" if m > 0 else "drop"
        parts.append(f"a {pct(abs(m))} {word} for {the_name(v['symbol'])}")
    return " and ".join(parts)


def _gap_clause(f: Fact) -> str:
    g = f.details.get("gap_record")
    if not g or f.versus is None:
        return ""
    lead = next((v for v in f.details.get("versus", []) if v["symbol"] == f.versus), None)
    ahead = lead is not None and lead.get("gap_pp", 0) > 0
    noun = f"widest {'lead over' if ahead else 'shortfall against'} {the_name(f.versus)}"
    when = (
        f"since {fmt_date(g['since'])}"
        if g.get("since")
        else f"on record (since {fmt_month(g['history_start'])})"
    )
    return f", its {noun} over {g['window']} sessions {when}"


def template(f: Fact) -> str:
    """The sentence of a ``turning_point`` fact."""
    d = f.details
    subject = the_name(f.subject, start=True)
    way = "up" if f.value > 0 else "down"
    text = (
        f"{subject} is {way} {pct(abs(f.value))} from its {fmt_date(f.start)} {_noun(f)} "
        f"({number(d.get('pivot_value'))}) as of {fmt_date(f.asof)}"
    )
    against = _versus_words(list(d.get("versus", [])))
    if against:
        text += f", against {against}"
    return text + _gap_clause(f) + "."


def headline(f: Fact) -> str:
    """The headline when a turning point leads the story."""
    way = "up" if f.value > 0 else "down"
    text = (
        f"{the_name(f.subject, start=True)} is {way} {pct(abs(f.value))} from its "
        f"{long_month(f.start)} {_noun(f)}"
    )
    lead = next((v for v in f.details.get("versus", []) if v["symbol"] == f.versus), None)
    if lead is not None and lead.get("move_pct") is not None:
        m = float(lead["move_pct"])
        same = (m > 0) == (f.value > 0)
        text += f", against {pct(abs(m) if same else m, signed=not same)} for {the_name(f.versus)}"
    return text


def reach_from(f: Fact) -> dt.date | None:
    """The gap's record: its since-date, or the start of its history."""
    g = f.details.get("gap_record")
    if not g:
        return None
    return as_date(g["since"] or g["history_start"])


def rarity(f: Fact) -> float | None:
    """``log10(out_of / rank)`` of the gap, capped at the independent windows."""
    g = f.details.get("gap_record")
    if not g:
        return None
    out_of, rank, window = int(g["out_of"]), int(g["rank"]), max(int(g["window"]), 1)
    return min(math.log10(out_of / rank), math.log10(max(out_of / window, 1.0)))


def _against(ctx: Context, other: SeriesData, pivot: pd.Timestamp) -> dict[str, Any] | None:
    a, day = ctx.data, ctx.day
    common = ctx.memo.alignment(a, other).common
    end = int(common.searchsorted(day, side="right")) - 1
    start = int(common.searchsorted(pivot, side="right")) - 1
    if start < 0 or end <= start:
        return None
    window = end - start
    spread = ctx.memo.spreads(a, other, window)
    day_c = common[end]
    gap = spread.at(day_c)
    if not math.isfinite(gap):
        return None
    rec = spread.record(day_c, "high" if gap >= 0 else "low")
    out: dict[str, Any] = {
        "symbol": other.symbol,
        "move_pct": float(spread.parts["b"].loc[day_c]),
        "gap_pp": gap,
        "window": window,
    }
    if rec is not None and rec.out_of > 1 and far_back(rec.since, day_c):
        out["record"] = {
            "since": None if rec.since is None else rec.since.isoformat(),
            "rank": rec.rank,
            "out_of": rec.out_of,
            "window": window,
            "history_start": rec.history_start.isoformat(),
        }
    return out


def _reach_key(item: dict[str, Any]) -> str:
    r = item.get("record")
    return "" if r is None else (r["since"] or "0000")


def build(ctx: Context) -> list[Fact]:
    """The subject's move from its turning point, when it is at least 5%."""
    data, day = ctx.data, ctx.day
    if not ctx.main or data.is_yield or data.compounded:
        return []
    t = turning_point(data.values.loc[:day], threshold=THRESHOLD, lookback=LOOKBACK)
    if t is None or abs(t.move * 100.0) < MIN_MOVE:
        return []
    items = [
        x for o in ctx.others if not o.is_yield and (x := _against(ctx, o, t.date)) is not None
    ]
    ranked = sorted((x for x in items if "record" in x), key=_reach_key)
    lead = ranked[0] if ranked else None
    details: dict[str, Any] = {
        "pivot": t.kind,
        "pivot_value": t.value,
        "sessions": t.sessions,
        "close": t.close,
        "confirmed": t.confirmed.date().isoformat(),
        "versus": [{k: v for k, v in x.items() if k != "record"} for x in items],
    }
    if lead is not None:
        details["gap_record"] = lead["record"]
    return [
        make(
            "turning_point",
            subject=data.symbol,
            versus=None if lead is None else lead["symbol"],
            asof=day.date(),
            value=t.move * 100.0,
            start=t.date.date(),
            basis=data.basis,
            label=f"move from the {t.date.date().isoformat()} {t.kind}",
            details=details,
        )
    ]


KIND = register(
    Kind(
        "turning_point",
        "pct",
        template,
        build,
        "The move from the notable peak or trough of the last six months, against others.",
        scope="series",
        order=36,
        may_lead=True,
        headline=headline,
        reach_from=reach_from,
        rarity=rarity,
    )
)
