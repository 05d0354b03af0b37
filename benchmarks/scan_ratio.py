"""The kernel target: every-date records with ranks against a plain NumPy pass.

Interleaved, paired runs on the same matrix (3,000 random walks x 10,000 sessions,
5 windows by default): in each round the NumPy pass (window moves +
``np.maximum.accumulate``), the value-order sweep (``record_history(method="sweep")``,
the default) and the monotonic stack with a Fenwick tree (``method="stack"``, the
previous kernel) run back to back, so a busy machine slows all three alike; the ratio
of each round is kept and the median reported, at 1 numba thread and at all threads,
with the load average. Wall and CPU time are both given: on a shared machine the CPU
time of the one-thread runs is the steadier measure of the work. (NumPy's pass is
single-threaded either way.)

    python benchmarks/scan_ratio.py                 # 3,000 x 10,000, 5 rounds
    python benchmarks/scan_ratio.py --series 600 --rounds 3

Nothing here is imported by the package; the figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numba
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scan import WINDOWS, numpy_reference, random_walks

from rotascope.measures.scan_kernels import record_history


def _time(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall time and this process's CPU time (all threads) of one call."""
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--series", type=int, default=3000)
    ap.add_argument("--sessions", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    x = random_walks(args.series, args.sessions)
    record_history(x[:50, :4], 5, method="sweep")  # compile before timing
    record_history(x[:50, :4], 5, method="stack")
    every = numba.config.NUMBA_NUM_THREADS
    print(
        f"{args.series:,} series x {args.sessions:,} sessions, windows {WINDOWS}; "
        f"{os.cpu_count()} CPUs; numba {numba.__version__}, numpy {np.__version__}"
    )
    for threads in (1, every):
        numba.set_num_threads(threads)
        rounds = []
        for _ in range(args.rounds):
            load = os.getloadavg()[0]
            ref = _time(lambda: numpy_reference(x, WINDOWS))
            new = _time(lambda: [record_history(x, w, method="sweep") for w in WINDOWS])
            old = _time(lambda: [record_history(x, w, method="stack") for w in WINDOWS])
            rounds.append((ref, new, old, load))
            print(
                f"  {threads} thread(s): NumPy {ref[0]:6.2f} s (cpu {ref[1]:6.2f})  "
                f"sweep {new[0]:6.2f} s (cpu {new[1]:6.2f}, {new[0] / ref[0]:4.2f}x wall)  "
                f"stack+Fenwick {old[0]:6.2f} s (cpu {old[1]:6.2f}, "
                f"{old[0] / ref[0]:4.2f}x wall)  load {load:.2f}",
                flush=True,
            )
        for k, what in ((0, "wall"), (1, "CPU")):
            med = [statistics.median(r[i][k] for r in rounds) for i in range(3)]
            r_new = statistics.median(r[1][k] / r[0][k] for r in rounds)
            r_old = statistics.median(r[2][k] / r[0][k] for r in rounds)
            print(
                f"{threads} thread(s), median {what} time: NumPy {med[0]:.2f} s, sweep "
                f"{med[1]:.2f} s, stack+Fenwick {med[2]:.2f} s; ratio to NumPy: sweep "
                f"{r_new:.2f}x, stack+Fenwick {r_old:.2f}x (load "
                f"{min(r[3] for r in rounds):.2f}-{max(r[3] for r in rounds):.2f})",
                flush=True,
            )


if __name__ == "__main__":
    sys.exit(main())
