"""Store imports: one transaction, no-op re-imports, extensions, conflicts, rollback."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from published_data import RAW, SHARED_DATA, PublishedData
from rotascope.errors import DataError, UnknownSymbol
from rotascope.sources import ParsedSeries, read_file
from rotascope.store import Store
from rotascope.store import importer as importer_module


def series(
    symbol: str, dates: list[str], closes: list[float], **extra: list[float]
) -> ParsedSeries:
    frame = pd.DataFrame(
        {"close": closes, **extra},
        index=pd.DatetimeIndex(pd.to_datetime(dates).as_unit("ns"), name="date"),
    ).astype("float64")
    return ParsedSeries(symbol, frame, f"{symbol}.csv", "single_column", "price")


def tables(store: Store) -> tuple[list[tuple], list[tuple]]:
    """Full contents of the value and metadata tables (for before/after comparisons)."""
    con = duckdb.connect(str(store.path), read_only=True)
    try:
        prices = con.execute("SELECT * FROM prices ORDER BY symbol, date").fetchall()
        meta = con.execute("SELECT * FROM series ORDER BY symbol").fetchall()
    finally:
        con.close()
    return prices, meta


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(rotascope_home: Path) -> Store:
    return Store()


def test_store_lives_in_rotascope_home(store: Store, rotascope_home: Path) -> None:
    assert store.path.parent == rotascope_home
    assert store.symbols() == [] and not store.path.exists()  # reading never creates it


def test_new_then_identical_reimport_is_a_noop(store: Store) -> None:
    s = series("ABC", ["2024-01-02", "2024-01-03"], [10.0, 11.0])
    first = store.import_series([s])
    assert first.series[0].status == "new" and first.series[0].new_rows == 2
    before, version = tables(store), store.version()
    again = store.import_series([s])
    assert again.series[0].status == "unchanged" and not again.changed
    assert again.series[0].new_rows == 0 and again.series[0].conflicts == 0
    assert tables(store) == before and store.version() == version


def test_overlapping_newer_series_extends_and_reports_conflicts(store: Store) -> None:
    store.import_series([series("ABC", ["2024-01-02", "2024-01-03"], [10.0, 11.0])])
    newer = series("ABC", ["2024-01-03", "2024-01-04", "2024-01-05"], [11.5, 12.0, 13.0])
    res = store.import_series([newer]).series[0]
    assert res.status == "extended" and res.new_rows == 2
    assert res.conflicts == 1
    [c] = res.examples
    assert (str(c.date), c.column, c.stored, c.new) == ("2024-01-03", "close", 11.0, 11.5)
    assert store.load("ABC")["close"].tolist() == [10.0, 11.0, 12.0, 13.0]  # stored value kept
    res = store.import_series([newer], replace=True).series[0]
    assert res.status == "updated" and res.updated_rows == 1
    assert store.load("ABC")["close"].tolist() == [10.0, 11.5, 12.0, 13.0]


def test_tiny_differences_are_not_conflicts(store: Store) -> None:
    store.import_series([series("ABC", ["2024-01-02"], [2263.67])])
    res = store.import_series([series("ABC", ["2024-01-02"], [2263.67 * (1 + 5e-7)])])
    assert res.series[0].conflicts == 0 and res.series[0].status == "unchanged"


def test_blanks_never_overwrite_and_values_fill_blanks(store: Store) -> None:
    store.import_series([series("ABC", ["2024-01-02", "2024-01-03"], [10.0, 11.0])])
    richer = series("ABC", ["2024-01-02"], [10.0], open=[9.5])
    res = store.import_series([richer]).series[0]
    assert res.status == "updated" and res.updated_rows == 1 and res.conflicts == 0
    frame = store.load("ABC")
    assert frame.loc["2024-01-02", "open"] == 9.5 and np.isnan(frame.loc["2024-01-03", "open"])


def test_error_inside_the_transaction_rolls_everything_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.import_series([series("ABC", ["2024-01-02"], [10.0])])
    before = tables(store)

    def boom(*args: object, **kwargs: object) -> None:
        raise DataError("simulated failure after the rows were written")

    monkeypatch.setattr(importer_module, "_refresh_metadata", boom)
    with pytest.raises(DataError, match="simulated"):
        store.import_series(
            [series("ABC", ["2024-01-03"], [11.0]), series("XYZ", ["2024-01-02"], [5.0])]
        )
    assert tables(store) == before
    assert store.check().ok


def test_unit_mismatch_is_refused_and_changes_nothing(store: Store) -> None:
    store.import_series([series("ABC", ["2024-01-02"], [10.0])])
    before = tables(store)
    y = series("ABC", ["2024-01-03"], [4.0])
    y = ParsedSeries(y.symbol, y.frame, y.source, "fred", "yield")
    with pytest.raises(DataError, match="unit"):
        store.import_series([series("NEW", ["2024-01-02"], [1.0]), y])
    assert tables(store) == before


def test_broken_files_leave_the_store_byte_for_byte_unchanged(
    store: Store, published: PublishedData, tmp_path: Path
) -> None:
    good = SHARED_DATA / "indices" / "RUT_close.csv"
    if not RAW:  # the bundled closes, written in that file's layout
        good = tmp_path / "RUT_close.csv"
        published.close("RUT").rename("^RUT").rename_axis("Date").to_csv(good)
    store.import_series(read_file(good))
    assert store.symbols() == ["RUT"]
    before = digest(store.path)
    broken = {
        "truncated.csv": b"Date,Open,High,Low,Close,Adj Close,Volume\n2024-07-09,1,2,1,1.5\n",
        "text.csv": b"Date,^RUT\n2024-07-09,2029.47\n2024-07-10,abc\n",
        "dup.csv": b"Date,^RUT\n2024-07-09,1\n2024-07-09,2\n",
        "empty.csv": b"",
        "utf16.csv": "Date,^RUT\n2024-07-09,1\n".encode("utf-16-le"),
    }
    for name, content in broken.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(DataError) as info:
            store.import_series(read_file(path))
        assert name in str(info.value)
        assert digest(store.path) == before


def test_remove_and_unknown_symbol(store: Store) -> None:
    store.import_series([series("ABC", ["2024-01-02"], [10.0]), series("XYZ", ["2024-01-02"], [1])])
    assert store.remove("abc") == 1
    assert store.symbols() == ["XYZ"]
    with pytest.raises(UnknownSymbol) as info:
        store.load("ABC")
    assert info.value.available == ["XYZ"]
    with pytest.raises(UnknownSymbol):
        store.remove("ABC")


def test_check_finds_tampering(store: Store) -> None:
    store.import_series([series("ABC", ["2024-01-02", "2024-01-03"], [10.0, 11.0])])
    assert store.check().ok
    con = duckdb.connect(str(store.path))
    con.execute("UPDATE prices SET close = 99 WHERE date = DATE '2024-01-03'")
    con.execute("INSERT INTO prices (symbol, date, close) VALUES ('ABC', DATE '2024-01-02', 1)")
    con.close()
    problems = " ".join(store.check().problems)
    assert "2024-01-02 stored 2 times" in problems and "checksum" in problems


def test_load_bounds_and_columns(store: Store) -> None:
    store.import_series([series("ABC", ["2024-01-02", "2024-01-03", "2024-01-04"], [1, 2, 3])])
    f = store.load("ABC", columns=["close"], start="2024-01-03", end="2024-01-04")
    assert f.index.name == "date" and f.index.dtype == "datetime64[ns]"
    assert f["close"].tolist() == [2.0, 3.0]
    assert list(store.load("ABC").columns) == ["close"]  # only columns holding values


def test_real_files_extend_rut_to_2025(store: Store, shared_data: Path) -> None:
    res = store.import_series(read_file(shared_data / "indices" / "RUT_ohlc.csv"))
    assert res.series[0].new_rows == 9297
    res = store.import_series(read_file(shared_data / "indices" / "RUT_close.csv"))
    s = res.series[0]
    raw = pd.read_csv(shared_data / "indices" / "RUT_close.csv", parse_dates=["Date"])
    assert s.status == "extended"
    assert s.new_rows == int((raw["Date"] > "2024-08-02").sum())
    meta = store.list_series().set_index("symbol").loc["RUT"]
    assert meta["last"] == pd.Timestamp("2025-09-24") and meta["first"] == pd.Timestamp(
        "1987-09-10"
    )
    close = store.load("RUT", columns=["close"])["close"]
    assert round(close["2024-07-16"], 2) == 2263.67 and round(close["2025-09-24"], 2) == 2434.98
    assert (
        store.import_series(read_file(shared_data / "indices" / "RUT_close.csv")).changed is False
    )


def test_french_editions_are_kept_apart(store: Store, shared_data: Path) -> None:
    old = read_file(shared_data / "french" / "F-F_Research_Data_Factors_daily.CSV")
    new = read_file(shared_data / "french" / "F-F_Research_Data_Factors_daily_202604.csv")
    res = store.import_series(old + new)
    by = {s.symbol: s for s in res.series}
    mkt = by["ff:MKT-RF@202604"]
    assert mkt.status == "edition" and mkt.other_edition == "202403"
    assert mkt.differs == 5455 and mkt.new_rows == mkt.rows  # not merged: stored whole
    # 1926-07-01: 0.10 in the 2024 edition, 0.09 in 202604 (raw files)
    assert any(str(c.date) == "1926-07-01" and c.stored == 0.001 for c in mkt.examples)
    # each edition holds exactly its own file's values
    assert store.load("MKT-RF").index[-1] == pd.Timestamp("2026-04-30")  # newest by default
    older = store.load("ff:MKT-RF@202403")["close"]
    assert older.index[-1] == pd.Timestamp("2024-03-28") and older.iloc[0] == 0.001
    assert store.load("MKT-RF")["close"].iloc[0] == 0.0009


closes = st.lists(st.floats(1.0, 1e4, allow_nan=False), min_size=2, max_size=40)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=closes, cut=st.floats(0.0, 1.0))
def test_importing_in_two_overlapping_parts_equals_importing_once(
    tmp_path_factory: pytest.TempPathFactory, values: list[float], cut: float
) -> None:
    dates = [str(d.date()) for d in pd.bdate_range("2020-01-01", periods=len(values))]
    k = max(1, int(cut * len(values)))
    parts = Store(tmp_path_factory.mktemp("b") / "s.duckdb")
    parts.import_series([series("ABC", dates[:k], values[:k])])
    res = parts.import_series([series("ABC", dates[k - 1 :], values[k - 1 :])])
    assert res.series[0].conflicts == 0
    assert res.series[0].new_rows == len(values) - k
    expected = series("ABC", dates, values).frame
    pd.testing.assert_frame_equal(parts.load("ABC"), expected)
    assert parts.check().ok


def test_stock_named_like_a_factor_is_never_merged_with_it(store: Store, shared_data: Path) -> None:
    stock = read_file(shared_data / "constituents" / "closes" / "RF.csv")  # Regions Financial
    factors = read_file(shared_data / "french" / "F-F_Research_Data_Factors_daily.CSV")
    assert stock[0].symbol == "RF" and stock[0].unit == "price"
    store.import_series(stock + factors)
    again = store.import_series(factors + stock)  # and again, in the other order
    assert {s.status for s in again.series} == {"unchanged"}
    meta = store.list_series().set_index("symbol")
    assert meta.loc["RF", "unit"] == "price" and meta.loc["ff:RF@202403", "unit"] == "pct_return"
    raw = pd.read_csv(shared_data / "constituents" / "closes" / "RF.csv", index_col="Date")
    assert store.load("RF")["close"].iloc[-1] == pytest.approx(raw["Close"].iloc[-1])
    assert store.load("ff:RF")["close"].iloc[0] == pytest.approx(0.009 / 100)
