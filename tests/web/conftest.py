"""Fixtures for the web tests: a synthetic source stub and a raw-file source on real data."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from rotascope.data import MemorySource, SeriesInfo

warnings.filterwarnings("ignore", message=".*httpx2.*")


class StubCatalog:
    """A data source over in-memory series (the DataSource protocol); counts loads; its
    version can be bumped (``bump += 1``) as an import would."""

    def __init__(self, series: dict[str, pd.Series]) -> None:
        self.raw = dict(series)
        self.bump = 1
        self.loads = 0

    def _mem(self) -> MemorySource:
        return MemorySource(self.raw)

    def symbols(self) -> list[str]:
        return sorted(self.raw)

    def resolve(self, symbol: str) -> str:
        return self._mem().resolve(symbol)

    def frame(self, symbol: str) -> pd.DataFrame:
        return self._mem().frame(symbol)

    def series(self, symbol: str, column: str = "close") -> pd.Series:
        self.loads += 1
        return self._mem().series(symbol, column)

    def info(self, symbol: str) -> SeriesInfo:
        return replace(self._mem().info(symbol), origin="synthetic")

    def version(self) -> str:
        return f"stub-{self.bump}"

    def membership(self, universe: str = "SP500") -> pd.DataFrame:
        return self._mem().membership(universe)

    def member_closes(self, tickers: list[str], **kw: Any) -> pd.DataFrame:
        return self._mem().member_closes(tickers, **kw)

    def shiller(self) -> pd.DataFrame:
        return self._mem().shiller()

    def valuations(self) -> list[tuple[str, str, str]]:
        return []

    def valuation(self, subject: str, metric: str, basis: str = "") -> pd.Series:
        return self._mem().valuation(subject, metric, basis)

    def events(self) -> pd.DataFrame:
        return self._mem().events()

    def futures(self) -> pd.DataFrame:
        return self._mem().futures()


def _walk(seed: int, idx: pd.DatetimeIndex) -> pd.Series:
    rng = np.random.default_rng(seed)
    return pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(idx)))), index=idx)


@pytest.fixture
def stub_class() -> type[StubCatalog]:
    """The stub source class, to build variants in a test."""
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


class RawFiles(MemorySource):
    """A data source over the raw files of ../shared/data read with plain pandas, or
    over given frames (``RawFiles(frames=...)``: the bundled closes in a clone without
    the raw files)."""

    def __init__(self, root: Path | None = None, *, frames: dict | None = None) -> None:
        if frames is None:
            assert root is not None
            ind = root / "indices"
            cols = ["close", "adj_close"]
            frames = {
                "RUT": _read_yahoo(ind / "RUT_ohlc.csv")[cols],
                "NDX": _read_multiheader(ind / "NDX_ohlc.csv")[cols],
                "SPX": _read_multiheader(ind / "SPX_ohlc.csv")[cols],
            }
        self.frames = frames
        super().__init__(self.frames)

    def version(self) -> str:
        return "raw-files"

    def info(self, symbol: str) -> SeriesInfo:
        return replace(super().info(symbol), origin="../shared/data")


@pytest.fixture(scope="session")
def raw_files(published_closes) -> RawFiles:  # type: ignore[no-untyped-def]
    """Russell 2000, Nasdaq 100 and S&P 500 read from the raw shared files (plain pandas),
    or from the bundled files in a clone without them."""
    if published_closes.origin == "../shared/data":
        return RawFiles(Path(__file__).resolve().parents[2].parent / "shared" / "data")
    return RawFiles(frames={s: published_closes.frames[s] for s in ("RUT", "NDX", "SPX")})


@pytest.fixture
def make_client() -> Callable[..., Any]:
    """``make_client(**create_app_kwargs)`` -> TestClient that returns 500s instead of raising."""
    from fastapi.testclient import TestClient

    from rotascope.web.app import create_app

    def make(**kwargs: Any) -> TestClient:
        app = create_app(**kwargs)
        return TestClient(
            app,
            raise_server_exceptions=False,
            base_url="http://127.0.0.1",
            headers={"X-Rotascope-Token": app.state.token},
        )

    return make
