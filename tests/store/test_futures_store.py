"""Futures prices in the store: re-import is a no-op, conflicts are refused unless replace,
and the data version follows them."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from rotascope.sources.detect import read_any
from rotascope.store import Store, import_files
from rotascope.store.futures import load_futures

FILE = "date,contract,price\n2024-09-12,2024-09,94.815\n2024-09-12,2024-10,95.0\n"


def _write(tmp_path: Path, text: str, name: str = "zq.csv") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def test_import_again_changes_nothing_and_extends(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.duckdb")
    p = _write(tmp_path, FILE)
    first = import_files(store, [read_any(p)])
    (t,) = first.tables
    assert (t.kind, t.rows, t.added, t.status) == ("futures", 2, 2, "new") and first.changed
    v1 = store.version()
    again = import_files(store, [read_any(p)])
    assert again.tables[0].status == "unchanged" and not again.changed
    assert store.version() == v1
    more = _write(tmp_path, FILE + "2024-09-13,2024-09,94.81\n", "zq2.csv")
    (t,) = import_files(store, [read_any(more)]).tables
    assert (t.added, t.status) == (1, "extended")
    assert store.version() != v1
    stored = load_futures(store)
    assert len(stored) == 3 and stored["date"].is_monotonic_increasing


def test_conflicting_prices_refuse_the_file_unless_replace(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.duckdb")
    import_files(store, [read_any(_write(tmp_path, FILE))])
    changed = _write(tmp_path, FILE.replace("95.0", "95.01") + "2024-09-13,2024-09,94.8\n", "b.csv")
    res = import_files(store, [read_any(changed)])
    (t,) = res.tables
    assert (t.status, t.conflicts, t.added) == ("refused", 1, 0) and res.refused == (t,)
    assert t.examples == (("2024-09-12", "2024-10", 95.0, 95.01),)
    assert len(load_futures(store)) == 2  # nothing of the refused file was written
    (t,) = import_files(store, [read_any(changed)], replace=True).tables
    assert (t.status, t.conflicts, t.added) == ("replaced", 1, 1)
    stored = load_futures(store)
    assert stored.loc[stored["contract"] == "2024-10", "price"].tolist() == [95.01]
    assert len(stored) == 3


def test_a_store_written_before_the_futures_table_reads_as_empty_then_gains_it(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "s.duckdb")
    series = _write(tmp_path, "Date,Close\n2024-01-02,1\n", "ABC.csv")
    import_files(store, [read_any(series)])
    con = duckdb.connect(str(store.path))
    con.execute("DROP TABLE futures")  # as a store written by the previous release
    con.close()
    assert load_futures(store).empty and store.version() != "empty"
    import_files(store, [read_any(_write(tmp_path, FILE))])
    assert len(load_futures(store)) == 2
    assert load_futures(Store(tmp_path / "none.duckdb")).columns.tolist() == [
        "date",
        "contract",
        "price",
    ]
    assert isinstance(load_futures(store)["date"].iloc[0], pd.Timestamp)
