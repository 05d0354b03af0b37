"""``data export --parquet``: partitioned layout, read back by ``data import`` and by Dask."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rotascope.cli.app import main
from rotascope.errors import DataError
from rotascope.sources import read_file
from rotascope.sources.intraday import read_bars
from rotascope.sources.parquet import is_export, partition_dir
from rotascope.store import Store
from rotascope.store.bars import BarStore
from rotascope.store.export import export_parquet


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def _daily_csv(path: Path, seed: int, n: int = 300) -> Path:
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range("2019-01-01", periods=n)
    dates = dates[rng.random(n) > 0.05]  # gaps
    close = np.round(100 * np.cumprod(1 + rng.normal(0, 0.01, len(dates))), 2)
    frame = pd.DataFrame({"Date": dates.strftime("%Y-%m-%d"), "Close": close, "Volume": 1e6})
    frame.to_csv(path, index=False)
    return path


def _bars_csv(path: Path) -> Path:
    """One-minute bars over the new year (two year partitions), New York offsets."""
    days = [pd.Timestamp("2023-12-28"), pd.Timestamp("2023-12-29"), pd.Timestamp("2024-01-02")]
    idx = pd.DatetimeIndex([])
    for d in days:
        start = d + pd.Timedelta(hours=9, minutes=30)
        idx = idx.append(pd.date_range(start, periods=390, freq="min", tz="America/New_York"))
    c = 50 + np.arange(len(idx)) % 7 * 0.25
    pd.DataFrame(
        {"Open": c, "High": c, "Low": c, "Close": c, "Adj Close": c, "Volume": 10.0},
        index=pd.DatetimeIndex(idx, name="Datetime"),
    ).to_csv(path)
    return path


@pytest.fixture
def filled(tmp_path: Path, rotascope_home: Path) -> Store:
    store = Store(rotascope_home / "rotascope.duckdb")
    for name, seed in (("AAA", 1), ("BBB", 2), ("^RUT", 3)):
        store.import_series(read_file(_daily_csv(tmp_path / f"{name}.csv", seed)))
    BarStore(store.path).import_bars(read_bars(_bars_csv(tmp_path / "XYZ_1m.csv")))
    return store


def test_layout_is_partitioned_by_symbol_and_bars_by_year(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "export"
    res = export_parquet(out, store=filled)
    assert (res.daily, res.bars) == (3, 1)
    assert is_export(out)
    for sym in filled.symbols():
        assert (out / "daily" / partition_dir(sym) / "part-0.parquet").is_file()
    assert sorted(p.name for p in (out / "bars" / "symbol=XYZ").iterdir()) == [
        "year=2023",
        "year=2024",
    ]
    doc = json.loads((out / "_rotascope.json").read_text())
    assert {e["symbol"] for e in doc["daily"]} == set(filled.symbols())
    assert doc["bars"][0]["interval"] == 60 and doc["bars"][0]["rows"] == 3 * 390


def test_dask_reads_the_folders_directly(filled: Store, tmp_path: Path) -> None:
    dd = pytest.importorskip("dask.dataframe")
    out = tmp_path / "export"
    export_parquet(out, store=filled)
    daily = dd.read_parquet(str(out / "daily")).compute()
    assert set(daily["symbol"].astype(str)) == set(filled.symbols())
    for sym in filled.symbols():
        got = daily[daily["symbol"].astype(str) == sym].sort_values("date")
        want = filled.load(sym, columns=["close"])["close"]
        np.testing.assert_array_equal(got["close"].to_numpy(), want.to_numpy())
        np.testing.assert_array_equal(
            pd.to_datetime(got["date"]).to_numpy("datetime64[ns]"),
            want.index.to_numpy("datetime64[ns]"),
        )
    bars = dd.read_parquet(str(out / "bars")).compute()
    assert len(bars) == 3 * 390 and set(bars["year"].astype(int)) == {2023, 2024}


def test_cli_export_then_import_restores_the_store(
    filled: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "export"
    code, text, err = run(capsys, "data", "export", "--parquet", str(out))
    assert code == 0, err
    assert "3 daily series and 1 bar series" in text
    home2 = tmp_path / "home2"
    home2.mkdir()
    monkeypatch.setenv("ROTASCOPE_HOME", str(home2))
    code, text, err = run(capsys, "data", "import", str(out))
    assert code == 0, err
    fresh = Store(home2 / "rotascope.duckdb")
    assert fresh.symbols() == filled.symbols()
    for sym in filled.symbols():
        pd.testing.assert_frame_equal(fresh.load(sym), filled.load(sym))
    assert fresh.list_series()["unit"].tolist() == filled.list_series()["unit"].tolist()
    pd.testing.assert_frame_equal(
        BarStore(fresh.path).load("XYZ"), BarStore(filled.path).load("XYZ")
    )
    code, _, err = run(capsys, "data", "export", "--parquet", str(out))  # not empty
    assert code == 2 and "not empty" in err


def test_export_into_a_non_empty_folder_is_refused(filled: Store, tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x.txt").write_text("x")
    with pytest.raises(DataError, match="not empty"):
        export_parquet(tmp_path / "busy", store=filled)


def test_export_of_an_unknown_symbol_is_refused(filled: Store, tmp_path: Path) -> None:
    from rotascope.errors import UnknownSymbol

    with pytest.raises(UnknownSymbol):
        export_parquet(tmp_path / "out", store=filled, symbols=["AAA", "NOPE"])
    assert not (tmp_path / "out").exists()
    res = export_parquet(tmp_path / "out", store=filled, symbols=["aaa", "XYZ"])
    assert (res.daily, res.bars) == (1, 1)
