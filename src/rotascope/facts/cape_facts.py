"""CAPE facts: the CAPE earnings yield against bonds, and the CAPE-implied return.

Kinds (both ``valuation``):

- the CAPE earnings yield vs the 10-year Treasury yield (label ``equity risk premium``,
  unit ``pp``), from :func:`rotascope.measures.valuation.earnings_yields`;
- the CAPE-implied 10-year real return (label ``CAPE-implied 10-year real return``),
  from :func:`rotascope.measures.cape_model.cape_return_regression`.

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

from rotascope._typing import DateLike
from rotascope.facts._valuation_text import further_record, owner, record_text, to_record
from rotascope.facts.fact import Fact
from rotascope.facts.text import fmt_month
from rotascope.measures.cape_model import ReturnRegression
from rotascope.measures.valuation import earnings_yields, history_asof, valuation_level

__all__ = ["erp_fact", "implied_return_fact"]

_ERP = (
    "{owner} CAPE earnings yield ({ey:.1%}) was {gap:.1f} percentage points {side} the 10-year "
    "Treasury yield ({by:.2%}) in {when}; that gap was {record}."
)
_IMPLIED = (
    "At a CAPE of {x0:.1f} in {when}, the {first}-{last} relation between starting CAPE and the "
    "following {years}-year real total return (OLS on {pred}, R\u00b2 {r2:.2f}) implies "
    "{implied:.1%} a year over the next decade; {lvl:.0%} confidence band for that mean "
    "{ci_low:.1%} to {ci_high:.1%}, {lvl:.0%} prediction interval for one decade "
    "{pi_low:.1%} to {pi_high:.1%}."
)


def erp_fact(frame: pd.DataFrame, *, asof: DateLike | None = None, subject: str = "SPX") -> Fact:
    """CAPE earnings yield minus the 10-year Treasury yield (equity risk premium proxy)."""
    ey = earnings_yields(frame)
    s = history_asof(ey["erp_cape"], asof)
    d = s.index[-1]
    v = float(s.iloc[-1])
    rec = further_record(ey["erp_cape"], asof)
    text = _ERP.format(
        owner=owner(subject),
        ey=ey.at[d, "cape_yield"],
        gap=abs(v) * 100,
        side="above" if v >= 0 else "below",
        by=ey.at[d, "bond_yield"],
        when=fmt_month(d),
        record=record_text(rec, "highest" if rec.direction == "high" else "lowest", True),
    )
    return Fact(
        kind="valuation",
        subject=subject,
        versus="GS10",
        asof=d.date(),
        value=v,
        unit="pp",
        text=text,
        record=to_record(rec),
        label="equity risk premium",
        details={
            "cape_yield": float(ey.at[d, "cape_yield"]),
            "trailing_yield": float(ey.at[d, "trailing_yield"]),
            "bond_yield": float(ey.at[d, "bond_yield"]),
            "erp_trailing": float(ey.at[d, "erp_trailing"]),
            "percentile_all": valuation_level(ey["erp_cape"], asof=asof).percentile,
        },
    )


def implied_return_fact(reg: ReturnRegression, *, subject: str = "SPX") -> Fact:
    """The CAPE-implied annualised real return over the next ``reg.years`` years."""
    text = _IMPLIED.format(
        x0=reg.x0,
        when=fmt_month(reg.asof_date),
        first=reg.first.year,
        last=reg.last.year,
        years=reg.years,
        pred="1/CAPE" if reg.predictor == "inverse_cape" else "CAPE",
        r2=reg.r2,
        implied=reg.implied,
        lvl=reg.level,
        ci_low=reg.ci_low,
        ci_high=reg.ci_high,
        pi_low=reg.pi_low,
        pi_high=reg.pi_high,
    )
    return Fact(
        kind="valuation",
        subject=subject,
        asof=reg.asof_date.date(),
        value=reg.implied,
        unit="pct",
        text=text,
        window=f"{reg.years}y",
        basis="total_return",
        label=f"CAPE-implied {reg.years}-year real return",
        details={
            k: (v.date().isoformat() if isinstance(v, pd.Timestamp) else v)
            for k, v in vars(reg).items()
        },
    )
