"""Loaders for report tests: plain-pandas reads of the raw files, and truncation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from rotascope.errors import UnknownSymbol

RawLoader = Callable[[str, str], pd.Series]


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
    return raw.rename(columns={"Close": "close", "Adj Close": "adj_close"})


@pytest.fixture(scope="session")
def raw_loader(shared_data: Path) -> RawLoader:
    """``loader(symbol, column)`` over the raw files, cached per symbol."""
    frames: dict[str, pd.DataFrame] = {}

    def load(symbol: str, column: str = "close") -> pd.Series:
        if symbol not in frames:
            frames[symbol] = read_raw(shared_data, symbol)
        return frames[symbol][column].astype("float64").rename(symbol)

    return load
