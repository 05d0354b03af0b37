"""Shared parts of the long-view kinds (``factor``, ``factor_drawdown``, ``factor_decade``,
``long_run``): factor names, year windows, and the ranking clause of a window.

A window's ranking clause is said from the fact's fields: its record (direction, since,
history start) and the ranks kept in ``details`` (overlapping ranks, and the rank among
distinct, non-overlapping periods).

Examples
--------
>>> parse_years("10y"), move_phrase("SMB", -12.34), move_phrase("ZZZ", 1.0)
(10, 'small caps trailed big caps by 12.3%', 'ZZZ returned +1.0%')
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from rotascope.errors import DataError
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.phrases import as_date
from rotascope.measures.factors import WindowStat
from rotascope.symbols import info, registry
from rotascope.wording import count, fmt_month, ordinal, pct, year_words

__all__ = [
    "DECADE_SYMBOLS",
    "FACTOR_NAMES",
    "FACTOR_WORDS",
    "MIDDLE",
    "check_factor",
    "move_phrase",
    "parse_years",
    "periods_list",
    "ranking_clause",
    "window_details",
    "window_record",
]

#: Factors shown in the decade table, in order (missing ones are skipped).
DECADE_SYMBOLS: tuple[str, ...] = ("SMB", "HML", "MKT-RF", "RMW", "CMA", "MOM")

#: Names of the factors in sentences ("the cumulative size factor").
FACTOR_NAMES: dict[str, str] = {
    "SMB": "size factor",
    "HML": "value factor",
    "RMW": "profitability factor",
    "CMA": "investment factor",
    "MOM": "momentum factor",
    "MKT-RF": "market factor",
}

#: (long leg, short leg) of each factor, used in sentences.
FACTOR_WORDS: dict[str, tuple[str, str]] = {
    "SMB": ("small caps", "big caps"),
    "HML": ("value stocks", "growth stocks"),
    "RMW": ("highly profitable (quality) stocks", "weakly profitable stocks"),
    "CMA": ("conservative investors", "aggressive investors"),
    "MOM": ("past winners", "past losers"),
    "MKT-RF": ("stocks", "Treasury bills"),
}

#: Share of the history beyond which a rank is not worth stating as "the Nth worst".
MIDDLE = 0.25


def parse_years(window: str | int) -> int:
    """Parse a window label (``"10y"``, ``"10"``, ``10``) into whole calendar years.

    Raises
    ------
    DataError
        When the label is not a positive number of years.
    """
    m = re.fullmatch(r"\s*(\d+)\s*(y|yr|yrs|year|years)?\s*", str(window).lower())
    if not m or int(m.group(1)) < 1:
        raise DataError(f"window: {window!r} is not a number of years; write it as e.g. 10y")
    return int(m.group(1))


def check_factor(symbol: str) -> None:
    """Refuse a symbol the registry knows as something other than daily returns.

    Raises
    ------
    DataError
        For e.g. ``RUT`` (a price): compounding its closes as returns is meaningless.
    """
    known = {e.symbol for e in registry()}
    unit = info(symbol).unit
    if symbol in known and unit != "pct_return":
        raise DataError(
            f"{symbol} is a {unit} series, not factor returns; use `rotascope factors pair "
            f"{symbol} OTHER` or `rotascope facts {symbol}`"
        )


def move_phrase(sym: str, value: float) -> str:
    """A factor's return in words: ``"small caps beat big caps by 12.3%"`` (percent in)."""
    long, short = FACTOR_WORDS.get(sym, ("", ""))
    if not long:
        return f"{info(sym).name} returned {pct(value, signed=True)}"
    return f"{long} {'beat' if value >= 0 else 'trailed'} {short} by {pct(abs(value))}"


def window_record(st: WindowStat, scale: float = 100.0) -> Record:
    """The record of a window in its direction (``since_value`` times ``scale``)."""
    low = st.direction == "low"
    since = st.low_since if low else st.high_since
    value = st.low_since_value if low else st.high_since_value
    return Record(
        direction=st.direction,
        since=None if since is None else pd.Timestamp(since).date(),
        since_value=None if value is None else value * scale,
        rank=st.low_rank if low else st.high_rank,
        out_of=st.out_of,
        history_start=st.history_start.date(),
    )


def window_details(st: WindowStat) -> dict[str, Any]:
    """The ranks a window's ranking clause is said from."""
    low = st.direction == "low"
    return {
        "years": st.years,
        "low_rank": st.low_rank,
        "high_rank": st.high_rank,
        "out_of": st.out_of,
        "distinct_rank": st.distinct_low_rank if low else st.distinct_high_rank,
        "distinct_out_of": st.distinct_low_out_of if low else st.distinct_high_out_of,
        "distinct_direction": st.direction,
    }


def periods_list(frame: pd.DataFrame, scale: float = 100.0) -> list[dict[str, Any]]:
    """Distinct periods as ``{start, end, value}`` rows (value times ``scale``)."""
    return [
        {"start": r.start.date(), "end": r.end.date(), "value": float(r.value) * scale}
        for r in frame.itertuples()
    ]


def _record_clause(rec: Record, end: Any, years: int) -> str:
    word = "lowest" if rec.direction == "low" else "highest"
    if rec.since is None:
        return f", the {word} on record"
    if pd.Timestamp(rec.since) < pd.Timestamp(as_date(end)) - pd.DateOffset(years=years):
        return f", the {word} since {fmt_month(rec.since)}"
    return ""


def ranking_clause(f: Fact) -> str:
    """How a window ranks: near either end of its history, or "a middling result"."""
    d, rec = f.details, f.record
    assert rec is not None
    years = int(d["years"])
    span_adj = year_words(years)[1]
    out_of = int(d["out_of"])
    low = rec.direction == "low"
    start_year = rec.history_start.year
    if rec.rank / out_of > MIDDLE:
        earlier = out_of - 1
        above = 100.0 * (int(d["low_rank"]) - 1) / max(earlier, 1)
        return (
            f", a middling {span_adj} result: above {pct(above, digits=0)} of the {count(earlier)} "
            f"earlier overlapping {span_adj} windows since {start_year}"
        )
    drank, dout = int(d["distinct_rank"]), int(d["distinct_out_of"])
    word = "worst" if low else "best"
    ranked = word if drank == 1 else f"{ordinal(drank)} {word}"
    share = f"{'bottom' if low else 'top'} {pct(max(rec.rank / out_of, 0.001) * 100, digits=0)}"
    return (
        f", the {ranked} of {count(dout)} non-overlapping {span_adj} periods since "
        f"{start_year} (this one and the {count(dout - 1)} that ended before it began; rank "
        f"{count(rec.rank)} of {count(out_of)} overlapping {span_adj} windows, {share})"
        f"{_record_clause(rec, f.asof, years)}"
    )
