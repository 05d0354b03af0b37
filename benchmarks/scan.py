"""Benchmark the universe record scan against the obvious pandas way and a NumPy pass.

Run from the project root (numbers are medians of several runs, wall clock):

    python benchmarks/scan.py            # full: 3,000 series x 10,000 sessions
    python benchmarks/scan.py --quick    # small version, a few seconds

Sections
--------
(a) one real series (Russell 2000 closes from 1987, ``../shared/data``), every date,
    5 windows;
(b) a synthetic universe of geometric random walks (fixed seed), 5 windows: as of the
    last date and for every date; the same work done the obvious pandas way on a subset,
    extrapolated (and labelled so); a plain NumPy pass over the same matrix as the
    memory-bandwidth reference; peak memory; timings at three sizes.

Nothing here is imported by the package; the numbers go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import os
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numba
import numpy as np
import pandas as pd

from rotascope.data import MemorySource
from rotascope.measures.scan_kernels import record_history, records_asof
from rotascope.products.scan import scan as rotascope_scan

WINDOWS = (1, 5, 21, 63, 252)
ROOT = Path(__file__).resolve().parents[1]
RUT_CSV = ROOT.parent / "shared" / "data" / "indices" / "RUT_ohlc.csv"
THREADS = numba.config.NUMBA_NUM_THREADS
rows: list[dict[str, Any]] = []


# ----------------------------------------------------------------------------- helpers
def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def record(
    section: str, name: str, times: list[float] | float, *, nbytes: int = 0, note: str = ""
) -> float:
    ts = [times] if isinstance(times, float) else times
    med = statistics.median(ts)
    rows.append(
        {
            "section": section,
            "name": name,
            "median_s": med,
            "min_s": min(ts),
            "max_s": max(ts),
            "runs": len(ts),
            "GB_per_s": nbytes / med / 1e9 if nbytes and med > 0 else None,
            "note": note,
        }
    )
    rate = f"  {nbytes / med / 1e9:6.2f} GB/s" if nbytes and med > 0 else ""
    print(f"  {name:<58} {_fmt(med):>10}  ({len(ts)} runs){rate}  {note}", flush=True)
    return med


def load() -> None:
    """Print the load average: the machine may be shared, so report how busy it was."""
    one, five, fifteen = os.getloadavg()
    print(f"  [load average {one:.2f} {five:.2f} {fifteen:.2f}]", flush=True)
    rows.append({"section": "load", "load1": one, "load5": five, "load15": fifteen})


def _fmt(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1e3:.1f} ms"


def random_walks(n_series: int, n_sessions: int, seed: int = 20240716) -> np.ndarray:
    """Geometric random walks, column-major (each series contiguous), built in blocks."""
    rng = np.random.default_rng(seed)
    x = np.empty((n_sessions, n_series), order="F")
    block = 256
    for j in range(0, n_series, block):
        k = min(block, n_series - j)
        steps = rng.normal(0.0003, 0.012, size=(k, n_sessions))
        x[:, j : j + k] = (100.0 * np.exp(np.cumsum(steps, axis=1))).T
    return x


def all_windows_history(x: np.ndarray, ranks: bool = True) -> None:
    for w in WINDOWS:
        record_history(x, w, ranks=ranks)


def numpy_reference(x: np.ndarray, windows: tuple[int, ...]) -> None:
    """The plain NumPy pass: window moves + running maximum, per window."""
    for w in windows:
        moves = np.diff(x, axis=0) if w == 1 else x[w:] / x[:-w] - 1.0
        np.maximum.accumulate(moves, axis=0)
        del moves


def numpy_asof(x: np.ndarray, windows: tuple[int, ...]) -> None:
    """As-of records with vectorised NumPy only (the alternative to the compiled pass)."""
    for w in windows:
        moves = x[w:] / x[:-w] - 1.0
        v = moves[-1]
        hist = moves[:-1]
        gain = v >= 0
        more = np.where(gain, hist > v, hist < v)
        rank = more.sum(axis=0) + 1
        as_big = np.where(gain, hist >= v, hist <= v)
        last = hist.shape[0] - 1 - np.argmax(as_big[::-1], axis=0)
        since = np.where(as_big.any(axis=0), last, -1)
        del moves, hist, more, as_big, rank, since


def end_to_end(x: np.ndarray) -> Callable[[], Any]:
    """``rotascope.scan()`` over the matrix's columns served by an in-memory loader."""
    dates = pd.bdate_range("1986-01-01", periods=x.shape[0], name="date")
    universe = {f"S{j:04d}": pd.Series(x[:, j], index=dates) for j in range(x.shape[1])}
    source = MemorySource(universe)
    return lambda: rotascope_scan(source, list(universe))


