"""Kind ``drawdown_vs``: a series' drawdown from its all-time high against what the
other series of the pair did over the same dates.

"The Russell 2000 closed 7.3% below its Nov 8, 2021 record close (2,442.74) on Jul 16,
2024, vs a 20.5% gain for the S&P 500 over the same dates."

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("drawdown_vs", "RUT", dt.date(2024, 7, 16), -7.3, "pct", "",
...               versus="SPX", details={"peak_date": "2021-11-08", "peak_value": 2442.74,
...                                      "versus_change": 20.5}))
'The Russell 2000 closed 7.3% below its Nov 8, 2021 record close (2,442.74) on Jul 16, 2024, vs a 20.5% gain for the S&P 500 over the same dates.'
"""  # noqa: E501

from __future__ import annotations

import numpy as np

from rotascope.kinds.context import Context
from rotascope.kinds.drawdown import drawdown_main
from rotascope.kinds.fact import Fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.drawdown import relative_drawdown
from rotascope.wording import fmt_date, pct, the_name

__all__ = ["KIND", "build", "template"]


def template(f: Fact) -> str:
    """The sentence of a ``drawdown_vs`` fact."""
    ch = f.details.get("versus_change", 0.0)
    word = "gain" if ch > 0 else "loss" if ch < 0 else "no change"
    amount = f"a {pct(abs(ch))} {word}" if ch != 0 else "no change"
    since_peak = "over the same dates" if f.value != 0 else f"since {fmt_date(f.start)}"
    return f"{drawdown_main(f)}, vs {amount} for {the_name(f.versus)} {since_peak}."


def build(ctx: Context) -> list[Fact]:
    """The subject's drawdown vs the other series' change since the subject's peak."""
    a, b = ctx.data, ctx.other
    if b is None or not ctx.price_pair:
        return []
    rd = relative_drawdown(a.values, b.values, ctx.day)
    if rd.a.value == 0 or not np.isfinite(rd.b_change):
        return []
    details: dict[str, object] = {
        "close": rd.a.close,
        "peak_date": rd.a.peak_date.date().isoformat(),
        "peak_value": rd.a.peak_value,
        "versus_change": rd.b_change * 100.0,
        "versus_peak_close": rd.b_peak_close,
        "versus_close": rd.b_close,
        "gap_pp": rd.gap * 100.0,
    }
    if a.compounded:
        details["compounded"] = True
    fact = make(
        "drawdown_vs",
        subject=a.symbol,
        versus=b.symbol,
        asof=ctx.day.date(),
        value=rd.a.value * 100.0,
        start=rd.a.peak_date.date(),
        basis=a.basis,
        label="drawdown vs pair",
        details=details,
    )
    return [fact]


KIND = register(
    Kind(
        "drawdown_vs",
        "pct",
        template,
        build,
        "A series' drawdown from its high against the other series' change since then.",
        scope="pair",
        order=30,
    )
)
