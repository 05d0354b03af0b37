"""``DataSource.futures()``: the same shape from every source; the store's prices reach
the local source and change its version."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from rotascope.data import FUTURES_COLUMNS, BundledSource, DataSource, LocalSource, MemorySource
from rotascope.errors import DataError

PRICES = pd.DataFrame(
    {
        "date": ["2024-09-13", "2024-09-12", "2024-09-12"],
        "contract": ["2024-09", "2024-10", "2024-09"],
        "price": [94.81, 95.0, 94.815],
    }
)


@pytest.fixture(params=["memory", "bundled", "local"])
def empty_source(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch) -> DataSource:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ROTASCOPE_HOME", str(tmp_path))
    return {
        "memory": lambda: MemorySource({}),
        "bundled": BundledSource,
        "local": LocalSource,
    }[request.param]()


def _check_shape(frame: pd.DataFrame) -> None:
    assert list(frame.columns) == list(FUTURES_COLUMNS)
    assert frame["date"].dtype == "datetime64[ns]"
    assert frame["price"].dtype == "float64"


def test_every_source_answers_with_an_empty_frame_when_it_has_no_prices(
    empty_source: DataSource,
) -> None:
    frame = empty_source.futures()
    _check_shape(frame)
    assert frame.empty


def test_memory_source_sorts_its_prices_and_versions_them() -> None:
    src = MemorySource({}, futures=PRICES)
    frame = src.futures()
    _check_shape(frame)
    assert frame[["contract", "price"]].values.tolist() == [
        ["2024-09", 94.815],
        ["2024-10", 95.0],
        ["2024-09", 94.81],
    ]
    frame.loc[0, "price"] = 1.0  # a copy: the source keeps its own
    assert src.futures()["price"].iloc[0] == 94.815
    assert src.version() != MemorySource({}).version()
    with pytest.raises(DataError, match="columns date, contract, price"):
        MemorySource({}, futures=PRICES.drop(columns="contract"))


def test_local_source_reads_the_store_and_sees_each_write(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rotascope.data.manage import import_parsed, read_paths

    monkeypatch.setenv("ROTASCOPE_HOME", str(tmp_path))
    src = LocalSource()
    before = src.version()
    path = tmp_path / "zq.csv"
    PRICES.to_csv(path, index=False)
    import_parsed(read_paths([path])[0])
    frame = src.futures()
    _check_shape(frame)
    assert len(frame) == 3 and frame["date"].iloc[-1] == pd.Timestamp("2024-09-13")
    assert src.version() != before
    (tmp_path / "more.csv").write_text("date,contract,price\n2024-09-16,2024-10,94.9\n")
    import_parsed(read_paths([tmp_path / "more.csv"])[0])
    assert len(src.futures()) == 4  # the cache saw the write
