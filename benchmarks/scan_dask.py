"""Benchmark the record scan on Dask over a universe spilled to Parquet.

Writes a universe of geometric random walks (default 20,000 series x 10,000 sessions,
float32 closes, one Parquet file per symbol in the layout of ``rotascope data export
--parquet``), then runs :func:`rotascope.scale.dask_scan` on a local cluster of 1 and of
2 worker processes (one thread each, a memory limit per worker well below the size of
the universe, so it never sits in memory at once: each task reads its symbols, scans
them, and keeps only their records). Reports wall time, cells (series x sessions) per
second per worker, and the scaling efficiency (speed-up / workers), with the load
average before and after each run (the machine may be shared).

    python benchmarks/scan_dask.py                      # 20,000 x 10,000 (minutes)
    python benchmarks/scan_dask.py --series 2000 --sessions 2000   # a quick look
    python benchmarks/scan_dask.py --data /tmp/universe --keep     # reuse the files

Nothing here is imported by the package; the figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

WINDOWS = (1, 5, 21, 63, 252)


def write_universe(root: Path, n_series: int, n_sessions: int, seed: int = 20240716) -> float:
    """One Parquet file of (date, close float32) per symbol, plus the export manifest."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from rotascope.sources.parquet import LAYOUT, MANIFEST, partition_dir

    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range("1986-01-01", periods=n_sessions, name="date")
    date_col = pa.array(dates.to_numpy("datetime64[ns]"))
    entries = []
    block = 500
    for j0 in range(0, n_series, block):
        k = min(block, n_series - j0)
        steps = rng.normal(0.0003, 0.012, size=(k, n_sessions))
        closes = (100.0 * np.exp(np.cumsum(steps, axis=1))).astype(np.float32)
        closes[rng.random(closes.shape) < 0.01] = np.nan  # gaps
        for i in range(k):
            sym = f"S{j0 + i:05d}"
            folder = root / "daily" / partition_dir(sym)
            folder.mkdir(parents=True, exist_ok=True)
            table = pa.table({"date": date_col, "close": pa.array(closes[i])})
            pq.write_table(table, folder / "part-0.parquet", compression="snappy")
            entries.append({"symbol": sym, "unit": "price", "rows": n_sessions})
    doc = {"layout": LAYOUT, "version": 1, "daily": entries, "bars": []}
    (root / MANIFEST).write_text(json.dumps(doc), encoding="utf-8")
    return time.perf_counter() - t0


def run_once(root: Path, workers: int, memory_limit: str, partition: int) -> dict[str, Any]:
    from rotascope.scale import cluster_client, dask_scan

    load_before = os.getloadavg()[0]
    with cluster_client(workers=workers, processes=True, memory_limit=memory_limit) as client:
        client.run(lambda: __import__("rotascope.measures.scan_kernels"))  # warm imports
        t0 = time.perf_counter()
        frame = dask_scan(
            parquet=str(root),
            windows=WINDOWS,
            min_years=1.0,
            client=client,
            partition_size=partition,
        )
        wall = time.perf_counter() - t0
    return {
        "workers": workers,
        "wall_s": wall,
        "records": len(frame),
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--series", type=int, default=20_000)
    ap.add_argument("--sessions", type=int, default=10_000)
    ap.add_argument("--data", type=Path, default=Path("/tmp/rotascope-dask-universe"))
    ap.add_argument("--keep", action="store_true", help="keep (and reuse) the Parquet files")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--memory-limit", default="1GiB", help="per worker")
    ap.add_argument("--partition", type=int, default=250, help="symbols per task")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    cells = args.series * args.sessions
    manifest = args.data / "_rotascope.json"
    fresh = not manifest.exists()
    if fresh:
        shutil.rmtree(args.data, ignore_errors=True)
        args.data.mkdir(parents=True)
        secs = write_universe(args.data, args.series, args.sessions)
        print(f"wrote {args.series:,} x {args.sessions:,} in {secs:.0f} s", flush=True)
    size = sum(p.stat().st_size for p in args.data.rglob("*.parquet"))
    print(
        f"universe: {args.series:,} series x {args.sessions:,} sessions = {cells:,} cells; "
        f"{cells * 4 / 2**30:.2f} GiB as float32, {cells * 8 / 2**30:.2f} GiB as float64 "
        f"in memory; {size / 2**30:.2f} GiB of Parquet on disk; memory limit per worker "
        f"{args.memory_limit}; {os.cpu_count()} cores",
        flush=True,
    )
    results = []
    for _ in range(args.repeat):
        for workers in (1, 2):
            r = run_once(args.data, workers, args.memory_limit, args.partition)
            r["cells_per_s_per_worker"] = cells / r["wall_s"] / workers
            results.append(r)
            print(
                f"  {workers} worker(s): {r['wall_s']:7.1f} s  "
                f"{r['cells_per_s_per_worker'] / 1e6:7.1f} M cells/s per worker  "
                f"({r['records']:,} records; load {r['load_before']:.1f} -> "
                f"{r['load_after']:.1f})",
                flush=True,
            )
    one = statistics.median(r["wall_s"] for r in results if r["workers"] == 1)
    two = statistics.median(r["wall_s"] for r in results if r["workers"] == 2)
    eff = one / two / 2
    print(
        f"median wall: 1 worker {one:.1f} s, 2 workers {two:.1f} s; speed-up {one / two:.2f}x, "
        f"scaling efficiency {eff:.0%}"
    )
    if args.json:
        args.json.write_text(json.dumps({"runs": results, "efficiency": eff}, indent=1))
    if fresh and not args.keep:
        shutil.rmtree(args.data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
