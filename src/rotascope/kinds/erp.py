"""Kind ``erp``: the CAPE earnings yield against the 10-year Treasury yield (an equity risk
premium proxy), in percentage points, with its record.

"The S&P 500's CAPE earnings yield (2.9%) was 1.3 percentage points below the 10-year
Treasury yield (4.20%) in Jul 2024; that gap was the lowest since records began in 2024."

Examples
--------
>>> import pandas as pd
>>> i = pd.date_range("2024-05-31", periods=3, freq="ME")
>>> f = pd.DataFrame({"price": 1.0, "earnings": 0.05, "cape": [30.0, 32.0, 35.0],
...                   "gs10": [4.5, 4.4, 4.2]}, index=i)
>>> erp_fact(f).text
"The S&P 500's CAPE earnings yield (2.9%) was 1.3 percentage points below the 10-year Treasury yield (4.20%) in Jul 2024; that gap was the lowest since records began in 2024."
"""  # noqa: E501

from __future__ import annotations

import pandas as pd

from rotascope.kinds._valuation import further_record, owner, record_text, to_record
from rotascope.kinds.fact import Fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.valuation import earnings_yields, history_asof, valuation_level
from rotascope.wording import fmt_month, pct, points

__all__ = ["KIND", "erp_fact", "template"]


def template(f: Fact) -> str:
    """The sentence of an ``erp`` fact."""
    d, rec = f.details, f.record
    word = "highest" if rec is not None and rec.direction == "high" else "lowest"
    return (
        f"{owner(f.subject)} CAPE earnings yield ({pct(d['cape_yield_pct'], digits=1)}) was "
        f"{points(f.value, digits=1, long=True)} {'above' if f.value >= 0 else 'below'} the "
        f"10-year Treasury yield ({pct(d['bond_yield_pct'], digits=2)}) in {fmt_month(f.asof)}; "
        f"that gap was {record_text(rec, word, True)}."
    )


def erp_fact(
    frame: pd.DataFrame, *, asof: pd.Timestamp | None = None, subject: str = "SPX"
) -> Fact:
    """CAPE earnings yield minus the 10-year Treasury yield, as of ``asof``."""
    ey = earnings_yields(frame)
    s = history_asof(ey["erp_cape"], asof)
    d = s.index[-1]
    return make(
        "erp",
        subject=subject,
        versus="GS10",
        asof=d.date(),
        value=float(s.iloc[-1]) * 100.0,
        record=to_record(further_record(ey["erp_cape"], asof), 100.0),
        label="equity risk premium",
        details={
            "cape_yield_pct": float(ey.at[d, "cape_yield"]) * 100.0,
            "trailing_yield_pct": float(ey.at[d, "trailing_yield"]) * 100.0,
            "bond_yield_pct": float(ey.at[d, "bond_yield"]) * 100.0,
            "erp_trailing": float(ey.at[d, "erp_trailing"]) * 100.0,
            "percentile_all_pct": valuation_level(ey["erp_cape"], asof=asof).percentile * 100.0,
        },
    )


KIND = register(
    Kind(
        "erp",
        "pp",
        template,
        erp_fact,
        "The CAPE earnings yield minus the 10-year Treasury yield, and its record.",
        sparse=True,
    )
)
