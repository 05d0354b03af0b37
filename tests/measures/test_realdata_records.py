"""Published figures reproduced by the measures from the raw Russell 2000 file."""

from __future__ import annotations

import pandas as pd
import pytest

from rotascope.measures.records import record_row, records
from rotascope.measures.returns import window_returns

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def rut(published_closes) -> pd.Series:  # type: ignore[no-untyped-def]
    """The raw Russell 2000 file, else the bundled closes (plain pandas either way)."""
    return published_closes.close("RUT")


def test_five_session_gain_to_2024_07_16(rut: pd.Series) -> None:
    r5 = window_returns(rut, 5)
    day = pd.Timestamp("2024-07-16")
    # published: +11.5%; the file's closes 2263.67 / 2029.47
    assert r5.loc[day] == pytest.approx(2263.67 / 2029.47 - 1, abs=1e-4)
    assert round(r5.loc[day] * 100, 1) == 11.5
    row = record_row(records(r5, "high"), day)
    assert row is not None
    # independent rescan with plain pandas: latest earlier 5-session gain >= today's
    plain = rut / rut.shift(5) - 1
    earlier = plain.loc[: day - pd.Timedelta(days=1)].dropna()
    assert row["since"] == earlier[earlier >= plain.loc[day]].index[-1].date()
    assert row["since"].isoformat() == "2020-04-29"
    assert row["rank"] == int((earlier > plain.loc[day]).sum()) + 1
    assert row["out_of"] == len(earlier) + 1


def test_one_session_moves(rut: pd.Series) -> None:
    r1 = window_returns(rut, 1)
    assert round(r1.loc["2024-07-11"] * 100, 1) == 3.6
    assert round(r1.loc["2023-11-14"] * 100, 1) == 5.4
    row = record_row(records(r1, "high"), "2023-11-14")
    assert row is not None and row["since"].isoformat() == "2022-11-10"
