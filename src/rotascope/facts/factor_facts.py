"""Facts about factors over long windows and decades, and long-run pair gaps.

``factor_facts("SMB", windows=("10y",))`` loads the daily factor returns (fractions)
through a loader (default :func:`rotascope.catalog.load`), measures them with
:mod:`rotascope.measures.factors` and states each result as a :class:`Fact` of kind
``factor`` whose sentence comes from a template in this module.

Examples
--------
>>> import pandas as pd
>>> idx = pd.bdate_range("2000-01-03", "2012-12-31")
>>> r = pd.Series(0.0001, index=idx)
>>> facts = factor_facts("SMB", windows=("10y",), loader=lambda sym, col: r)
>>> facts[0].kind, facts[0].window, facts[0].unit
('factor', '10y', 'pct')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pandas as pd

from rotascope._typing import DateLike
from rotascope.errors import AsOfError, DataError, UnknownSymbol
from rotascope.facts.fact import Fact, Record
from rotascope.measures.factors import (
    WindowStat,
    compound_windows,
    decade_returns,
    distinct_periods,
    factor_drawdown,
    window_stat,
)
from rotascope.measures.longrun import relative_performance
from rotascope.symbols import canonical, info

__all__ = [
    "DECADE_SYMBOLS",
    "FACTOR_NAMES",
    "FACTOR_WORDS",
    "Loader",
    "decade_facts",
    "decade_frame",
    "factor_facts",
    "parse_years",
    "relative_facts",
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


def _day(d: Any) -> str:
    t = pd.Timestamp(d)
    return f"{t:%b} {t.day}, {t.year}"


def _pct(x: float, signed: bool = False) -> str:
    return f"{x * 100:+.1f}%" if signed else f"{abs(x) * 100:.1f}%"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def _ranked(rank: int, word: str) -> str:
    return word if rank == 1 else f"{_ordinal(rank)} {word}"


def _span(years: int) -> tuple[str, str]:
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


def _returns(symbol: str, loader: Loader | None, asof: DateLike | None) -> pd.Series:
    s = (loader or _default_loader)(symbol, "close")
    s = pd.Series(s, dtype="float64").dropna().sort_index()
    s.index = pd.DatetimeIndex(s.index)
    if s.empty:
        raise DataError(f"{symbol}: the series holds no values")
    if asof is not None:
        ts = pd.Timestamp(asof)
        if ts < s.index[0]:
            raise AsOfError(f"asof {ts.date()} is before {symbol}'s first date {s.index[0].date()}")
        s = s.loc[:ts]
    return s


def _move(sym: str, value: float) -> str:
    long, short = FACTOR_WORDS.get(sym, ("", ""))
    if not long:
        return f"{info(sym).name} returned {_pct(value, signed=True)}"
    verb = "beat" if value >= 0 else "trailed"
    return f"{long} {verb} {short} by {_pct(value)}"


def _record(st: WindowStat) -> Record:
    low = st.direction == "low"
    return Record(
        direction=st.direction,
        since=(st.low_since if low else st.high_since),
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


def _ranking(st: WindowStat) -> tuple[str, int, int]:
    """The ranking clause of a window sentence, with the distinct rank and count used."""
    low = st.direction == "low"
    span_adj = _span(st.years)[1]
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


def _periods(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {"start": r.start.date(), "end": r.end.date(), "value": float(r.value)}
        for r in frame.itertuples()
    ]


def _window_fact(sym: str, returns: pd.Series, label: str, years: int, top: int) -> Fact:
    w = compound_windows(returns, years)
    if w.empty:
        raise AsOfError(
            f"{sym}: no complete {years}-year window ends by {returns.index[-1].date()}"
        )
    st = window_stat(w, years)
    span, span_adj = _span(years)
    rec = _record(st)
    ranking, drank, dout = _ranking(st)
    text = WINDOW_TEMPLATE.format(
        span=span,
        end=_day(st.end),
        move=_move(sym, st.value),
        sym=sym,
        annual="" if years == 1 else f", {_pct(st.annualised, signed=True)} a year",
        ranking=ranking,
    )
    return Fact(
        kind="factor",
        subject=sym,
        asof=st.end.date(),
        value=st.value,
        unit="pct",
        text=text,
        window=label,
        start=st.start.date(),
        record=rec,
        basis="total_return",
        label=f"{span_adj} factor return",
        details={
            "years": years,
            "annualised": st.annualised,
            "low_rank": st.low_rank,
            "high_rank": st.high_rank,
            "out_of": st.out_of,
            "distinct_rank": drank,
            "distinct_out_of": dout,
            "distinct_direction": st.direction,
            "worst_periods": _periods(distinct_periods(w, direction="low", limit=top)),
            "best_periods": _periods(distinct_periods(w, direction="high", limit=top)),
            "series_start": returns.index[0].date(),
        },
    )


def _drawdown_fact(sym: str, returns: pd.Series) -> Fact:
    dd = factor_drawdown(returns)
    name = FACTOR_NAMES.get(sym, info(sym).name)
    since = dd.level_low_since
    if since is None:
        level = ", its lowest level on record"
    elif since < dd.asof - pd.DateOffset(years=1):
        level = f", its lowest level since {_day(since)}"
    else:
        level = ""
    text = DRAWDOWN_TEMPLATE.format(
        end=_day(dd.asof), name=name, sym=sym, dd=_pct(dd.drawdown), peak=_day(dd.peak_date),
        level=level, maxdd=_pct(dd.max_drawdown), maxpeak=_day(dd.max_drawdown_peak),
        maxdate=_day(dd.max_drawdown_date),
    )  # fmt: skip
    return Fact(
        kind="factor",
        subject=sym,
        asof=dd.asof.date(),
        value=dd.drawdown,
        unit="pct",
        text=text,
        start=dd.peak_date.date(),
        record=Record(
            direction="low",
            since=None if dd.drawdown_low_since is None else dd.drawdown_low_since.date(),
            since_value=None,
            rank=dd.drawdown_rank,
            out_of=dd.out_of,
            history_start=dd.history_start.date(),
        ),
        basis="total_return",
        label="factor drawdown",
        details={
            "level": dd.level,
            "level_low_since": None if since is None else since.date(),
            "max_drawdown": dd.max_drawdown,
            "max_drawdown_date": dd.max_drawdown_date.date(),
            "max_drawdown_peak": dd.max_drawdown_peak.date(),
        },
    )


def factor_facts(
    symbol: str,
    asof: DateLike | None = None,
    windows: Sequence[str | int] = ("1y", "3y", "5y", "10y"),
    loader: Loader | None = None,
    *,
    top: int = 5,
    drawdown: bool = True,
) -> list[Fact]:
    """Window, rank and drawdown facts for one factor (unit ``pct_return``).

    Parameters
    ----------
    symbol : str
        Factor symbol (``SMB``, ``HML``, ``RMW``, ``CMA``, ``MOM``, ``MKT-RF``).
    asof : date-like, optional
        Use only returns dated on or before it (default: all).
    windows : sequence of str or int
        Window lengths in years (``"10y"`` or ``10``).
    loader : callable, optional
        ``loader(symbol, column) -> pd.Series`` of daily returns as fractions (column
        ``"close"``); default :func:`rotascope.catalog.load`.
    top : int
        How many distinct worst/best periods to list in ``details``.
    drawdown : bool
        Add the drawdown fact (last in the list).

    Returns
    -------
    list of Fact
        One fact per window (kind ``factor``, unit ``pct``), then the drawdown fact.
    """
    sym = canonical(symbol)
    r = _returns(sym, loader, asof)
    out = [_window_fact(sym, r, f"{parse_years(w)}y", parse_years(w), top) for w in windows]
    if drawdown:
        out.append(_drawdown_fact(sym, r))
    return out


def _decade_rows(
    symbols: Iterable[str], asof: DateLike | None, loader: Loader | None
) -> dict[str, pd.DataFrame]:
    explicit = tuple(symbols) != DECADE_SYMBOLS
    tables: dict[str, pd.DataFrame] = {}
    for s in symbols:
        sym = canonical(s)
        try:
            r = _returns(sym, loader, asof)
        except UnknownSymbol:
            if explicit:
                raise
            continue
        tables[sym] = decade_returns(r)
    return tables


def decade_frame(
    symbols: Iterable[str] = DECADE_SYMBOLS,
    asof: DateLike | None = None,
    loader: Loader | None = None,
    *,
    first_decade: int | None = None,
) -> pd.DataFrame:
    """Compounded factor return per calendar decade, one column per factor.

    A cell is left empty when its series began after the decade's first week. The
    table starts at ``first_decade`` (default: the first decade some factor covers
    from its start, 1930 for the 1926 files).

    Returns
    -------
    pd.DataFrame
        Index ``decade`` labels (``"1930s"``); one float column (fractions) per
        factor; ``partial`` (bool: the decade is not over in the data) and
        ``through`` (last date used in that decade).
    """
    tables = _decade_rows(list(symbols), asof, loader)
    if not tables:
        raise DataError("no factor series to tabulate")
    decades = sorted({int(d) for t in tables.values() for d in t.index})
    full = [d for t in tables.values() for d in t.index[~t["partial_start"]]]
    start = first_decade if first_decade is not None else (min(full) if full else decades[0])
    rows = []
    for d in (d for d in decades if d >= start):
        row: dict[str, Any] = {"decade": f"{d}s"}
        partial, through = False, None
        for sym, t in tables.items():
            if d not in t.index or bool(t.at[d, "partial_start"]):
                row[sym] = float("nan")
                continue
            row[sym] = float(t.at[d, "value"])
            partial = partial or bool(t.at[d, "partial_end"])
            last = pd.Timestamp(t.at[d, "last"])
            through = last if through is None or last > through else through
        row["partial"] = partial
        row["through"] = through
        rows.append(row)
    return pd.DataFrame(rows).set_index("decade")


def decade_facts(
    symbols: Iterable[str] = DECADE_SYMBOLS,
    asof: DateLike | None = None,
    loader: Loader | None = None,
) -> list[Fact]:
    """One ``factor`` fact per factor and calendar decade (window ``"1930s"``...).

    Partial decades (the current one, or one a series began in) say so in the text
    and carry ``details["partial"] = True``.
    """
    out: list[Fact] = []
    for sym, t in _decade_rows(list(symbols), asof, loader).items():
        for d, row in t.iterrows():
            first, last = pd.Timestamp(row["first"]), pd.Timestamp(row["last"])
            partial = ""
            if row["partial_start"]:
                partial = f" (from {_day(first)})"
            if row["partial_end"]:
                partial += f" so far (to {_day(last)})"
            out.append(
                Fact(
                    kind="factor",
                    subject=sym,
                    asof=last.date(),
                    value=float(row["value"]),
                    unit="pct",
                    text=DECADE_TEMPLATE.format(
                        label=row["label"],
                        partial=partial,
                        move=_move(sym, row["value"]),
                        sym=sym,
                    ),
                    window=str(row["label"]),
                    start=first.date(),
                    basis="total_return",
                    label="decade factor return",
                    details={
                        "decade": int(d),
                        "partial": bool(row["partial"]),
                        "sessions": int(row["sessions"]),
                    },
                )
            )
    return out


def _levels(symbol: str, loader: Loader | None) -> tuple[pd.Series, str]:
    load = loader or _default_loader
    try:
        s = pd.Series(load(symbol, "adj_close"), dtype="float64").dropna()
        if not s.empty:
            return s, "total_return"
    except UnknownSymbol:
        raise
    except (KeyError, ValueError):  # no adjusted close for this symbol (DataError too)
        pass
    return pd.Series(load(symbol, "close"), dtype="float64").dropna(), "price"


def relative_facts(
    subject: str,
    versus: str,
    windows: Sequence[str | int] = ("10y",),
    asof: DateLike | None = None,
    loader: Loader | None = None,
    *,
    top: int = 5,
) -> list[Fact]:
    """Long-horizon gap between two series on total return (adjusted close).

    Parameters
    ----------
    subject, versus : str
        The pair (e.g. ``IWM``, ``SPY``).
    windows : sequence of str or int
        Window lengths in years.
    asof : date-like, optional
        End of the windows (last common date on or before it).
    loader : callable, optional
        ``loader(symbol, column) -> pd.Series``; asked for ``"adj_close"`` first, then
        ``"close"`` (``basis="price"``) when a series has no adjusted close.

    Returns
    -------
    list of Fact
        Kind ``spread``, unit ``pp`` (fraction points), one per window.
    """
    a_sym, b_sym = canonical(subject), canonical(versus)
    a, basis_a = _levels(a_sym, loader)
    b, basis_b = _levels(b_sym, loader)
    basis = "total_return" if basis_a == basis_b == "total_return" else "price"
    out: list[Fact] = []
    for w in windows:
        years = parse_years(w)
        try:
            st = relative_performance(a, b, years, asof=asof, top=top)
        except ValueError as exc:
            raise AsOfError(f"{a_sym} vs {b_sym}: {exc}") from None
        ws = st.window
        rec = _record(ws)
        span, span_adj = _span(years)
        ranking, drank, dout = _ranking(ws)
        text = PAIR_TEMPLATE.format(
            span=span, end=_day(ws.end), a=a_sym, b=b_sym, ra=_pct(st.ret_a, True),
            rb=_pct(st.ret_b, True), basis=basis.replace("_", " "),
            gap=f"{st.gap * 100:+.1f}", ann=f"{st.ann_gap * 100:+.1f}", ranking=ranking,
        )  # fmt: skip
        out.append(
            Fact(
                kind="spread",
                subject=a_sym,
                versus=b_sym,
                asof=ws.end.date(),
                value=st.gap,
                unit="pp",
                text=text,
                window=f"{years}y",
                start=ws.start.date(),
                record=rec,
                basis=basis,
                label=f"{span_adj} return gap",
                details={
                    "ret_subject": st.ret_a,
                    "ret_versus": st.ret_b,
                    "ann_subject": st.ann_a,
                    "ann_versus": st.ann_b,
                    "ann_gap": st.ann_gap,
                    "relative": st.relative,
                    "distinct_rank": drank,
                    "distinct_out_of": dout,
                    "worst_periods": _periods(st.worst),
                    "best_periods": _periods(st.best),
                    "first_common": st.first_common.date(),
                },
            )
        )
    return out
