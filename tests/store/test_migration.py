"""A store written by the first release (schema 1) migrates on open, without loss.

Two ways to get such a store: (1) replay the first release's DDL and write rows the way
its importer did (always runs); (2) run the first release's own code, taken from git
history, in a subprocess (runs where the repository history is at hand).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from rotascope.data import LocalSource
from rotascope.sources import read_file
from rotascope.store import SCHEMA_VERSION, Store
from rotascope.store.importer import CHECKSUM_SQL
from rotascope.store.universe import load_membership

#: The first release's tables, verbatim (src/rotascope/store/database.py and universe.py).
V1_DDL = (
    "CREATE TABLE IF NOT EXISTS prices (symbol VARCHAR NOT NULL, date DATE NOT NULL, "
    "open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, adj_close DOUBLE, volume DOUBLE, "
    "dividends DOUBLE)",
    "CREATE TABLE IF NOT EXISTS series (symbol VARCHAR NOT NULL, name VARCHAR, "
    "unit VARCHAR NOT NULL, source VARCHAR, format VARCHAR, first_date DATE, last_date DATE, "
    "rows BIGINT, imported_at TIMESTAMP, checksum VARCHAR)",
    "CREATE SEQUENCE IF NOT EXISTS import_id",
    "CREATE TABLE IF NOT EXISTS imports (id BIGINT, imported_at TIMESTAMP, source VARCHAR, "
    "symbol VARCHAR, rows BIGINT, new_rows BIGINT, conflicts BIGINT, updated_rows BIGINT, "
    "status VARCHAR)",
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)",
    "CREATE TABLE IF NOT EXISTS membership (universe VARCHAR NOT NULL, ticker VARCHAR NOT NULL, "
    "start_date DATE NOT NULL, end_date DATE)",
)

# symbol, unit, format, source file, values: what the first release stored under each name
F5 = "/d/F-F_Research_Data_5_Factors_2x3_daily.CSV"
V1_SERIES = [
    ("RUT", "price", "yahoo", "/data/indices/RUT_ohlc.csv", [2029.47, 2047.69, 2263.67]),
    ("RF", "price", "single_column", "/data/constituents/closes/RF.csv", [19.1, 19.5, 20.2]),
    ("SMB", "pct_return", "french", "/d/F-F_Research_Data_Factors_daily.CSV", [0.002, -0.001, 0.0]),
    ("SMB5", "pct_return", "french", F5, [0.003, 0.0, 0.0]),
    ("CMA", "pct_return", "french", F5, [0.001, 0.0, 0.0]),
    ("MOM", "pct_return", "french", "/d/F-F_Momentum_Factor_daily_202604.csv", [0.01, 0.0, 0.02]),
    ("ME_LO30", "pct_return", "french", "/d/Portfolios_Formed_on_ME.CSV", [0.01, 0.02, 0.03]),
    ("DGS10", "yield", "fred", "/data/fred/DGS10.csv", [4.36, 4.28, 4.16]),
    ("FEDFUNDS", "yield", "single_column", "/data/fred/FEDFUNDS.csv", [5.33, 5.33, 5.33]),
    ("T10Y3M", "level", "fred", "/data/fred/T10Y3M.csv", [-1.1, -1.2, -1.3]),
    ("RUT:PE_FORWARD", "level", "valuation", "/v/valuations.csv", [24.1, 24.5, 25.0]),
]  # fmt: skip
DAYS = ["2024-07-09", "2024-07-10", "2024-07-16"]
# what each becomes in schema 2 (key = id, with @edition when the file name carries one)
V2_KEYS = {
    "RUT": "RUT",
    "RF": "RF",
    "SMB": "ff:SMB",
    "SMB5": "ff5:SMB",
    "CMA": "ff5:CMA",
    "MOM": "ff:MOM@202604",
    "ME_LO30": "ffm:ME_LO30",
    "DGS10": "fred:DGS10",
    "FEDFUNDS": "fred:FEDFUNDS",
    "T10Y3M": "fred:T10Y3M",
    "RUT:PE_FORWARD": "val:RUT:PE_FORWARD",
}


def write_v1_store(path: Path) -> None:
    """A schema-1 store, written as the first release's importer wrote it."""
    con = duckdb.connect(str(path))
    try:
        for stmt in V1_DDL:
            con.execute(stmt)
        con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        now = dt.datetime(2026, 11, 1, 12)
        for symbol, unit, fmt, source, values in V1_SERIES:
            for day, v in zip(DAYS, values, strict=True):
                con.execute(
                    "INSERT INTO prices (symbol, date, close) VALUES (?, ?, ?)", [symbol, day, v]
                )
            con.execute(
                "INSERT INTO series SELECT ?, '', ?, ?, ?, min(p.date), max(p.date), count(*), ?, "
                f"{CHECKSUM_SQL} FROM prices p WHERE p.symbol = ?",
                [symbol, unit, source, fmt, now, symbol],
            )
            con.execute(
                "INSERT INTO imports VALUES (nextval('import_id'), ?, ?, ?, 3, 3, 0, 0, 'new')",
                [now, source, symbol],
            )
        con.execute("INSERT INTO membership VALUES ('SP500', 'AAL', '1996-01-02', '1997-01-15')")
        con.execute("INSERT INTO membership VALUES ('SP500', 'BRK-B', '2010-02-16', NULL)")
    finally:
        con.close()


