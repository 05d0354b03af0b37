"""Wording and records shared by the valuation kinds (``valuation``, ``valuation_gap``,
``erp``, ``implied_return``, ``attribution``).

Examples
--------
>>> dist(-19.2), owner("SPX")
('19% below', "The S&P 500's")
"""

from __future__ import annotations

import pandas as pd

from rotascope.kinds.fact import Record
from rotascope.kinds.phrases import as_date
from rotascope.measures.valuation import ValueRecord, value_record
from rotascope.wording import fmt_date, fmt_month, pct, the_name

__all__ = [
    "METRIC_LABELS",
    "as_month",
    "dist",
    "further_record",
    "is_monthly",
    "owner",
    "pick_record",
    "record_text",
    "to_record",
    "when",
]

#: Words for each metric in sentences.
METRIC_LABELS: dict[str, str] = {
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


def when(date: object, monthly: bool) -> str:
    """``"Jul 2024"`` for monthly data, ``"Jul 16, 2024"`` for daily."""
    return fmt_month(date) if monthly else fmt_date(date)


def is_monthly(s: pd.Series) -> bool:
    """Whether ``s`` looks monthly (median spacing of 25 days or more)."""
    if len(s) < 3:
        return bool(len(s) and all(pd.Timestamp(d).is_month_end for d in s.index))
    return bool(pd.Series(s.index).diff().dt.days.median() >= 25)


def owner(subject: str) -> str:
    """Possessive for a sentence start: ``"The S&P 500's"``."""
    return f"{the_name(subject, start=True)}'s"


def dist(v: float) -> str:
    """A percent as a distance: ``"28% above"``, ``"19% below"``."""
    return f"{pct(abs(v), digits=0)} {'above' if v >= 0 else 'below'}"


def to_record(r: ValueRecord, scale: float = 1.0) -> Record:
    """A measure's :class:`ValueRecord` as a fact's :class:`Record` (``since_value`` times
    ``scale``)."""
    return Record(
        direction=r.direction,
        since=None if r.since is None else r.since.date(),
        since_value=None if r.since_value is None else r.since_value * scale,
        rank=r.rank,
        out_of=r.out_of,
        history_start=r.history_start.date(),
    )


def record_text(rec: Record | None, word: str, monthly: bool) -> str:
    """Clause ``"the highest since Jul 2000"`` (or ``"since records began in 1881"``)."""
    if rec is None:
        return ""
    if rec.since is None:
        return f"the {word} since records began in {as_date(rec.history_start).year}"
    return f"the {word} since {when(rec.since, monthly)}"


def pick_record(s: pd.Series, asof: pd.Timestamp | None, high: bool) -> ValueRecord:
    """The high record when ``high``, else the low record."""
    return value_record(s, asof=asof, direction="high" if high else "low")


def further_record(s: pd.Series, asof: pd.Timestamp | None) -> ValueRecord:
    """The high or low record, whichever reaches further back (high on a tie)."""
    hi = value_record(s, asof=asof, direction="high")
    lo = value_record(s, asof=asof, direction="low")
    if hi.since is None:
        return hi
    if lo.since is None or lo.since < hi.since:
        return lo
    return hi


def as_month(date: object) -> pd.Timestamp | None:
    """A date for monthly data: ``"YYYY-MM"`` means that month's end (where monthly data
    are dated); other dates as they are."""
    if date is None:
        return None
    if isinstance(date, str) and len(date.strip()) == 7:
        return pd.Timestamp(date.strip() + "-01") + pd.offsets.MonthEnd(0)
    return pd.Timestamp(date)
