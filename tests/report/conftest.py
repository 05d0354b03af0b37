"""Loaders for report tests: plain-pandas reads of the raw files, and truncation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from rotascope.errors import DataError, UnknownSymbol

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
def raw_loader(published_closes) -> RawLoader:  # type: ignore[no-untyped-def]
    """``loader(symbol, column)`` over the raw files (plain pandas), or, in a clone without
    them, over the bundled files as far as the raw files go (RUT_ohlc.csv ends 2024-08-02)."""
    end = None if published_closes.origin == "../shared/data" else pd.Timestamp("2024-08-02")

    def load(symbol: str, column: str = "close") -> pd.Series:
        if symbol not in published_closes.frames:
            raise UnknownSymbol(symbol, published_closes.frames)
        frame = published_closes.frames[symbol]
        if column not in frame:  # the bundled index files keep the close only
            raise DataError(f"{symbol} has no {column} values")
        return frame[column].astype("float64").loc[:end].rename(symbol)

    return load
