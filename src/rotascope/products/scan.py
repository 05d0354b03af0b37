"""Scan a universe of series for records: what set a "biggest since" record as of a date.

Every series is aligned on the union of all dates (NaN where a series has no value), so
a window counts rows of that common calendar and a move is NaN when either end is
missing. For each series and window the move ending on the as-of date gets its record
(:mod:`rotascope.measures.scan_kernels`, one compiled pass over the matrix): gains are
compared with earlier gains at least as large ("high"), losses with earlier losses at
least as deep ("low"). Records that reach back at least ``min_years`` are returned,
the farthest first.

A series with no value on the as-of date has no move there and is left out. Moves of
``yield`` series are changes in basis points, compared in whole basis points when the
yields have two decimals (so equal changes tie); ``pct_return`` series (daily returns
as fractions, e.g. Fama-French factors) are compounded over the window; everything else
moves in percent. Values are in the reader's unit (``5.0`` = 5%, ``unit`` says which).

The as-of date is resolved against the dates of the whole universe (the one as-of
rule: a date after every series' last value is an error); :func:`scan` returns a
:class:`ScanResult` with the records' frame, the as-of, the notes (series skipped for
having no value on the date) and the data version.

Examples
--------
>>> import pandas as pd
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2020-01-01", periods=600, name="date")
>>> close = pd.Series(1.001 ** np.arange(600.0), index=idx)
>>> close.iloc[-1] *= 1.5  # the biggest one-day gain of its history
>>> out = scan(MemorySource({"UP": close}), windows=(1, 5))
>>> out.frame[["symbol", "window", "direction", "rank", "out_of"]].values.tolist()
[['UP', 1, 'high', 1, 599], ['UP', 5, 'high', 1, 595]]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from rotascope.asof import AsOf, Note, resolve_on
from rotascope.data.port import DataSource
from rotascope.errors import AsOfError, DataError
from rotascope.measures.exact import quantum, to_units
from rotascope.measures.scan_kernels import DIFF, RATIO, records_asof
from rotascope.products.result import Result
from rotascope.symbols import canonical, info

__all__ = ["DEFAULT_WINDOWS", "SCAN_COLUMNS", "ScanResult", "align", "scan"]

#: Windows (sessions) scanned when none are given.
DEFAULT_WINDOWS: tuple[int, ...] = (1, 5, 21, 63, 252)

#: Columns of the frame returned by :func:`scan`.
SCAN_COLUMNS: tuple[str, ...] = (
    "symbol",
    "window",
    "asof",
    "value",
    "direction",
    "since",
    "since_value",
    "years_back",
    "rank",
    "out_of",
    "history_start",
    "unit",
)

_DAYS_PER_YEAR = 365.25
_NS_PER_DAY = 86_400 * 10**9
_NS_PER = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1}


@dataclass(frozen=True)
class ScanResult(Result):
    """The records a scan found.

    Attributes
    ----------
    frame : pandas.DataFrame
        Columns :data:`SCAN_COLUMNS`, one row per (symbol, window) record, the
        farthest-reaching first.
    skipped : tuple of str
        Symbols with no value on the as-of date (no move, so no record).
    min_years : float
        The reach a record needed to be kept.
    asof : AsOf
    notes : tuple of Note
    data_version : str
    """

    frame: pd.DataFrame
    skipped: tuple[str, ...]
    min_years: float
    asof: AsOf
    notes: tuple[Note, ...] = ()
    data_version: str = ""

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def empty(self) -> bool:
        """True when no record reached back far enough."""
        return self.frame.empty

    def to_frame(self) -> pd.DataFrame:
        """The records (see :attr:`frame`)."""
        return self.frame

    def records(self) -> list[dict[str, Any]]:
        """The records as JSON-ready dicts (dates ISO, NaN/NaT as None)."""
        rows = []
        for rec in self.frame.to_dict("records"):
            out = {}
            for key, value in rec.items():
                if isinstance(value, pd.Timestamp):
                    out[key] = value.date().isoformat()
                elif value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
                    out[key] = None
                elif hasattr(value, "item"):
                    out[key] = value.item()
                else:
                    out[key] = value
            rows.append(out)
        return rows

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the records, the skipped symbols, the as-of, notes and version."""
        return {
            "records": self.records(),
            "skipped": list(self.skipped),
            "min_years": self.min_years,
            **self.common_dict(),
        }


