"""What an import replaces stays recoverable: versions in the store, ``data undo``.

- ``data import --replace`` that overwrites values saves the series first; ``data undo``
  puts every value back (compared with the file read by plain pandas); an import that
  replaces nothing saves nothing; a second undo goes one version further back;
- an upload never replaces or hides a series (stored or bundled) without ``replace``;
  with it, the bundled series it hides comes back with ``data undo``;
- the migration story: a schema-1 store and a schema-2 store written before the version
  tables read as "no versions", then gain the tables on their next write.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from rotascope.cli.app import main
from rotascope.data import BundledSource, LocalSource
from rotascope.errors import DataError, SeriesExistsError
from rotascope.products.imports import import_upload
from rotascope.store import SCHEMA_VERSION, Store

OLD = "Date,Close\n2024-07-09,100\n2024-07-10,101\n2024-07-11,102\n"
NEW = "Date,Close\n2024-07-10,111\n2024-07-11,112\n2024-07-12,113\n"
THIRD = "Date,Close\n2024-07-11,122\n"


def _csv(tmp: Path, text: str, name: str = "ABC.csv") -> Path:
    path = tmp / name
    path.write_text(text)
    return path


def _closes(path: Path) -> pd.Series:
    """The file's closes, read with plain pandas (the independent reading)."""
    raw = pd.read_csv(path, parse_dates=["Date"]).set_index("Date")["Close"].astype(float)
    return raw.rename_axis("date")


def _stored(symbol: str = "ABC") -> pd.Series:
    return LocalSource(Store()).series(symbol).astype(float)


