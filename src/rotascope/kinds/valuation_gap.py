"""Kind ``valuation_gap``: the premium or discount of one valuation series to another
(``a / b - 1``, in percent), with its percentile and record.

"The Russell 2000's forward P/E was 21% below the S&P 500's in Jul 2024 (a discount at
the 8th percentile of the last 20 years; 20-year median -5%); the widest discount since
Mar 2001." A discount's record looks for the widest discount (the lowest gap).

Examples
--------
>>> import pandas as pd
>>> idx = pd.date_range("2004-01-31", periods=250, freq="ME")
>>> a = pd.Series(15.0, index=idx); b = pd.Series(16.0, index=idx)
>>> f = gap_fact(a, b, subject="RUT", versus="SPX", metric="pe_forward")
>>> f.unit, round(f.value, 2)
('pct', -6.25)
"""

from __future__ import annotations

import pandas as pd

from rotascope.kinds._valuation import (
    METRIC_LABELS,
    dist,
    is_monthly,
    owner,
    pick_record,
    record_text,
    to_record,
    when,
)
from rotascope.kinds.fact import Fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.valuation import gap_series, history_asof, valuation_level
from rotascope.wording import pct, percentile_ordinal, the_name

__all__ = ["KIND", "gap_fact", "template"]


def template(f: Fact) -> str:
    """The sentence of a ``valuation_gap`` fact."""
    d = f.details
    years = int(d["years"])
    monthly = bool(d.get("monthly"))
    basis = d.get("basis_label") or ""
    discount = f.value < 0
    word = "widest discount" if discount else "widest premium"
    return (
        f"{owner(f.subject)} {METRIC_LABELS.get(str(d['metric']), str(d['metric']))}"
        f"{f' ({basis})' if basis else ''} was {dist(f.value)} {the_name(f.versus)}'s in "
        f"{when(f.asof, monthly)} ({'a discount' if discount else 'a premium'} at the "
        f"{percentile_ordinal(d[f'percentile_{years}y_pct'])} percentile of the last {years} "
        f"years; {years}-year median {pct(d[f'median_{years}y'], signed=True, digits=0)}); "
        f"{record_text(f.record, word, monthly)}."
    )


def gap_fact(
    a: pd.Series,
    b: pd.Series,
    *,
    subject: str,
    versus: str,
    metric: str,
    asof: pd.Timestamp | None = None,
    years: int = 20,
    basis: str = "",
) -> Fact:
    """The gap ``a / b - 1`` between two valuation series, its percentile and record."""
    g = gap_series(a, b)
    recent = valuation_level(g, asof=asof, years=years)
    full = valuation_level(g, asof=asof)
    rec = pick_record(g, asof, recent.value >= 0)
    return make(
        "valuation_gap",
        subject=subject,
        versus=versus,
        asof=recent.date.date(),
        value=recent.value * 100.0,
        window=f"{years}y",
        record=to_record(rec, 100.0),
        label=f"{metric} gap",
        details={
            "metric": metric,
            "basis_label": basis,
            "monthly": is_monthly(history_asof(g, asof)),
            "years": years,
            f"percentile_{years}y_pct": recent.percentile * 100.0,
            "percentile_all_pct": full.percentile * 100.0,
            f"median_{years}y": recent.median * 100.0,
            "history_start": full.window_start.date().isoformat(),
        },
    )


KIND = register(
    Kind(
        "valuation_gap",
        "pct",
        template,
        gap_fact,
        "One valuation series' premium or discount to another, and its record.",
        sparse=True,
    )
)
