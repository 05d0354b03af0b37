"""The valuation product: multiples against their history, return attribution and the
CAPE-implied return.

:func:`valuation` is what ``rotascope valuation SYMBOL``, the report's valuation
section and :func:`rotascope.valuation` call. For the S&P 500 it states what Shiller's
monthly data support; for any symbol it adds the valuation series stored for it, with
their gap to the S&P 500's series of the same metric when one is stored. Monthly data
are dated at month ends: ``"2024-07"`` means Jul 31, 2024, and a date inside a month
uses the last month-end on or before it (with a note).

Examples
--------
>>> import numpy as np, pandas as pd
>>> from rotascope.data import MemorySource
>>> months = pd.date_range("2004-01-31", periods=250, freq="ME")
>>> pe = pd.Series(15 + np.sin(np.arange(250) / 9), index=months)
>>> src = MemorySource({}, valuations={("RUT", "pe_forward", ""): pe})
>>> r = valuation(src, "RUT", asof="2020-06")
>>> [f.kind for f in r.facts], r.date.isoformat(), r.where
(['valuation'], '2020-06-30', 'store')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from rotascope.asof import AsOf, Note, parse_date, resolve_on
from rotascope.data.port import DataSource
from rotascope.errors import AsOfError, UnknownSymbol
from rotascope.kinds.fact import Fact
from rotascope.kinds.valuation import shiller_facts, valuation_fact
from rotascope.kinds.valuation_gap import gap_fact
from rotascope.products.result import Result, unique_notes
from rotascope.symbols import canonical

__all__ = ["RATIO_METRICS", "ValuationResult", "month_or_day", "valuation", "valuation_name"]

#: Stored metrics that are multiples (stated against their history).
RATIO_METRICS: tuple[str, ...] = ("pe_trailing", "pe_forward", "cape", "price_sales", "price_book")


def valuation_name(subject: str, metric: str, basis: str = "") -> str:
    """``SUBJECT:METRIC[:BASIS]``, the name a stored valuation series goes by.

    Examples
    --------
    >>> valuation_name("^GSPC", "pe_forward")
    'SPX:PE_FORWARD'
    """
    return ":".join([canonical(subject), metric.upper(), *([basis.upper()] if basis else [])])


def month_or_day(value: Any, param: str = "asof") -> pd.Timestamp | None:
    """``YYYY-MM`` -> that month's end (monthly data are dated there); else a date.

    Examples
    --------
    >>> month_or_day("2024-07").date().isoformat(), month_or_day(None)
    ('2024-07-31', None)
    """
    if value is None or isinstance(value, pd.Timestamp | AsOf):
        return value.session if isinstance(value, AsOf) else value
    text = str(value).strip()
    if text.lower() in ("latest", "last", ""):
        return None
    if len(text) == 7 and text[4] == "-":
        return parse_date(text + "-01", param) + pd.offsets.MonthEnd(0)
    return parse_date(text, param)


@dataclass(frozen=True)
class ValuationResult(Result):
    """Valuation facts of one symbol as of a date.

    Attributes
    ----------
    subject : str
        Canonical symbol.
    facts : tuple of Fact
        ``valuation``, ``erp``, ``attribution``, ``implied_return``, ``valuation_gap``.
    where : str
        Where the data came from (``Shiller data``, a file, ``store``).
    asof : AsOf
    notes : tuple of Note
    data_version : str
    series : dict of str to pandas.Series
        The histories behind the ``valuation`` facts, by metric (for charts).
    """

    subject: str
    facts: tuple[Fact, ...]
    where: str
    asof: AsOf
    notes: tuple[Note, ...] = ()
    data_version: str = ""
    series: dict[str, pd.Series] | None = None

    @property
    def date(self) -> dt.date:
        """The date the first fact is as of."""
        return self.facts[0].asof

    def to_frame(self) -> pd.DataFrame:
        """One row per fact: kind, label, as of, value, unit, sentence."""
        return pd.DataFrame(
            [
                {"kind": f.kind, "label": f.label, "asof": f.asof, "value": f.value,
                 "unit": f.unit, "sentence": f.text}
                for f in self.facts
            ]
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the facts, where the data came from, the as-of, notes, version."""
        return {
            "subject": self.subject,
            "where": self.where,
            "facts": [f.to_dict() for f in self.facts],
            **self.common_dict(),
        }


def _upto(series: pd.Series, cut: pd.Timestamp | None) -> pd.Series:
    return series if cut is None else series.loc[:cut]