def pandas_asof_series(s: pd.Series, w: int) -> tuple[Any, int, int]:
    """The obvious pandas way, one series and window, as of the last date."""
    r = s / s.shift(w) - 1
    v = r.iloc[-1]
    h = r.iloc[:-1]
    hit = (h >= v) if v >= 0 else (h <= v)
    since = hit[hit].index[-1] if hit.any() else None
    rank = int(((h > v) if v >= 0 else (h < v)).sum()) + 1
    return since, rank, int(h.notna().sum()) + 1


def pandas_at(r: pd.Series, t: int) -> tuple[Any, int, int]:
    """The obvious pandas way for one date: rescan all history before it."""
    v = r.iloc[t]
    h = r.iloc[:t]
    hit = (h >= v) if v >= 0 else (h <= v)
    since = hit[hit].index[-1] if hit.any() else None
    rank = int(((h > v) if v >= 0 else (h < v)).sum()) + 1
    return since, rank, int(h.notna().sum()) + 1


def pandas_all_dates_per_date(s: pd.Series, w: int, n_sample: int) -> float:
    """Mean seconds per date of the rescan way, over dates spread evenly (cost ~ t)."""
    r = s / s.shift(w) - 1
    ts = np.linspace(w + 1, len(r) - 1, n_sample).astype(int)
    t0 = time.perf_counter()
    for t in ts:
        pandas_at(r, int(t))
    return (time.perf_counter() - t0) / len(ts)


def _hwm_kib() -> int | None:
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    m = re.search(r"VmHWM:\s+(\d+)", status)
    return int(m.group(1)) if m else None


