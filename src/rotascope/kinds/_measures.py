"""Whole-history measures of the level, threshold, comovement and intraday kinds, kept
in the engine's :class:`~rotascope.kinds.memo.Memo` (computed once per source and data
version; any as-of date is then a row lookup, and a row never depends on later data).

Examples
--------
>>> import pandas as pd
>>> from rotascope.data import MemorySource
>>> from rotascope.kinds.memo import Memo
>>> idx = pd.bdate_range("2024-01-01", periods=5, name="date")
>>> memo = Memo(MemorySource({"AAA": pd.Series([10.0, 12, 9, 11, 12.5], idx)}))
>>> data = memo.series("AAA")
>>> levels(memo, data).record(idx[3], "high").since.isoformat()
'2024-01-02'
>>> bool(record_close_table(memo, data)["record"].iloc[-1])
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rotascope.errors import DataError, UnknownSymbol
from rotascope.kinds.memo import Measure, Memo, SeriesData
from rotascope.measures.comovement import rolling_comovement
from rotascope.measures.intraday import intraday_moves
from rotascope.measures.levels import record_closes
from rotascope.measures.thresholds import drawdown_thresholds

__all__ = [
    "INTRADAY_FIELDS",
    "comovement",
    "drought_table",
    "intraday",
    "levels",
    "record_close_table",
    "threshold_table",
]

#: Intraday measures and the side of their records.
INTRADAY_FIELDS: dict[str, str] = {"swing": "high", "down_most": "low", "up_most": "high"}


def levels(memo: Memo, data: SeriesData) -> Measure:
    """The levels themselves (closes, yields) with their record tables."""
    return memo.get(("levels", data.symbol, data.basis), lambda: Measure(data.values))


def record_close_table(memo: Memo, data: SeriesData) -> pd.DataFrame:
    """:func:`~rotascope.measures.levels.record_closes` of ``data`` plus ``sessions``
    (sessions since the previous record) and ``count_year`` (record closes of the
    calendar year so far, the day included)."""

    def build() -> pd.DataFrame:
        table = record_closes(data.values)
        pos = pd.Series(np.arange(len(table)), index=table.index)
        prev = table["previous_record"]
        prev_pos = pos.reindex(pd.DatetimeIndex(prev)).to_numpy()
        table["sessions"] = pos.to_numpy() - prev_pos
        years = table.index.year
        table["count_year"] = table["record"].astype(int).groupby(years).cumsum().to_numpy()
        return table

    return memo.get(("record_closes", data.symbol, data.basis), build)


def drought_table(memo: Memo, data: SeriesData) -> Measure:
    """For record closes only: the sessions waited since the previous record, ranked
    among all earlier record closes (the longest wait since ...)."""

    def build() -> Measure:
        table = record_close_table(memo, data)
        waits = table["sessions"].where(table["record"]).dropna().astype("float64")
        return Measure(waits)

    return memo.get(("droughts", data.symbol, data.basis), build)


def threshold_table(memo: Memo, data: SeriesData) -> pd.DataFrame:
    """:func:`~rotascope.measures.thresholds.drawdown_thresholds` of ``data`` (10% and
    20%)."""
    key = ("thresholds", data.symbol, data.basis)
    return memo.get(key, lambda: drawdown_thresholds(data.values))


def comovement(memo: Memo, a: SeriesData, b: SeriesData, window: int) -> Measure:
    """Rolling correlation of A's and B's daily moves (``parts["beta"]``: the beta)."""

    def build() -> Measure:
        table = rolling_comovement(a.values, b.values, int(window))
        corr = table["correlation"].dropna()
        return Measure(corr, parts={"beta": table["beta"]})

    return memo.get(("comovement", a.symbol, b.symbol, a.basis, b.basis, int(window)), build)


def intraday(memo: Memo, data: SeriesData) -> dict[str, Measure] | None:
    """One-session intraday moves (``swing``, ``down_most``, ``up_most``, in percent of
    the previous close) with their records, and ``close_move``; ``None`` when the source
    has no intraday highs and lows for the series."""

    def build() -> dict[str, Measure] | None:
        try:
            frame = memo.source.frame(data.symbol)
        except (UnknownSymbol, DataError):
            return None
        if not {"high", "low"} <= set(frame.columns) or data.basis != "price":
            return None
        frame = frame.loc[:, ["high", "low", "close"]].dropna(subset=["close"])
        if not (frame["high"] > frame["low"]).any():
            return None
        moves = intraday_moves(frame, 1) * 100.0
        out = {k: Measure(moves[k].dropna()) for k in INTRADAY_FIELDS}
        out["close_move"] = Measure(moves["close_move"])
        out["high"] = Measure(frame["high"])
        out["low"] = Measure(frame["low"])
        return out

    return memo.get(("intraday", data.symbol, data.basis), build)
