"""Editions: kept apart, refused when the same edition differs, replaced on request."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from rotascope.errors import AmbiguousSymbol, UnknownSymbol
from rotascope.sources import ParsedSeries
from rotascope.store import Store

DATES = ["2024-01-02", "2024-01-03", "2024-01-04"]


def factor(values: list[float], edition: str, dates: list[str] = DATES, sid: str = "ff:SMB"):
    frame = pd.DataFrame(
        {"close": values}, index=pd.DatetimeIndex(pd.to_datetime(dates), name="date")
    )
    return ParsedSeries(sid, frame, f"F-F_{edition}.csv", "french", "pct_return", edition=edition)


def rows(store: Store) -> list[tuple]:
    con = duckdb.connect(str(store.path), read_only=True)
    try:
        return con.execute("SELECT * FROM prices ORDER BY symbol, date").fetchall()
    finally:
        con.close()


@pytest.fixture
def store(rotascope_home: Path) -> Store:
    return Store()


def test_a_new_edition_is_kept_apart_with_the_count_of_differences(store: Store) -> None:
    store.import_series([factor([0.01, 0.02, 0.03], "202403")])
    res = store.import_series(
        [factor([0.01, 0.025, 0.035, 0.04], "202604", [*DATES, "2024-01-05"])]
    )
    [s] = res.series
    assert (s.symbol, s.status, s.other_edition, s.differs) == (
        "ff:SMB@202604",
        "edition",
        "202403",
        2,
    )
    assert [str(c.date) for c in s.examples] == ["2024-01-03", "2024-01-04"]
    # the newest edition is the default; the older one stays whole and reachable
    assert store.load("SMB")["close"].tolist() == [0.01, 0.025, 0.035, 0.04]
    assert store.load("ff:SMB@202403")["close"].tolist() == [0.01, 0.02, 0.03]
    assert store.resolve("SMB") == "ff:SMB@202604"
    with pytest.raises(UnknownSymbol, match=r"SMB@202403"):
        store.load("SMB@199901")
    assert store.check().ok


def test_the_same_edition_with_other_values_is_refused_then_replaced(store: Store) -> None:
    store.import_series([factor([0.01, 0.02, 0.03], "202403")])
    before = rows(store)
    changed = factor([0.01, 0.02, 0.05, 0.06], "202403", [*DATES, "2024-01-05"])
    [s] = store.import_series([changed]).series
    assert (s.status, s.conflicts, s.new_rows) == ("refused", 1, 0)
    assert rows(store) == before  # nothing of it written, not even the new date
    [s] = store.import_series([changed], replace=True).series
    assert (s.status, s.differs, s.new_rows, s.removed_rows) == ("replaced", 1, 1, 0)
    assert store.load("SMB")["close"].tolist() == [0.01, 0.02, 0.05, 0.06]


def test_replace_swaps_the_old_editions_for_the_new_one(store: Store) -> None:
    store.import_series([factor([0.01, 0.02, 0.03], "202403")])
    newer = factor([0.011, 0.02], "202604", DATES[:2])
    [s] = store.import_series([newer], replace=True).series
    assert (s.status, s.other_edition, s.differs, s.removed_rows) == ("replaced", "202403", 1, 1)
    assert store.symbols() == ["ff:SMB@202604"]


def test_identical_edition_again_changes_nothing(store: Store) -> None:
    store.import_series([factor([0.01, 0.02, 0.03], "202403")])
    before = rows(store)
    [s] = store.import_series([factor([0.01, 0.02, 0.03], "202403")]).series
    assert s.status == "unchanged" and rows(store) == before


def test_an_unlabelled_copy_takes_the_label_of_identical_data(store: Store) -> None:
    store.import_series([factor([0.01, 0.02, 0.03], "")])  # as migrated from schema 1
    [s] = store.import_series(
        [factor([0.01, 0.02, 0.03, 0.04], "202403", [*DATES, "2024-01-05"])]
    ).series
    assert s.status == "extended" and s.new_rows == 1
    assert store.symbols() == ["ff:SMB@202403"]


def test_short_names_namespaces_and_ambiguity(store: Store) -> None:
    store.import_series(
        [
            factor([0.01, 0.02, 0.03], "202403", sid="ff:RF"),
            factor([0.01, 0.02, 0.03], "202412", sid="ff5:RF"),
            factor([0.01, 0.02, 0.03], "202412", sid="ff5:CMA"),
        ]
    )
    with pytest.raises(AmbiguousSymbol) as err:
        store.load("RF")
    assert err.value.choices[0].startswith("ff:RF") and "ff5:RF" in str(err.value)
    assert isinstance(err.value, UnknownSymbol)
    assert store.resolve("CMA") == "ff5:CMA@202412"  # the only CMA
    stock = ParsedSeries(
        "RF",
        pd.DataFrame({"close": [10.0]}, index=pd.DatetimeIndex(["2024-01-02"], name="date")),
        "RF.csv",
        "single_column",
        "price",
    )
    store.import_series([stock])
    assert store.load("RF")["close"].tolist() == [10.0]  # the ticker is exactly RF
    assert store.load("ff:RF")["close"].tolist() == [0.01, 0.02, 0.03]
