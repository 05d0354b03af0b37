"""Kind ``valuation``: a valuation multiple's level against its own history.

"The S&P 500's CAPE was 35.7 in Jun 2024: 28% above its 20-year median of 27.9 (97th
percentile of the last 20 years, 97th since 1881); the highest since Oct 2021."
:func:`shiller_facts` gathers every valuation fact Shiller's data supports.

Examples
--------
>>> import pandas as pd
>>> idx = pd.date_range("2000-01-31", periods=300, freq="ME")
>>> s = pd.Series(range(300), index=idx, dtype=float) / 10 + 10
>>> f = valuation_fact(s, subject="SPX", metric="cape", years=20)
>>> f.unit, round(f.value, 1), f.details["percentile_all_pct"]
('x', 39.9, 100.0)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from rotascope._typing import DateLike
from rotascope.kinds._valuation import (
    METRIC_LABELS,
    as_month,
    dist,
    further_record,
    is_monthly,
    owner,
    record_text,
    to_record,
    when,
)
from rotascope.kinds.attribution import attribution_fact
from rotascope.kinds.erp import erp_fact
from rotascope.kinds.fact import Fact
from rotascope.kinds.implied_return import implied_return_fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.attribution import attribute_return
from rotascope.measures.cape_model import cape_return_regression
from rotascope.measures.valuation import history_asof, valuation_level
from rotascope.wording import multiple, percentile_ordinal

__all__ = ["KIND", "METRIC_LABELS", "shiller_facts", "template", "valuation_fact"]


def template(f: Fact) -> str:
    """The sentence of a ``valuation`` fact."""
    d = f.details
    years = int(d["years"])
    monthly = bool(d.get("monthly"))
    basis = d.get("basis_label") or ""
    rec = f.record
    word = "highest" if rec is not None and rec.direction == "high" else "lowest"
    return (
        f"{owner(f.subject)} {METRIC_LABELS.get(str(d['metric']), str(d['metric']))}"
        f"{f' ({basis})' if basis else ''} was {multiple(f.value)} in {when(f.asof, monthly)}: "
        f"{dist(d[f'vs_median_{years}y_pct'])} its {years}-year median of "
        f"{multiple(d[f'median_{years}y'])} ({percentile_ordinal(d[f'percentile_{years}y_pct'])} "
        f"percentile of the last {years} years, {percentile_ordinal(d['percentile_all_pct'])} "
        f"since {str(d['history_start'])[:4]}); {record_text(rec, word, monthly)}."
    )


def valuation_fact(
    series: pd.Series,
    *,
    subject: str,
    metric: str,
    asof: pd.Timestamp | None = None,
    years: int = 20,
    basis: str = "",
) -> Fact:
    """Level, percentiles (all history and the last ``years``), median distance, record.

    Parameters
    ----------
    series : pandas.Series
        The valuation (e.g. a P/E) on a DatetimeIndex.
    subject : str
        Canonical symbol the valuation belongs to.
    metric : str
        Key of :data:`METRIC_LABELS` (other strings are used as they are).
    asof : pandas.Timestamp, optional
    years : int
        Trailing window for the median and the second percentile.
    basis : str
        Shown in brackets after the metric (``"reported earnings"``).

    Returns
    -------
    Fact
        Kind ``valuation``, unit ``x``; the record is the high or low one, whichever
        reaches further back.
    """
    full = valuation_level(series, asof=asof)
    recent = valuation_level(series, asof=asof, years=years)
    details: dict[str, Any] = {
        "metric": metric,
        "basis_label": basis,
        "monthly": is_monthly(history_asof(series, asof)),
        "years": years,
        "percentile_all_pct": full.percentile * 100.0,
        f"percentile_{years}y_pct": recent.percentile * 100.0,
        "median_all": full.median,
        f"median_{years}y": recent.median,
        "vs_median_all_pct": full.vs_median * 100.0,
        f"vs_median_{years}y_pct": recent.vs_median * 100.0,
        f"q10_{years}y": recent.q10,
        f"q90_{years}y": recent.q90,
        "n_all": full.n,
        f"n_{years}y": recent.n,
        "window_start": recent.window_start.date().isoformat(),
        "history_start": full.window_start.date().isoformat(),
    }
    return make(
        "valuation",
        subject=subject,
        asof=full.date.date(),
        value=full.value,
        window=f"{years}y",
        record=to_record(further_record(series, asof)),
        label=metric,
        details=details,
    )


def shiller_facts(
    frame: pd.DataFrame,
    *,
    asof: DateLike | None = None,
    since: DateLike | None = None,
    years: int = 20,
    subject: str = "SPX",
    daily_price: pd.Series | None = None,
) -> list[Fact]:
    """The valuation facts Shiller's monthly data supports, as of a date.

    Parameters
    ----------
    frame : pandas.DataFrame
        Shiller's monthly frame (:meth:`~rotascope.data.port.DataSource.shiller`).
    asof, since : pandas.Timestamp or "YYYY-MM", optional
        The as-of month and the start of the attribution (none without it).
    years : int
        Window for medians and the second percentile.
    daily_price : pandas.Series, optional
        Daily closes of the index: the attribution then uses them at the exact dates,
        with Shiller's monthly earnings and P/E as of those dates.

    Returns
    -------
    list of Fact
        Trailing P/E and CAPE levels (``valuation``), the CAPE earnings yield vs GS10
        (``erp``), the attribution (``attribution``, when ``since``), the CAPE-implied
        10-year real return (``implied_return``, when the frame has real prices and
        dividends).
    """
    out: list[Fact] = []
    cut, start = as_month(asof), as_month(since)
    pe = (frame["price"] / frame["earnings"]).rename("pe_trailing")
    out.append(
        valuation_fact(
            pe, subject=subject, metric="pe_trailing", asof=cut, years=years,
            basis="Shiller, reported earnings",
        )
    )  # fmt: skip
    if "cape" in frame:
        out.append(
            valuation_fact(frame["cape"], subject=subject, metric="cape", asof=cut, years=years)
        )
        if "gs10" in frame:
            out.append(erp_fact(frame, asof=cut, subject=subject))
    if start is not None:
        div = frame["dividend"] / 12.0 if "dividend" in frame else None
        if daily_price is None:
            end = history_asof(pe, cut).index[-1]
            a = attribute_return(frame["price"], frame["earnings"], start, end, dividends=div)
            out.append(attribution_fact(a, subject=subject))
        else:
            end = history_asof(daily_price, cut).index[-1]
            a = attribute_return(daily_price, frame["earnings"], start, end, multiple=pe)
            out.append(attribution_fact(a, subject=subject, monthly=False))
    if {"cape", "real_price", "real_dividend"} <= set(frame.columns):
        out.append(implied_return_fact(cape_return_regression(frame, asof=cut), subject=subject))
    return out


KIND = register(
    Kind(
        "valuation",
        "x",
        template,
        valuation_fact,
        "A valuation multiple's level, percentile and record against its own history.",
        sparse=True,
    )
)
