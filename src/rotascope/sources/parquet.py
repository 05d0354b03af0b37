"""Read a Parquet folder written by ``rotascope data export --parquet``.

The layout (see :mod:`rotascope.store.export`)::

    DIR/_rotascope.json                      what the folder holds (symbols, units)
    DIR/daily/symbol=RUT/part-0.parquet      date, open, high, low, close, adj_close, ...
    DIR/bars/symbol=AAPL/year=2024/part-0.parquet   ts (UTC), session, interval_s, ...

``symbol=`` and ``year=`` folders are Hive partitions, so Dask, DuckDB, pandas and
pyarrow read the folders directly (``dask.dataframe.read_parquet("DIR/daily")``).
Symbol values are percent-encoded in folder names (``^`` -> ``%5E``).

Examples
--------
>>> is_export("/nonexistent")
False
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np
import pandas as pd

from rotascope.errors import DataError
from rotascope.sources.intraday import BAR_COLUMNS, ParsedBars
from rotascope.sources.parsed import COLUMNS, ParsedSeries

__all__ = [
    "LAYOUT",
    "MANIFEST",
    "ParquetLoader",
    "is_export",
    "manifest",
    "partition_dir",
    "read_export",
    "read_export_bars",
]

#: Name of the file that marks (and describes) an export folder.
MANIFEST = "_rotascope.json"
#: ``layout`` value in the manifest.
LAYOUT = "rotascope-parquet"


def partition_dir(symbol: str) -> str:
    """The Hive folder name of a symbol (``symbol=`` and the percent-encoded symbol).

    Examples
    --------
    >>> partition_dir("^RUT")
    'symbol=%5ERUT'
    """
    return "symbol=" + quote(symbol, safe="")


def is_export(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a folder written by ``rotascope data export --parquet``."""
    p = Path(path)
    try:
        return p.is_dir() and (p / MANIFEST).is_file()
    except OSError:
        return False


def manifest(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The export's manifest (symbols, units, rows, bar intervals).

    Raises
    ------
    DataError
        The folder is not an export, or its manifest is unreadable.
    """
    p = Path(path)
    try:
        if "://" in str(path):  # object storage or another fsspec URL (on a cluster)
            import fsspec

            with fsspec.open(f"{str(path).rstrip('/')}/{MANIFEST}", "r", encoding="utf-8") as fh:
                data = json.loads(fh.read())
        else:
            data = json.loads((p / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, ImportError) as exc:
        raise DataError(
            f"not a rotascope Parquet export ({exc}); write one with "
            "`rotascope data export --parquet DIR`",
            path=p,
        ) from None
    if not isinstance(data, dict) or data.get("layout") != LAYOUT:
        raise DataError("the manifest is not a rotascope Parquet layout", path=p / MANIFEST)
    return data


def _read_table(folder: str, columns: list[str] | None = None) -> pd.DataFrame:
    import pyarrow.parquet as pq

    try:
        return pq.read_table(folder, columns=columns).to_pandas()  # type: ignore[no-any-return]
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read the Parquet files ({exc})", path=folder) from None


def read_export(path: str | os.PathLike[str]) -> list[ParsedSeries]:
    """The daily series of an export, ready for :meth:`rotascope.store.Store.import_series`."""
    p = Path(path)
    info = manifest(p)
    out = []
    for entry in info.get("daily", []):
        sym = str(entry["symbol"])
        folder = p / "daily" / partition_dir(sym)
        table = _read_table(str(folder))
        dates = pd.DatetimeIndex(pd.to_datetime(table["date"]).to_numpy("datetime64[ns]"))
        frame = pd.DataFrame(
            {c: table[c].to_numpy(dtype=np.float64) for c in COLUMNS if c in table},
            index=dates.rename("date"),
        ).sort_index()
        frame = frame.loc[:, frame.notna().any(axis=0)] if len(frame) else frame
        out.append(
            ParsedSeries(
                symbol=sym,
                frame=frame,
                source=str(folder),
                format="parquet",
                unit=str(entry.get("unit", "price")),
            )
        )
    return out


def read_export_bars(path: str | os.PathLike[str]) -> list[ParsedBars]:
    """The intraday bars of an export, ready for :class:`rotascope.store.bars.BarStore`."""
    p = Path(path)
    out = []
    for entry in manifest(p).get("bars", []):
        sym = str(entry["symbol"])
        folder = p / "bars" / partition_dir(sym)
        table = _read_table(str(folder), ["ts", "session", "interval_s", *BAR_COLUMNS])
        index = pd.DatetimeIndex(pd.to_datetime(table["ts"], utc=True), name="timestamp")
        frame = pd.DataFrame(
            {c: table[c].to_numpy(dtype=np.float64) for c in BAR_COLUMNS}, index=index
        )
        frame["session"] = pd.to_datetime(table["session"]).to_numpy("datetime64[ns]")
        order = np.argsort(frame.index.asi8, kind="stable")
        out.append(ParsedBars(sym, frame.iloc[order], int(entry["interval"]), str(folder)))
    return out


class ParquetLoader:
    """``loader(symbol) -> close series`` over an export folder, for the Dask scan.

    Picklable and cheap to send: each worker reads only the symbols of its partitions.
    ``root`` may be any path or URL pyarrow reads (a shared file system on a cluster).

    Examples
    --------
    >>> ParquetLoader("/data/export")
    ParquetLoader('/data/export')
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = str(root)

    def __repr__(self) -> str:
        return f"ParquetLoader({self.root!r})"

    def symbols(self) -> list[str]:
        """Every daily symbol of the export, in manifest order."""
        return [str(e["symbol"]) for e in manifest(self.root).get("daily", [])]

    def __call__(self, symbol: str) -> pd.Series:
        from rotascope.errors import UnknownSymbol

        folder = f"{self.root.rstrip('/')}/daily/{partition_dir(symbol)}"
        local = "://" not in folder
        single = Path(folder) / "part-0.parquet"
        if local and single.is_file():  # the usual case: one file, read without a dataset
            import pyarrow.parquet as pq

            try:
                table = pq.ParquetFile(single, memory_map=True).read(
                    columns=["date", "close"], use_threads=False
                )
            except (OSError, ValueError) as exc:
                raise DataError(f"cannot read the Parquet file ({exc})", path=single) from None
            dates = table.column("date").to_numpy()
            close = table.column("close").to_numpy(zero_copy_only=False)
        elif local and not Path(folder).is_dir():
            raise UnknownSymbol(symbol, self.symbols())
        else:
            frame = _read_table(folder, ["date", "close"])
            dates, close = frame["date"].to_numpy(), frame["close"].to_numpy()
        index = pd.DatetimeIndex(dates.astype("datetime64[ns]", copy=False), name="date")
        series = pd.Series(np.asarray(close, dtype=np.float64), index=index, copy=False)
        return series if index.is_monotonic_increasing else series.sort_index()
