"""rotascope.load over the local source: store first, else the bundled dataset; as-of cuts;
data version."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rotascope
from rotascope.data import LocalSource
from rotascope.datasets import bundled_symbols
from rotascope.errors import AsOfError, DataError, UnknownSymbol
from rotascope.sources import ParsedSeries, read_file
from rotascope.store import Store


def load(symbol: str, **kw: object) -> pd.Series:
    return rotascope.load(symbol, source=LocalSource(), **kw)  # type: ignore[arg-type]


def origin(symbol: str) -> str:
    return LocalSource().info(symbol).origin


def frame(dates: list[str], closes: list[float]) -> pd.DataFrame:
    idx = pd.DatetimeIndex(pd.to_datetime(dates).as_unit("ns"), name="date")
    return pd.DataFrame({"close": closes}, index=idx).astype("float64")


def put(symbol: str, dates: list[str], closes: list[float]) -> None:
    f = frame(dates, closes)
    Store().import_series([ParsedSeries(symbol, f, f"{symbol}.csv", "single_column", "price")])


def test_store_symbol_is_loaded_from_the_store(rotascope_home: Path) -> None:
    put("ABC", ["2024-01-02", "2024-01-03", "2024-01-04"], [1.0, 2.0, 3.0])
    s = load("abc")
    assert s.name == "ABC" and s.index.name == "date" and s.dtype == "float64"
    assert s.tolist() == [1.0, 2.0, 3.0]
    assert origin("ABC") == "store"
    assert "ABC" in LocalSource().symbols()
    assert load("ABC", asof="2024-01-03").tolist() == [1.0, 2.0]
    assert load("ABC", start="2024-01-03").tolist() == [2.0, 3.0]
    assert load("ABC", end="2024-01-02", asof="2024-01-03").tolist() == [1.0]


def test_errors(rotascope_home: Path) -> None:
    put("ABC", ["2024-01-02"], [1.0])
    with pytest.raises(UnknownSymbol) as info:
        load("NOPE")
    assert "ABC" in info.value.available
    with pytest.raises(AsOfError, match="starts on 2024-01-02"):
        load("ABC", asof="2023-12-29")
    with pytest.raises(AsOfError, match="not a date"):
        load("ABC", asof="yesterday-ish")
    with pytest.raises(DataError, match="no adj_close"):
        load("ABC", column="adj_close")


def test_data_version_changes_only_when_data_change(rotascope_home: Path) -> None:
    v0 = LocalSource().version()
    put("ABC", ["2024-01-02"], [1.0])
    v1 = LocalSource().version()
    put("ABC", ["2024-01-02"], [1.0])  # identical re-import
    assert LocalSource().version() == v1 != v0
    put("ABC", ["2024-01-03"], [2.0])
    assert LocalSource().version() != v1
    assert load("ABC").tolist() == [1.0, 2.0]  # the cache saw the change


def test_bundled_fallback_when_store_is_empty(rotascope_home: Path) -> None:
    if "RUT" not in bundled_symbols():
        pytest.skip("bundled dataset not built yet")
    assert origin("^RUT") == "bundled dataset"
    s = load("RUT", start="2024-07-09", end="2024-07-16")
    assert round(s.iloc[0], 2) == 2029.47 and round(s.iloc[-1], 2) == 2263.67
    assert len(s) == 6  # 2024-07-09 -> 2024-07-16 is five sessions later


def test_store_overrides_bundled(rotascope_home: Path, shared_data: Path) -> None:
    Store().import_series(read_file(shared_data / "indices" / "RUT_ohlc.csv"))
    assert origin("RUT") == "store"
    f = LocalSource().frame("RUT").loc["2024-07-16":"2024-07-16"]
    assert {"open", "high", "low", "close", "adj_close", "volume"} <= set(f.columns)
    assert round(f["close"].iloc[0], 2) == 2263.67
    assert load("RUT").index[-1] == pd.Timestamp("2024-08-02")  # RUT_ohlc's last row


closes = st.lists(st.floats(1.0, 1e4, allow_nan=False), min_size=3, max_size=30)


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=closes, k=st.integers(1, 29))
def test_no_look_ahead(rotascope_home: Path, values: list[float], k: int) -> None:
    """Appending later data changes nothing as of an earlier date."""
    Store().path.unlink(missing_ok=True)
    dates = [str(d.date()) for d in pd.bdate_range("2021-01-04", periods=len(values))]
    k = min(k, len(values) - 1)
    put("ABC", dates[:k], values[:k])
    before = load("ABC", asof=dates[k - 1])
    put("ABC", dates[k:], values[k:])
    pd.testing.assert_series_equal(load("ABC", asof=dates[k - 1]), before)
    assert load("ABC").tolist() == values
