"""Kind ``implied_return``: the annual real return over the next decade implied by the
historical relation between starting CAPE and the following decade's return.

"At a CAPE of 35.7 in Jun 2024, the 1881-2014 relation between starting CAPE and the
following 10-year real total return (OLS on 1/CAPE, R² 0.42) implies 1.2% a year over
the next decade; 95% confidence band for that mean ..."

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("implied_return", "SPX", dt.date(2024, 6, 30), 1.2, "pct", "",
...               details={"cape": 35.7, "first": "1881-01-31", "last": "2014-06-30",
...                        "years": 10, "predictor": "inverse_cape", "r2": 0.42,
...                        "level_pct": 95.0, "ci_low": 0.5, "ci_high": 1.9,
...                        "pi_low": -3.0, "pi_high": 5.4}))[:68]
'At a CAPE of 35.7 in Jun 2024, the 1881-2014 relation between starti'
"""

from __future__ import annotations

from rotascope.kinds.fact import Fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.cape_model import ReturnRegression
from rotascope.wording import fmt_month, multiple, pct

__all__ = ["KIND", "implied_return_fact", "template"]


def template(f: Fact) -> str:
    """The sentence of an ``implied_return`` fact."""
    d = f.details
    lvl = pct(d["level_pct"], digits=0)
    pred = "1/CAPE" if d["predictor"] == "inverse_cape" else "CAPE"
    return (
        f"At a CAPE of {multiple(d['cape'])} in {fmt_month(f.asof)}, the "
        f"{str(d['first'])[:4]}-{str(d['last'])[:4]} relation between starting CAPE and the "
        f"following {d['years']}-year real total return (OLS on {pred}, R\u00b2 {d['r2']:.2f}) "
        f"implies {pct(f.value, digits=1)} a year over the next decade; {lvl} confidence band "
        f"for that mean {pct(d['ci_low'], digits=1)} to {pct(d['ci_high'], digits=1)}, {lvl} "
        f"prediction interval for one decade {pct(d['pi_low'], digits=1)} to "
        f"{pct(d['pi_high'], digits=1)}."
    )


def implied_return_fact(reg: ReturnRegression, *, subject: str = "SPX") -> Fact:
    """The CAPE-implied annualised real return over the next ``reg.years`` years."""
    return make(
        "implied_return",
        subject=subject,
        asof=reg.asof_date.date(),
        value=reg.implied * 100.0,
        window=f"{reg.years}y",
        basis="total_return",
        label=f"CAPE-implied {reg.years}-year real return",
        details={
            "cape": reg.x0,
            "predictor": reg.predictor,
            "first": reg.first.date().isoformat(),
            "last": reg.last.date().isoformat(),
            "years": reg.years,
            "n": reg.n,
            "r2": reg.r2,
            "r2_cape": reg.r2_cape,
            "r2_inverse": reg.r2_inverse,
            "hac_lags": reg.hac_lags,
            "intercept_pct": reg.intercept * 100.0,
            "slope_pct": reg.slope * 100.0,
            "resid_sd": reg.resid_sd * 100.0,
            "level_pct": reg.level * 100.0,
            "ci_low": reg.ci_low * 100.0,
            "ci_high": reg.ci_high * 100.0,
            "pi_low": reg.pi_low * 100.0,
            "pi_high": reg.pi_high * 100.0,
        },
    )


KIND = register(
    Kind(
        "implied_return",
        "pct",
        template,
        implied_return_fact,
        "The annual real return over the next decade implied by today's CAPE.",
        sparse=True,
    )
)
