"""The compact dataset bundled inside the package, so rotascope works offline.

Each series is one ``csv.gz`` file under ``rotascope/datasets/data/`` read through
:mod:`importlib.resources`, keyed like the store (``RUT``, ``fred:DGS10``,
``ff:SMB@202604``). Besides series the bundle holds tables: Shiller's monthly data
(``shiller``), the S&P 500 membership spells (``membership/SP500``), the member list with
sectors (``constituents/SP500``) and the S&P 500 breadth series precomputed from the
member closes (``breadth/SP500``). ``MANIFEST.json`` records where everything came from
(source files and their SHA-256, rows, first and last date, edition). The files are
built by ``scripts/build_bundled.py`` from ``../shared/data``; see the README's *Data*
section.

Examples
--------
>>> "RUT" in bundled_symbols()
True
>>> frame = load_bundled("RUT")
>>> round(float(frame.loc["2024-07-16", "close"]), 2)
2263.67
>>> bundled_available()["ff:SMB"]
['202604']
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from rotascope.errors import UnknownSymbol
from rotascope.symbols import canonical, resolve

__all__ = [
    "bundled_available",
    "bundled_manifest",
    "bundled_symbols",
    "bundled_table",
    "load_bundled",
    "load_bundled_key",
]

_PACKAGE = "rotascope.datasets"


def _data_dir() -> Any:
    return resources.files(_PACKAGE) / "data"


@lru_cache(maxsize=1)
def bundled_manifest() -> dict[str, Any]:
    """Return the bundled dataset's manifest (provenance of every series and table)."""
    path = _data_dir() / "MANIFEST.json"
    if not path.is_file():
        return {"series": {}, "tables": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def bundled_available() -> dict[str, list[str]]:
    """Bundled series ids and their editions (``{"ff:SMB": ["202604"], "RUT": [""]}``)."""
    out: dict[str, list[str]] = {}
    for entry in bundled_manifest().get("series", {}).values():
        out.setdefault(entry["id"], []).append(entry.get("edition", ""))
    return out


def bundled_symbols() -> list[str]:
    """Canonical symbols of the bundled series, sorted (``RUT``, ``SMB``, ``ff:RF``...)."""
    return sorted({canonical(sid) for sid in bundled_available()})


@lru_cache(maxsize=64)
def _read(file: str, index: str = "date") -> pd.DataFrame:
    path = _data_dir() / file
    with path.open("rb") as fh:
        frame = pd.read_csv(fh, compression="gzip", index_col=index, parse_dates=[index])
    frame.index = pd.DatetimeIndex(frame.index, name=index).as_unit("ns")
    return frame


def load_bundled_key(key: str) -> pd.DataFrame:
    """The bundled frame stored under ``key`` (``ff:SMB@202604``); float64 columns.

    Raises
    ------
    UnknownSymbol
        When the bundle has no such key.
    """
    entry = bundled_manifest().get("series", {}).get(key)
    if entry is None:
        raise UnknownSymbol(key, bundled_manifest().get("series", {}))
    return _read(entry["file"]).astype("float64").copy()


def load_bundled(symbol: str) -> pd.DataFrame | None:
    """Return the bundled frame for ``symbol`` (``None`` when it is not bundled).

    Parameters
    ----------
    symbol : str
        Any name the symbol registry resolves (``^GSPC`` -> ``SPX``, ``SMB`` ->
        ``ff:SMB``, ``CMA`` -> ``ff5:CMA``), optionally with ``@EDITION``.

    Returns
    -------
    pandas.DataFrame or None
        Indexed by ``date``; float64 columns among ``close``, ``adj_close``.
    """
    try:
        sid, edition = resolve(symbol, bundled_available())
    except UnknownSymbol:
        return None
    return load_bundled_key(f"{sid}@{edition}" if edition else sid)


def bundled_table(name: str) -> pd.DataFrame | None:
    """A bundled table: ``shiller``, ``membership/SP500``, ``constituents/SP500`` or
    ``breadth/SP500`` (``None`` when the bundle has none by that name).

    Dated tables (Shiller, breadth) come indexed by ``date``; membership spells have
    ``ticker``, ``start`` and ``end`` columns; the member list ``ticker``, ``name``,
    ``sector`` and ``sub_industry``.
    """
    entry = bundled_manifest().get("tables", {}).get(name)
    if entry is None:
        return None
    kind = name.split("/", 1)[0]
    if kind in ("shiller", "breadth"):
        return _read(entry["file"]).astype("float64").copy()
    path = _data_dir() / entry["file"]
    with path.open("rb") as fh:
        frame = pd.read_csv(fh, compression="gzip", dtype=str, keep_default_na=False)
    if kind == "membership":
        frame["start"] = pd.to_datetime(frame["start"])
        frame["end"] = pd.to_datetime(frame["end"].replace("", None))
    return frame
