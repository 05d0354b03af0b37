"""``rotascope data import`` takes every kind of file rotascope reads, in any order."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from rotascope.cli.app import main
from rotascope.data import LocalSource, clear_cache
from rotascope.store import Store

SHILLER = (
    '"Stock Market Data",,,,,,,,,,,,,,,,,,,,,\n'
    'Date,P,D,E,CPI,Fraction,"Rate GS10",Price,Dividend,Price,Earnings,Earnings,CAPE,,'
    '"TR CAPE",,Yield,Returns,Returns,"Real Return","Real Return",Returns\n'
    "2024.06,5460.0,70,197.9,314.2,2024.458,4.3,1,1,1,1,1,35.0,,36.0,,0.01,1.0,1.0,,,\n"
    "2024.07,5538.0,70,198.0,314.5,2024.542,4.25,1,1,1,1,1,35.4,,36.2,,0.01,1.0,1.0,,,\n"
)
FILES = {
    "RUT.csv": "Date,Open,High,Low,Close,Adj Close,Volume\n"
    "2024-07-09,2030,2040,2020,2029.47,2029.47,1\n2024-07-16,2200,2270,2195,2263.67,2263.67,2\n",
    "fred/DGS10.csv": "observation_date,DGS10\n2024-07-09,4.30\n2024-07-16,4.16\n",
    "french/F-F_Research_Data_Factors_daily.CSV": "This file was created using the 202403 "
    "CRSP database.\n\n,Mkt-RF,SMB,HML,RF\n20240327,   0.88,   0.21,  -0.10,   0.021\n\n",
    "closes/RF.csv": "Date,Close\n2024-07-09,19.1\n2024-07-16,20.2\n",
    "shiller.csv": SHILLER,
    "valuations.csv": "date,symbol,metric,value\n2024-06,RUT,pe_forward,24.1\n",
    "sp500_ticker_start_end.csv": "ticker,start_date,end_date\nAAL,1996-01-02,1997-01-15\n"
    "BRK.B,2010-02-16,\n",
    "constituents.csv": "Symbol,Security,GICS Sector,GICS Sub-Industry\n"
    "BRK.B,Berkshire Hathaway,Financials,Multi-Sector Holdings\n",
    "my_events.csv": "# mine\ndate,kind,label\n2024-11-05,election,US election\n",
    "README.md": "# not data\n",
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def shiller_file(path: Path, last: str) -> Path:
    """Shiller's ie_data layout written from the bundled frame, up to month ``last``."""
    from rotascope.data import BundledSource
    from rotascope.sources.shiller import _FILE_INDEX, SHILLER_COLUMNS

    frame = BundledSource().shiller().loc[:last]
    lines = SHILLER.splitlines()[:2]
    for day, row in frame.iterrows():
        cells = [f"{day.year}.{day.month:02d}"] + [""] * 21
        for j, col in zip(_FILE_INDEX, SHILLER_COLUMNS, strict=True):
            v = row[col]
            cells[j] = "" if v != v else repr(float(v))
        lines.append(",".join(cells))
    path.write_text("\n".join(lines) + "\n")
    return path


def write(folder: Path) -> Path:
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


def stored(home: Path) -> dict[str, object]:
    """What the store holds, everything a user can ask for (store only, no bundle)."""
    clear_cache()
    src = LocalSource()
    inv = src.inventory()
    inv = inv[inv["origin"] == "store"]
    return {
        "series": sorted(zip(inv["id"], inv["edition"], inv["rows"], strict=True)),
        "membership": src.membership("SP500").to_dict("list"),
        "members": src.constituents("SP500").to_dict("list"),
        "events": src.events().query("source == 'user'")[["date", "kind"]].values.tolist(),
        "shiller": src.shiller()["price"].tolist(),
    }


