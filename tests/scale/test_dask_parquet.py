"""The Dask scan reading a Parquet export on the workers equals the local scan."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from rotascope.products.scan import scan as _products_scan
from rotascope.scale import dask_scan
from rotascope.sources import read_file
from rotascope.sources.parquet import ParquetLoader
from rotascope.store import Store
from rotascope.store.export import export_parquet


def scan(symbols: Any, *, loader: Any, asof: Any = None, **kw: Any) -> pd.DataFrame:
    """The local scan over the same series, served as they are (gaps and NaN kept)."""
    names = list(symbols)
    source = SimpleNamespace(series=loader, symbols=lambda: names, version=lambda: "test")
    when = None if asof is None else pd.Timestamp(asof)
    return _products_scan(source, names, asof=when, **kw).frame  # type: ignore[arg-type]


def _daily_csv(path: Path, seed: int, n: int = 600) -> Path:
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range("2019-01-01", periods=n)
    dates = dates[rng.random(n) > 0.05]  # gaps
    close = np.round(100 * np.cumprod(1 + rng.normal(0, 0.01, len(dates))), 1)  # ties
    pd.DataFrame({"Date": dates.strftime("%Y-%m-%d"), "Close": close}).to_csv(path, index=False)
    return path


def test_dask_scan_reads_the_export_on_the_workers(tmp_path: Path, dask_client: Any) -> None:
    store = Store(tmp_path / "r.duckdb")
    for j, name in enumerate(("AAA", "BBB", "CCC", "DGS10", "^RUT")):
        store.import_series(read_file(_daily_csv(tmp_path / f"{name}.csv", j)))
    out = tmp_path / "export"
    export_parquet(out, store=store)
    loader = ParquetLoader(out)
    assert loader.symbols() == store.symbols()

    def from_store(sym: str) -> pd.Series:
        return store.load(sym, columns=["close"])["close"]

    for asof in ("2020-10-15", None):
        kw: dict[str, Any] = {"windows": (1, 5, 21), "min_years": 0.5, "asof": asof}
        local = scan(store.symbols(), loader=from_store, **kw)
        remote = dask_scan(parquet=str(out), client=dask_client, partition_size=2, **kw)
        pd.testing.assert_frame_equal(remote, local, check_exact=True)
        assert remote.attrs == local.attrs and len(local) > 0
