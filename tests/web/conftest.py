"""Fixtures for the web tests: a synthetic catalog stub and a raw-file catalog on real data."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from rotascope.errors import UnknownSymbol
from rotascope.symbols import canonical

warnings.filterwarnings("ignore", message=".*httpx2.*")


class StubCatalog:
    """A catalog stand-in over in-memory series; counts loads; version can be bumped."""

    def __init__(self, series: dict[str, pd.Series]) -> None:
        self.series = series
        self.version = 1
        self.loads = 0

    def load(
        self,
        symbol: str,
        *,
        column: str = "close",
        asof: Any = None,
        start: Any = None,
        end: Any = None,
    ) -> pd.Series:
        self.loads += 1
        sym = canonical(symbol)
        if sym not in self.series:
            raise UnknownSymbol(symbol, self.series)
        s = self.series[sym]
        return s.loc[start:end].rename(sym)  # type: ignore[misc]

    def symbols(self) -> list[str]:
        return sorted(self.series)

    def data_version(self) -> str:
        return f"stub-{self.version}"

    def source_of(self, symbol: str) -> str:
        return "synthetic"


def _walk(seed: int, idx: pd.DatetimeIndex) -> pd.Series:
    rng = np.random.default_rng(seed)
    return pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(idx)))), index=idx)


@pytest.fixture
def stub_class() -> type[StubCatalog]:
    """The stub catalog class, to build variants in a test."""
    return StubCatalog


@pytest.fixture
def stub_catalog() -> StubCatalog:
    """RUT, SPX and NDX as random walks over NYSE-like weekdays of 2023-2024."""
    idx = pd.bdate_range("2023-01-02", "2024-07-31", name="date")
    return StubCatalog({s: _walk(i, idx) for i, s in enumerate(("RUT", "SPX", "NDX"))})


def _read_yahoo(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, index_col="Date", parse_dates=["Date"])
    return frame.rename(columns={"Close": "close", "Adj Close": "adj_close"})


def _read_multiheader(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(
        path,
        skiprows=3,
        header=None,
        index_col=0,
        parse_dates=[0],
        names=["Date", "adj_close", "close", "high", "low", "open", "volume"],
    )
    return frame


class RawFiles:
    """A catalog over the raw files of ../shared/data read with plain pandas."""

    def __init__(self, root: Path) -> None:
        ind = root / "indices"
        self.frames = {
            "RUT": _read_yahoo(ind / "RUT_ohlc.csv"),
            "NDX": _read_multiheader(ind / "NDX_ohlc.csv"),
            "SPX": _read_multiheader(ind / "SPX_ohlc.csv"),
        }

    def load(
        self,
        symbol: str,
        *,
        column: str = "close",
        asof: Any = None,
        start: Any = None,
        end: Any = None,
    ) -> pd.Series:
        sym = canonical(symbol)
        if sym not in self.frames:
            raise UnknownSymbol(symbol, self.frames)
        s = self.frames[sym][column].astype("float64").dropna()
        s.index = pd.DatetimeIndex(s.index, name="date")
        return s.loc[start:end].rename(sym)  # type: ignore[misc]

    def symbols(self) -> list[str]:
        return sorted(self.frames)

    def data_version(self) -> str:
        return "raw-files"

    def source_of(self, symbol: str) -> str:
        return "../shared/data"


@pytest.fixture(scope="session")
def raw_files(published_closes) -> RawFiles:  # type: ignore[no-untyped-def]
    """Russell 2000, Nasdaq 100 and S&P 500 read from the raw shared files (plain pandas),
    or from the bundled files in a clone without them."""
    if published_closes.origin == "../shared/data":
        return RawFiles(Path(__file__).resolve().parents[2].parent / "shared" / "data")
    files = RawFiles.__new__(RawFiles)
    files.frames = dict(published_closes.frames)
    return files


@pytest.fixture
def make_client() -> Callable[..., Any]:
    """``make_client(**create_app_kwargs)`` -> TestClient that returns 500s instead of raising."""
    from fastapi.testclient import TestClient

    from rotascope.web.app import create_app

    def make(**kwargs: Any) -> TestClient:
        return TestClient(create_app(**kwargs), raise_server_exceptions=False)

    return make