def test_every_kind_goes_to_its_place_in_one_command(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write(tmp_path / "in")
    code, out, err = run(capsys, "data", "import", str(folder))
    assert code == 0, err
    assert "README.md" not in out + err  # a folder gives its .csv and .txt files
    got = stored(rotascope_home)
    ids = {i for i, _, _ in got["series"]}  # type: ignore[misc]
    assert {"RUT", "RF", "fred:DGS10", "ff:RF", "ff:SMB", "val:RUT:PE_FORWARD"} <= ids
    assert {"shiller:PRICE", "shiller:CAPE"} <= ids
    assert got["membership"]["ticker"] == ["AAL", "BRK-B"]  # type: ignore[index]
    assert got["members"]["sector"] == ["Financials"]  # type: ignore[index]
    assert got["events"] == [[pd.Timestamp("2024-11-05"), "election"]]
    assert got["shiller"] == [5460.0, 5538.0]
    assert "membership spells of SP500 stored (2 new, 0 removed)" in " ".join(out.split())
    src = LocalSource()
    assert src.series("RF").tolist() == [19.1, 20.2]  # the Regions Financial stock
    assert src.series("ff:RF").tolist() == [0.00021]  # the Fama-French risk-free rate


def test_any_order_gives_the_same_store(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    folder = write(tmp_path / "in")
    files = [str(p) for p in sorted(folder.rglob("*.csv"), key=lambda p: p.name)]
    assert run(capsys, "data", "import", *files)[0] == 0
    forward = stored(rotascope_home)
    other = tmp_path / "home2"
    other.mkdir()
    monkeypatch.setenv("ROTASCOPE_HOME", str(other))
    for f in reversed(files):  # one by one, backwards
        assert run(capsys, "data", "import", f)[0] == 0
    assert stored(other) == forward


def test_shortcuts_go_through_the_same_import(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write(tmp_path / "in")
    code, out, _ = run(
        capsys, "breadth", "members", str(folder / "sp500_ticker_start_end.csv"), "--universe", "X"
    )
    assert code == 0 and "membership spells of X stored" in " ".join(out.split())
    code, out, _ = run(capsys, "valuation", "import", str(folder / "valuations.csv"))
    assert code == 0 and "val:RUT:PE_FORWARD" in out
    ie_data = shiller_file(tmp_path / "ie_data.csv", last="2024-07")
    code, out, err = run(capsys, "valuation", "SPX", "--file", str(ie_data))
    assert code == 0, err
    assert "ie_data.csv, edition 202407" in " ".join(out.split())  # not the bundled data
    assert LocalSource().universes() == ["SP500", "X"]  # X stored, SP500 bundled


def test_a_document_named_explicitly_is_skipped_with_a_note(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write(tmp_path / "in")
    code, _, err = run(capsys, "data", "import", str(folder / "README.md"), str(folder / "RUT.csv"))
    assert code == 0 and "README.md: not a data file" in " ".join(err.split())
    code, _, err = run(capsys, "data", "import", str(folder / "README.md"))
    assert code == 2 and "no data in the files given" in err


def test_a_membership_file_must_say_its_index(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "spells.csv"
    f.write_text("ticker,start_date,end_date\nAAL,1996-01-02,\n")
    code, _, err = run(capsys, "data", "import", str(f))
    assert code == 2 and "--universe" in err and err.count("\n") == 1
    assert run(capsys, "data", "import", str(f), "--universe", "sp400")[0] == 0
    assert "SP400" in LocalSource().universes()


def test_a_refused_edition_exits_1_and_says_how_to_replace(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "F-F_Research_Data_Factors_daily.CSV"
    text = FILES["french/F-F_Research_Data_Factors_daily.CSV"]
    f.write_text(text)
    assert run(capsys, "data", "import", str(f))[0] == 0
    f.write_text(text.replace("0.21", "0.25"))  # the same edition, one value changed
    code, out, err = run(capsys, "data", "import", str(f))
    assert code == 1 and "refused" in out and "--replace" in err
    assert LocalSource().series("SMB").tolist() == [0.0021]  # nothing of it written
    code, out, _ = run(capsys, "data", "import", str(f), "--replace")
    assert code == 0 and "1 values changed" in " ".join(out.split())
    assert LocalSource().series("SMB").tolist() == [0.0025]


@pytest.mark.realdata
def test_the_french_folder_keeps_its_editions_apart(
    rotascope_home: Path, shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "data", "import", str(shared_data / "french"))
    assert code == 0
    flat = " ".join(out.split())
    assert "kept apart from edition 202403 (13,633 overlapping values differ)" in flat
    src = LocalSource()
    # each edition equals its own file (plain pandas read of the raw files)
    for name, edition in (
        ("F-F_Research_Data_Factors_daily.CSV", "202403"),
        ("F-F_Research_Data_Factors_daily_202604.csv", "202604"),
    ):
        lines = (shared_data / "french" / name).read_text().splitlines()
        raw = [x.split(",") for x in lines if re.match(r"\s*\d{8},", x)]
        smb = src.series(f"ff:SMB@{edition}")
        assert len(smb) == len(raw)
        assert smb.iloc[-1] == pytest.approx(float(raw[-1][2]) / 100, abs=1e-12)
    assert src.info("SMB").edition == "202604"  # the newest is the default
    assert src.resolve("SMB5") == "SMB5" and src.info("SMB5").id == "ff5:SMB"


@pytest.mark.realdata
@pytest.mark.slow
def test_every_file_but_the_closes_imports_one_by_one_and_at_once(
    rotascope_home: Path,
    shared_data: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The closes are left out here for speed (benchmarks/import_tree.py imports all)."""
    files = [
        *sorted(
            p
            for p in shared_data.rglob("*")
            if p.is_file() and p.suffix != ".md" and "closes" not in p.parts
        ),
        shared_data / "constituents" / "closes" / "RF.csv",
    ]
    assert len(files) >= 38
    for f in files:
        code, _, err = run(capsys, "data", "import", str(f))
        assert code == 0, f"{f.name}: {err}"
    one_by_one = stored(rotascope_home)
    monkeypatch.setenv("ROTASCOPE_HOME", str(tmp_path / "h2"))
    assert run(capsys, "data", "import", *map(str, files))[0] == 0
    assert stored(tmp_path / "h2") == one_by_one
    src = LocalSource()
    assert src.info("RF").id == "RF" and src.info("ff:RF").id == "ff:RF"
    raw = pd.read_csv(shared_data / "constituents" / "closes" / "RF.csv", index_col="Date")
    assert src.series("RF").iloc[-1] == pytest.approx(raw["Close"].iloc[-1])
    assert len(Store().symbols()) == len(src.inventory().query("origin == 'store'"))
