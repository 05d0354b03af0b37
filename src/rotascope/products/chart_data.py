"""The numbers the report's charts draw, read from the fact engine's memo.

The engine keeps every whole-history measure once per data version (N-session moves,
ratios, drawdowns, with their record tables); the charts draw the same series, cut at
the as-of session, so a chart and the facts beside it can never disagree and nothing
is computed twice. :func:`chart_data` gathers them; :mod:`rotascope.render.charts`
lays them out.

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
>>> sorted(d.ratios), d.moves.window, d.moves.unit, sorted(d.drawdowns)
(['SPX'], 5, 'pct', ['RUT', 'SPX'])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rotascope._typing import Basis
from rotascope.kinds.engine import FactEngine
from rotascope.kinds.fact import Record
from rotascope.measures.periods import period_return

__all__ = ["ChartData", "MovesChart", "RatioChart", "RebasedLine", "chart_data"]


@dataclass(frozen=True)
class RatioChart:
    """A pair's price ratio to the as-of session, with its record tables.

    Attributes
    ----------
    subject, versus : str
        The pair (ratio = subject / versus, on the sessions both have).
    ratio : pandas.Series
        The ratio to the session.
    highs, lows : pandas.DataFrame
        :func:`~rotascope.measures.records.records` tables of the ratio (the memo's).
    """

    subject: str
    versus: str
    ratio: pd.Series
    highs: pd.DataFrame
    lows: pd.DataFrame


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
    """

    symbol: str
    window: int
    unit: str
    moves: pd.Series
    record: Record | None


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
        By comparison symbol (pairs with a yield have none).
    moves : MovesChart
        The subject's moves over the lead's window.
    rebased : list of RebasedLine
        The period-to-date lines (yields have none).
    drawdowns : dict of str to pandas.Series
        Percent below the running high, by symbol (yields have none).
    period : str
        ``YTD``, ``QTD`` or ``MTD``.
    """

    ratios: dict[str, RatioChart]
    moves: MovesChart
    rebased: list[RebasedLine] = field(default_factory=list)
    drawdowns: dict[str, pd.Series] = field(default_factory=dict)
    period: str = "YTD"


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
        if main.is_yield or data.is_yield:
            continue
        m = memo.ratios(main, data)
        ratios[data.symbol] = RatioChart(
            subject, data.symbol, m.value.loc[:day].dropna(), m.table("high").loc[:day],
            m.table("low").loc[:day],
        )  # fmt: skip
    mv = memo.moves(main, window)
    moves = mv.value.loc[:day].dropna()
    record = None
    if len(moves):
        last = moves.index[-1]
        record = mv.record(last, "high" if moves.iloc[-1] >= 0 else "low")
    rebased: list[RebasedLine] = []
    drawdowns: dict[str, pd.Series] = {}
    for data in (main, *others):
        if data.is_yield:
            continue
        values = data.values.loc[:day]
        r = period_return(values, period, day) if len(values) else None  # type: ignore[arg-type]
        if r is not None and np.isfinite(r.start_value):
            start = pd.Timestamp(r.start)
            rebased.append(
                RebasedLine(data.symbol, start, values.loc[start:] / r.start_value * 100.0)
            )
        drawdowns[data.symbol] = memo.drawdowns(data).value.loc[:day]
    unit = "bp" if main.is_yield else "pct"
    return ChartData(
        ratios, MovesChart(subject, window, unit, moves, record), rebased, drawdowns, period
    )
