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
from rotascope.measures.exact import (
    compound_order,
    compound_signs,
    compound_sums,
    diff_units,
    quantum,
    to_units,
)
from rotascope.measures.records import compare, record_from_signs, record_row, records
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
    """A whole-history measure; a date's record is computed when asked.

    A record is one date's comparison with every earlier value (a few NumPy
    operations, :func:`~rotascope.measures.records.record_at`); the whole-history
    record tables (:meth:`table`, for charts that mark every record) are built only
    when asked for, and then answer :meth:`record` too.

    Parameters
    ----------
    value : pandas.Series
        The measure in the reader's unit (percent, percentage points, basis points,
        a ratio).
    order : pandas.Series or callable, optional
        A key that compares exactly as the exact values do (integer units, or dense
        ranks of exact products), or a function that builds it when first needed;
        records are computed on it. Default: ``value``.
    start : pandas.Series, optional
        The base date of each window.
    parts : dict, optional
        Other whole-history series (the two returns behind a spread).
    signs : callable, optional
        ``signs(pos, lo)``: how the values on rows ``lo .. pos - 1`` compare with the
        one on row ``pos`` (1, 0, -1, NaN for none), exactly as ``order`` does, or
        ``None`` when row ``pos`` has no value; default: compare ``order``.
    """

    def __init__(
        self,
        value: pd.Series,
        *,
        order: pd.Series | Callable[[], pd.Series] | None = None,
        start: pd.Series | None = None,
        parts: dict[str, pd.Series] | None = None,
        signs: Callable[[int, int], np.ndarray | None] | None = None,
    ) -> None:
        self.value = value
        self._order = order
        self._signs = signs
        self.start = start
        self.parts = parts or {}
        self._tables: dict[str, pd.DataFrame] = {}

    @property
    def order(self) -> pd.Series:
        """The order key records compare (built on first use when given as a function)."""
        if self._order is None:
            return self.value
        if callable(self._order):
            self._order = self._order()
        return self._order

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

    def record(
        self, day: pd.Timestamp, direction: str, *, start: pd.Timestamp | None = None
    ) -> Record | None:
        """The :class:`Record` on ``day`` (``since_value`` in the measure's unit).

        ``start`` limits the comparison to values dated on or after it (the calendar
        year of "the biggest this year"). ``None`` when ``day`` has no value.
        """
        if direction not in ("high", "low"):
            raise ValueError(f"direction must be 'high' or 'low', got {direction!r}")
        table = self._tables.get(direction) if start is None else None
        if table is not None:
            return self._from_table(table, day, direction)
        index = self.value.index
        if day not in index:
            return None
        pos = int(index.get_loc(day))
        lo = 0 if start is None else int(index.searchsorted(start, side="left"))
        signs = self._compare(pos, lo)
        if signs is None:
            return None
        since, rank, out_of = record_from_signs(signs, direction)
        seen = np.flatnonzero(~np.isnan(signs))
        first = lo + int(seen[0]) if seen.size else pos
        return Record(
            direction=direction,
            since=None if since < 0 else index[lo + since].date(),
            since_value=None if since < 0 else float(self.value.iloc[lo + since]),
            rank=rank,
            out_of=out_of,
            history_start=index[first].date(),
        )

    def _compare(self, pos: int, lo: int) -> np.ndarray | None:
        if self._signs is not None:
            return self._signs(pos, lo)
        x = self.order.to_numpy(dtype=np.float64, na_value=np.nan)
        if np.isnan(x[pos]):
            return None
        return compare(x[lo:pos], float(x[pos]))

    def _from_table(self, table: pd.DataFrame, day: pd.Timestamp, direction: str) -> Record | None:
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
        return _compound_moves(data, w, start)
    raw = v / v.shift(w) - 1.0
    return Measure(raw * 100.0, order=raw, start=start)


def _compound_moves(data: SeriesData, w: int, start: pd.Series) -> Measure:
    """Compounded factor moves: values from the log growth of each window; records
    compare windows exactly (integer products where log growths are near), and the
    whole-history order keys are built only for a record table."""
    assert data.returns is not None and data.decimals is not None
    scale = 10**data.decimals
    units = to_units(data.returns.to_numpy(), data.decimals)
    index = data.values.index
    if w == 1:  # one day: the file's own return, compared in its units
        units = units.copy()
        units[:1] = np.nan
        return Measure(pd.Series(units / scale * 100.0, index=index),
                       order=pd.Series(units, index=index), start=start)  # fmt: skip
    sums = compound_sums(units, scale, w)
    sums[:w] = np.nan  # the first window has no base close

    def order() -> pd.Series:
        keys = compound_order(units, scale, w)[1]
        keys[:w] = np.nan
        return pd.Series(keys, index=index)

    def signs(pos: int, lo: int) -> np.ndarray | None:
        if np.isnan(sums[pos]):
            return None
        return compound_signs(sums, units, scale, w, pos, lo)

    value = pd.Series(np.expm1(sums) * 100.0, index=index)
    return Measure(value, order=order, start=start, signs=signs)
