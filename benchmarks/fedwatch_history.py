"""Time :func:`rotascope.measures.fedwatch_history.odds_history` on a generated file.

Ten years of trading dates with the twelve nearest contracts each (about 30,000 prices),
the bundled FOMC calendar and a flat effective rate: how long every date's odds take.

Run from the repository root::

    python benchmarks/fedwatch_history.py
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from rotascope.data import BundledSource
from rotascope.measures.fedwatch_history import odds_history


def generated(years: int = 10, contracts: int = 12) -> pd.DataFrame:
    """Prices of the ``contracts`` nearest months on every weekday of ``years`` years."""
    days = pd.bdate_range("2014-01-02", periods=252 * years)
    rng = np.random.default_rng(0)
    rows = []
    for d in days:
        first = d.to_period("M")
        for k in range(contracts):
            rows.append((d, str(first + k), 97.0 + 0.01 * k + rng.normal(0, 0.02)))
    return pd.DataFrame(rows, columns=["date", "contract", "price"])


def main() -> None:
    futures = generated()
    rate = pd.Series(3.0, index=pd.date_range("2013-12-01", "2024-12-31"))
    cal = BundledSource().events()
    fomc = cal[cal["kind"] == "fomc"]
    scheduled = fomc.loc[fomc["schedule"] == "scheduled", "date"]
    t0 = time.perf_counter()
    history = odds_history(futures, rate, scheduled=scheduled, held=fomc["date"])
    dt = time.perf_counter() - t0
    dates = futures["date"].nunique()
    print(
        f"{len(futures):,} prices on {dates:,} dates -> {len(history):,} meeting odds in "
        f"{dt:.2f} s ({1000 * dt / dates:.2f} ms per date)"
    )


if __name__ == "__main__":
    main()
