"""Generated fed funds futures files for the fedwatch tests (see ``cut_path``).

The prices are made from a chosen path of odds: with the rate at 5.33% and a cut of
25 bp at the Sep 18, 2024 meeting priced at ``p``, September (17 days before the 18th,
13 from it) averages ``17/30 * 5.33 + 13/30 * (5.33 - 0.25 p)`` and October (no
meeting) ``5.33 - 0.25 p``; July (meeting on the 31st: no change priced) and August
average 5.33; November (Nov 7) and December (Dec 18) price no change after September.
So the odds of a cut at the September meeting must come back as ``p`` on every date.

Also the prices of CME's published worked examples, as files to import.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rotascope.data import MemorySource

RATE = 5.33
SEP = pd.Timestamp("2024-09-18")
NOV = pd.Timestamp("2024-11-07")
CAL = MemorySource({}).events()
FOMC = CAL[CAL["kind"] == "fomc"]
SCHEDULED = FOMC.loc[FOMC["schedule"] == "scheduled", "date"]
HELD = FOMC["date"]


def cut_path(dates: pd.DatetimeIndex) -> pd.Series:
    """The odds of a September cut (fractions) the prices are built from, by date."""
    i = (dates - pd.Timestamp("2024-07-01")).days.to_numpy()
    p = np.clip(0.30 + 0.55 * i / 75 + 0.12 * np.sin(i / 3.5), 0.0, 1.0)
    return pd.Series(p, index=dates)


def prices_for(p: float, day: pd.Timestamp) -> dict[str, float]:
    """Contract month -> price on ``day`` for a September cut priced at ``p``."""
    after = RATE - 0.25 * p
    avg = {
        "2024-07": RATE,
        "2024-08": RATE,
        "2024-09": 17 / 30 * RATE + 13 / 30 * after,
        "2024-10": after,
        "2024-11": after,
        "2024-12": after,
    }
    return {c: 100 - a for c, a in avg.items() if pd.Period(c, "M") >= day.to_period("M")}


def futures_file(path: pd.DatetimeIndex, *, drop: tuple[str, ...] = ()) -> pd.DataFrame:
    p = cut_path(path)
    rows = [
        (d, c, price)
        for d in path
        for c, price in prices_for(float(p[d]), d).items()
        if c not in drop
    ]
    return pd.DataFrame(rows, columns=["date", "contract", "price"])


DATES = pd.bdate_range("2024-07-01", "2024-09-13").delete([5, 6, 7, 20, 33])  # gaps
DFF = pd.Series(RATE, index=pd.date_range("2024-06-01", "2024-09-30"))


#: CME's calculator page: daily settlement prices as of September 12, 2022.
CME_2022 = """date,contract,price
2022-09-12,2022-09,97.4475
2022-09-12,2022-10,96.9400
2022-09-12,2022-11,96.4300
"""
#: CME (Lao & Mirza, 2015): FFQ5 and FFU5 before the September 17, 2015 meeting.
CME_2015 = """date,contract,price
2015-08-14,2015-08,99.8675
2015-08-14,2015-09,99.805
"""


def write_futures(frame: pd.DataFrame, path) -> None:  # type: ignore[no-untyped-def]
    """Write a futures frame as the documented CSV (``date,contract,price``)."""
    out = frame.assign(date=pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d"))
    out.to_csv(path, index=False, float_format="%.10f")
