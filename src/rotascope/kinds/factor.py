"""Kind ``factor``: a factor's compounded return over N calendar years, ranked among every
window of that length since the data began.

"Over the ten years to Mar 28, 2024, small caps trailed big caps by 35.5% (SMB,
compounded), -4.3% a year, the 4th worst of 9 non-overlapping ten-year periods since
1926 (...)". The factor's drawdown is kind ``factor_drawdown``; :func:`factor_facts`
gives both for a symbol of a data source.

Examples
--------
>>> import pandas as pd
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2000-01-03", "2012-12-31")
>>> src = MemorySource({"SMB": pd.Series(0.0001, index=idx)})
>>> f = factor_facts(src, "SMB", windows=("10y",), drawdown=False)[0]
>>> f.kind, f.window, f.unit, round(f.value, 2)
('factor', '10y', 'pct', 29.81)
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import pandas as pd

from rotascope.data.port import DataSource
from rotascope.errors import AsOfError
from rotascope.kinds._longview import (
    check_factor,
    move_phrase,
    parse_years,
    periods_list,
    ranking_clause,
    window_details,
    window_record,
)
from rotascope.kinds.context import DEFAULT_YEARS, Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.factor_drawdown import factor_drawdown_fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.factors import compound_windows, distinct_periods, window_stat
from rotascope.symbols import canonical
from rotascope.wording import fmt_date, pct, year_words

__all__ = ["KIND", "build", "factor_facts", "factor_returns", "template", "window_fact"]


def template(f: Fact) -> str:
    """The sentence of a ``factor`` fact."""
    years = int(f.details["years"])
    annual = "" if years == 1 else f", {pct(f.details['annualised'], signed=True)} a year"
    return (
        f"Over the {year_words(years)[0]} to {fmt_date(f.asof)}, "
        f"{move_phrase(f.subject, f.value)} ({f.subject}, compounded){annual}"
        f"{ranking_clause(f)}."
    )


def window_fact(sym: str, returns: pd.Series, years: int, *, top: int = 5) -> Fact:
    """The ``years``-year window of a factor's daily returns (fractions) ending last.

    Raises
    ------
    AsOfError
        No complete window of that length ends by the last return.
    """
    w = compound_windows(returns, years)
    if w.empty:
        raise AsOfError(
            f"{sym}: no complete {years}-year window ends by {returns.index[-1].date()}"
        )
    st = window_stat(w, years)
    return make(
        "factor",
        subject=sym,
        asof=st.end.date(),
        value=st.value * 100.0,
        window=f"{years}y",
        start=st.start.date(),
        record=window_record(st),
        basis="total_return",
        label=f"{year_words(years)[1]} factor return",
        details={
            **window_details(st),
            "annualised": st.annualised * 100.0,
            "worst_periods": periods_list(distinct_periods(w, direction="low", limit=top)),
            "best_periods": periods_list(distinct_periods(w, direction="high", limit=top)),
            "series_start": returns.index[0].date(),
        },
    )


def factor_returns(source: DataSource, symbol: str, asof: pd.Timestamp | None = None) -> pd.Series:
    """Daily returns (fractions) of a factor up to ``asof``.

    Raises
    ------
    UnknownSymbol, DataError, AsOfError
        No such symbol, not a factor, no values, or ``asof`` before the first value.
    """
    sym = canonical(symbol)
    check_factor(sym)
    s = source.series(sym, "close").astype("float64").sort_index()
    if asof is not None:
        if asof < s.index[0]:
            raise AsOfError(f"asof {asof.date()} is before {sym}'s first date {s.index[0].date()}")
        s = s.loc[:asof]
    return s


def factor_facts(
    source: DataSource,
    symbol: str,
    *,
    asof: pd.Timestamp | None = None,
    windows: Sequence[str | int] = DEFAULT_YEARS,
    top: int = 5,
    drawdown: bool = True,
) -> list[Fact]:
    """Window facts of a factor (kind ``factor``), then its drawdown (``factor_drawdown``).

    Parameters
    ----------
    source : DataSource
        Where the factor's daily returns are (column ``close``, fractions).
    symbol : str
        ``SMB``, ``HML``, ``RMW``, ``CMA``, ``MOM``, ``MKT-RF``.
    asof : pandas.Timestamp, optional
        Use only returns dated on or before it.
    windows : sequence of str or int
        Window lengths in years (``"10y"`` or ``10``).
    top : int
        Distinct worst/best periods listed in ``details``.
    drawdown : bool
        Add the drawdown fact (last).
    """
    sym = canonical(symbol)
    r = factor_returns(source, sym, asof)
    out = [window_fact(sym, r, parse_years(w), top=top) for w in windows]
    if drawdown:
        out.append(factor_drawdown_fact(sym, r))
    return out


def build(ctx: Context) -> list[Fact]:
    """Year-window facts of a factor subject (the default years that fit when none asked)."""
    data = ctx.data
    if data.returns is None:
        return []
    returns = data.returns.loc[: ctx.day]

    def make_facts() -> list[Fact]:
        if ctx.years:
            return [window_fact(data.symbol, returns, parse_years(y)) for y in ctx.years]
        out: list[Fact] = []
        for y in DEFAULT_YEARS:  # skip windows longer than the history
            with contextlib.suppress(AsOfError):
                out.append(window_fact(data.symbol, returns, parse_years(y)))
        return out

    return list(ctx.memo.get(("factor", data.symbol, ctx.years, ctx.day), make_facts))


KIND = register(
    Kind(
        "factor",
        "pct",
        template,
        build,
        "A factor's compounded return over N years, ranked among all such windows.",
        scope="factor",
        order=10,
        overlapping=True,
    )
)
