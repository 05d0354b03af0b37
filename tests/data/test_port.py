"""Every data source implements the port the same way."""

from __future__ import annotations

import pandas as pd
import pytest

from rotascope.data import BundledSource, DataSource, LocalSource, MemorySource
from rotascope.errors import DataError, UnknownSymbol

IDX = pd.bdate_range("2024-01-01", periods=5, name="date")


def _memory() -> MemorySource:
    frame = pd.DataFrame({"close": [1.0, 2.0, None, 4.0, 5.0]}, index=IDX)
    return MemorySource({"^GSPC": frame, "AAA": pd.Series(1.0, index=IDX)})


@pytest.fixture(params=["memory", "bundled", "local"])
def source(request: pytest.FixtureRequest, tmp_path, monkeypatch) -> DataSource:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ROTASCOPE_HOME", str(tmp_path))
    return {"memory": _memory, "bundled": BundledSource, "local": LocalSource}[request.param]()


def test_each_source_is_a_data_source(source: DataSource) -> None:
    assert isinstance(source, DataSource)
    assert source.symbols() == sorted(source.symbols())
    sym = source.resolve("^GSPC")
    assert sym == "SPX"
    s = source.series(sym)
    assert s.name == "SPX" and s.notna().all() and s.index.is_monotonic_increasing
    info = source.info(sym)
    assert info.rows == len(s) and info.last == s.index[-1]
    assert isinstance(source.version(), str) and source.version()


def test_unknown_symbols_list_what_exists(source: DataSource) -> None:
    with pytest.raises(UnknownSymbol, match="Available"):
        source.resolve("NOPE")


def test_a_missing_column_is_a_data_error(source: DataSource) -> None:
    with pytest.raises(DataError, match=r"no volume values|unknown column"):
        source.series("SPX", "volume")


def test_memory_membership_is_optional() -> None:
    with pytest.raises(DataError, match="membership"):
        _memory().membership("SP500")
