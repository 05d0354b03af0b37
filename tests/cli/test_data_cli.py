"""``rotascope data ...`` end to end through the console entry point."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from rotascope.cli.app import main
from rotascope.store import Store


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_list_show_remove_check(
    rotascope_home: Path, shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "data",
        "import",
        str(shared_data / "indices" / "RUT_ohlc.csv"),
        str(shared_data / "indices" / "RUT_close.csv"),
    )
    assert code == 0
    assert "9,297" in out and "extended" in out and "286" in out
    code, out, _ = run(capsys, "data", "import", str(shared_data / "indices" / "RUT_close.csv"))
    assert code == 0 and "unchanged" in out and "0 new rows" in out
    code, out, _ = run(capsys, "data", "list")
    assert code == 0 and "RUT" in out and "1987-09-10" in out and "2025-09-24" in out
    code, out, _ = run(
        capsys, "data", "show", "RUT", "--start", "2024-07-09", "--end", "2024-07-16"
    )
    assert code == 0 and "2263.67" in out and "2029.47" in out and "6 rows" in out
    code, out, _ = run(capsys, "data", "check")
    assert code == 0 and "store OK" in out
    code, out, _ = run(capsys, "data", "remove", "RUT")
    assert code == 0 and "9,583" in out
    code, _, err = run(capsys, "data", "remove", "RUT")
    assert code == 2 and "unknown symbol" in err


def test_import_folder(
    rotascope_home: Path, shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, "data", "import", str(shared_data / "fred"))
    assert code == 0
    files = sorted(f"fred:{p.stem}" for p in (shared_data / "fred").glob("*.csv"))
    assert Store().symbols() == files


def test_broken_file_is_one_red_line_and_store_unchanged(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "ABC.csv"
    good.write_text("Date,Close\n2024-01-02,10\n2024-01-03,11\n")
    assert run(capsys, "data", "import", str(good))[0] == 0
    before = hashlib.sha256(Store().path.read_bytes()).hexdigest()
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Close\n2024-01-04,12\n2024-01-05,oops\n")
    newer = tmp_path / "ABC_more.csv"
    newer.write_text("Date,Close\n2024-01-04,12\n")
    code, out, err = run(capsys, "data", "import", str(newer), str(bad))
    assert code == 2
    assert err.count("\n") == 1 and "bad.csv, line 3" in err and "oops" in err
    assert "Traceback" not in err + out
    assert hashlib.sha256(Store().path.read_bytes()).hexdigest() == before


def test_symbol_and_column_options(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "prices.csv"
    f.write_text("Date,Close\n2024-01-02,10\n2024-01-03,11\n")
    code, _, _ = run(capsys, "data", "import", str(f), "--symbol", "xyz", "--column", "adj_close")
    assert code == 0
    assert list(Store().load("XYZ").columns) == ["adj_close"]
    code, _, err = run(capsys, "data", "import", str(f), "--column", "open")
    assert code == 2 and "--column" in err


def test_empty_store_lists_bundled_series(
    rotascope_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "data", "list")
    assert code == 0
    assert "bundled" in out.lower()
