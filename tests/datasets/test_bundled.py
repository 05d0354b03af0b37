"""The bundled dataset: small, documented, and true to the raw files."""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

import rotascope
from rotascope.datasets import bundled_manifest, bundled_symbols, bundled_table, load_bundled

DATA = resources.files("rotascope.datasets") / "data"


def test_package_data_is_small_and_the_bundle_complete() -> None:
    package = Path(rotascope.__file__).parent
    data = [
        p
        for p in package.rglob("*")
        if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts
    ]
    assert sum(p.stat().st_size for p in data) < 8 * 2**20  # every file shipped besides code
    for sym in ("RUT", "SPX", "NDX", "IWM", "SPY", "QQQ", "DGS10", "DGS2", "SMB", "HML"):
        assert sym in bundled_symbols()
    for name in ("shiller", "membership/SP500", "constituents/SP500", "breadth/SP500"):
        assert bundled_table(name) is not None, name
        assert bundled_manifest()["tables"][name]["sources"], f"{name} has no provenance"


def test_manifest_rows_and_dates_match_the_files() -> None:
    for sym, entry in bundled_manifest()["series"].items():
        frame = load_bundled(sym)
        assert frame is not None
        assert len(frame) == entry["rows"], sym
        assert frame.index[0] == pd.Timestamp(entry["first"])
        assert frame.index[-1] == pd.Timestamp(entry["last"])
        assert frame.index.is_monotonic_increasing and frame.index.is_unique
        assert entry["sources"], f"{sym} has no provenance"


def test_aliases_resolve_and_unknown_is_none() -> None:
    assert load_bundled("^GSPC") is not None
    assert load_bundled("NOPE") is None


def test_known_closes_from_sources_md() -> None:
    rut = load_bundled("RUT")["close"]
    assert rut["2024-07-09"] == pytest.approx(2029.47, abs=0.005)
    assert rut["2024-07-16"] == pytest.approx(2263.67, abs=0.005)
    assert rut["2023-11-14"] / rut["2023-11-13"] - 1 == pytest.approx(0.0544, abs=0.0005)


def test_bundle_matches_raw_files_and_provenance_hashes(shared_data) -> None:
    manifest = bundled_manifest()
    for sym, entry in manifest["series"].items():
        for src in entry["sources"]:
            raw = (shared_data / src["file"]).read_bytes()
            assert hashlib.sha256(raw).hexdigest() == src["sha256"], f"{sym}: {src['file']}"
    # values: plain pandas read of the raw Yahoo CSV, independent of rotascope's reader
    raw = pd.read_csv(shared_data / "indices" / "RUT_ohlc.csv", index_col="Date", parse_dates=True)
    bundled = load_bundled("RUT")["close"]
    common = raw.index.intersection(bundled.index)
    assert len(common) == len(raw)
    assert (bundled[common] - raw["Close"][common]).abs().max() < 1e-6
    # SMB in the bundle is the French daily percent / 100
    ff = pd.read_csv(
        shared_data / "french" / "F-F_Research_Data_Factors_daily_202604.csv",
        skiprows=4,
        index_col=0,
        skipfooter=2,
        engine="python",
    )
    ff.index = pd.to_datetime(ff.index.astype(str).str.strip(), format="%Y%m%d")
    smb = load_bundled("SMB")["close"]
    assert (smb - ff["SMB"].astype(float) / 100).abs().max() < 1e-9
    assert json.dumps(manifest)  # serialisable


def test_tables_match_the_raw_files(shared_data: Path) -> None:
    """Shiller, membership and member list against plain reads of the raw files."""
    import csv

    tables = bundled_manifest()["tables"]
    for entry in tables.values():
        for src in entry["sources"]:
            raw = (shared_data / src["file"]).read_bytes()
            assert hashlib.sha256(raw).hexdigest() == src["sha256"], src["file"]
    with (shared_data / "fundamentals" / "shiller.csv").open(newline="") as fh:
        rows = [r for r in csv.reader(fh) if r and r[0][:2] in ("18", "19", "20")]
    shiller = bundled_table("shiller")
    assert len(shiller) == len(rows)
    assert shiller["price"].tolist() == [float(r[1]) for r in rows]  # P, every month
    assert shiller.loc["2023-10-31", "price"] == float(next(r for r in rows if r[0] == "2023.1")[1])
    spells = pd.read_csv(shared_data / "constituents" / "sp500_ticker_start_end.csv")
    bundled = bundled_table("membership/SP500")
    assert bundled["ticker"].tolist() == spells["ticker"].str.replace(".", "-").tolist()
    assert bundled["end"].isna().sum() == spells["end_date"].isna().sum()
    members = pd.read_csv(shared_data / "constituents" / "constituents.csv")
    listed = bundled_table("constituents/SP500")
    assert listed["sector"].tolist() == members["GICS Sector"].tolist()


def test_breadth_series_equal_a_recomputation_from_the_member_closes(shared_data: Path) -> None:
    """The precomputed S&P 500 breadth: rotascope's breadth_table on the raw closes,
    and the share above the 200-day average checked with plain pandas on two dates."""
    from rotascope.kinds._breadth import Universe, breadth_table

    folder = shared_data / "constituents"
    closes = {
        p.stem: pd.read_csv(p, index_col="Date", parse_dates=True)["Close"]
        for p in sorted((folder / "closes").glob("*.csv"))
    }
    matrix = pd.DataFrame(closes).sort_index()
    matrix.index = pd.DatetimeIndex(matrix.index, name="date").as_unit("ns")
    raw = pd.read_csv(folder / "sp500_ticker_start_end.csv")
    spells = pd.DataFrame(
        {
            "ticker": raw["ticker"].str.replace(".", "-", regex=False),
            "start": pd.to_datetime(raw["start_date"]),
            "end": pd.to_datetime(raw["end_date"]),
        }
    )
    again = breadth_table(Universe("SP500", matrix, spells))
    again = again[again["members"] > 0]
    bundled = bundled_table("breadth/SP500")
    pd.testing.assert_frame_equal(bundled, again.astype("float64"), check_freq=False, rtol=1e-9)
    for day in ("2024-07-16", "2008-10-10"):
        date = pd.Timestamp(day)
        on = spells[(spells["start"] <= date) & (spells["end"].isna() | (spells["end"] >= date))]
        above = eligible = 0
        for t in on["ticker"].unique():
            c = closes.get(t)
            if c is None:
                continue
            c = c.loc[:date]
            if len(c) < 200 or c.index[-1] != date:
                continue
            eligible += 1
            above += bool(c.iloc[-1] > c.iloc[-200:].mean())
        assert bundled.loc[date, "eligible_200"] == eligible
        assert bundled.loc[date, "above_200"] == pytest.approx(above / eligible)
