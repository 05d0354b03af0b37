"""Kind ``catalyst_spread``: how much one series beat another on a CPI or FOMC day, ranked
among all such days.

"The Russell 2000 beat the S&P 500 by 2.9 points on Jul 11, 2024, a CPI day (+3.6% vs
+0.7%): the widest margin over it on a CPI day since ... (rank 2 of 287)."
Made by :func:`rotascope.kinds.catalyst.catalyst_facts` with a second series.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> rec = Record("high", None, None, 1, 3, dt.date(2024, 1, 2))
>>> template(Fact("catalyst_spread", "RUT", dt.date(2024, 7, 11), 2.9, "pp", "",
...               versus="SPX", record=rec, details={"event": "cpi",
...               "subject_return_pct": 3.62, "versus_return_pct": 0.72}))
'The Russell 2000 beat the S&P 500 by 2.9 points on Jul 11, 2024, a CPI day (+3.6% vs +0.7%): the widest margin over it on any CPI day since 2024 (3 CPI days).'
"""  # noqa: E501

from __future__ import annotations

from rotascope.kinds._events import article, kind_word
from rotascope.kinds.catalyst import event_context
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.registry import Kind, register
from rotascope.wording import count, fmt_date, pct, points, the_name

__all__ = ["KIND", "build", "template"]


def template(f: Fact) -> str:
    """The sentence of a ``catalyst_spread`` fact."""
    d = f.details
    kw = kind_word(str(d.get("event", "")))
    ahead = f.value >= 0
    text = (
        f"{the_name(f.subject, start=True)} {'beat' if ahead else 'lagged'} "
        f"{the_name(f.versus)} by {points(f.value)} on "
        f"{fmt_date(f.asof)}, {article(kw)} {kw} day "
        f"({pct(d.get('subject_return_pct'), signed=True)} vs "
        f"{pct(d.get('versus_return_pct'), signed=True)})"
    )
    rec = f.record
    if rec is None:
        return text + "."
    widest = "widest margin over" if ahead else "widest shortfall against"
    if rec.since is None:
        return (
            f"{text}: the {widest} it on any {kw} day since {rec.history_start.year} "
            f"({count(rec.out_of)} {kw} days)."
        )
    return (
        f"{text}: the {widest} it on {article(kw)} {kw} day since {fmt_date(rec.since)} "
        f"(rank {count(rec.rank)} of {count(rec.out_of)})."
    )


def build(ctx: Context) -> list[Fact]:
    """The pair's spread on ``ctx.day`` when it is a CPI, FOMC or user event day."""
    return event_context(ctx, versus=True)


KIND = register(
    Kind(
        "catalyst_spread",
        "pp",
        template,
        build,
        "One series' margin over another on a CPI or FOMC day, ranked among such days.",
        scope="pair_context",
        order=10,
        sparse=True,
    )
)
