"""Shared wording, templates and loading for factor and long-run facts.

Sentences are made from a fact's fields by the templates below (never by hand).
Numbers: fractions printed as percentages with one decimal; dates as ``Mar 28, 2024``.

Examples
--------
>>> parse_years("10y"), ordinal(4), span_words(10)
(10, '4th', ('ten years', 'ten-year'))
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from rotascope._typing import DateLike
from rotascope.errors import AsOfError, DataError, UnknownSymbol
from rotascope.facts.fact import Record
from rotascope.facts.text import fmt_date
from rotascope.measures.factors import WindowStat, wealth_index
from rotascope.symbols import info, registry

__all__ = [
    "DECADE_SYMBOLS",
    "DECADE_TEMPLATE",
    "DRAWDOWN_TEMPLATE",
    "FACTOR_NAMES",
    "FACTOR_WORDS",
    "MIDDLE",
    "MIDDLING_CLAUSE",
    "PAIR_TEMPLATE",
    "RANKED_CLAUSE",
    "WINDOW_TEMPLATE",
    "Loader",
    "check_factor",
    "day",
    "load_levels",
    "load_returns",
    "move_phrase",
    "ordinal",
    "parse_years",
    "pct",
    "periods_list",
    "ranking_clause",
    "span_words",
    "window_record",
]

#: ``loader(symbol, column) -> pd.Series`` (column ``"close"`` or ``"adj_close"``), the
#: same convention as :class:`rotascope.facts.engine.FactEngine`.
Loader = Callable[..., pd.Series]

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

_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six",
                 7: "seven", 8: "eight", 9: "nine", 10: "ten", 15: "fifteen", 20: "twenty",
                 25: "twenty-five", 30: "thirty"}  # fmt: skip

# ---- templates -------------------------------------------------------------------------
WINDOW_TEMPLATE = "Over the {span} to {end}, {move} ({sym}, compounded){annual}{ranking}."
#: How a window ranks, when it is near either end of its history.
RANKED_CLAUSE = (
    ", the {drank} of {dout} non-overlapping {span_adj} periods since {since_year} (this "
    "one and the {before} that ended before it began; rank {rank:,} of {out_of:,} "
    "overlapping {span_adj} windows, {share}){record}"
)
#: ... and when it ranks in the middle (neither end within :data:`MIDDLE`).
MIDDLING_CLAUSE = (
    ", a middling {span_adj} result: above {above:.0f}% of the {earlier:,} earlier "
    "overlapping {span_adj} windows since {since_year}"
)
#: Share of the history beyond which a rank is not worth stating as "the Nth worst".
MIDDLE = 0.25
DRAWDOWN_TEMPLATE = (
    "As of {end}, the cumulative {name} ({sym}) is {dd} below its peak of {peak}{level}; "
    "its deepest drawdown was {maxdd}, from {maxpeak} to {maxdate}."
)
DECADE_TEMPLATE = "In the {label}{partial}, {move} ({sym}, compounded)."
PAIR_TEMPLATE = (
    "Over the {span} to {end}, {a} returned {ra} and {b} {rb} ({basis}), a gap of {gap} "
    "percentage points ({ann} points a year){ranking}."
)


def day(d: Any) -> str:
    """A date-like as "Mar 28, 2024" (:func:`rotascope.facts.text.fmt_date`)."""
    return fmt_date(pd.Timestamp(d))


def pct(x: float, signed: bool = False) -> str:
    return f"{x * 100:+.1f}%" if signed else f"{abs(x) * 100:.1f}%"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def _ranked(rank: int, word: str) -> str:
    return word if rank == 1 else f"{ordinal(rank)} {word}"


def span_words(years: int) -> tuple[str, str]:
    n = _NUMBER_WORDS.get(years, str(years))
    return (f"{n} years" if years != 1 else "year"), f"{n}-year"


def parse_years(window: str | int) -> int:
    """Parse a window label (``"10y"``, ``"10"``, ``10``) into whole calendar years.

    Raises
    ------
    DataError
        When the label is not a positive number of years.

    Examples
    --------
    >>> parse_years("10y"), parse_years(3)
    (10, 3)
    """
    m = re.fullmatch(r"\s*(\d+)\s*(y|yr|yrs|year|years)?\s*", str(window).lower())
    if not m or int(m.group(1)) < 1:
        raise DataError(f"window: {window!r} is not a number of years; write it as e.g. 10y")
    return int(m.group(1))


def _default_loader(symbol: str, column: str = "close") -> pd.Series:
    try:
        from rotascope import catalog  # lazy: the catalog opens the store
    except ImportError:  # pragma: no cover - before the catalog exists
        from rotascope.datasets import bundled_symbols, load_bundled

        frame = load_bundled(symbol)
        if frame is None:
            raise UnknownSymbol(symbol, bundled_symbols()) from None
        if column not in frame.columns:
            raise KeyError(column) from None
        return frame[column]
    return catalog.load(symbol, column=column)


def _call(loader: Loader | None, symbol: str, column: str) -> pd.Series:
    """Call the loader; a bare ``KeyError`` for the symbol becomes :class:`UnknownSymbol`."""
    try:
        return (loader or _default_loader)(symbol, column)
    except UnknownSymbol:
        raise
    except KeyError as exc:
        if column != "close":
            raise
        raise UnknownSymbol(symbol) from exc


def load_returns(symbol: str, loader: Loader | None, asof: DateLike | None) -> pd.Series:
    """Daily returns (fractions) of ``symbol`` on or before ``asof``, sorted, NaN dropped.

    Raises
    ------
    UnknownSymbol, DataError, AsOfError
        No such symbol, no values, or ``asof`` before the first value.
    """
    s = pd.Series(_call(loader, symbol, "close"), dtype="float64").dropna().sort_index()
    s.index = pd.DatetimeIndex(s.index)
    if s.empty:
        raise DataError(f"{symbol}: the series holds no values")
    if asof is not None:
        ts = pd.Timestamp(asof)
        if ts < s.index[0]:
            raise AsOfError(f"asof {ts.date()} is before {symbol}'s first date {s.index[0].date()}")
        s = s.loc[:ts]
    return s


def move_phrase(sym: str, value: float) -> str:
    long, short = FACTOR_WORDS.get(sym, ("", ""))
    if not long:
        return f"{info(sym).name} returned {pct(value, signed=True)}"
    verb = "beat" if value >= 0 else "trailed"
    return f"{long} {verb} {short} by {pct(value)}"


def window_record(st: WindowStat) -> Record:
    low = st.direction == "low"
    since = st.low_since if low else st.high_since
    return Record(
        direction=st.direction,
        since=None if since is None else pd.Timestamp(since).date(),
        since_value=(st.low_since_value if low else st.high_since_value),
        rank=st.low_rank if low else st.high_rank,
        out_of=st.out_of,
        history_start=st.history_start.date(),
    )


def _record_clause(st: WindowStat) -> str:
    low = st.direction == "low"
    since = st.low_since if low else st.high_since
    word = "lowest" if low else "highest"
    if since is None:
        return f", the {word} on record"
    if since < st.end - pd.DateOffset(years=st.years):
        return f", the {word} since {since:%b %Y}"
    return ""


def _share(rank: int, out_of: int, low: bool) -> str:
    return f"{'bottom' if low else 'top'} {max(rank / out_of, 0.001) * 100:.0f}%"


def ranking_clause(st: WindowStat) -> tuple[str, int, int]:
    """The ranking clause of a window sentence, with the distinct rank and count used."""
    low = st.direction == "low"
    span_adj = span_words(st.years)[1]
    drank = st.distinct_low_rank if low else st.distinct_high_rank
    dout = st.distinct_low_out_of if low else st.distinct_high_out_of
    rank = st.low_rank if low else st.high_rank
    if rank / st.out_of > MIDDLE:
        earlier = st.out_of - 1
        clause = MIDDLING_CLAUSE.format(
            span_adj=span_adj,
            above=100.0 * (st.low_rank - 1) / max(earlier, 1),
            earlier=earlier,
            since_year=st.history_start.year,
        )
        return clause, drank, dout
    clause = RANKED_CLAUSE.format(
        drank=_ranked(drank, "worst" if low else "best"),
        dout=f"{dout:,}",
        before=f"{dout - 1:,}",
        span_adj=span_adj,
        since_year=st.history_start.year,
        rank=rank,
        out_of=st.out_of,
        share=_share(rank, st.out_of, low),
        record=_record_clause(st),
    )
    return clause, drank, dout


def periods_list(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {"start": r.start.date(), "end": r.end.date(), "value": float(r.value)}
        for r in frame.itertuples()
    ]


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


def load_levels(symbol: str, loader: Loader | None) -> tuple[pd.Series, str]:
    """Adjusted closes (``"total_return"``) of ``symbol``, else closes (``"price"``).

    A factor (unit ``pct_return``) becomes its wealth index (growth of 1). A price index
    (RUT, SPX) has no total return: the "Adj Close" of its file is its close.
    """
    if info(symbol).unit == "pct_return":
        return wealth_index(load_returns(symbol, loader, None)), "total_return"
    if info(symbol).price_index:
        return pd.Series(_call(loader, symbol, "close"), dtype="float64").dropna(), "price"
    try:
        s = pd.Series(_call(loader, symbol, "adj_close"), dtype="float64").dropna()
        if not s.empty:
            return s, "total_return"
    except UnknownSymbol:
        raise
    except (KeyError, ValueError):  # no adjusted close for this symbol (DataError too)
        pass
    return pd.Series(_call(loader, symbol, "close"), dtype="float64").dropna(), "price"
