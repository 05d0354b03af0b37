"""Facts about factors over long windows and decades.

``factor_facts("SMB", windows=("10y",))`` loads the daily factor returns (fractions)
through a loader (default :func:`rotascope.catalog.load`), measures them with
:mod:`rotascope.measures.factors` and states each result as a :class:`Fact` of kind
``factor`` whose sentence comes from a template in :mod:`rotascope.facts._factor_text`.
Long-run pair gaps live in :mod:`rotascope.facts.longrun_facts` (re-exported here).

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

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from rotascope._typing import DateLike
from rotascope.errors import AsOfError, DataError, UnknownSymbol
from rotascope.facts._factor_text import (
    DECADE_SYMBOLS,
    DECADE_TEMPLATE,
    DRAWDOWN_TEMPLATE,
    FACTOR_NAMES,
    FACTOR_WORDS,
    WINDOW_TEMPLATE,
    Loader,
    check_factor,
    day,
    load_returns,
    move_phrase,
    parse_years,
    pct,
    periods_list,
    ranking_clause,
    span_words,
    window_record,
)
from rotascope.facts.fact import Fact, Record
from rotascope.facts.longrun_facts import relative_facts
from rotascope.measures.factors import compound_windows, distinct_periods, window_stat
from rotascope.measures.longrun import decade_returns, factor_drawdown
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


def _window_fact(sym: str, returns: pd.Series, label: str, years: int, top: int) -> Fact:
    w = compound_windows(returns, years)
    if w.empty:
        raise AsOfError(
            f"{sym}: no complete {years}-year window ends by {returns.index[-1].date()}"
        )
    st = window_stat(w, years)
    span, span_adj = span_words(years)
    rec = window_record(st)
    ranking, drank, dout = ranking_clause(st)
    text = WINDOW_TEMPLATE.format(
        span=span,
        end=day(st.end),
        move=move_phrase(sym, st.value),
        sym=sym,
        annual="" if years == 1 else f", {pct(st.annualised, signed=True)} a year",
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
            "worst_periods": periods_list(distinct_periods(w, direction="low", limit=top)),
            "best_periods": periods_list(distinct_periods(w, direction="high", limit=top)),
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
        level = f", its lowest level since {day(since)}"
    else:
        level = ""
    text = DRAWDOWN_TEMPLATE.format(
        end=day(dd.asof), name=name, sym=sym, dd=pct(dd.drawdown), peak=day(dd.peak_date),
        level=level, maxdd=pct(dd.max_drawdown), maxpeak=day(dd.max_drawdown_peak),
        maxdate=day(dd.max_drawdown_date),
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
    check_factor(sym)
    r = load_returns(sym, loader, asof)
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
            r = load_returns(sym, loader, asof)
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
                partial = f" (from {day(first)})"
            if row["partial_end"]:
                partial += f" so far (to {day(last)})"
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
                        move=move_phrase(sym, row["value"]),
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
