"""The bundled effective fed funds rate: FRED's DFF on NYSE sessions, value for value."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from rotascope.calendar import nyse_sessions
from rotascope.datasets import load_bundled


def test_dff_is_the_fred_file_on_sessions(shared_data: Path) -> None:
    raw = pd.read_csv(shared_data / "fred" / "DFF.csv", index_col="date", parse_dates=True)
    dff = load_bundled("fred:DFF")["close"]
    sessions = nyse_sessions(raw.index[0], raw.index[-1])
    assert dff.index.equals(pd.DatetimeIndex(raw.index[raw.index.isin(sessions)], name="date"))
    assert (dff - raw["dff"].reindex(dff.index)).abs().max() == 0.0
    assert dff["2024-09-18"] == 5.33 and dff["2024-09-19"] == 4.83  # the Sep 2024 cut
    assert pd.Timestamp("2024-09-14") not in dff.index  # a Saturday
