"""The bundled CPI/FOMC calendar: known dates, counts, labels, header sources."""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest

from rotascope.calendar import nyse_sessions
from rotascope.errors import DataError
from rotascope.events import bundled_calendar, event_dates


@pytest.mark.parametrize(
    ("kind", "date"),
    [
        ("cpi", "2024-07-11"),
        ("cpi", "2023-11-14"),
        ("fomc", "2024-07-31"),
        ("fomc", "2024-09-18"),
        ("fomc", "2020-03-03"),
        ("fomc", "2020-03-15"),
        ("fomc", "2008-01-22"),
        ("fomc", "2001-01-03"),
    ],
)
def test_known_dates(kind: str, date: str) -> None:
    assert pd.Timestamp(date) in event_dates(kind, include_user=False)


def test_unscheduled_moves_are_labelled() -> None:
    cal = bundled_calendar()
    fomc = cal[cal["kind"] == "fomc"].set_index("date")
    for d in ["2001-01-03", "2001-04-18", "2001-09-17", "2008-01-22", "2008-10-08",
              "2020-03-03", "2020-03-15"]:  # fmt: skip
        assert fomc.loc[pd.Timestamp(d), "schedule"] == "unscheduled", d
    assert fomc.loc[pd.Timestamp("2024-07-31"), "schedule"] == "scheduled"
    scheduled = event_dates("fomc", year=2020, scheduled_only=True, include_user=False)
    assert pd.Timestamp("2020-03-15") not in scheduled


def test_counts_per_year() -> None:
    cal = bundled_calendar()
    cpi = cal[cal["kind"] == "cpi"].groupby(cal["date"].dt.year).size()
    assert (cpi.loc[2000:2024] == 12).all()
    assert cpi.loc[2025] == 11  # no October 2025 CPI (lapse in appropriations)
    sched = cal[(cal["kind"] == "fomc") & (cal["schedule"] == "scheduled")]
    per_year = sched.groupby(sched["date"].dt.year).size()
    assert (per_year.drop(2020) == 8).all()
    assert per_year.loc[2020] == 7  # the March 17-18 meeting was replaced by the Mar 15 cut


def test_one_cpi_per_reference_month_in_order() -> None:
    cal = bundled_calendar()
    cpi = cal[cal["kind"] == "cpi"]
    assert cpi["reference"].is_unique
    ref = pd.to_datetime(cpi["reference"] + "-01")
    # released after the reference month ends, within ~2 months
    gap = (cpi["date"] - ref).dt.days
    assert gap.between(35, 85).all()


def test_dates_are_sessions_unless_noted() -> None:
    cal = bundled_calendar()
    sessions = nyse_sessions("2000-01-01", "2025-12-31")
    off = cal[~cal["date"].isin(sessions)]
    assert set(off["date"].dt.strftime("%Y-%m-%d")) == {"2017-04-14", "2020-03-15", "2020-04-10"}
    assert off["note"].str.len().gt(0).all()


def test_header_cites_sources() -> None:
    text = resources.files("rotascope.events").joinpath("data", "us_macro_events.csv").read_text()
    header = "".join(line for line in text.splitlines(True) if line.startswith("#"))
    assert "https://www.bls.gov/schedule/news_release/cpi.htm" in header
    assert "https://www.federalreserve.gov/monetarypolicy/fomccalendars.htm" in header
    assert "verified" in header


def test_unknown_kind() -> None:
    with pytest.raises(DataError, match="known kinds"):
        event_dates("nfp", include_user=False)