def values_by_key(path: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "SELECT symbol, date, close FROM prices ORDER BY symbol, date"
        ).fetchall()
    finally:
        con.close()
    out: dict[str, list[tuple]] = {}
    for key, day, v in rows:
        out.setdefault(key, []).append((day, v))
    return out


def test_a_schema_1_store_migrates_on_open_without_loss(rotascope_home: Path) -> None:
    store = Store()
    write_v1_store(store.path)
    before = values_by_key(store.path)

    meta = store.list_series()  # the first read migrates
    after = values_by_key(store.path)
    assert {V2_KEYS[k]: v for k, v in before.items()} == after  # every value, under its id
    assert sorted(meta["symbol"]) == sorted(V2_KEYS.values())
    row = meta.set_index("symbol").loc["ff5:SMB"]
    assert (row["id"], row["namespace"], row["edition"]) == ("ff5:SMB", "ff5", "")
    assert store.check().ok  # checksums hash dates and values, so they still hold
    assert len(load_membership(store, "SP500")) == 2
    con = duckdb.connect(str(store.path), read_only=True)
    try:
        [(version,)] = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        logged = con.execute("SELECT count(*) FROM imports").fetchall()[0][0]
    finally:
        con.close()
    assert version == str(SCHEMA_VERSION) and logged == len(V1_SERIES)

    # today's names still reach the migrated series
    src = LocalSource(store)
    assert src.series("SMB").tolist() == [0.002, -0.001, 0.0]
    assert src.series("SMB5").tolist() == [0.003, 0.0, 0.0]
    assert src.series("DGS10").tolist() == [4.36, 4.28, 4.16]
    assert src.series("RF").tolist() == [19.1, 19.5, 20.2]  # the stock
    assert src.series("CMA").tolist() == [0.001, 0.0, 0.0]  # the only CMA: the factor
    assert src.valuation("RUT", "pe_forward").tolist() == [24.1, 24.5, 25.0]

    # opening again changes nothing
    digest = store.path.read_bytes()
    Store().list_series()
    assert store.path.read_bytes() == digest


def test_a_labelled_edition_adopts_the_migrated_copy_of_the_same_data(
    rotascope_home: Path,
) -> None:
    """Schema 1 did not record editions: the same data with a label takes it over."""
    from rotascope.sources import ParsedSeries

    store = Store()
    write_v1_store(store.path)
    idx = pd.DatetimeIndex(pd.to_datetime(DAYS), name="date")
    same = pd.DataFrame({"close": [0.002, -0.001, 0.0]}, index=idx)
    labelled = ParsedSeries("ff:SMB", same, "F-F.csv", "french", "pct_return", edition="202403")
    assert store.import_series([labelled]).series[0].status == "unchanged"
    assert "ff:SMB@202403" in store.symbols() and "ff:SMB" not in store.symbols()
    other = ParsedSeries("ff5:SMB", same, "F-F5.csv", "french", "pct_return", edition="202412")
    [res] = store.import_series([other]).series  # differs from the migrated copy: kept apart
    assert (res.status, res.other_edition, res.differs) == ("edition", "", 2)
    assert store.check().ok


OLD_WRITER = """
import sys
from pathlib import Path
from rotascope.sources import read_file
from rotascope.sources.membership import read_membership
from rotascope.sources.valuation_csv import import_valuation_csv
from rotascope.store import Store
from rotascope.store.universe import save_membership
d = Path(sys.argv[1])
store = Store()
for name in ("RUT.csv", "DGS10.csv", "F-F_Research_Data_Factors_daily.CSV",
             "F-F_Research_Data_5_Factors_2x3_daily.CSV", "RF.csv"):
    store.import_series(read_file(d / name, symbol="REGIONS" if name == "RF.csv" else None))
import_valuation_csv(d / "valuations.csv")
save_membership(store, "SP500", read_membership(d / "spells.csv"))
print(sorted(store.symbols()))
"""

