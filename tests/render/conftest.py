"""Sources for report tests: plain-pandas reads of the raw files, and truncation."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from rotascope.data import MemorySource
from rotascope.errors import UnknownSymbol

_COLUMNS = {"Open": "open", "High": "high", "Low": "low", "Close": "close",
            "Adj Close": "adj_close", "Volume": "volume"}  # fmt: skip


def read_raw(root: Path, symbol: str) -> pd.DataFrame:
    """RUT, SPX, NDX from ``../shared/data`` with plain pandas (no rotascope importer)."""
    if symbol == "RUT":
        raw = pd.read_csv(root / "indices" / "RUT_ohlc.csv", index_col="Date", parse_dates=True)
    elif symbol in ("SPX", "NDX"):
        raw = pd.read_csv(root / "indices" / f"{symbol}_ohlc.csv", skiprows=[1, 2], index_col=0)
        raw.index = pd.to_datetime(raw.index)
    else:
        raise UnknownSymbol(symbol, ["RUT", "SPX", "NDX"])
    raw.index.name = "date"
    return raw.rename(columns=_COLUMNS)[list(_COLUMNS.values())].astype("float64")


@pytest.fixture(scope="session")
def raw_frames(published_closes) -> dict[str, pd.DataFrame]:  # type: ignore[no-untyped-def]
    """The raw files of RUT, SPX and NDX as frames (plain pandas), or, in a clone without
    them, the bundled closes as far as the raw files go (RUT_ohlc.csv ends 2024-08-02)."""
    if published_closes.origin == "../shared/data":
        root = Path(__file__).resolve().parents[2].parent / "shared" / "data"
        return {s: read_raw(root, s) for s in ("RUT", "SPX", "NDX")}
    end = pd.Timestamp("2024-08-02")
    return {s: published_closes.frames[s].loc[:end] for s in ("RUT", "SPX", "NDX")}


@pytest.fixture(scope="session")
def raw_source(raw_frames: dict[str, pd.DataFrame]) -> MemorySource:
    """A data source over the raw files."""
    return MemorySource(raw_frames)
