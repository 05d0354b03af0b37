"""Kind ``ratio``: the level of A / B, its record (the side reaching further back) and its
change over the shortest window asked for.

"The ratio of Russell 2000 to S&P 500 closed at 0.3994 on Jul 16, 2024, its highest
since Apr 1, 2024. It rose 9.8% in the five sessions to Jul 16, 2024."

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("ratio", "RUT", dt.date(2024, 7, 16), 0.39941, "ratio", "", versus="SPX",
...               details={"change_window": 5, "change_pct": 9.8}))
'The ratio of Russell 2000 to S&P 500 closed at 0.3994 on Jul 16, 2024. It rose 9.8% in the five sessions to Jul 16, 2024.'
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import math

from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.phrases import is_notable, join
from rotascope.kinds.registry import Kind, make, register
from rotascope.wording import fmt_date, fmt_month, name, number, pct, span

__all__ = ["KIND", "build", "template"]


def template(f: Fact) -> str:
    """The sentence of a ``ratio`` fact."""
    title = f"The ratio of {name(f.subject)} to {name(f.versus or '')}"
    main = f"{title} closed at {number(f.value)} on {fmt_date(f.asof)}"
    rec = f.record
    clause = ""
    if rec is not None and is_notable(rec, f.asof):
        if rec.since is None:
            clause = f"a record {rec.direction} (since {fmt_month(rec.history_start)})"
        else:
            word = "highest" if rec.direction == "high" else "lowest"
            clause = f"its {word} since {fmt_date(rec.since)}"
    text = join(main, clause)
    cw, change = f.details.get("change_window"), f.details.get("change_pct")
    if cw is not None and change is not None and math.isfinite(change):
        verb = "rose" if change > 0 else "fell" if change < 0 else "was unchanged"
        amount = f" {pct(abs(change))}" if change != 0 else ""
        text += f" It {verb}{amount} {span(int(cw), f.asof)}."
    return text


def _reach(record: Record) -> dt.date:
    return record.since if record.since is not None else dt.date.min


def build(ctx: Context) -> list[Fact]:
    """The ratio of the pair on ``ctx.day`` (a common session), price-like pairs only."""
    a, b, day = ctx.data, ctx.other, ctx.day
    if b is None or not ctx.price_pair:
        return []
    r = ctx.memo.ratios(a, b)
    # the more newsworthy side is the one that reaches further back (ties: high)
    sides = [x for x in (r.record(day, "high"), r.record(day, "low")) if x is not None]
    series = r.value
    pos = int(series.index.get_loc(day))
    changes: dict[str, float] = {}
    for w in ctx.windows:
        if pos - w >= 0:
            changes[str(w)] = float(series.iloc[pos] / series.iloc[pos - w] - 1.0) * 100.0
    change_window = 5 if "5" in changes else (int(next(iter(changes))) if changes else None)
    fact = make(
        "ratio",
        subject=a.symbol,
        versus=b.symbol,
        asof=day.date(),
        value=float(series.loc[day]),
        record=min(sides, key=_reach) if sides else None,
        basis=a.basis,
        label="price ratio",
        details={
            "changes_pct": changes,
            "change_window": change_window,
            "change_pct": changes.get(str(change_window)) if change_window else None,
            "subject_close": float(a.values.loc[day]),
            "versus_close": float(b.values.loc[day]),
        },
    )
    return [fact]


KIND = register(
    Kind(
        "ratio",
        "ratio",
        template,
        build,
        "The ratio of two series' closes, its record high or low, and its recent change.",
        scope="pair",
        order=20,
    )
)
