"""Valuation and attribution facts, with sentences from templates.

Kinds:

- ``valuation``: a valuation's level vs its own history (label = the metric), the gap
  between two valuation series (``versus`` set, unit ``pct``); the CAPE facts (earnings
  yield vs the 10-year Treasury yield, CAPE-implied 10-year real return) are made in
  :mod:`rotascope.facts.cape_facts` and re-exported here (``erp_fact``,
  ``implied_return_fact``); :func:`shiller_facts` gathers them all.
- ``attribution``: a price return split into earnings, multiple, dividends, residual.

Examples
--------
>>> import pandas as pd
>>> i = pd.date_range("2022-10-31", periods=2, freq="21ME")
>>> from rotascope.measures.attribution import attribute_return
>>> a = attribute_return(pd.Series([3726.05, 5538.0], i), pd.Series([182.4, 197.93], i),
...                      i[0], i[1])
>>> attribution_fact(a, subject="SPX").text
'From Oct 2022 to Jul 2024 the S&P 500 rose 49%: earnings +9%, multiple +37%.'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from rotascope._typing import DateLike
from rotascope.facts._valuation_text import (
    as_month,
    dist,
    further_record,
    is_monthly,
    owner,
    percentile_ordinal,
    pick_record,
    record_text,
    to_record,
    when,
)
from rotascope.facts.cape_facts import erp_fact, implied_return_fact
from rotascope.facts.fact import Fact
from rotascope.facts.text import fmt_month, name
from rotascope.measures.attribution import Attribution, attribute_return
from rotascope.measures.cape_model import cape_return_regression
from rotascope.measures.valuation import gap_series, history_asof, valuation_level

__all__ = [
    "METRIC_LABELS",
    "attribution_fact",
    "erp_fact",
    "gap_fact",
    "implied_return_fact",
    "shiller_facts",
    "valuation_fact",
]

#: Words for each metric in sentences.
METRIC_LABELS: Mapping[str, str] = {
    "pe_trailing": "trailing P/E",
    "pe_forward": "forward P/E",
    "cape": "CAPE",
    "price_sales": "price/sales ratio",
    "price_book": "price/book ratio",
    "earnings": "earnings",
    "earnings_forward": "forward earnings",
    "dividends": "dividends",
    "price": "price",
}

_LEVEL = (
    "{owner} {metric}{basis} was {value:.1f} in {when}: {dist} its {years}-year median of "
    "{median:.1f} ({pct_y} percentile of the last {years} years, {pct_all} since {first}); "
    "{record}."
)
_GAP = (
    "{owner} {metric}{basis} was {dist} {versus}'s in {when} ({side} at the {pct_y} "
    "percentile of the last {years} years; {years}-year median {median:+.0%}); {record}."
)
_ATTR = "From {start} to {end} {subject} {verb} {ret:.0%}: earnings {e:+.0%}, multiple {m:+.0%}"


def valuation_fact(
    series: pd.Series,
    *,
    subject: str,
    metric: str,
    asof: DateLike | None = None,
    years: int = 20,
    basis: str = "",
) -> Fact:
    """Level, percentile (all history and last ``years``), median distance and record.

    Parameters
    ----------
    series : pandas.Series
        The valuation (e.g. a P/E) on a DatetimeIndex.
    subject : str
        Canonical symbol the valuation belongs to.
    metric : str
        Key of :data:`METRIC_LABELS` (other strings are used as they are).
    asof : date-like, optional
    years : int
        Trailing window for the median and the second percentile.
    basis : str
        Shown in brackets after the metric (``"reported earnings"``).

    Returns
    -------
    Fact
        kind ``valuation``, unit ``x``, value = the level, record = highest/lowest since
        (whichever of the high and low records reaches further back).
    """
    full = valuation_level(series, asof=asof)
    recent = valuation_level(series, asof=asof, years=years)
    rec = further_record(series, asof)
    high = rec.direction == "high"
    monthly = is_monthly(history_asof(series, asof))
    text = _LEVEL.format(
        owner=owner(subject),
        metric=METRIC_LABELS.get(metric, metric),
        basis=f" ({basis})" if basis else "",
        value=full.value,
        when=when(full.date, monthly),
        dist=dist(recent.vs_median),
        years=years,
        median=recent.median,
        pct_y=percentile_ordinal(recent.percentile),
        pct_all=percentile_ordinal(full.percentile),
        first=full.window_start.year,
        record=record_text(rec, "highest" if high else "lowest", monthly),
    )
    details: dict[str, Any] = {
        "metric": metric,
        "percentile_all": full.percentile,
        f"percentile_{years}y": recent.percentile,
        "median_all": full.median,
        f"median_{years}y": recent.median,
        "vs_median_all": full.vs_median,
        f"vs_median_{years}y": recent.vs_median,
        f"q10_{years}y": recent.q10,
        f"q90_{years}y": recent.q90,
        "n_all": full.n,
        f"n_{years}y": recent.n,
        "years": years,
        "window_start": recent.window_start.date().isoformat(),
    }
    return Fact(
        kind="valuation",
        subject=subject,
        asof=full.date.date(),
        value=full.value,
        unit="x",
        text=text,
        window=f"{years}y",
        record=to_record(rec),
        label=metric,
        details=details,
    )


def gap_fact(
    a: pd.Series,
    b: pd.Series,
    *,
    subject: str,
    versus: str,
    metric: str,
    asof: DateLike | None = None,
    years: int = 20,
    basis: str = "",
) -> Fact:
    """The gap ``a / b - 1`` between two valuation series, its percentile and record.

    A negative gap is a discount; its record looks for the widest discount (lowest gap).
    """
    g = gap_series(a, b)
    recent = valuation_level(g, asof=asof, years=years)
    full = valuation_level(g, asof=asof)
    discount = recent.value < 0
    rec = pick_record(g, asof, not discount)
    monthly = is_monthly(history_asof(g, asof))
    side = "a discount" if discount else "a premium"
    text = _GAP.format(
        owner=owner(subject),
        metric=METRIC_LABELS.get(metric, metric),
        basis=f" ({basis})" if basis else "",
        dist=dist(recent.value),
        versus=name(versus),
        when=when(recent.date, monthly),
        side=side,
        pct_y=percentile_ordinal(recent.percentile),
        years=years,
        median=recent.median,
        record=record_text(rec, "widest discount" if discount else "widest premium", monthly),
    )
    return Fact(
        kind="valuation",
        subject=subject,
        versus=versus,
        asof=recent.date.date(),
        value=recent.value,
        unit="pct",
        text=text,
        window=f"{years}y",
        record=to_record(rec),
        label=f"{metric} gap",
        details={
            "metric": metric,
            f"percentile_{years}y": recent.percentile,
            "percentile_all": full.percentile,
            f"median_{years}y": recent.median,
            "history_start": full.window_start.date().isoformat(),
        },
    )


def attribution_fact(a: Attribution, *, subject: str, monthly: bool = True) -> Fact:
    """Sentence and numbers for an :class:`~rotascope.measures.attribution.Attribution`."""
    text = _ATTR.format(
        start=when(a.price_start, monthly),
        end=when(a.price_end, monthly),
        subject=name(subject),
        verb="rose" if a.log_price >= 0 else "fell",
        ret=abs(a.price_return),
        e=a.earnings_growth,
        m=a.multiple_change,
    )
    if abs(a.log_residual) >= 5e-4:
        text += f", residual {a.residual:+.1%} (prices at these dates vs those behind the P/E)"
    if a.log_dividends is not None:
        text += (
            f"; dividends added {a.dividend_contribution:.1%}, "
            f"for a total return of {a.total_return:.0%}"
        )
    text += "."
    details: dict[str, Any] = {
        "log_price": a.log_price,
        "log_earnings": a.log_earnings,
        "log_multiple": a.log_multiple,
        "log_residual": a.log_residual,
        "log_dividends": a.log_dividends,
        "earnings_growth": a.earnings_growth,
        "multiple_change": a.multiple_change,
        "dividend_contribution": a.dividend_contribution,
        "total_return": a.total_return,
        "residual": a.residual,
        "p0": a.p0,
        "p1": a.p1,
        "e0": a.e0,
        "e1": a.e1,
        "m0": a.m0,
        "m1": a.m1,
        "earnings_start": a.earnings_start.date().isoformat(),
        "earnings_end": a.earnings_end.date().isoformat(),
    }
    return Fact(
        kind="attribution",
        subject=subject,
        asof=a.price_end.date(),
        value=a.price_return,
        unit="pct",
        text=text,
        start=a.price_start.date(),
        window=f"{fmt_month(a.price_start)}-{fmt_month(a.price_end)}",
        basis="price",
        label="return attribution",
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
    """The valuation facts the Shiller data supports, as of a date.

    Parameters
    ----------
    frame : pandas.DataFrame
        Monthly Shiller frame (:func:`rotascope.sources.shiller.read_shiller` or
        :func:`~rotascope.sources.shiller.normalize_shiller_frame` of the bundled extract).
    asof : date-like, optional
    since : date-like, optional
        Start of the attribution window; none without it. ``asof`` and ``since`` given
        as ``"YYYY-MM"`` mean that month.
    years : int
        Window for medians and the second percentile.
    daily_price : pandas.Series, optional
        Daily closes of the index: the attribution then uses them at the exact dates,
        with Shiller's monthly earnings and P/E (monthly average price) as of those
        dates, and shows the residual between the two.

    Returns
    -------
    list of Fact
        Trailing P/E and CAPE levels, the CAPE earnings yield vs GS10, the attribution
        (when ``since``), the CAPE-implied 10-year real return (when the frame has real
        prices and dividends).
    """
    out: list[Fact] = []
    asof, since = as_month(asof), as_month(since)
    pe = (frame["price"] / frame["earnings"]).rename("pe_trailing")
    out.append(
        valuation_fact(
            pe,
            subject=subject,
            metric="pe_trailing",
            asof=asof,
            years=years,
            basis="Shiller, reported earnings",
        )
    )
    if "cape" in frame:
        out.append(
            valuation_fact(frame["cape"], subject=subject, metric="cape", asof=asof, years=years)
        )
        if "gs10" in frame:
            out.append(erp_fact(frame, asof=asof, subject=subject))
    if since is not None:
        end = history_asof(pe, asof).index[-1]
        div = frame["dividend"] / 12.0 if "dividend" in frame else None
        if daily_price is None:
            a = attribute_return(frame["price"], frame["earnings"], since, end, dividends=div)
            out.append(attribution_fact(a, subject=subject))
        else:
            end = history_asof(daily_price, asof).index[-1]
            a = attribute_return(daily_price, frame["earnings"], since, end, multiple=pe)
            out.append(attribution_fact(a, subject=subject, monthly=False))
    if {"cape", "real_price", "real_dividend"} <= set(frame.columns):
        reg = cape_return_regression(frame, asof=asof)
        out.append(implied_return_fact(reg, subject=subject))
    return out
