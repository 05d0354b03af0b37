"""The numbers the report's charts draw, read from the fact engine's memo.

The engine keeps every whole-history measure once per data version (N-session moves,
ratios, drawdowns); the charts draw the same series, cut at the as-of session, with the
same records the facts state, so a chart and the facts beside it can never disagree
and nothing is computed twice. :func:`chart_data` gathers them; :mod:`rotascope.render`
lays them out.

Which charts a report gets depends on what its series are (:attr:`ChartData.kind`):

- a price (an index, an ETF) or a factor's growth index: the ratio to each price
  comparison, the distribution of its moves in percent, the period rebased to 100,
  the drawdowns;
- a yield: its level over the last years, the spread to each yield comparison and the
  distribution of its changes, in basis points (a yield has no ratio, no drawdown and
  nothing to rebase).

Examples
--------
>>> import numpy as np, pandas as pd
>>> from rotascope.data import MemorySource
>>> from rotascope.kinds.engine import engine_for
>>> idx = pd.bdate_range("2023-01-02", periods=400, name="date")
>>> rng = np.random.default_rng(0)
>>> src = MemorySource({s: pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, 400))), idx)
...                     for s in ("RUT", "SPX")})
>>> d = chart_data(engine_for(src), "RUT", ("SPX",), idx[-1], window=5)
>>> d.kind, sorted(d.ratios), d.moves.window, d.moves.unit, sorted(d.drawdowns)
('price', ['SPX'], 5, 'pct', ['RUT', 'SPX'])
>>> int(d.moves.bins.counts.sum()) == len(d.moves.moves)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rotascope._typing import Basis
from rotascope.kinds.engine import FactEngine
from rotascope.kinds.fact import Record
from rotascope.kinds.memo import SeriesData
from rotascope.measures.histogram import Histogram, histogram
from rotascope.measures.periods import period_return
from rotascope.measures.records import record_dates

__all__ = [
    "LEVEL_YEARS",
    "ChartData",
    "LevelChart",
    "MovesChart",
    "RatioChart",
    "RebasedLine",
    "SpreadChart",
    "chart_data",
]

#: Years of a yield's level and spread charts.
LEVEL_YEARS = 5


@dataclass(frozen=True)
class RatioChart:
    """A pair's price ratio to the as-of session, with its record tables.

    Attributes
    ----------
    subject, versus : str
        The pair (ratio = subject / versus, on the sessions both have).
    ratio : pandas.Series
        The ratio to the session.
    record_highs, record_lows : pandas.DatetimeIndex
        Dates the ratio was above (below) every earlier value.
    high, low : Record or None
        The session's record in each direction (as the ratio facts state it).
    """

    subject: str
    versus: str
    ratio: pd.Series
    record_highs: pd.DatetimeIndex
    record_lows: pd.DatetimeIndex
    high: Record | None = None
    low: Record | None = None


@dataclass(frozen=True)
class MovesChart:
    """Every ``window``-session move of the subject to the session, the last one's record.

    Attributes
    ----------
    symbol : str
    window : int
    unit : {"pct", "bp"}
        Percent, or basis points for a yield.
    moves : pandas.Series
        The moves in ``unit`` (no NaN).
    record : Record or None
        The last move's record in its direction (as the move facts state it).
    bins : Histogram
        The moves counted over round bins
        (:func:`~rotascope.measures.histogram.histogram`).
    """

    symbol: str
    window: int
    unit: str
    moves: pd.Series
    record: Record | None
    bins: Histogram


@dataclass(frozen=True)
class LevelChart:
    """A yield's level over the last :data:`LEVEL_YEARS` years, in percent.

    Attributes
    ----------
    symbol : str
    values : pandas.Series
        The yield to the session.
    change : float
        Its change over ``window`` sessions, in basis points (NaN without history).
    window : int
    """

    symbol: str
    values: pd.Series
    change: float
    window: int


@dataclass(frozen=True)
class SpreadChart:
    """Two yields' gap (subject minus versus) on their common sessions, in basis points.

    Attributes
    ----------
    subject, versus : str
    spread : pandas.Series
        The last :data:`LEVEL_YEARS` years to the session.
    """

    subject: str
    versus: str
    spread: pd.Series


@dataclass(frozen=True)
class RebasedLine:
    """One series over the period to date, 100 = the close before the period began."""

    symbol: str
    base_date: pd.Timestamp
    values: pd.Series


@dataclass(frozen=True)
class ChartData:
    """Everything the report's main charts draw.

    Attributes
    ----------
    ratios : dict of str to RatioChart
        By comparison symbol: pairs of two prices only.
    moves : MovesChart
        The subject's moves over the lead's window.
    rebased : list of RebasedLine
        The period-to-date lines (yields have none).
    drawdowns : dict of str to pandas.Series
        Percent below the running high, by symbol (yields have none).
    period : str
        ``YTD``, ``QTD`` or ``MTD``.
    kind : {"price", "factor", "yield"}
        What the subject is: a price, a factor's growth index, a yield.
    levels : dict of str to LevelChart
        Yields' levels: the subject's and its yield comparisons'.
    spreads : dict of str to SpreadChart
        A yield subject's gap to each yield comparison.
    """

    ratios: dict[str, RatioChart]
    moves: MovesChart
    rebased: list[RebasedLine] = field(default_factory=list)
    drawdowns: dict[str, pd.Series] = field(default_factory=dict)
    period: str = "YTD"
    kind: str = "price"
    levels: dict[str, LevelChart] = field(default_factory=dict)
    spreads: dict[str, SpreadChart] = field(default_factory=dict)


def _kind(data: SeriesData) -> str:
    return "yield" if data.is_yield else "factor" if data.compounded else "price"


def chart_data(
    engine: FactEngine,
    subject: str,
    versus: Sequence[str],
    day: pd.Timestamp,
    *,
    window: int = 5,
    basis: Basis = "price",
    period: str = "YTD",
) -> ChartData:
    """The charts' series for ``subject`` and each pair, cut at ``day``.

    Parameters
    ----------
    engine : FactEngine
        The engine whose memo holds the measures (the one the facts came from).
    subject : str
        Canonical symbol.
    versus : sequence of str
        Canonical comparison symbols.
    day : pandas.Timestamp
        The subject's as-of session; only data on or before it are used.
    window : int
        Sessions of the moves drawn (the lead fact's window).
    basis : {"price", "total_return"}
    period : {"YTD", "QTD", "MTD"}
    """
    memo = engine.memo
    main = memo.series(subject, basis)
    others = [memo.series(v, basis) for v in versus]
    ratios: dict[str, RatioChart] = {}
    for data in others:
        if _kind(main) != "price" or _kind(data) != "price":
            continue  # a ratio of two prices only (a yield or a factor has its own charts)
        m = memo.ratios(main, data)
        r = m.value.loc[:day].dropna()
        last = r.index[-1] if len(r) else None
        ratios[data.symbol] = RatioChart(
            subject, data.symbol, r, record_dates(r, "high"), record_dates(r, "low"),
            None if last is None else m.record(last, "high"),
            None if last is None else m.record(last, "low"),
        )  # fmt: skip
    mv = memo.moves(main, window)
    moves = mv.value.loc[:day].dropna()
    record = None
    if len(moves):
        record = mv.record(moves.index[-1], "high" if moves.iloc[-1] >= 0 else "low")
    rebased: list[RebasedLine] = []
    drawdowns: dict[str, pd.Series] = {}
    levels: dict[str, LevelChart] = {}
    spreads: dict[str, SpreadChart] = {}
    since = day - pd.DateOffset(years=LEVEL_YEARS)
    for data in (main, *others):
        values = data.values.loc[:day]
        if data.is_yield:
            if main.is_yield:
                change = memo.moves(data, window).value.loc[:day]
                last = float(change.iloc[-1]) if len(change) else float("nan")
                levels[data.symbol] = LevelChart(
                    data.symbol, values.loc[values.index > since], last, window
                )
            continue
        if main.is_yield:
            continue  # a yield's report draws yields only
        r = period_return(values, period, day) if len(values) else None  # type: ignore[arg-type]
        if r is not None and np.isfinite(r.start_value):
            start = pd.Timestamp(r.start)
            rebased.append(
                RebasedLine(data.symbol, start, values.loc[start:] / r.start_value * 100.0)
            )
        drawdowns[data.symbol] = memo.drawdowns(data).value.loc[:day]
    if main.is_yield:
        for data in others:
            if data.is_yield:
                al = memo.alignment(main, data)
                gap = ((al.a - al.b) * 100.0).loc[:day]
                spreads[data.symbol] = SpreadChart(subject, data.symbol, gap.loc[gap.index > since])
    unit = "bp" if main.is_yield else "pct"
    return ChartData(
        ratios, MovesChart(subject, window, unit, moves, record, histogram(moves.to_numpy())),
        rebased, drawdowns, period, _kind(main), levels, spreads,
    )  # fmt: skip
