"""Where a result's data came from: one origin phrase, the charts' source line, and
each series' provenance, all from the data source's :class:`~rotascope.data.port.SeriesInfo`.

Examples
--------
>>> import pandas as pd
>>> from rotascope.data import MemorySource
>>> src = MemorySource({"RUT": pd.Series([1.0], pd.DatetimeIndex(["2024-07-16"]))})
>>> data_origin(src, ("RUT",)), source_line(("RUT",), "memory")
('memory', 'daily closes, memory')
>>> source_line(("DGS10", "DGS2"), "bundled dataset")
'daily yields, FRED via public mirrors, rotascope bundled dataset'
>>> source_line(("RUT", "SMB"), "memory")
'daily data, memory'
>>> provenance(src, ("RUT", "NOPE"))
{'RUT': 'memory (2024-07-16 to 2024-07-16)'}
"""

from __future__ import annotations

from collections.abc import Sequence

from rotascope.data.port import DataSource
from rotascope.errors import RotascopeError
from rotascope.symbols import info

__all__ = ["data_origin", "provenance", "source_line"]

_PHRASES = {"store": "local store", "bundled dataset": "bundled dataset"}


def data_origin(source: DataSource, symbols: Sequence[str] = ()) -> str:
    """``"local store"``, ``"bundled dataset"``, both, or the source's own word."""
    kinds: list[str] = []
    for sym in symbols:
        try:
            origin = source.info(sym).origin
        except RotascopeError:
            continue
        phrase = _PHRASES.get(origin, origin)
        if phrase not in kinds:
            kinds.append(phrase)
    if not kinds:
        return "bundled dataset"
    if set(kinds) == {"local store", "bundled dataset"}:
        return "local store and bundled dataset"
    return " and ".join(kinds)


def provenance(source: DataSource, symbols: Sequence[str]) -> dict[str, str]:
    """Per symbol, where its values come from and their date range."""
    out: dict[str, str] = {}
    for sym in symbols:
        try:
            info = source.info(sym)
        except RotascopeError:
            continue
        out[sym] = f"{info.origin} ({info.first.date()} to {info.last.date()})"
    return out


#: What a series' unit says it is (daily closes, yields, factor returns), and who
#: publishes the bundled dataset's files of that unit.
_WHAT = {"price": "closes", "yield": "yields", "pct_return": "factor returns", "level": "values"}
_PUBLISHER = {"price": "Yahoo Finance", "yield": "FRED", "level": "FRED",
              "pct_return": "Kenneth R. French Data Library"}  # fmt: skip


def source_line(symbols: Sequence[str], origin: str) -> str:
    """The line under every chart: what the series are, where they came from.

    For the bundled dataset it names the public origin of its files (Yahoo Finance,
    FRED, the Kenneth R. French Data Library).
    """
    units = list(dict.fromkeys(info(s).unit for s in symbols)) or ["price"]
    what = _WHAT[units[0]] if len(units) == 1 else "data"
    where = origin
    if "bundled" in origin:
        who = " and ".join(dict.fromkeys(_PUBLISHER[u] for u in units))
        where = f"{who} via public mirrors, rotascope bundled dataset"
        if "store" in origin:
            where = "local store and " + where
    return f"daily {what}, {where}"
