"""Benchmark: import the S&P 500 constituents and compute breadth over all dates.

Prints medians of several runs for (a) reading and importing the 501 per-stock close
files and the membership spells into a fresh store, (b) loading the (dates x stocks)
close matrix, (c) the breadth table over every date (share above 50/200-day averages,
52-week highs/lows, advance/decline, equal-weight average).

    python benchmarks/breadth.py [--shared ../shared/data] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    """Median wall time of ``runs`` calls and the last result."""
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> None:
    """Run the benchmark and print a table of medians."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    folder = args.shared / "constituents"
    if not folder.is_dir():
        raise SystemExit(f"no constituents folder at {folder}")
    os.environ["ROTASCOPE_HOME"] = tempfile.mkdtemp(prefix="rotascope-bench-")

    from rotascope.kinds._breadth import Universe, breadth_table
    from rotascope.sources import read_file
    from rotascope.sources.membership import read_membership
    from rotascope.store import Store
    from rotascope.store.universe import load_close_matrix, load_membership, save_membership

    files = sorted((folder / "closes").glob("*.csv"))

    def parse():  # type: ignore[no-untyped-def]
        return [s for f in files for s in read_file(f)]

    t_parse, series = timed(parse, args.runs)
    stores = []

    def store_it():  # type: ignore[no-untyped-def]
        st = Store(Path(tempfile.mkdtemp(prefix="rs-store-")) / "rotascope.duckdb")
        st.import_series(series)  # type: ignore[arg-type]
        save_membership(st, "SP500", read_membership(folder / "sp500_ticker_start_end.csv"))
        stores.append(st)
        return st

    t_store, store = timed(store_it, args.runs)
    spells = load_membership(store)  # type: ignore[arg-type]
    tickers = sorted(set(spells["ticker"]))
    t_matrix, closes = timed(lambda: load_close_matrix(store, tickers), args.runs)  # type: ignore[arg-type]
    universe = Universe("SP500", closes, spells)  # type: ignore[arg-type]
    breadth_table(Universe("SP500", closes.iloc[:400], spells))  # type: ignore[union-attr]
    t_breadth, table = timed(lambda: breadth_table(universe), args.runs)
    rows = sum(len(s.frame) for s in series)  # type: ignore[union-attr]
    size = store.path.stat().st_size / 1e6  # type: ignore[union-attr]
    print(f"constituents: {len(files)} files, {rows:,} rows; store file {size:.1f} MB")
    print(f"{'step':48s} {'median s':>9s}")
    print(f"{'read + validate 501 files':48s} {t_parse:9.2f}")
    print(f"{'import into a fresh store (one transaction)':48s} {t_store:9.2f}")
    print(f"{'load the close matrix ' + str(closes.shape):48s} {t_matrix:9.2f}")  # type: ignore[union-attr]
    print(f"{'breadth over all ' + str(len(table)) + ' dates':48s} {t_breadth:9.2f}")  # type: ignore[arg-type]
    print(f"(median of {args.runs} runs; {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
