"""Benchmark the factor facts on the bundled dataset (a century of daily SMB).

Run from the project root:

    python benchmarks/factors.py

Prints the median wall-clock time of five runs for: all 1/3/5/10-year windows of SMB
with their ranks and distinct periods, the full ``factor_facts("SMB")`` list, the
decade table of the six factors, and the IWM vs SPY ten-year gap. Nothing here is
imported by the package.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pandas as pd

from rotascope.data import BundledSource
from rotascope.kinds.factor import factor_facts
from rotascope.kinds.factor_decade import decade_frame
from rotascope.kinds.long_run import relative_facts
from rotascope.measures.factors import compound_windows, window_stat

SOURCE = BundledSource()


def _time(label: str, fn: Callable[[], object], runs: int = 5) -> None:
    fn()  # warm up (numba compilation, caches)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    print(f"{label:<45} {statistics.median(times) * 1000:8.1f} ms")


def main() -> None:
    smb = SOURCE.series("SMB")
    print(f"SMB: {len(smb):,} daily returns, {smb.index[0].date()} .. {smb.index[-1].date()}")

    def windows() -> None:
        for years in (1, 3, 5, 10):
            window_stat(compound_windows(smb, years), years)

    _time("windows + ranks + distinct (1,3,5,10y)", windows)
    _time("factor_facts('SMB') (4 windows + drawdown)", lambda: factor_facts(SOURCE, "SMB"))
    _time("decade_frame (6 factors)", lambda: decade_frame(SOURCE))
    _time(
        "relative_facts IWM vs SPY 10y",
        lambda: relative_facts(SOURCE, "IWM", "SPY", asof=pd.Timestamp("2024-07-16")),
    )


if __name__ == "__main__":
    main()
