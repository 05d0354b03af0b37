"""Time importing the shared data into a fresh store (median of several runs).

Usage::

    python benchmarks/bench_data_import.py [--runs 3] [--data ../shared/data]

Prints, for the shared files (indices, etfs, fred, french) and for the 501 constituent
close files: read time, store time, total, rows and the store file size.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from rotascope.sources import read_file
from rotascope.store import Store

GROUPS = {
    "shared (indices, etfs, fred, french)": ["indices", "etfs", "fred", "french"],
    "constituents/closes (501 files)": ["constituents/closes"],
}


def run_once(data: Path, folders: list[str]) -> tuple[float, float, int, int, float]:
    files = sorted(f for d in folders for f in (data / d).iterdir() if f.is_file())
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "rotascope.duckdb")
        c0 = time.process_time()
        t0 = time.perf_counter()
        series = [s for f in files for s in read_file(f)]
        t1 = time.perf_counter()
        store.import_series(series)
        t2 = time.perf_counter()
        cpu = time.process_time() - c0  # this process's CPU (DuckDB threads included)
        return t1 - t0, t2 - t1, sum(s.rows for s in series), store.path.stat().st_size, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    args = parser.parse_args()
    for name, folders in GROUPS.items():
        runs = [run_once(args.data, folders) for _ in range(args.runs)]
        read = statistics.median(r[0] for r in runs)
        write = statistics.median(r[1] for r in runs)
        total = statistics.median(r[0] + r[1] for r in runs)
        rows, size = runs[-1][2], runs[-1][3]
        cpu = statistics.median(r[4] for r in runs)
        print(
            f"{name}: total {total:.2f} s (read {read:.2f} s, store {write:.2f} s), "
            f"CPU {cpu:.2f} s, {rows:,} rows, store file {size / 2**20:.1f} MiB; runs: "
            + ", ".join(f"{r[0] + r[1]:.2f}" for r in runs)
        )


if __name__ == "__main__":
    main()