def _prepare(values: pd.Series, symbol: str) -> tuple[np.ndarray, np.ndarray, int, float]:
    """Dates (datetime64[ns], midnight, increasing), values, move kind of one series, and
    the factor from its values' changes to basis points (yields)."""
    if not isinstance(values, pd.Series) or not isinstance(values.index, pd.DatetimeIndex):
        raise DataError(f"the loader returned no dated series for {symbol!r}")
    idx = values.index if values.index.tz is None else values.index.tz_localize(None)
    stamps = idx.to_numpy()
    time_unit = np.datetime_data(stamps.dtype)[0]
    if time_unit in _NS_PER and not idx.hasnans:  # cheap exact unit change
        stamps = (stamps.view(np.int64) * _NS_PER[time_unit]).view("datetime64[ns]")
    else:
        stamps = stamps.astype("datetime64[ns]")
    if (stamps.view(np.int64) % _NS_PER_DAY).any():  # drop times of day
        stamps = stamps.astype("datetime64[D]").astype("datetime64[ns]")
    if values.dtype == np.float64:
        vals = values.to_numpy()
    else:
        vals = values.to_numpy(dtype="float64", na_value=np.nan)
    if stamps.size > 1 and not (stamps[1:] > stamps[:-1]).all():
        order = np.argsort(stamps, kind="stable")
        stamps, vals = stamps[order], vals[order]
        last = np.append(stamps[1:] != stamps[:-1], True)  # keep the last of duplicates
        stamps, vals = stamps[last], vals[last]
    unit = info(symbol).unit
    if unit == "pct_return":  # compound daily returns (fractions) into a growth index
        ok = ~np.isnan(vals)
        vals = vals.copy()
        vals[ok] = np.cumprod(1.0 + vals[ok])
    if unit == "yield":  # whole units of the data's quantum, so equal changes tie exactly
        decimals = quantum(vals)
        if decimals is not None:
            return stamps, to_units(vals, decimals), DIFF, 100.0 / 10.0**decimals
        return stamps, vals, DIFF, 100.0
    return stamps, vals, RATIO, 100.0


