"""Kind ``attribution``: a price return split into earnings growth, the change of the
multiple, dividends and a residual.

"From Oct 2022 to Jul 2024 the S&P 500 rose 49%: earnings +9%, multiple +37%."

Examples
--------
>>> import pandas as pd
>>> from rotascope.measures.attribution import attribute_return
>>> i = pd.date_range("2022-10-31", periods=2, freq="21ME")
>>> a = attribute_return(pd.Series([3726.05, 5538.0], i), pd.Series([182.4, 197.93], i),
...                      i[0], i[1])
>>> attribution_fact(a, subject="SPX").text
'From Oct 2022 to Jul 2024 the S&P 500 rose 49%: earnings +9%, multiple +37%.'
"""

from __future__ import annotations

from typing import Any

from rotascope.kinds._valuation import when
from rotascope.kinds.fact import Fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.attribution import Attribution
from rotascope.wording import fmt_month, pct, the_name

__all__ = ["KIND", "attribution_fact", "template"]


def template(f: Fact) -> str:
    """The sentence of an ``attribution`` fact."""
    d = f.details
    monthly = bool(d.get("monthly", True))
    text = (
        f"From {when(f.start, monthly)} to {when(d['price_end'], monthly)} "
        f"{the_name(f.subject)} {'rose' if d['log_price'] >= 0 else 'fell'} "
        f"{pct(abs(f.value), digits=0)}: earnings {pct(d['earnings_growth'], signed=True, digits=0)}, "  # noqa: E501
        f"multiple {pct(d['multiple_change'], signed=True, digits=0)}"
    )
    if abs(d["log_residual"]) >= 5e-4:
        text += (
            f", residual {pct(d['residual'], signed=True, digits=1)} (prices at these dates vs "
            "those behind the P/E)"
        )
    if d.get("log_dividends") is not None:
        text += (
            f"; dividends added {pct(d['dividend_contribution'], digits=1)}, for a total return "
            f"of {pct(d['total_return'], digits=0)}"
        )
    return text + "."


def _pct(x: float | None) -> float | None:
    return None if x is None else x * 100.0


def attribution_fact(a: Attribution, *, subject: str, monthly: bool = True) -> Fact:
    """The fact of an :class:`~rotascope.measures.attribution.Attribution`."""
    details: dict[str, Any] = {
        "monthly": monthly,
        "price_end": a.price_end.date().isoformat(),
        "log_price": a.log_price,
        "log_earnings": a.log_earnings,
        "log_multiple": a.log_multiple,
        "log_residual": a.log_residual,
        "log_dividends": a.log_dividends,
        "earnings_growth": _pct(a.earnings_growth),
        "multiple_change": _pct(a.multiple_change),
        "dividend_contribution": _pct(a.dividend_contribution),
        "total_return": _pct(a.total_return),
        "residual": _pct(a.residual),
        "p0_level": a.p0,
        "p1_level": a.p1,
        "e0_level": a.e0,
        "e1_level": a.e1,
        "m0_x": a.m0,
        "m1_x": a.m1,
        "earnings_start": a.earnings_start.date().isoformat(),
        "earnings_end": a.earnings_end.date().isoformat(),
    }
    return make(
        "attribution",
        subject=subject,
        asof=a.price_end.date(),
        value=a.price_return * 100.0,
        start=a.price_start.date(),
        window=f"{fmt_month(a.price_start)}-{fmt_month(a.price_end)}",
        basis="price",
        label="return attribution",
        details=details,
    )


KIND = register(
    Kind(
        "attribution",
        "pct",
        template,
        attribution_fact,
        "A price return split into earnings growth, multiple change and dividends.",
        sparse=True,
    )
)
