"""The compact dataset bundled inside the package, so rotascope works offline.

Each series is one ``csv.gz`` file under ``rotascope/datasets/data/`` read through
:mod:`importlib.resources`; ``MANIFEST.json`` records where every series came from
(source file, its SHA-256, rows, first and last date, unit). The files are built by
``scripts/build_bundled.py`` from ``../shared/data``; see the README's *Data* section.

Examples
--------
>>> "RUT" in bundled_symbols()
True
>>> frame = load_bundled("RUT")
>>> round(float(frame.loc["2024-07-16", "close"]), 2)
2263.67
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from rotascope.symbols import canonical

__all__ = ["bundled_manifest", "bundled_symbols", "load_bundled"]

_PACKAGE = "rotascope.datasets"


def _data_dir() -> Any:
    return resources.files(_PACKAGE) / "data"


@lru_cache(maxsize=1)
def bundled_manifest() -> dict[str, Any]:
    """Return the bundled dataset's manifest (provenance of every series)."""
    path = _data_dir() / "MANIFEST.json"
    if not path.is_file():
        return {"series": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def bundled_symbols() -> list[str]:
    """Symbols available in the bundled dataset, sorted."""
    return sorted(bundled_manifest().get("series", {}))


@lru_cache(maxsize=64)
def _read(symbol: str) -> pd.DataFrame | None:
    entry = bundled_manifest().get("series", {}).get(symbol)
    if entry is None:
        return None
    path = _data_dir() / entry["file"]
    with path.open("rb") as fh:
        frame = pd.read_csv(fh, compression="gzip", index_col="date", parse_dates=["date"])
    frame.index = pd.DatetimeIndex(frame.index, name="date")
    return frame.astype("float64")


def load_bundled(symbol: str) -> pd.DataFrame | None:
    """Return the bundled frame for ``symbol`` (``None`` when it is not bundled).

    Parameters
    ----------
    symbol : str
        Any spelling the symbol registry knows (``^GSPC`` -> ``SPX``).

    Returns
    -------
    pandas.DataFrame or None
        Indexed by ``date``; float64 columns among ``close``, ``adj_close``.
    """
    frame = _read(canonical(symbol))
    return None if frame is None else frame.copy()
