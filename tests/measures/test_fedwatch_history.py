"""Meeting odds over time from futures files the tests generate (``fedwatch_cases``):
the odds of a September 2024 cut must come back as the path ``p`` the prices were made
from, and a week's change, a month's change and the records are plain pandas on ``p``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from fedwatch_cases import DATES, DFF, HELD, NOV, SCHEDULED, SEP, cut_path, futures_file
from rotascope.errors import DataError
from rotascope.measures.fedwatch_history import odds_change, odds_history, odds_on, target_band


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    return odds_history(futures_file(DATES), DFF, scheduled=SCHEDULED, held=HELD)


def test_the_odds_come_back_on_every_date(history: pd.DataFrame) -> None:
    sep = history[history["meeting"] == SEP].set_index("date")
    p = cut_path(DATES) * 100
    assert list(sep.index) == list(DATES)
    np.testing.assert_allclose(sep["cut"], p, atol=1e-6)
    np.testing.assert_allclose(sep["hold"], 100 - p, atol=1e-6)
    assert (sep["hike"] == 0).all() and (sep["target_lo"] == 5.25).all()
    # July 31 is priced until it is held; then September is the first meeting
    jul = history[history["meeting"] == pd.Timestamp("2024-07-31")]
    assert jul["date"].max() < pd.Timestamp("2024-07-31")
    np.testing.assert_allclose(jul["hold"], 100.0, atol=1e-6)
    # November prices no move after September: its cut odds are September's, chained
    nov = history[history["meeting"] == NOV].set_index("date")
    np.testing.assert_allclose(nov["cut"], sep.loc[nov.index, "cut"], atol=1e-6)


def test_a_missing_month_without_a_meeting_passes_the_rate_through() -> None:
    """Without October, September is priced forward from August and November from
    September's end carried through October: the same odds."""
    h = odds_history(
        futures_file(DATES[-10:], drop=("2024-10",)), DFF, scheduled=SCHEDULED, held=HELD
    )
    sep = h[h["meeting"] == SEP].set_index("date")
    np.testing.assert_allclose(sep["cut"], cut_path(DATES)[-10:] * 100, atol=1e-6)
    assert set(sep["method"]) == {"forward"}
    assert NOV in set(h["meeting"])


def test_a_missing_meeting_month_stops_the_chain_there() -> None:
    h = odds_history(
        futures_file(DATES[-3:], drop=("2024-11",)), DFF, scheduled=SCHEDULED, held=HELD
    )
    assert set(h["meeting"]) == {SEP}


def test_a_week_and_a_month_earlier_and_the_record(history: pd.DataFrame) -> None:
    p = cut_path(DATES) * 100
    for day in DATES[30:]:
        ch = odds_change(history, SEP, day, "cut")
        week = p.loc[day - pd.Timedelta(days=10) : day - pd.Timedelta(days=7)]
        month_end = day - pd.DateOffset(months=1)
        month = p.loc[month_end - pd.Timedelta(days=7) : month_end]
        want_week = None if week.empty else (week.index[-1], pytest.approx(week.iloc[-1]))
        assert ch.week_ago == want_week
        assert ch.month_ago == (
            None if month.empty else (month.index[-1], pytest.approx(month.iloc[-1]))
        )
        # the record, by hand: the latest earlier date at least as high (as low)
        earlier, v = p.loc[: day - pd.Timedelta(days=1)], p.loc[day]
        base = week.iloc[-1] if not week.empty else earlier.iloc[-1]
        high = v >= base - 1e-9
        assert ch.direction == ("high" if high else "low")
        hits = earlier[earlier >= v - 1e-9] if high else earlier[earlier <= v + 1e-9]
        assert ch.record is not None
        assert ch.record["since"] == (None if hits.empty else hits.index[-1].date())
        beyond = (earlier > v + 1e-9) if high else (earlier < v - 1e-9)
        assert ch.record["rank"] == 1 + int(beyond.sum())
        assert ch.record["out_of"] == len(earlier) + 1


def test_later_prices_change_nothing_earlier(history: pd.DataFrame) -> None:
    cut = DATES[40]
    early = odds_history(futures_file(DATES[:41]), DFF, scheduled=SCHEDULED, held=HELD)
    pd.testing.assert_frame_equal(early, history[history["date"] <= cut].reset_index(drop=True))
    assert odds_change(early, SEP, cut, "cut") == odds_change(history, SEP, cut, "cut")


def test_a_meeting_on_the_first_day_of_a_month() -> None:
    """Nov 1, 2023: October (no meeting) at 94.67 gives 5.33; November's average is the
    rate after the statement: 94.73 -> 5.27, a move of -6 bp: 24% for a cut."""
    futures = pd.DataFrame(
        {
            "date": pd.to_datetime(["2023-10-20"] * 2),
            "contract": ["2023-10", "2023-11"],
            "price": [94.67, 94.73],
        }
    )
    dff = pd.Series([5.33], index=pd.to_datetime(["2023-10-19"]))
    odds, rate = odds_on(futures, dff, "2023-10-20", scheduled=SCHEDULED, held=HELD)
    assert rate == 5.33
    assert odds[0].meeting == pd.Timestamp("2023-11-01") and odds[0].days_before == 0
    assert odds[0].cut_probability() == pytest.approx(0.24)


def test_target_band_and_errors() -> None:
    assert target_band(5.33) == (5.25, 5.5) and target_band(4.83) == (4.75, 5.0)
    assert target_band(0.25) == (0.0, 0.25) and target_band(0.0) == (0.0, 0.25)
    futures = futures_file(DATES[:1])
    with pytest.raises(DataError, match="no futures prices dated 2024-07-03"):
        odds_on(futures, DFF, "2024-07-03", scheduled=SCHEDULED, held=HELD)
    late = pd.Series([5.33], index=pd.to_datetime(["2024-08-01"]))
    with pytest.raises(DataError, match="no effective fed funds rate"):
        odds_on(futures, late, DATES[0], scheduled=SCHEDULED, held=HELD)
    assert odds_history(futures, late, scheduled=SCHEDULED, held=HELD).empty
    with pytest.raises(ValueError, match="side"):
        odds_change(odds_history(futures, DFF, scheduled=SCHEDULED, held=HELD), SEP, DATES[0], "up")