def _align(columns: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    union = columns[0][0] if columns else np.array([], dtype="datetime64[ns]")
    for stamps, _ in columns[1:]:
        if not np.array_equal(stamps, union):  # most series share a calendar: no merge
            union = np.union1d(union, stamps)
    matrix = np.full((union.shape[0], len(columns)), np.nan, order="F")
    for j, (stamps, vals) in enumerate(columns):
        where = slice(None) if np.array_equal(stamps, union) else np.searchsorted(union, stamps)
        matrix[where, j] = vals
    return union, matrix


def align(series: Sequence[pd.Series]) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """Align series on the union of their dates.

    Parameters
    ----------
    series : sequence of pandas.Series
        Each indexed by a sorted, unique DatetimeIndex.

    Returns
    -------
    dates : pandas.DatetimeIndex
    matrix : ndarray of float64, shape (dates, series), column-major
        NaN where a series has no value.

    Examples
    --------
    >>> a = pd.Series([1.0, 2.0], index=pd.to_datetime(["2024-01-01", "2024-01-03"]))
    >>> b = pd.Series([5.0], index=pd.to_datetime(["2024-01-02"]))
    >>> dates, m = align([a, b])
    >>> m.tolist()
    [[1.0, nan], [nan, 5.0], [2.0, nan]]
    """
    columns = [
        (s.index.to_numpy(dtype="datetime64[ns]"), s.to_numpy(dtype="float64", na_value=np.nan))
        for s in series
    ]
    union, matrix = _align(columns)
    return pd.DatetimeIndex(union, name="date"), matrix


def _check_windows(windows: Iterable[int]) -> tuple[int, ...]:
    out = tuple(windows)
    if not out or any(isinstance(w, bool) or not isinstance(w, (int, np.integer)) for w in out):
        raise ValueError(f"windows must be whole numbers of sessions, got {windows!r}")
    if min(out) < 1:
        raise ValueError(f"windows must be at least 1 session, got {windows!r}")
    return tuple(int(w) for w in out)


def scan(
    source: DataSource,
    symbols: Sequence[str] | None = None,
    asof: AsOf | Any = None,
    windows: Iterable[int] = DEFAULT_WINDOWS,
    min_years: float = 1.0,
) -> ScanResult:
    """Records set on ``asof`` across a universe, those reaching back ``min_years`` or more.

    Parameters
    ----------
    source : DataSource
        Where the closes come from.
    symbols : sequence of str, optional
        The universe; every symbol of the source when omitted.
    asof : AsOf, date-like or "latest", optional
        Resolved against the dates of the whole universe: only values dated on or
        before it are read. Default: the latest date on which at least three quarters
        of the universe have a value (series end on different days).
    windows : iterable of int, default (1, 5, 21, 63, 252)
        Move windows in sessions (rows of the aligned calendar).
    min_years : float, default 1.0
        Keep records whose ``since`` (or, for an all-history record, the history start)
        is at least this many years (365.25 days) before the as-of date.

    Returns
    -------
    ScanResult
        ``frame`` has columns :data:`SCAN_COLUMNS`, one row per (symbol, window)
        record, sorted by ``years_back`` descending. ``direction`` is ``high`` for a
        gain (or no change) and ``low`` for a loss; ``since`` is NaT when no earlier
        move was as extreme; ``unit`` is ``pct`` or ``bp`` (``value`` and
        ``since_value`` read in it).

    Raises
    ------
    AsOfError
        ``asof`` is before every value of the universe, or after every one.
    UnknownSymbol
        A symbol the source does not have.
    """
    wins = _check_windows(windows)
    if not min_years >= 0:
        raise ValueError(f"min_years must be zero or more, got {min_years!r}")
    names = [canonical(s) for s in (symbols if symbols is not None else source.symbols())]
    names = list(dict.fromkeys(names))
    prepared = [(name, *_prepare(source.series(name), name)) for name in names]
    ends = [p[1][[0, -1]] for p in prepared if p[1].size]
    if not ends:
        raise AsOfError("no series of the universe has a value")
    bounds = np.concatenate(ends)
    first, last = pd.Timestamp(bounds.min()), pd.Timestamp(bounds.max())
    cutoff = None
    if asof is not None and not (isinstance(asof, str) and asof.strip().lower() == "latest"):
        # the universe's dates are resolved by the one as-of rule (first and last of any
        # series bound them; the session used is the last date of the aligned calendar)
        span = pd.DatetimeIndex(sorted({first, last}))
        probe = resolve_on(asof, span, what="universe")
        cutoff = probe.requested if not isinstance(asof, AsOf) else asof.session
    columns, kinds, scales = [], [], []
    for _, stamps, values, kind, scale in prepared:
        if cutoff is not None:
            n = np.searchsorted(stamps, cutoff.to_datetime64(), side="right")
            stamps, values = stamps[:n], values[:n]
        columns.append((stamps, values))
        kinds.append(kind)
        scales.append(scale)
    union, matrix = _align(columns)
    dates = pd.DatetimeIndex(union, name="date")
    if dates.empty:
        raise AsOfError(f"no series has a value on or before {cutoff.date()}")  # type: ignore[union-attr]
    if cutoff is None and matrix.shape[1] > 1:
        # default date: the latest one on which at least 3/4 of the universe has a
        # value (series end on different days; the very last date may hold only a few)
        counts = (~np.isnan(matrix)).sum(axis=1)
        end = int(np.flatnonzero(counts >= max(1, (3 * matrix.shape[1] + 3) // 4))[-1])
        dates, matrix = dates[: end + 1], matrix[: end + 1]
    when = _asof_of(asof, dates, last)
    kind_arr = np.asarray(kinds, dtype=np.int64)
    rec = records_asof(matrix, wins, kind_arr, row=-1)
    frame = _frame(names, wins, kind_arr, np.asarray(scales), dates, rec, min_years)
    no_value = np.isnan(matrix[-1])
    skipped = tuple(n for n, skip in zip(names, no_value, strict=True) if skip)
    frame.attrs["skipped"] = list(skipped)
    frame.attrs["asof"] = dates[-1]
    notes = list(when.notes)
    if skipped:
        notes.append(
            Note(
                "skipped",
                f"{len(skipped)} series have no value on the as-of date and were skipped: "
                f"{', '.join(skipped)}.",
            )
        )
    return ScanResult(frame, skipped, float(min_years), when, tuple(notes), source.version())


def _asof_of(asof: Any, dates: pd.DatetimeIndex, last: pd.Timestamp) -> AsOf:
    """The AsOf of a scan whose aligned calendar (cut at the date) is ``dates``."""
    span = dates if dates[-1] == last else dates.append(pd.DatetimeIndex([last]))
    if asof is None or (isinstance(asof, str) and asof.strip().lower() == "latest"):
        when = resolve_on(None, dates, what="universe")
        return AsOf(dates[-1], None, last, when.notes)
    return resolve_on(asof, span, what="universe")


def _frame(names, wins, kinds, scales, dates, rec, min_years) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """Turn (windows x series) record arrays into the sorted, filtered result frame."""
    ok = ~np.isnan(rec.value)
    wi, sj = np.nonzero(ok)
    asof = dates[-1]
    stamps = dates.to_numpy()
    since_row = rec.since[wi, sj]
    start_row = rec.start[wi, sj]
    since = np.where(since_row >= 0, stamps[np.maximum(since_row, 0)], np.datetime64("NaT"))
    start = stamps[start_row]
    reach = np.where(since_row >= 0, since, start)
    years = (asof.to_datetime64() - reach) / np.timedelta64(1, "D") / _DAYS_PER_YEAR
    scale = scales[sj]  # to percent, or to basis points (yields)
    value = rec.value[wi, sj] * scale
    frame = pd.DataFrame(
        {
            "symbol": np.asarray(names, dtype=object)[sj],
            "window": np.asarray(wins, dtype=np.int64)[wi],
            "asof": asof,
            "value": value,
            "direction": np.where(value >= 0, "high", "low"),
            "since": pd.DatetimeIndex(since),
            "since_value": rec.since_value[wi, sj] * scale,
            "years_back": years,
            "rank": rec.rank[wi, sj],
            "out_of": rec.out_of[wi, sj],
            "history_start": pd.DatetimeIndex(start),
            "unit": np.where(kinds[sj] == DIFF, "bp", "pct"),
        }
    )
    frame = frame[frame["years_back"] >= min_years]
    frame = frame.sort_values(
        ["years_back", "symbol", "window"], ascending=[False, True, True], kind="stable"
    )
    return frame.reset_index(drop=True)
