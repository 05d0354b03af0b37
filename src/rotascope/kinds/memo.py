"""Loaded series and whole-history measures, computed once per data source and version.

A record at ``t`` never depends on data after ``t``, so each measure (N-session moves,
spreads, the ratio, the drawdown) is computed **once over the whole history** with its
record tables; any as-of date is then a row lookup. A :class:`Memo` belongs to one
:class:`~rotascope.data.port.DataSource` at one ``version()``: the engine makes a new
one when the version changes, so two sources or two data versions never share entries.

Moves are compared in the data's own quantum (:mod:`rotascope.measures.exact`):
yield changes in whole basis points, factor returns from the file's daily returns.

Examples
--------
>>> import pandas as pd
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2024-01-01", periods=6, name="date")
>>> src = MemorySource({"DGS10": pd.Series([4.70, 4.72, 4.70, 4.72, 4.74, 4.72], idx)})
>>> memo = Memo(src)
>>> m = memo.moves(memo.series("DGS10"), 1)
>>> m.value.tolist()[1:], m.record(idx[3], "high").rank  # +2 bp ties the earlier +2 bp
([2.0, -2.0, 2.0, 2.0, -2.0], 1)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from rotascope.asof import Note
from rotascope.data.port import DataSource
from rotascope.errors import DataError
from rotascope.kinds.fact import Record
from rotascope.measures.exact import compound_order, diff_units, quantum, to_units
from rotascope.measures.records import record_row, records
from rotascope.measures.relative import Alignment, align
from rotascope.measures.returns import MoveKind, window_starts
from rotascope.symbols import info

__all__ = ["COLUMNS", "Measure", "Memo", "SeriesData"]

#: Column of each basis.
COLUMNS: dict[str, str] = {"price": "close", "total_return": "adj_close"}


@dataclass(frozen=True)
class SeriesData:
    """One loaded series, ready for measures.

    Attributes
    ----------
    symbol : str
        Canonical symbol.
    values : pandas.Series
        Date-ordered values: closes, yields in percent, or for factors the growth-of-1
        index of their compounded returns (for levels, ratios and drawdowns).
    basis : {"price", "total_return"}
        The basis used (``price`` when no adjusted close exists).
    how : {"pct", "diff", "compound"}
        How moves are measured: ratios of closes, yield differences (basis points),
        compounded daily returns (factors).
    returns : pandas.Series or None
        The file's daily returns (fractions) of a factor.
    decimals : int or None
        The quantum of the yields (``2``) or of the factor returns (``4``); ``None``
        when the values are not quantized (then compared as floats).
    notes : tuple of Note
        What loading must tell the reader (basis fallback).
    """

    symbol: str
    values: pd.Series
    basis: str
    how: MoveKind
    returns: pd.Series | None = None
    decimals: int | None = None
    notes: tuple[Note, ...] = ()

    @property
    def is_yield(self) -> bool:
        """True for yields (moves are changes in basis points)."""
        return self.how == "diff"

    @property
    def compounded(self) -> bool:
        """True for factors (moves compound the daily returns)."""
        return self.how == "compound"

    @property
    def unit(self) -> str:
        """Unit of this series' moves: ``bp`` for yields, else ``pct``."""
        return "bp" if self.is_yield else "pct"

    @property
    def first(self) -> pd.Timestamp:
        """First date with a value."""
        return self.values.index[0]

    @property
    def last(self) -> pd.Timestamp:
        """Last date with a value."""
        return self.values.index[-1]

    def day_on_or_before(self, day: pd.Timestamp) -> pd.Timestamp | None:
        """The last date with a value on or before ``day`` (``None`` before the data)."""
        pos = int(self.values.index.searchsorted(day, side="right")) - 1
        return self.values.index[pos] if pos >= 0 else None


class Measure:
    """A whole-history measure with its record tables (built on first use).

    Parameters
    ----------
    value : pandas.Series
        The measure in the reader's unit (percent, percentage points, basis points,
        a ratio).
    order : pandas.Series, optional
        A key that compares exactly as the exact values do (integer units, or dense
        ranks of exact products); records are computed on it. Default: ``value``.
    start : pandas.Series, optional
        The base date of each window.
    parts : dict, optional
        Other whole-history series (the two returns behind a spread).
    """

    def __init__(
        self,
        value: pd.Series,
        *,
        order: pd.Series | None = None,
        start: pd.Series | None = None,
        parts: dict[str, pd.Series] | None = None,
    ) -> None:
        self.value = value
        self.order = value if order is None else order
        self.start = start
        self.parts = parts or {}
        self._tables: dict[str, pd.DataFrame] = {}

    def table(self, direction: str) -> pd.DataFrame:
        """The :func:`~rotascope.measures.records.records` table of ``order``."""
        hit = self._tables.get(direction)
        if hit is None:
            hit = records(self.order, direction)  # type: ignore[arg-type]
            self._tables[direction] = hit
        return hit

    def at(self, day: pd.Timestamp) -> float:
        """The value on ``day`` (NaN when there is none)."""
        if day not in self.value.index:
            return float("nan")
        return float(self.value.loc[day])

    def record(self, day: pd.Timestamp, direction: str) -> Record | None:
        """The :class:`Record` on ``day`` (``since_value`` in the measure's unit)."""
        table = self.table(direction)
        if day not in table.index:
            return None
        row = record_row(table, day)
        if row is None:
            return None
        if row["since"] is not None:
            row["since_value"] = float(self.value.loc[pd.Timestamp(row["since"])])
        return Record(direction=direction, **row)


