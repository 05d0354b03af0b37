"""Breadth facts on the real S&P 500 constituents, checked with plain pandas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from rotascope.kinds._breadth import Universe, breadth_table
from rotascope.kinds.breadth import breadth_facts
from rotascope.sources import read_file
from rotascope.sources.membership import read_membership
from rotascope.store import Store
from rotascope.store.universe import load_close_matrix, load_membership, save_membership


def test_coverage_warning_and_counts_on_a_tiny_universe() -> None:
    idx = pd.bdate_range("2023-01-02", periods=260)
    closes = pd.DataFrame({"A": range(1, 261), "B": range(260, 0, -1)}, index=idx, dtype=float)
    spells = pd.DataFrame({"ticker": ["A", "B", "C"], "start": [idx[0]] * 3, "end": [pd.NaT] * 3})
    facts = breadth_facts(Universe("TOY", closes, spells), idx[-1])
    f200 = next(f for f in facts if f.window == 200)
    assert f200.value == pytest.approx(50.0) and f200.unit == "pct"
    assert f200.details["members"] == 3 and f200.details["with_data"] == 2
    assert f200.details["coverage_pct"] == pytest.approx(200 / 3)
    assert "Coverage is 66.7%" in f200.text  # C has no data: below 95%
    hl = facts[-1]
    assert (hl.kind, hl.unit) == ("breadth_highs_lows", "count")


@pytest.mark.slow
def test_share_above_200_day_average_equals_plain_pandas(shared_data: Path, rotascope_home) -> None:
    folder = shared_data / "constituents"
    store = Store()
    files = sorted((folder / "closes").glob("*.csv"))
    store.import_series([s for f in files for s in read_file(f)])
    save_membership(store, "SP500", read_membership(folder / "sp500_ticker_start_end.csv"))
    spells = load_membership(store)
    universe = Universe("SP500", load_close_matrix(store, sorted(set(spells.ticker))), spells)
    date = pd.Timestamp("2024-07-16")
    [_f50, f200, _] = breadth_facts(universe, date)

    # independent: raw files with pandas, members on the date from the raw spells file
    raw = pd.read_csv(folder / "sp500_ticker_start_end.csv")
    raw["ticker"] = raw["ticker"].str.replace(".", "-", regex=False)
    start = pd.to_datetime(raw["start_date"])
    end = pd.to_datetime(raw["end_date"])
    on_date = raw[(start <= date) & (end.isna() | (end >= date))]["ticker"].unique()
    above = eligible = 0
    for t in on_date:
        path = folder / "closes" / f"{t}.csv"
        if not path.exists():
            continue
        c = pd.read_csv(path, index_col="Date", parse_dates=True)["Close"].loc[:date]
        if len(c) < 200 or c.index[-1] != date:
            continue
        eligible += 1
        above += bool(c.iloc[-1] > c.iloc[-200:].mean())
    assert f200.details["eligible"] == eligible
    assert f200.value == pytest.approx(above / eligible * 100)
    assert f200.details["members"] == len(on_date)

    # a stock that left before the date is not counted: AAL left on 2024-09-23
    table = breadth_table(universe, pd.Timestamp("2024-12-31"))
    assert table.loc["2024-09-20", "members"] - table.loc["2024-09-24", "members"] >= 0
    aal_gone = breadth_table(
        Universe("SP500", universe.closes[["AAL"]], spells[spells.ticker == "AAL"]),
        pd.Timestamp("2024-12-31"),
    )
    assert aal_gone.loc["2024-09-20", "members"] == 1
    assert aal_gone.loc["2024-09-24", "members"] == 0
