"""NYSE session arithmetic and date parsing."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from rotascope.calendar import (
    is_session,
    nyse_sessions,
    parse_date,
    session_gaps,
    session_on_or_before,
    sessions_between,
)
from rotascope.errors import AsOfError


def test_five_sessions_from_jul_9_to_jul_16_2024() -> None:
    assert sessions_between("2024-07-09", "2024-07-16") == 5
    assert sessions_between("2024-07-16", "2024-07-09") == -5


def test_holidays_are_not_sessions() -> None:
    assert not is_session("2024-07-04")  # Independence Day
    assert not is_session("2024-07-13")  # Saturday
    assert is_session("2024-07-11")
    # Jul 3 -> Jul 5 2024 spans one session (Jul 5), Jul 4 closed
    assert sessions_between("2024-07-03", "2024-07-05") == 1


def test_session_on_or_before_moves_back_over_weekend_and_holiday() -> None:
    assert session_on_or_before("2024-07-14") == pd.Timestamp("2024-07-12")
    assert session_on_or_before("2024-07-04") == pd.Timestamp("2024-07-03")
    assert session_on_or_before("2024-07-16") == pd.Timestamp("2024-07-16")


def test_parse_date_accepts_common_types_and_rejects_garbage() -> None:
    assert parse_date(dt.date(2024, 7, 16)) == pd.Timestamp("2024-07-16")
    assert parse_date("2024-07-16T15:30:00-04:00") == pd.Timestamp("2024-07-16")
    with pytest.raises(AsOfError, match="asof: 'yesterday-ish' is not a date"):
        parse_date("yesterday-ish", "asof")
    with pytest.raises(AsOfError, match="YYYY-MM-DD"):
        parse_date("x" * 500, "asof")


def test_session_gaps_reports_missing_and_extra_dates() -> None:
    idx = nyse_sessions("2024-07-01", "2024-07-31")
    holey = idx.delete([3, 10]).append(pd.DatetimeIndex(["2024-07-06"])).sort_values()
    gaps = session_gaps(holey)
    assert list(gaps.missing) == [idx[3], idx[10]]
    assert list(gaps.extra) == [pd.Timestamp("2024-07-06")]
    assert "2 missing" in gaps.describe("RUT")
    assert session_gaps(idx).ok


def test_real_rut_file_matches_the_calendar_where_it_should(published) -> None:  # type: ignore[no-untyped-def]
    dates = published.close("RUT").index  # RUT_ohlc.csv's dates (raw or bundled)
    gaps = session_gaps(dates, start="2000-01-01", end="2024-08-02")
    # the index is published on every NYSE session of this stretch
    assert len(gaps.extra) == 0
    assert len(gaps.missing) <= 3, gaps.describe("RUT")
