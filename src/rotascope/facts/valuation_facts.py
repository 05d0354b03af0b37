"""Valuation and attribution facts, with sentences from templates.

Kinds:

- ``valuation``: a valuation's level vs its own history (label = the metric), the gap
  between two valuation series (``versus`` set, unit ``pct``), the earnings yield vs the
  10-year Treasury yield (label ``equity risk premium``, unit ``pp``) and the
  CAPE-implied 10-year real return (label ``CAPE-implied 10-year real return``).
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
from rotascope.facts.fact import Fact, Record
from rotascope.facts.text import fmt_month, name, ordinal
from rotascope.measures.attribution import Attribution, attribute_return
from rotascope.measures.valuation import (
    ReturnRegression,
    ValueRecord,
    cape_return_regression,
    earnings_yields,
    gap_series,
    history_asof,
    valuation_level,
    value_record,
)

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
_ERP = (
    "{owner} CAPE earnings yield ({ey:.1%}) was {gap:.1f} percentage points {side} the 10-year "
    "Treasury yield ({by:.2%}) in {when}; that gap was {record}."
)
_ATTR = "From {start} to {end} {subject} {verb} {ret:.0%}: earnings {e:+.0%}, multiple {m:+.0%}"
_IMPLIED = (
    "At a CAPE of {x0:.1f} in {when}, the {first}-{last} relation between starting CAPE and the "
    "following {years}-year real total return (OLS on {pred}, R\u00b2 {r2:.2f}) implies "
    "{implied:.1%} a year over the next decade; {lvl:.0%} confidence band for that mean "
    "{ci_low:.1%} to {ci_high:.1%}, {lvl:.0%} prediction interval for one decade "
    "{pi_low:.1%} to {pi_high:.1%}."
)


def _when(ts: pd.Timestamp, monthly: bool) -> str:
    return fmt_month(ts) if monthly else f"{ts.day} {ts.strftime('%b %Y')}"


def _is_monthly(s: pd.Series) -> bool:
    if len(s) < 3:
        return bool(len(s) and all(pd.Timestamp(d).is_month_end for d in s.index))
    return bool(pd.Series(s.index).diff().dt.days.median() >= 25)


def _owner(subject: str) -> str:
    return f"{name(subject, start=True)}'s"


def _ordinal(p: float) -> str:
    """``0.9958 -> '99th'``: only the very top is the 100th, and nothing is the 0th."""
    return ordinal(min(100 if p >= 1.0 else 99, max(1, round(p * 100))))


def _dist(v: float) -> str:
    return f"{abs(v):.0%} {'above' if v >= 0 else 'below'}"


def _to_record(r: ValueRecord) -> Record:
    return Record(
        direction=r.direction,
        since=None if r.since is None else r.since.date(),
        since_value=r.since_value,
        rank=r.rank,
        out_of=r.out_of,
        history_start=r.history_start.date(),
    )


def _record_text(r: ValueRecord, word: str, monthly: bool) -> str:
    if r.since is None:
        return f"the {word} since records began in {r.history_start.year}"
    return f"the {word} since {_when(r.since, monthly)}"


def _pick_record(s: pd.Series, asof: DateLike | None, high: bool) -> ValueRecord:
    return value_record(s, asof=asof, direction="high" if high else "low")


def _further_record(s: pd.Series, asof: DateLike | None) -> ValueRecord:
    """The high or low record, whichever reaches further back (high on a tie)."""
    hi = value_record(s, asof=asof, direction="high")
    lo = value_record(s, asof=asof, direction="low")
    if hi.since is None:
        return hi
    if lo.since is None or lo.since < hi.since:
        return lo
    return hi


def _as_month(date: DateLike | None) -> DateLike | None:
    """``"YYYY-MM"`` means that month: its month end (monthly data is dated there)."""
    if isinstance(date, str) and len(date.strip()) == 7:
        return pd.Timestamp(date.strip() + "-01") + pd.offsets.MonthEnd(0)
    return date


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
    rec = _further_record(series, asof)
    high = rec.direction == "high"
    monthly = _is_monthly(history_asof(series, asof))
    text = _LEVEL.format(
        owner=_owner(subject),
        metric=METRIC_LABELS.get(metric, metric),
        basis=f" ({basis})" if basis else "",
        value=full.value,
        when=_when(full.date, monthly),
        dist=_dist(recent.vs_median),
        years=years,
        median=recent.median,
        pct_y=_ordinal(recent.percentile),
        pct_all=_ordinal(full.percentile),
        first=full.window_start.year,
        record=_record_text(rec, "highest" if high else "lowest", monthly),
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
        record=_to_record(rec),
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
    rec = _pick_record(g, asof, not discount)
    monthly = _is_monthly(history_asof(g, asof))
    side = "a discount" if discount else "a premium"
    text = _GAP.format(
        owner=_owner(subject),
        metric=METRIC_LABELS.get(metric, metric),
        basis=f" ({basis})" if basis else "",
        dist=_dist(recent.value),
        versus=name(versus),
        when=_when(recent.date, monthly),
        side=side,
        pct_y=_ordinal(recent.percentile),
        years=years,
        median=recent.median,
        record=_record_text(rec, "widest discount" if discount else "widest premium", monthly),
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
        record=_to_record(rec),
        label=f"{metric} gap",
        details={
            "metric": metric,
            f"percentile_{years}y": recent.percentile,
            "percentile_all": full.percentile,
            f"median_{years}y": recent.median,
            "history_start": full.window_start.date().isoformat(),
        },
    )


def erp_fact(frame: pd.DataFrame, *, asof: DateLike | None = None, subject: str = "SPX") -> Fact:
    """CAPE earnings yield minus the 10-year Treasury yield (equity risk premium proxy)."""
    ey = earnings_yields(frame)
    s = history_asof(ey["erp_cape"], asof)
    d = s.index[-1]
    v = float(s.iloc[-1])
    rec = _further_record(ey["erp_cape"], asof)
    text = _ERP.format(
        owner=_owner(subject),
        ey=ey.at[d, "cape_yield"],
        gap=abs(v) * 100,
        side="above" if v >= 0 else "below",
        by=ey.at[d, "bond_yield"],
        when=fmt_month(d),
        record=_record_text(rec, "highest" if rec.direction == "high" else "lowest", True),
    )
    return Fact(
        kind="valuation",
        subject=subject,
        versus="GS10",
        asof=d.date(),
        value=v,
        unit="pp",
        text=text,
        record=_to_record(rec),
        label="equity risk premium",
        details={
            "cape_yield": float(ey.at[d, "cape_yield"]),
            "trailing_yield": float(ey.at[d, "trailing_yield"]),
            "bond_yield": float(ey.at[d, "bond_yield"]),
            "erp_trailing": float(ey.at[d, "erp_trailing"]),
            "percentile_all": valuation_level(ey["erp_cape"], asof=asof).percentile,
        },
    )


def attribution_fact(a: Attribution, *, subject: str, monthly: bool = True) -> Fact:
    """Sentence and numbers for an :class:`~rotascope.measures.attribution.Attribution`."""
    text = _ATTR.format(
        start=_when(a.price_start, monthly),
        end=_when(a.price_end, monthly),
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
    asof, since = _as_month(asof), _as_month(since)
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