class Ran:
    """Exit code and output of one command."""

    def __init__(self, code: int, output: str) -> None:
        self.exit_code, self.output = code, output


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``rotascope ARGS`` through the console entry point."""

    def run(*args: str) -> Ran:
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        out = capsys.readouterr()
        return Ran(code, " ".join((out.out + out.err).split()))

    return run


def test_replace_saves_what_it_overwrites_and_undo_puts_it_back(
    cli, rotascope_home: Path, tmp_path: Path
) -> None:
    old, new = _csv(tmp_path, OLD), _csv(tmp_path, NEW, "ABC_new.csv")
    assert cli("data", "import", str(old)).exit_code == 0
    before = _stored()
    assert before.tolist() == _closes(old).tolist()
    assert list(before.index) == list(_closes(old).index)

    r = cli("data", "import", str(new), "--symbol", "ABC", "--replace")
    assert r.exit_code == 0, r.output
    after = _stored()
    assert after.tolist() == [100.0, 111.0, 112.0, 113.0]  # the file's values won
    [saved] = Store().versions("ABC")
    assert (saved.id, saved.rows, saved.keys) == ("ABC", 3, 1)
    assert "ABC_new.csv" in saved.reason and "--replace" in saved.reason

    r = cli("data", "undo", "ABC")
    assert r.exit_code == 0, r.output
    assert "back to its 3 values from 2024-07-09 to 2024-07-11" in r.output
    pd.testing.assert_series_equal(_stored(), before)
    assert Store().check().ok and Store().versions() == []


def test_an_import_that_replaces_nothing_saves_nothing(
    cli, rotascope_home: Path, tmp_path: Path
) -> None:
    old = _csv(tmp_path, OLD)
    cli("data", "import", str(old))
    more = _csv(tmp_path, OLD + "2024-07-12,103\n", "ABC_more.csv")
    assert cli("data", "import", str(more), "--symbol", "ABC", "--replace").exit_code == 0
    assert Store().versions() == []  # extended, nothing overwritten
    r = cli("data", "undo", "ABC")
    assert r.exit_code == 2 and "no earlier version of 'ABC' is saved" in r.output
    assert "Traceback" not in r.output


def test_undo_goes_back_one_version_at_a_time(cli, rotascope_home: Path, tmp_path: Path) -> None:
    store = Store()
    cli("data", "import", str(_csv(tmp_path, OLD)))
    for text, name in ((NEW, "b.csv"), (THIRD, "c.csv")):
        cli("data", "import", str(_csv(tmp_path, text, name)), "--symbol", "ABC", "--replace")
    assert _stored().tolist() == [100.0, 111.0, 122.0, 113.0]
    assert [v.reason.split()[2] for v in store.versions("ABC")] == ["c.csv", "b.csv"]
    store.undo("ABC")
    assert _stored().tolist() == [100.0, 111.0, 112.0, 113.0]
    result = store.undo("ABC")
    assert _stored().tolist() == [100.0, 101.0, 102.0] and result.left == 0
    with pytest.raises(DataError, match="no earlier version"):
        store.undo("ABC")


def test_an_upload_never_hides_a_bundled_series_without_replace(
    cli, rotascope_home: Path, tmp_path: Path
) -> None:
    bundled = BundledSource().series("RUT")
    upload = _csv(tmp_path, NEW, "rut.csv")
    with pytest.raises(SeriesExistsError, match="RUT is already there") as err:
        import_upload(upload, symbol="RUT")
    assert "in the bundled dataset" in str(err.value) and "replace=true" in str(err.value)
    assert Store().symbols() == []  # nothing stored
    pd.testing.assert_series_equal(LocalSource(Store()).series("RUT"), bundled)

    [row] = import_upload(upload, symbol="RUT", replace=True)
    assert row["status"] == "replaced" and "bundled" in row["replaced"]
    assert LocalSource(Store()).series("RUT").tolist() == _closes(upload).tolist()

    r = cli("data", "undo", "RUT")
    assert r.exit_code == 0 and "stored copy removed" in r.output
    pd.testing.assert_series_equal(LocalSource(Store()).series("RUT"), bundled)


def test_an_upload_over_a_stored_series_replaces_it_whole_and_undo_restores(
    cli, rotascope_home: Path, tmp_path: Path
) -> None:
    cli("data", "import", str(_csv(tmp_path, OLD)))
    with pytest.raises(SeriesExistsError, match="stored, 3 values from 2024-07-09"):
        import_upload(_csv(tmp_path, THIRD, "x.csv"), symbol="ABC")
    assert _stored().tolist() == [100.0, 101.0, 102.0]
    import_upload(_csv(tmp_path, THIRD, "x.csv"), symbol="ABC", replace=True)
    assert _stored().tolist() == [122.0]  # the file is the series now
    Store().undo("ABC")
    assert _stored().tolist() == [100.0, 101.0, 102.0]
    # a new symbol needs no replace
    [row] = import_upload(_csv(tmp_path, OLD, "y.csv"), symbol="XYZ")
    assert row["status"] == "new" and row["replaced"] == ""


def test_versions_list_on_the_command_line(cli, rotascope_home: Path, tmp_path: Path) -> None:
    assert "no saved versions" in cli("data", "versions").output
    cli("data", "import", str(_csv(tmp_path, OLD)))
    cli("data", "import", str(_csv(tmp_path, NEW, "b.csv")), "--symbol", "ABC", "--replace")
    out = cli("data", "versions", "--json").output
    assert '"id": "ABC"' in out and '"rows": 3' in out


# -- the migration story --------------------------------------------------------------


def test_a_schema_1_store_migrates_then_keeps_versions(
    cli, rotascope_home: Path, tmp_path: Path
) -> None:
    from test_migration import write_v1_store

    store = Store()
    write_v1_store(store.path)
    assert store.versions() == []  # the first read migrates; no version tables needed
    path = _csv(tmp_path, "Date,Close\n2024-07-16,3000\n", "RUT.csv")
    cli("data", "import", str(path), "--replace")
    assert LocalSource(store).series("RUT").tolist() == [2029.47, 2047.69, 3000.0]
    store.undo("RUT")
    assert LocalSource(store).series("RUT").tolist() == [2029.47, 2047.69, 2263.67]
    con = duckdb.connect(str(store.path), read_only=True)
    try:
        [(version,)] = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    finally:
        con.close()
    assert version == str(SCHEMA_VERSION) and store.check().ok


def test_a_store_written_before_the_version_tables_gains_them_on_write(
    cli, rotascope_home: Path, tmp_path: Path
) -> None:
    cli("data", "import", str(_csv(tmp_path, OLD)))
    store = Store()
    con = duckdb.connect(str(store.path))
    for table in ("versions", "version_series", "version_prices"):
        con.execute(f"DROP TABLE {table}")  # as a store of the previous release
    con.execute("DROP SEQUENCE version_id")
    con.close()
    assert store.versions() == [] and _stored().tolist() == [100.0, 101.0, 102.0]
    cli("data", "import", str(_csv(tmp_path, NEW, "b.csv")), "--symbol", "ABC", "--replace")
    assert [v.rows for v in store.versions("ABC")] == [3]
    store.undo("ABC")
    assert _stored().tolist() == [100.0, 101.0, 102.0]
