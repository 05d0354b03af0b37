"""Kind ``rate_beta``: how much two indexes move per 10 basis points of the 10-year yield,
and the difference.

"Over the last 252 sessions to Jul 16, 2024, the Russell 2000 moved -0.45% and the
S&P 500 -0.20% per +10 bp in the 10-year Treasury yield: for each 10 bp rise, the
Russell 2000 does about 0.25 percentage points worse than the S&P 500 (slope of daily
returns on daily yield changes)."

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("rate_beta", "RUT", dt.date(2024, 7, 16), -0.25, "pp", "", versus="SPX",
...               window=252, details={"yield": "DGS10", "per_bp": 10,
...               "subject_move_pct": -0.45, "versus_move_pct": -0.2}))
'Over the last 252 sessions to Jul 16, 2024, the Russell 2000 moved -0.45% and the S&P 500 -0.20% per +10 bp in the 10-year Treasury yield: for each 10 bp rise, the Russell 2000 does about 0.25 percentage points worse than the S&P 500 (slope of daily returns on daily yield changes).'
"""  # noqa: E501

from __future__ import annotations

import pandas as pd

from rotascope.errors import DataError, UnknownSymbol
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.rates import beta_gap
from rotascope.symbols import canonical
from rotascope.wording import fmt_date, pct, points, the_name

__all__ = ["KIND", "YIELD", "build", "rate_beta_facts", "template"]

#: The yield the betas are measured against.
YIELD = "DGS10"


def template(f: Fact) -> str:
    """The sentence of a ``rate_beta`` fact."""
    d = f.details
    an, bn, yn = the_name(f.subject), the_name(f.versus), the_name(str(d.get("yield")))
    per = d.get("per_bp")
    better = "better" if f.value >= 0 else "worse"
    return (
        f"Over the last {f.window} sessions to {fmt_date(f.asof)}, {an} moved "
        f"{pct(d.get('subject_move_pct'), signed=True, digits=2)} and {bn} "
        f"{pct(d.get('versus_move_pct'), signed=True, digits=2)} per +{per} bp in {yn}: for "
        f"each {per} bp rise, {an} does about {points(f.value, digits=2, long=True)} "
        f"{better} than {bn} (slope of daily returns on daily yield changes)."
    )


def rate_beta_facts(
    close_a: pd.Series,
    close_b: pd.Series,
    yields: pd.Series,
    *,
    window: int = 252,
    asof: pd.Timestamp | None = None,
    per: int = 10,
    basis: str = "price",
) -> list[Fact]:
    """The ``rate_beta`` fact of two indexes (names = symbols) against ``yields``.

    Raises
    ------
    ValueError
        Fewer common sessions than ``window``.
    """
    a, b = canonical(str(close_a.name)), canonical(str(close_b.name))
    ysym = canonical(str(yields.name))
    g = beta_gap(close_a, close_b, yields, window=window, asof=asof, per=per)
    fact = make(
        "rate_beta",
        subject=a,
        versus=b,
        asof=g.asof.date(),
        value=g.gap_per * 100.0,
        window=int(window),
        basis=basis,
        label=f"rate beta gap per {per} bp of {ysym}",
        details={
            "yield": ysym,
            "per_bp": per,
            "beta_subject_pct_per_bp": g.beta_a * 100.0,
            "beta_versus_pct_per_bp": g.beta_b * 100.0,
            "subject_move_pct": g.a_per * 100.0,
            "versus_move_pct": g.b_per * 100.0,
        },
    )
    return [fact]


def build(ctx: Context) -> list[Fact]:
    """The pair's rate-beta gap to the 10-year yield (price pairs; cached per session)."""
    a, b = ctx.data, ctx.other
    if b is None or not ctx.is_price(a) or not ctx.is_price(b):
        return []
    try:
        y = ctx.memo.series(YIELD)
    except (UnknownSymbol, DataError):
        return []
    day = ctx.day
    basis = a.basis if a.basis == b.basis else "price"

    def make_facts() -> list[Fact]:
        close = ctx.close.rename(a.symbol)
        if close.empty:
            return []
        try:
            return rate_beta_facts(
                close,
                ctx.other_close.rename(b.symbol),
                y.values.loc[:day].rename(YIELD),
                asof=close.index[-1],
                basis=basis,
            )
        except ValueError:  # fewer than a window of common sessions
            return []

    return list(ctx.memo.get(("rate_beta", a.symbol, b.symbol, a.basis, day), make_facts))


KIND = register(
    Kind(
        "rate_beta",
        "pp",
        template,
        build,
        "Two indexes' moves per 10 bp of the 10-year yield, and the difference.",
        scope="pair_context",
        order=20,
    )
)