def _stored(
    source: DataSource, subject: str, cut: pd.Timestamp | None, years: int
) -> tuple[list[Fact], list[Note], dict[str, pd.Series]]:
    facts: list[Fact] = []
    notes: list[Note] = []
    series_by: dict[str, pd.Series] = {}
    stored = source.valuations()
    for subj, metric, basis in stored:
        if subj != subject or metric not in RATIO_METRICS:
            continue
        series = _upto(source.valuation(subj, metric, basis), cut)
        if series.empty:
            notes.append(
                Note("skipped", f"{valuation_name(subj, metric, basis)}: no value by the date.")
            )
            continue
        label = basis.replace("_", " ")
        facts.append(
            valuation_fact(series, subject=subj, metric=metric, asof=cut, years=years, basis=label)
        )
        series_by.setdefault(metric, series)
        if subj != "SPX" and ("SPX", metric, basis) in stored:
            other = _upto(source.valuation("SPX", metric, basis), cut)
            if not other.empty and not series.align(other, join="inner")[0].empty:
                facts.append(
                    gap_fact(
                        series, other, subject=subj, versus="SPX", metric=metric, asof=cut,
                        years=years, basis=label,
                    )
                )  # fmt: skip
    return facts, notes, series_by


def valuation(
    source: DataSource,
    symbol: str = "SPX",
    asof: AsOf | Any = None,
    since: Any = None,
    *,
    years: int = 20,
    daily: bool = False,
    shiller: pd.DataFrame | None = None,
    where: str | None = None,
) -> ValuationResult:
    """Valuation facts of ``symbol`` as of a date.

    Parameters
    ----------
    source : DataSource
        Shiller's data (for the S&P 500) and stored valuation series.
    symbol : str
        ``SPX`` or a symbol with stored valuation series.
    asof : AsOf, date-like, "YYYY-MM" or "latest", optional
        For the S&P 500 resolved against Shiller's months (an ``AsOf`` is a cut).
    since : date-like or "YYYY-MM", optional
        Start of the S&P 500's return attribution (default: 12 months before the as-of
        month).
    years : int
        Years of history for medians and percentiles.
    daily : bool
        Attribute with daily S&P 500 closes at the exact dates.
    shiller : pandas.DataFrame, optional
        Shiller's frame to use instead of the source's (a file the user named).
    where : str, optional
        How to name that frame's origin.

    Raises
    ------
    UnknownSymbol
        No valuation data for ``symbol``.
    AsOfError
        ``asof`` or ``since`` outside the data.
    """
    subject = canonical(symbol)
    requested = asof if isinstance(asof, AsOf) else month_or_day(asof)
    cut = month_or_day(asof)
    start = month_or_day(since, "since")
    facts: list[Fact] = []
    notes: list[Note] = []
    series_by: dict[str, pd.Series] = {}
    when = AsOf(session=cut, requested=cut) if cut is not None else None
    origin = "store"
    try:
        if subject == "SPX":
            frame = shiller if shiller is not None else source.shiller()
            origin = where or (shiller_origin(source) if shiller is None else "file")
            price = frame["price"].dropna()
            when = resolve_on(requested, pd.DatetimeIndex(price.index), what="Shiller")
            cut = when.session
            if start is None:
                start = cut - pd.DateOffset(months=12) + pd.offsets.MonthEnd(0)
            daily_price = None
            if daily:
                daily_price = _upto(source.series("SPX"), cut)
                origin += " + daily SPX closes"
            facts += shiller_facts(
                frame, asof=cut, since=start, years=years, daily_price=daily_price
            )
            series_by["pe_trailing"] = (frame["price"] / frame["earnings"]).loc[:cut]
            if "cape" in frame:
                series_by["cape"] = frame["cape"].loc[:cut]
        extra, skipped, stored = _stored(source, subject, cut, years)
        facts += extra
        notes += skipped
        for k, v in stored.items():
            series_by.setdefault(k, v)
    except ValueError as exc:  # a measure found no data before a date
        if isinstance(exc, AsOfError):
            raise
        raise AsOfError(str(exc)) from None
    if not facts:
        have = sorted({s for s, _, _ in source.valuations()} | {"SPX"})
        raise UnknownSymbol(subject, have)
    if when is None:
        last = pd.Timestamp(facts[0].asof)
        when = AsOf(session=last, requested=None, data_end=last)
    return ValuationResult(
        subject, tuple(facts), origin, when, unique_notes((*when.notes, *notes)),
        source.version(), series_by,
    )  # fmt: skip


def shiller_origin(data: DataSource) -> str:
    """Where Shiller's data come from, in words (file and edition when stored)."""
    inv = data.inventory()
    row = inv[inv["id"] == "shiller:PRICE"]
    if row.empty:
        return "Shiller's data, bundled dataset"
    newest = row.sort_values("edition").iloc[-1]
    return f"Shiller's data, {newest['origin']}: {newest['source']}, edition {newest['edition']}"