class Memo:
    """Series and measures of one data source at one data version.

    Parameters
    ----------
    source : DataSource
        Where the series come from.
    """

    def __init__(self, source: DataSource) -> None:
        self.source = source
        self.version = source.version()
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        """``build()`` computed once per ``key``."""
        hit = self._cache.get(key)
        if hit is None:
            hit = build()
            with self._lock:
                self._cache[key] = hit
        return hit

    # ------------------------------------------------------------------ series
    def series(self, symbol: str, basis: str = "price") -> SeriesData:
        """``symbol`` on ``basis`` (``price``: closes; ``total_return``: adjusted closes,
        falling back to closes with a note).

        Raises
        ------
        UnknownSymbol
            The source does not know the symbol.
        DataError
            The series holds no values.
        """
        if basis not in COLUMNS:
            raise ValueError(f"basis must be 'price' or 'total_return', got {basis!r}")
        sym = self.source.resolve(symbol)  # the data decide what a short name means
        return self.get(("series", sym, basis), lambda: self._load(sym, basis))

    def _load(self, sym: str, basis: str) -> SeriesData:
        notes: tuple[Note, ...] = ()
        raw: pd.Series | None = None
        used = basis
        unit = info(sym).unit
        if basis == "total_return" and info(sym).price_index:
            # a price index leaves dividends out; its file's "Adj Close" repeats the close
            used = "price"
            notes = (Note("basis", f"{sym} is a price index (no total return); price used."),)
        elif basis == "total_return" and unit != "pct_return":  # factor returns are total
            try:
                raw = self.source.series(sym, "adj_close")
            except DataError:
                raw = None
            if raw is None or raw.empty:
                raw, used = None, "price"
                notes = (Note("basis", f"{sym} has no adjusted close; price used."),)
        if raw is None:
            raw = self.source.series(sym, "close")
        values = pd.Series(raw, dtype="float64").rename(sym)
        values.index = pd.DatetimeIndex(values.index, name="date")
        if values.empty:
            raise DataError(f"{sym} has no values")
        if unit == "yield":
            return SeriesData(sym, values, used, "diff", None, quantum(values.to_numpy()), notes)
        if unit == "pct_return":
            index = np.exp(np.log1p(values).cumsum()).rename(sym)
            dec = quantum(values.to_numpy())
            return SeriesData(sym, index, used, "compound", values, dec, notes)
        return SeriesData(sym, values, used, "pct", None, None, notes)

    # ------------------------------------------------------------------ measures
    def moves(self, data: SeriesData, window: int) -> Measure:
        """Whole-history ``window``-session moves of ``data`` in its unit (percent, or
        basis points for yields), compared in the data's quantum."""
        w = int(window)
        if w < 1:
            raise ValueError(f"windows must be positive whole numbers of sessions, got {w}")
        key = ("moves", data.symbol, data.basis, w)
        return self.get(key, lambda: _moves(data, w))

    def alignment(self, a: SeriesData, b: SeriesData) -> Alignment:
        """:func:`~rotascope.measures.relative.align` of two series (their common dates)."""
        key = ("align", a.symbol, b.symbol, a.basis, b.basis)
        return self.get(key, lambda: align(a.values, b.values))

    def spreads(self, a: SeriesData, b: SeriesData, window: int) -> Measure:
        """A's ``window``-session return minus B's on common sessions, in points."""
        w = int(window)

        def build() -> Measure:
            al = self.alignment(a, b)
            ra = al.a / al.a.shift(w) - 1.0
            rb = al.b / al.b.shift(w) - 1.0
            raw = ra - rb
            return Measure(
                raw * 100.0,
                order=raw,
                start=window_starts(al.a, w),
                parts={"a": ra * 100.0, "b": rb * 100.0},
            )

        return self.get(("spread", a.symbol, b.symbol, a.basis, b.basis, w), build)

    def ratios(self, a: SeriesData, b: SeriesData) -> Measure:
        """The ratio ``A / B`` on common sessions."""

        def build() -> Measure:
            al = self.alignment(a, b)
            return Measure(al.a / al.b)

        return self.get(("ratio", a.symbol, b.symbol, a.basis, b.basis), build)

    def drawdowns(self, data: SeriesData) -> Measure:
        """Distance from the running high, in percent."""

        def build() -> Measure:
            v = data.values
            raw = v / v.cummax() - 1.0
            return Measure(raw * 100.0, order=raw)

        return self.get(("drawdown", data.symbol, data.basis), build)

    def common_day(self, a: SeriesData, b: SeriesData, day: pd.Timestamp) -> pd.Timestamp | None:
        """The last date both series have on or before ``day``."""
        common = self.alignment(a, b).common
        pos = int(common.searchsorted(day, side="right")) - 1
        return common[pos] if pos >= 0 else None


def _moves(data: SeriesData, w: int) -> Measure:
    v = data.values
    start = window_starts(v, w)
    if data.how == "diff" and data.decimals is not None:
        units = diff_units(to_units(v.to_numpy(), data.decimals), w)
        order = pd.Series(units, index=v.index)
        return Measure(order * (100.0 / 10.0**data.decimals), order=order, start=start)
    if data.how == "diff":
        raw = v - v.shift(w)
        return Measure(raw * 100.0, order=raw, start=start)
    if data.how == "compound" and data.returns is not None and data.decimals is not None:
        scale = 10**data.decimals
        value, order = compound_order(to_units(data.returns.to_numpy(), data.decimals), scale, w)
        value[:w], order[:w] = np.nan, np.nan  # the first window has no base close
        return Measure(
            pd.Series(value * 100.0, index=v.index),
            order=pd.Series(order, index=v.index),
            start=start,
        )
    raw = v / v.shift(w) - 1.0
    return Measure(raw * 100.0, order=raw, start=start)