def peak_extra_bytes(fn: Callable[[], Any]) -> tuple[int, str]:
    """Peak resident memory above the level before ``fn`` (VmHWM reset), else tracemalloc."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # hand freed heap pages back first
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
        before = _hwm_kib()
        fn()
        after = _hwm_kib()
        if before is not None and after is not None:
            return (after - before) * 1024, "VmHWM"
    except OSError:
        pass
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, "tracemalloc (misses numba scratch)"


# ----------------------------------------------------------------------------- sections
def section_rut(repeat: int, n_sample: int) -> None:
    print("\n(a) Russell 2000, one series, every date, 5 windows")
    if not RUT_CSV.exists():
        print(f"  skipped: {RUT_CSV} is absent")
        return
    raw = pd.read_csv(RUT_CSV, parse_dates=["Date"])
    close = raw.set_index("Date")["Close"].astype("float64")
    x = np.asfortranarray(close.to_numpy()[:, None])
    n = len(close)
    print(f"  {n} sessions, {close.index[0]:%Y-%m-%d} .. {close.index[-1]:%Y-%m-%d}")
    fast = record(
        "a", "compiled, all dates, 5 windows", timed(lambda: all_windows_history(x), repeat)
    )
    record(
        "a",
        "compiled, as of the last date, 5 windows",
        timed(lambda: records_asof(x, WINDOWS), repeat),
    )
    per_date = statistics.median([pandas_all_dates_per_date(close, w, n_sample) for w in WINDOWS])
    slow = per_date * n * len(WINDOWS)
    record(
        "a",
        "pandas rescan per date, all dates (EXTRAPOLATED)",
        slow,
        note=f"from {n_sample} sampled dates x 5 windows",
    )
    print(f"  ratio pandas / compiled: {slow / fast:,.0f}x")
    rows.append({"section": "a", "name": "ratio pandas/compiled, all dates", "ratio": slow / fast})


def section_universe(n_series: int, n_sessions: int, repeat: int, n_sample: int) -> None:
    print(f"\n(b) synthetic universe: {n_series:,} series x {n_sessions:,} sessions, 5 windows")
    x = random_walks(n_series, n_sessions)
    nbytes = x.nbytes
    print(f"  input matrix {nbytes / 1e6:,.0f} MB float64, column-major; {THREADS} threads")

    asof = record(
        "b",
        "compiled as of last date (prange, all threads)",
        timed(lambda: records_asof(x, WINDOWS), repeat),
        nbytes=nbytes,
    )
    numba.set_num_threads(1)
    record(
        "b",
        "compiled as of last date (1 thread)",
        timed(lambda: records_asof(x, WINDOWS), repeat),
        nbytes=nbytes,
    )
    numba.set_num_threads(THREADS)
    record(
        "b",
        "NumPy vectorised as of last date (alternative)",
        timed(lambda: numpy_asof(x, WINDOWS), max(1, repeat - 2)),
        nbytes=nbytes,
    )
    hist = record(
        "b",
        "compiled all dates, since+rank+out_of (prange)",
        timed(lambda: all_windows_history(x), max(1, repeat - 2)),
        nbytes=nbytes,
    )
    hist_since = record(
        "b",
        "compiled all dates, since+out_of only (prange)",
        timed(lambda: all_windows_history(x, ranks=False), max(1, repeat - 2)),
        nbytes=nbytes,
    )
    numba.set_num_threads(1)
    hist1 = record(
        "b",
        "compiled all dates, since+rank+out_of (1 thread)",
        timed(lambda: all_windows_history(x), max(1, repeat - 2)),
        nbytes=nbytes,
    )
    numba.set_num_threads(THREADS)
    ref5 = record(
        "b",
        "plain NumPy pass, 5 windows (moves + maximum.accumulate)",
        timed(lambda: numpy_reference(x, WINDOWS), repeat),
        nbytes=nbytes,
    )
    ref1 = record(
        "b",
        "plain NumPy pass, 1 window (np.diff + maximum.accumulate)",
        timed(lambda: numpy_reference(x, (1,)), repeat),
        nbytes=nbytes,
    )

    record(
        "b",
        "rotascope.scan() end to end (align + as of + frame)",
        timed(end_to_end(x), max(1, repeat - 2)),
        nbytes=nbytes,
        note="in-memory loader",
    )

    # the obvious pandas way on a subset, extrapolated
    k = min(n_series, 30)
    frame = pd.DataFrame(x[:, :k])
    t0 = time.perf_counter()
    for j in range(k):
        for w in WINDOWS:
            pandas_asof_series(frame[j], w)
    pandas_asof = (time.perf_counter() - t0) * n_series / k
    record(
        "b",
        "pandas as of last date (EXTRAPOLATED)",
        pandas_asof,
        note=f"measured on {k} series x 5 windows",
    )
    per_date = statistics.median(
        [pandas_all_dates_per_date(frame[0], w, n_sample) for w in WINDOWS]
    )
    pandas_all = per_date * n_sessions * n_series * len(WINDOWS)
    record(
        "b",
        "pandas rescan per date, all dates (EXTRAPOLATED)",
        pandas_all,
        note=f"from {n_sample} sampled dates x 5 windows of one series",
    )

    mem_asof, how = peak_extra_bytes(lambda: records_asof(x, WINDOWS))
    mem_hist1, _ = peak_extra_bytes(lambda: record_history(x, 21))
    mem_hist5, _ = peak_extra_bytes(lambda: all_windows_history(x))
    mem_ref, _ = peak_extra_bytes(lambda: numpy_reference(x, (1,)))
    ratios = {
        "as of: pandas / compiled": pandas_asof / asof,
        "all dates: pandas / compiled": pandas_all / hist,
        "all dates (since+rank) / NumPy pass, 5 windows": hist / ref5,
        "all dates (since only) / NumPy pass, 5 windows": hist_since / ref5,
        "all dates (since+rank), 1 thread / NumPy pass, 5 windows": hist1 / ref5,
        "all dates (since+rank), per window / NumPy 1-window pass": hist / 5 / ref1,
        "peak extra memory, as of / input": mem_asof / nbytes,
        "peak extra memory, all dates 1 window / input": mem_hist1 / nbytes,
        "peak extra memory, all dates 5 windows (results dropped) / input": mem_hist5 / nbytes,
        "peak extra memory, NumPy 1-window pass / input": mem_ref / nbytes,
    }
    print(f"  memory measured with {how}")
    for name, value in ratios.items():
        print(f"  {name:<62} {value:>10,.2f}x")
        rows.append({"section": "b", "name": name, "ratio": value})


def section_scaling(sizes: list[tuple[int, int]], repeat: int) -> None:
    print("\n(c) growth: time per (series x session) cell at three sizes")
    for n_series, n_sessions in sizes:
        x = random_walks(n_series, n_sessions, seed=7)
        cells = n_series * n_sessions
        a = record(
            "c",
            f"as of, 5 windows, {n_series}x{n_sessions}",
            timed(lambda x=x: records_asof(x, WINDOWS), repeat),
        )
        h = record(
            "c",
            f"all dates, window 21, {n_series}x{n_sessions}",
            timed(lambda x=x: record_history(x, 21), repeat),
        )
        print(f"    ns per cell: as of {a / cells * 1e9:.2f}, all dates {h / cells * 1e9:.2f}")
        del x


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--quick", action="store_true", help="small sizes, fewer runs")
    p.add_argument("--series", type=int, default=3000)
    p.add_argument("--sessions", type=int, default=10_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = p.parse_args(argv)
    if args.quick:
        args.series, args.sessions, args.repeat = 300, 2000, 3
    n_sample = 10 if args.quick else 40
    # warm up: compile (or load cached) kernels before timing
    warm = random_walks(8, 300)
    records_asof(warm, WINDOWS)
    record_history(warm, 5)
    record_history(warm, 5, ranks=False)
    print(
        f"numba {numba.__version__}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"{os.cpu_count()} CPUs, {THREADS} numba threads ({numba.threading_layer()} layer)"
    )

    load()
    section_rut(args.repeat, n_sample)
    load()
    section_universe(args.series, args.sessions, args.repeat, n_sample)
    load()
    s, t = args.series, args.sessions
    section_scaling([(s // 4, t), (s // 2, t), (s, t)], max(1, args.repeat - 2))
    load()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, default=str))
        print(f"\nrows written to {args.json}")


if __name__ == "__main__":
    sys.exit(main())
