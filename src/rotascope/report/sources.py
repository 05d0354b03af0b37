"""Where the report's data came from: one origin phrase and the charts' source line.

Examples
--------
>>> data_origin(lambda s, c: None)
'supplied loader'
>>> source_line(("RUT", "SPX"), "supplied loader")
'daily closes, supplied loader'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rotascope.errors import UnknownSymbol

__all__ = ["data_origin", "provenance", "source_line"]


def data_origin(loader: Callable[..., Any] | None, symbols: Sequence[str] = ()) -> str:
    """``"local store"``, ``"bundled dataset"``, both, or ``"supplied loader"``.

    Parameters
    ----------
    loader : callable or None
        The report's loader (``None`` = the catalog).
    symbols : sequence of str
        Symbols to look up in the catalog.
    """
    if loader is not None:
        return "supplied loader"
    from rotascope import catalog

    kinds = set()
    for sym in symbols:
        try:
            kinds.add(catalog.source_of(sym))
        except UnknownSymbol:
            continue
    if kinds == {"store"}:
        return "local store"
    if kinds == {"bundled"} or not kinds:
        return "bundled dataset"
    return "local store and bundled dataset"


def provenance(symbols: Sequence[str]) -> dict[str, str]:
    """Per symbol, the bundled dataset's source files and date range (when bundled).

    Examples
    --------
    >>> provenance(("NOPE",))
    {}
    """
    from rotascope.datasets import bundled_manifest

    series = bundled_manifest().get("series", {})
    out: dict[str, str] = {}
    for sym in symbols:
        entry = series.get(sym)
        if not entry:
            continue
        files = ", ".join(s.get("file", "?") for s in entry.get("sources", []))
        out[sym] = f"{files} ({entry.get('first', '?')} to {entry.get('last', '?')})"
    return out


def source_line(symbols: Sequence[str], origin: str) -> str:
    """The line under every chart: series, where they came from.

    For the bundled dataset it names the public origin recorded in its manifest.
    """
    where = origin
    if "bundled" in origin:
        from rotascope.datasets import bundled_manifest

        built = bundled_manifest().get("built")
        where = "Yahoo Finance via public mirrors, rotascope bundled dataset"
        if built:
            where += f" built {built}"
        if "store" in origin:
            where = "local store and " + where
    return f"daily closes, {where}"