FILES = {
    "RUT.csv": "Date,Open,High,Low,Close,Adj Close,Volume\n"
    "2024-07-09,2030,2040,2020,2029.47,2029.47,1\n2024-07-16,2200,2270,2195,2263.67,2263.67,2\n",
    "DGS10.csv": "observation_date,DGS10\n2024-07-09,4.30\n2024-07-10,\n2024-07-16,4.16\n",
    "F-F_Research_Data_Factors_daily.CSV": "This file was created using the 202403 CRSP "
    "database.\n\n,Mkt-RF,SMB,HML,RF\n20240327,   0.88,   0.21,  -0.10,   0.021\n"
    "20240328,   0.10,  -0.35,   0.52,   0.021\n\nCopyright 2024 Kenneth R. French\n",
    "F-F_Research_Data_5_Factors_2x3_daily.CSV": "This file was created using the 202412 CRSP "
    "database.\n\nDate,Mkt-RF,SMB,HML,RMW,CMA,RF\n20240327,   0.87,   0.30,  -0.12,   0.1,"
    "   0.2,   0.021\n",
    "RF.csv": "Date,Close\n2024-07-09,19.1\n2024-07-16,20.2\n",
    "valuations.csv": "date,symbol,metric,value\n2024-06,RUT,pe_forward,24.1\n",
    "spells.csv": "ticker,start_date,end_date\nAAL,1996-01-02,1997-01-15\nBRK.B,2010-02-16,\n",
}
FIRST_RELEASE = "76a35195b0f88a9d15cca3fb17f1f0c0a3529b95"


def _first_release_src(tmp: Path) -> Path:
    """The first release's ``src`` from git history, or skip when it is not at hand."""
    root = Path(__file__).resolve().parents[2]
    git = shutil.which("git")
    if git is None or not (root / ".git").exists():
        pytest.skip("no git repository: the first release's code is not at hand")
    ok = subprocess.run(
        [git, "-C", str(root), "cat-file", "-e", f"{FIRST_RELEASE}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if ok.returncode != 0:
        pytest.skip("the first release's commit is not in this clone's history")
    archive = subprocess.run(
        [git, "-C", str(root), "archive", FIRST_RELEASE, "src/rotascope"],
        capture_output=True,
        check=True,
    ).stdout
    tmp.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive, check=True)
    return tmp / "src"


def test_a_store_written_by_the_first_release_code_migrates(
    rotascope_home: Path, tmp_path: Path
) -> None:
    old_src = _first_release_src(tmp_path / "old")
    data = tmp_path / "files"
    data.mkdir()
    for name, text in FILES.items():
        (data / name).write_text(text)
    env = {"ROTASCOPE_HOME": str(rotascope_home), "PYTHONPATH": str(old_src), "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(OLD_WRITER), str(data)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "SMB5" in out and "RUT:PE_FORWARD" in out  # the first release's names
    store = Store()
    before = values_by_key(store.path)
    meta = store.list_series().set_index("symbol")  # migrates
    after = values_by_key(store.path)
    assert sum(map(len, before.values())) == sum(map(len, after.values()))
    assert sorted(np.concatenate([[v for _, v in r] for r in before.values()])) == sorted(
        np.concatenate([[v for _, v in r] for r in after.values()])
    )
    assert store.check().ok
    assert meta.loc["fred:DGS10", "unit"] == "yield" and meta.loc["REGIONS", "unit"] == "price"
    assert meta.loc["ff5:SMB", "namespace"] == "ff5"
    src = LocalSource(store)
    # the values read by today's readers from the same files equal the migrated ones
    for name in FILES:
        if name in ("valuations.csv", "spells.csv", "RF.csv"):
            continue
        for s in read_file(data / name):
            if s.symbol in ("ff5:MKT-RF", "ff5:HML", "ff5:RF"):
                continue  # schema 1 merged these into the 3-factor series (first file kept)
            got = src.frame(s.symbol)[s.frame.columns].dropna(how="all")
            pd.testing.assert_frame_equal(got, s.frame, check_freq=False)
    assert src.valuation("RUT", "pe_forward").tolist() == [24.1]
    assert load_membership(store, "SP500")["ticker"].tolist() == ["AAL", "BRK-B"]
    # and the next import of the factor file adopts the migrated copy as its edition
    res = store.import_series(read_file(data / "F-F_Research_Data_Factors_daily.CSV"))
    assert {s.status for s in res.series} == {"unchanged"}
    assert "ff:SMB@202403" in store.symbols()
