"""Kind ``recovery``: a record close that ends a drawdown of 10% or more.

"The S&P 500's record close on Jan 19, 2024 recovered all of its 25.4% bear-market loss
from its Jan 3, 2022 record (the low was on Oct 12, 2022)." The rule is
:func:`~rotascope.measures.thresholds.thresholds_at`: the old high is counted from the
first date it was reached, the loss is the deepest close between. The story tells it
with the day's ``record_close`` (whose sentence carries it), so it is folded there.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("recovery", "SPX", dt.date(2024, 1, 19), -25.43, "pct", "",
...               details={"peak_date": "2022-01-03", "trough_date": "2022-10-12"}))
"The S&P 500's record close on Jan 19, 2024 recovered all of its 25.4% bear-market loss from its Jan 3, 2022 record (the low was on Oct 12, 2022)."
"""  # noqa: E501

from __future__ import annotations

import datetime as dt

from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.phrases import as_date
from rotascope.kinds.record_close import RECOVERY_DEPTH, record_close_fact
from rotascope.kinds.record_count import _possessive
from rotascope.kinds.registry import Kind, make, register
from rotascope.wording import fmt_date, pct

__all__ = ["KIND", "build", "template"]


def template(f: Fact) -> str:
    """The sentence of a ``recovery`` fact."""
    d = f.details
    kind = "bear-market loss" if f.value <= -20.0 else "correction"
    return (
        f"{_possessive(f.subject)} record close on {fmt_date(f.asof)} recovered all of its "
        f"{pct(abs(f.value))} {kind} from its {fmt_date(d['peak_date'])} record (the low "
        f"was on {fmt_date(d['trough_date'])})."
    )


def reach_from(f: Fact) -> dt.date | None:
    """The news reaches back to the old high."""
    return as_date(f.details["peak_date"])


def build(ctx: Context) -> list[Fact]:
    """The recovery on ``ctx.day``, when it is a record close ending a deep drawdown."""
    rc = record_close_fact(ctx, ctx.day)
    rec = None if rc is None else rc.details.get("recovery")
    if rc is None or not rec or rec["depth_pct"] > -RECOVERY_DEPTH:
        return []
    return [
        make(
            "recovery",
            subject=rc.subject,
            asof=rc.asof,
            value=float(rec["depth_pct"]),
            start=as_date(rec["peak_date"]),
            basis=rc.basis,
            label="recovery to a record",
            details={k: v for k, v in rec.items() if k != "depth_pct"},
        )
    ]


KIND = register(
    Kind(
        "recovery",
        "pct",
        template,
        build,
        "A record close that ends a drawdown of 10% or more, with the depth of the loss.",
        scope="series",
        order=44,
        reach_from=reach_from,
        recent=True,
    )
)
