"""Write the store as Parquet partitioned by symbol: ``rotascope data export --parquet DIR``.

Daily series go to ``DIR/daily/symbol=S/part-0.parquet`` (one file per symbol, every
value column, ``date`` as a timestamp); intraday bars to
``DIR/bars/symbol=S/year=Y/part-0.parquet`` (one file per symbol and year, so a long
minute series is read a year at a time). ``DIR/_rotascope.json`` lists the symbols
with their units, rows and first/last dates. The folder reads back with
``rotascope data import DIR`` (:mod:`rotascope.sources.parquet`) and directly with
Dask, DuckDB or pyarrow (Hive partitions).

Examples
--------
>>> import tempfile, pathlib
>>> from rotascope.store import Store
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> res = export_parquet(tmp / "out", store=Store(tmp / "empty.duckdb"))
>>> res.daily, res.bars
(0, 0)
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rotascope.errors import DataError, UnknownSymbol
from rotascope.sources.intraday import BAR_COLUMNS
from rotascope.sources.parquet import LAYOUT, MANIFEST, partition_dir
from rotascope.sources.parsed import COLUMNS
from rotascope.store.bars import BarStore
from rotascope.store.database import Store
from rotascope.symbols import canonical

__all__ = ["ExportResult", "export_parquet"]


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export_parquet` wrote: symbols of daily series and of bars, files, rows."""

    path: Path
    daily: int
    bars: int
    files: int
    rows: int


def _write(frame: pd.DataFrame, folder: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), folder / "part-0.parquet")


def _day(value: object) -> str:
    return pd.Timestamp(value).date().isoformat()  # type: ignore[arg-type]


def export_parquet(
    dest: str | os.PathLike[str],
    *,
    store: Store | None = None,
    symbols: list[str] | None = None,
) -> ExportResult:
    """Write the store's daily series and intraday bars as partitioned Parquet.

    Parameters
    ----------
    dest : str or PathLike
        A new or empty folder.
    store : Store, optional
        Default: the local store.
    symbols : list of str, optional
        Only these symbols (default: every stored one).

    Raises
    ------
    DataError
        ``dest`` is a file or a folder that is not empty.
    UnknownSymbol
        A symbol asked for is not stored.
    """
    out = Path(dest)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise DataError("the export folder exists and is not empty; give a new folder", path=out)
    db = store if store is not None else Store()
    bars = BarStore(db.path, timeout=db.timeout)
    listing = db.list_series()
    bar_symbols = bars.symbols()
    want = None if symbols is None else {canonical(x) for x in symbols}
    if want is not None:
        known = set(listing["symbol"]) | set(bar_symbols)
        missing = sorted(want - known)
        if missing:
            raise UnknownSymbol(missing[0], sorted(known))
    daily, bar_entries, files, rows = [], [], 0, 0
    out.mkdir(parents=True, exist_ok=True)
    for meta in listing.itertuples(index=False):
        if want is not None and meta.symbol not in want:
            continue
        frame = db.load(meta.symbol, columns=list(COLUMNS))
        table = pd.DataFrame({"date": frame.index.to_numpy("datetime64[ns]")})
        for c in COLUMNS:
            table[c] = frame[c].to_numpy(dtype=np.float64)
        _write(table, out / "daily" / partition_dir(meta.symbol))
        files += 1
        rows += len(table)
        daily.append(
            {
                "symbol": meta.symbol,
                "name": None if pd.isna(meta.name) else str(meta.name),
                "unit": meta.unit,
                "rows": len(table),
                "first": _day(frame.index[0]) if len(frame) else None,
                "last": _day(frame.index[-1]) if len(frame) else None,
            }
        )
    for sym in bar_symbols:
        if want is not None and sym not in want:
            continue
        frame = bars.load(sym)
        table = pd.DataFrame(
            {
                "ts": frame.index,
                "session": frame["session"].to_numpy("datetime64[ns]"),
                "interval_s": frame["interval"].to_numpy(dtype=np.int32),
            }
        )
        for c in BAR_COLUMNS:
            table[c] = frame[c].to_numpy(dtype=np.float64)
        years = frame["session"].dt.year.to_numpy()
        for year in np.unique(years):
            _write(
                table[years == year].reset_index(drop=True),
                out / "bars" / partition_dir(sym) / f"year={int(year)}",
            )
            files += 1
        rows += len(table)
        bar_entries.append(
            {
                "symbol": sym,
                "interval": int(np.bincount(frame["interval"].to_numpy()).argmax()),
                "rows": len(table),
                "first": frame.index[0].isoformat(),
                "last": frame.index[-1].isoformat(),
                "years": [int(y) for y in np.unique(years)],
            }
        )
    doc = {"layout": LAYOUT, "version": 1, "daily": daily, "bars": bar_entries}
    (out / MANIFEST).write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return ExportResult(out, len(daily), len(bar_entries), files, rows)
