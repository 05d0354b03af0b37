"""Every data source implements the port the same way."""

from __future__ import annotations

import pandas as pd
import pytest

from rotascope.data import INVENTORY_COLUMNS, BundledSource, DataSource, LocalSource, MemorySource
from rotascope.errors import AmbiguousSymbol, DataError, UnknownSymbol

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


# -- namespaces, editions, and every kind of data through the port ---------------------

SPELLS = pd.DataFrame(
    {"ticker": ["AAA", "BBB"], "start": pd.to_datetime(["2024-01-01"] * 2), "end": [pd.NaT] * 2}
)


def _rich_memory() -> MemorySource:
    ret = pd.Series([0.01, -0.02, 0.03, 0.0, 0.01], index=IDX)
    return MemorySource(
        {
            "RF": pd.Series([10.0, 11.0, 12.0, 11.0, 13.0], index=IDX),  # the stock
            "ff:RF@202604": ret,
            "ff5:RF@202412": ret * 2,
            "ff:SMB@202403": ret,
            "ff:SMB@202604": ret / 2,
            "ff5:CMA@202412": ret,
        },
        membership={"SP500": SPELLS},
        constituents={
            "SP500": pd.DataFrame(
                {"ticker": ["AAA"], "name": ["A"], "sector": ["X"], "sub_industry": [""]}
            )
        },
        breadth={"SP500": pd.DataFrame({"members": [2.0]}, index=IDX[:1])},
    )


def test_ids_short_names_editions_and_ambiguity() -> None:
    src = _rich_memory()
    assert src.resolve("RF") == "RF" and src.info("RF").id == "RF"  # the ticker is exactly RF
    assert src.resolve("ff:rf") == "ff:RF" and src.info("ff:RF").edition == "202604"
    assert src.resolve("CMA") == "ff5:CMA"  # the only series named CMA
    # SMB is the registered name of ff:SMB; its newest edition unless one is named
    assert src.resolve("SMB") == "SMB" and src.series("SMB").iloc[0] == 0.005
    assert src.resolve("SMB@202403") == "SMB@202403" and src.series("SMB@202403").iloc[0] == 0.01
    assert "SMB" in src.symbols() and "SMB@202403" not in src.symbols()
    inv = src.inventory()
    assert list(inv.columns) == list(INVENTORY_COLUMNS)
    assert set(inv.loc[inv["id"] == "ff:SMB", "symbol"]) == {"SMB", "SMB@202403"}
    two = {"ff:RF": pd.Series(1.0, index=IDX), "ff5:RF": pd.Series(2.0, index=IDX)}
    without_stock = MemorySource(two)
    with pytest.raises(AmbiguousSymbol, match=r"ff:RF .* or ff5:RF") as err:
        without_stock.resolve("RF")
    assert isinstance(err.value, UnknownSymbol) and err.value.choices[0].startswith("ff:RF")


def test_universes_member_lists_breadth_and_last_dates() -> None:
    src = _rich_memory()
    assert src.universes() == ["SP500"]
    assert src.membership("sp500")["ticker"].tolist() == ["AAA", "BBB"]
    assert src.constituents("SP500")["sector"].tolist() == ["X"]
    assert src.breadth("SP500")["members"].iloc[0] == 2.0
    assert src.last_date("RF") == IDX[-1] and src.last_date() == IDX[-1]
    with pytest.raises(DataError, match="member list"):
        src.constituents("R2000")


def test_bundled_and_local_serve_every_kind_on_a_fresh_install(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ROTASCOPE_HOME", str(tmp_path))
    for src in (BundledSource(), LocalSource()):
        assert src.universes() == ["SP500"]
        spells = src.membership("SP500")
        assert {"ticker", "start", "end"} <= set(spells.columns) and len(spells) > 1000
        assert "BRK-B" in set(src.constituents("SP500")["ticker"])
        table = src.breadth("SP500")
        assert {"members", "above_200", "eligible_200"} <= set(table.columns)
        shiller = src.shiller()
        assert shiller.index[0] == pd.Timestamp("1871-01-31") and "cape" in shiller
        assert src.member_closes(["AAPL"]).empty  # closes are not bundled
        inv = src.inventory()
        assert (inv["origin"] == "bundled").all() and "ff:SMB" in set(inv["id"])
        assert src.last_date() == inv.loc[inv["namespace"] != "shiller", "last"].max()
        assert src.info("SMB").edition == "202604" and src.info("SMB").id == "ff:SMB"


def test_local_source_prefers_the_store_and_caches_by_store_state(tmp_path, monkeypatch) -> None:
    from rotascope.sources import ParsedSeries
    from rotascope.store import Store

    monkeypatch.setenv("ROTASCOPE_HOME", str(tmp_path))
    src = LocalSource()
    bundled_version = src.version()
    frame = pd.DataFrame({"close": [1.0, 2.0]}, index=IDX[:2])
    Store().import_series([ParsedSeries("SPX", frame, "spx.csv", "single_column", "price")])
    assert src.info("^GSPC").origin == "store" and src.series("SPX").tolist() == [1.0, 2.0]
    assert src.version() != bundled_version
    assert src.info("SPX").source == "spx.csv"
    more = pd.DataFrame({"close": [3.0]}, index=IDX[2:3])
    Store().import_series([ParsedSeries("SPX", more, "spx2.csv", "single_column", "price")])
    assert src.series("SPX").tolist() == [1.0, 2.0, 3.0]  # the cache saw the write
    inv = src.inventory()
    assert inv.set_index("id").loc["SPX", "origin"] == "store"  # the store hides the bundle
    assert inv.set_index("id").loc["RUT", "origin"] == "bundled"
