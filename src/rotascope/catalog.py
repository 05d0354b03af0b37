"""One place to ask for a series: the local store first, else the bundled dataset.

Everything above the data layer (facts, report, web, cli) loads series through this
module. Loaded frames are cached until the store file changes.

Examples
--------
>>> from rotascope import catalog
>>> s = catalog.load("RUT", start="2024-07-09", end="2024-07-16")  # doctest: +SKIP
>>> round(float(s.iloc[-1]), 2), len(s)  # doctest: +SKIP
(2263.67, 6)
>>> catalog.source_of("RUT")  # doctest: +SKIP
'bundled'
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Literal

import pandas as pd

from rotascope.config import store_path
from rotascope.errors import AsOfError, DataError, UnknownSymbol
from rotascope.sources.parsed import COLUMNS
from rotascope.store import Store
from rotascope.symbols import canonical

__all__ = ["clear_cache", "data_version", "load", "load_frame", "source_of", "symbols"]

Source = Literal["store", "bundled"]
_CACHE: OrderedDict[tuple[object, ...], object] = OrderedDict()
_CACHE_SIZE = 256
_LOCK = threading.Lock()  # the web app loads from several threads


def _store_key() -> tuple[object, ...]:
    """Identify the current state of the store file cheaply (path, size, mtime, WAL)."""
    path = store_path()
    key: list[object] = [str(path)]
    for p in (path, path.with_name(path.name + ".wal")):
        try:
            st = os.stat(p)
            key += [st.st_size, st.st_mtime_ns]
        except OSError:
            key += [None, None]
    return tuple(key)


def _cached(kind: str, *args: object, compute: object) -> object:
    key = (_store_key(), kind, *args)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = compute()  # type: ignore[operator]  # outside the lock: may open the store
    with _LOCK:
        _CACHE[key] = value
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


def clear_cache() -> None:
    """Forget cached frames (they are also dropped whenever the store file changes)."""
    with _LOCK:
        _CACHE.clear()


def _bundled_symbols() -> list[str]:
    from rotascope.datasets import bundled_symbols

    return list(bundled_symbols())


def _load_bundled(symbol: str) -> pd.DataFrame | None:
    from rotascope.datasets import load_bundled

    return load_bundled(symbol)


def _store_symbols() -> list[str]:
    return _cached("symbols", compute=lambda: Store().symbols())  # type: ignore[return-value]


def symbols() -> list[str]:
    """Every symbol available: stored and bundled, sorted."""
    return sorted(set(_store_symbols()) | set(_bundled_symbols()))


def source_of(symbol: str) -> Source:
    """Where :func:`load` takes ``symbol`` from: ``"store"`` or ``"bundled"``.

    Raises
    ------
    UnknownSymbol
        When neither has it.
    """
    sym = canonical(symbol)
    if sym in _store_symbols():
        return "store"
    if sym in _bundled_symbols():
        return "bundled"
    raise UnknownSymbol(sym, symbols())


def data_version() -> str:
    """A short string that changes whenever the data behind :func:`load` changes."""

    def compute() -> str:
        from rotascope.datasets import bundled_manifest

        bundled = repr(sorted(bundled_manifest().get("series", {}).items()))
        text = Store().version() + "|" + bundled
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    return _cached("version", compute=compute)  # type: ignore[return-value]


def _parse_date(value: object, name: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise AsOfError(f"{name} is not a date: {value!r} (use YYYY-MM-DD)") from None
    if ts is pd.NaT:
        raise AsOfError(f"{name} is not a date: {value!r} (use YYYY-MM-DD)")
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts.normalize()


def _full_frame(sym: str) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        if sym in _store_symbols():
            return Store().load(sym)
        frame = _load_bundled(sym)
        if frame is None:
            raise UnknownSymbol(sym, symbols())
        return frame

    return _cached("frame", sym, compute=compute)  # type: ignore[return-value]


def load_frame(
    symbol: str,
    *,
    columns: Sequence[str] | None = None,
    asof: object = None,
    start: object = None,
    end: object = None,
) -> pd.DataFrame:
    """All stored columns of ``symbol`` (or ``columns``), as of a date and within bounds.

    Parameters
    ----------
    symbol : str
        Any spelling the registry knows (``^GSPC`` -> ``SPX``).
    columns : sequence of str, optional
        Among ``open, high, low, close, adj_close, volume, dividends``.
    asof : date-like, optional
        Keep only dates on or before it.
    start, end : date-like, optional
        Inclusive bounds.

    Returns
    -------
    pandas.DataFrame
        DatetimeIndex named ``date`` (sorted, unique), float64 columns.

    Raises
    ------
    UnknownSymbol, AsOfError, DataError
    """
    sym = canonical(symbol)
    frame = _full_frame(sym)
    if columns is not None:
        bad = [c for c in columns if c not in COLUMNS]
        if bad:
            raise DataError(f"unknown column(s) {bad}; choose among {', '.join(COLUMNS)}")
        missing = [c for c in columns if c not in frame.columns or frame[c].isna().all()]
        if missing:
            have = [c for c in frame.columns if frame[c].notna().any()]
            raise DataError(
                f"{sym} has no {', '.join(missing)} values (it has {', '.join(have)})"
                + ("; try column='close'" if "adj_close" in missing else "")
            )
        frame = frame[list(columns)]
    lo, hi, cut = (_parse_date(start, "start"), _parse_date(end, "end"), _parse_date(asof, "asof"))
    if cut is not None and len(frame) and cut < frame.index[0]:
        raise AsOfError(
            f"no {sym} data on or before {cut.date()}; it starts on {frame.index[0].date()}"
        )
    if cut is not None:
        hi = cut if hi is None else min(hi, cut)
    if lo is not None or hi is not None:
        frame = frame.loc[lo:hi]
    return frame.copy()


def load(
    symbol: str,
    *,
    column: str = "close",
    asof: object = None,
    start: object = None,
    end: object = None,
) -> pd.Series:
    """One column of ``symbol`` as a float64 Series (dates without a value left out).

    Parameters
    ----------
    symbol : str
        Any spelling the registry knows.
    column : str
        ``close`` (default; single-value series such as yields and factor returns keep
        their value here) or ``adj_close`` (dividend-adjusted), or any stored column.
    asof, start, end : date-like, optional
        As in :func:`load_frame`.

    Returns
    -------
    pandas.Series
        Named by the canonical symbol, DatetimeIndex named ``date``.
    """
    frame = load_frame(symbol, columns=[column], asof=asof, start=start, end=end)
    s = frame[column].dropna().astype("float64")
    s.name = canonical(symbol)
    return s
