"""The one as-of rule: moved, stale, after and before the data."""

from __future__ import annotations

import pandas as pd
import pytest

from rotascope.asof import AsOf, parse_asof, resolve_asof
from rotascope.errors import AsOfError

DATES = pd.DatetimeIndex(pd.bdate_range("2024-07-01", "2024-07-12"), name="date")
TODAY = pd.Timestamp("2024-07-15")


def test_a_session_is_used_as_is() -> None:
    a = resolve_asof("2024-07-10", DATES, what="RUT", today=TODAY)
    assert a.session == pd.Timestamp("2024-07-10") and not a.moved and a.notes == ()


def test_a_weekend_moves_to_the_session_before_and_says_so_once() -> None:
    a = resolve_asof("2024-07-07", DATES, what="RUT", today=TODAY)
    assert a.session == pd.Timestamp("2024-07-05") and a.moved
    assert [n.code for n in a.notes] == ["moved"]
    assert "Sunday" in a.notes[0].text and "Jul 5, 2024" in a.notes[0].text


def test_a_holiday_is_named_as_one() -> None:
    a = resolve_asof("2024-07-04", DATES.delete(3), what="RUT", today=TODAY)
    assert a.session == pd.Timestamp("2024-07-03")
    assert "holiday" in a.notes[0].text


def test_after_the_data_is_an_error_naming_the_last_date() -> None:
    with pytest.raises(AsOfError, match="2024-07-12"):
        resolve_asof("2030-01-01", DATES, what="RUT", today=TODAY)


def test_a_saturday_after_a_friday_close_is_not_after_the_data() -> None:
    a = resolve_asof("2024-07-13", DATES, what="RUT", today=TODAY)
    assert a.session == pd.Timestamp("2024-07-12") and a.moved


def test_before_the_data_is_an_error() -> None:
    with pytest.raises(AsOfError, match="before the RUT data"):
        resolve_asof("1999-01-01", DATES, what="RUT", today=TODAY)


def test_latest_states_how_old_the_data_are_when_stale() -> None:
    fresh = resolve_asof("latest", DATES, what="RUT", today=TODAY)
    assert fresh.latest and fresh.session == DATES[-1] and fresh.notes == ()
    stale = resolve_asof(None, DATES, what="RUT", today=pd.Timestamp("2024-08-30"))
    assert [n.code for n in stale.notes] == ["stale"]
    assert "rotascope data update --all" in stale.notes[0].text


@pytest.mark.parametrize("bad", ["abc", "2024-13-01", "0001-01-01", "x" * 100])
def test_bad_dates_are_one_clear_error(bad: str) -> None:
    with pytest.raises(AsOfError, match="asof"):
        parse_asof(bad)


def test_an_asof_resolves_again_from_its_requested_date() -> None:
    a = resolve_asof("2024-07-07", DATES, what="RUT", today=TODAY)
    assert resolve_asof(a, DATES, what="SPX", today=TODAY).session == a.session
    assert AsOf.at("2024-07-10").to_dict()["session"] == "2024-07-10"
