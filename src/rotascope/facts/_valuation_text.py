"""Wording shared by the valuation facts (:mod:`~rotascope.facts.valuation_facts`,
:mod:`~rotascope.facts.cape_facts`): dates, distances, percentiles and records.

Examples
--------
>>> percentile_ordinal(0.9958), percentile_ordinal(1.0), dist(-0.19)
('99th', '100th', '19% below')
"""

from __future__ import annotations

import pandas as pd

from rotascope._typing import DateLike
from rotascope.facts.fact import Record
from rotascope.facts.text import fmt_month, name, ordinal
from rotascope.measures.valuation import ValueRecord, value_record

__all__ = [
    "as_month",
    "dist",
    "further_record",
    "is_monthly",
    "owner",
    "percentile_ordinal",
    "pick_record",
    "record_text",
    "to_record",
    "when",
]


def when(ts: pd.Timestamp, monthly: bool) -> str:
    """ "Jul 2024" for monthly data, "16 Jul 2024" for daily."""
    return fmt_month(ts) if monthly else f"{ts.day} {ts.strftime('%b %Y')}"


def is_monthly(s: pd.Series) -> bool:
    """Whether ``s`` looks monthly (median spacing of 25 days or more)."""
    if len(s) < 3:
        return bool(len(s) and all(pd.Timestamp(d).is_month_end for d in s.index))
    return bool(pd.Series(s.index).diff().dt.days.median() >= 25)


def owner(subject: str) -> str:
    """Possessive for a sentence start: "The S&P 500's"."""
    return f"{name(subject, start=True)}'s"


def percentile_ordinal(p: float) -> str:
    """``0.9958 -> '99th'``: only the very top is the 100th, and nothing is the 0th."""
    return ordinal(min(100 if p >= 1.0 else 99, max(1, round(p * 100))))


def dist(v: float) -> str:
    """A fraction as a distance: "28% above", "19% below"."""
    return f"{abs(v):.0%} {'above' if v >= 0 else 'below'}"


def to_record(r: ValueRecord) -> Record:
    """The measure's :class:`ValueRecord` as a fact :class:`~rotascope.facts.fact.Record`."""
    return Record(
        direction=r.direction,
        since=None if r.since is None else r.since.date(),
        since_value=r.since_value,
        rank=r.rank,
        out_of=r.out_of,
        history_start=r.history_start.date(),
    )


def record_text(r: ValueRecord, word: str, monthly: bool) -> str:
    """Clause "the highest since Jul 2000" (or "since records began in 1881")."""
    if r.since is None:
        return f"the {word} since records began in {r.history_start.year}"
    return f"the {word} since {when(r.since, monthly)}"


def pick_record(s: pd.Series, asof: DateLike | None, high: bool) -> ValueRecord:
    """The high record when ``high``, else the low record."""
    return value_record(s, asof=asof, direction="high" if high else "low")


def further_record(s: pd.Series, asof: DateLike | None) -> ValueRecord:
    """The high or low record, whichever reaches further back (high on a tie)."""
    hi = value_record(s, asof=asof, direction="high")
    lo = value_record(s, asof=asof, direction="low")
    if hi.since is None:
        return hi
    if lo.since is None or lo.since < hi.since:
        return lo
    return hi


def as_month(date: DateLike | None) -> DateLike | None:
    """``"YYYY-MM"`` means that month: its month end (monthly data is dated there)."""
    if isinstance(date, str) and len(date.strip()) == 7:
        return pd.Timestamp(date.strip() + "-01") + pd.offsets.MonthEnd(0)
    return date
