"""Transitional: the old one-place loader, now a thin shim over :class:`LocalSource`.

New code takes a :class:`~rotascope.data.DataSource` argument (entry points build one
with :func:`rotascope.data.default_source`); this module stays until every caller has
moved. Every function reads through a fresh ``LocalSource()`` (the store under
``$ROTASCOPE_HOME``, else the bundled dataset), whose cache lives in
:mod:`rotascope.data._cache`.

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

from collections.abc import Sequence
from typing import Literal

import pandas as pd

from rotascope.data import LocalSource, clear_cache
from rotascope.data.port import COLUMNS
from rotascope.errors import AsOfError, DataError
from rotascope.symbols import canonical

__all__ = [
    "clear_cache",
    "data_version",
    "load",
    "load_frame",
    "resolve",
    "source_of",
    "symbols",
]

Source = Literal["store", "bundled"]


def symbols() -> list[str]:
    """Every symbol available: stored and bundled, sorted."""
    return LocalSource().symbols()


def resolve(symbol: str) -> str:
    """The canonical symbol ``symbol`` means in the store and bundled data (``RF`` is the
    stock when one is stored, else ``ff:RF``); see :meth:`LocalSource.resolve`."""
    return LocalSource().resolve(symbol)


def source_of(symbol: str) -> Source:
    """Where :func:`load` takes ``symbol`` from: ``"store"`` or ``"bundled"``.

    Raises
    ------
    UnknownSymbol
        When neither has it.
    """
    return "store" if LocalSource().info(symbol).origin == "store" else "bundled"


def data_version() -> str:
    """A short string that changes whenever the data behind :func:`load` changes."""
    return LocalSource().version()


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


def load_frame(
    symbol: str,
    *,
    columns: Sequence[str] | None = None,
    asof: object = None,
    start: object = None,
    end: object = None,
) -> pd.DataFrame:
    """All stored columns of ``symbol`` (or ``columns``), as of a date and within bounds.

    Raises
    ------
    UnknownSymbol, AsOfError, DataError
    """
    src = LocalSource()
    frame = src.frame(symbol)
    sym = src.resolve(symbol)
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
    lo, hi = _parse_date(start, "start"), _parse_date(end, "end")
    cut = _parse_date(asof, "asof")
    if cut is not None and len(frame) and cut < frame.index[0]:
        raise AsOfError(
            f"no {sym} data on or before {cut.date()}; it starts on {frame.index[0].date()}"
        )
    if cut is not None:
        hi = cut if hi is None else min(hi, cut)
    if lo is not None or hi is not None:
        frame = frame.loc[lo:hi]
    return frame


def load(
    symbol: str,
    *,
    column: str = "close",
    asof: object = None,
    start: object = None,
    end: object = None,
) -> pd.Series:
    """One column of ``symbol`` as a float64 Series (dates without a value left out).

    The Series is named by the canonical spelling of ``symbol`` as asked
    (``catalog.load("CMA")`` is named ``CMA`` even when it is the factor ``ff5:CMA``).
    """
    frame = load_frame(symbol, columns=[column], asof=asof, start=start, end=end)
    s = frame[column].dropna().astype("float64")
    s.name = canonical(symbol)
    return s
