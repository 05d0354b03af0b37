"""Kind ``fedwatch``: its sentences, and its facts among ``facts DFF`` when prices are stored."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from fedwatch_cases import DATES, DFF, SEP, cut_path, futures_file
from rotascope.asof import AsOf
from rotascope.data import MemorySource
from rotascope.kinds.engine import FactEngine
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.fedwatch import leaning, template

ASOF = dt.date(2024, 9, 13)


def fact(value: float, side: str = "cut", **details: object) -> Fact:
    base = {"meeting": "2024-09-18", "side": side, "likely": "5.00-5.25", "likely_pct": value}
    return Fact("fedwatch", "DFF", ASOF, value, "pct", "", details={**base, **details})


@pytest.mark.parametrize(
    ("f", "text"),
    [
        (
            fact(98.0, week_ago=72.0),
            "The futures put the odds of a cut at the September 18 meeting at 98%, up from "
            "72% a week earlier.",
        ),
        (
            fact(41.6, week_ago=55.0, month_ago=38.0),
            "The futures put the odds of a cut at the September 18 meeting at 42%, down from "
            "55% a week earlier (38% a month earlier).",
        ),
        (
            fact(99.6, month_ago=99.6),
            "The futures put the odds of a cut at the September 18 meeting at 99.6%, "
            "unchanged from a month earlier.",
        ),
        (
            fact(99.2, "hold", meeting="2025-01-29", likely="5.25-5.50", likely_pct=99.2),
            "The futures put the odds of no change at the January 29, 2025 meeting at 99.2%.",
        ),
        (
            fact(100.0, likely="4.75-5.00", likely_pct=48.3),
            "The futures put the odds of a cut at the September 18 meeting at 100%; the most "
            "likely target range after it is 4.75-5.00% (48%).",
        ),
        (
            fact(93.0, meeting="2024-11-07", next=False),
            "The futures put the odds of a cut by the November 7 meeting at 93%.",
        ),
    ],
)
def test_sentences(f: Fact, text: str) -> None:
    assert template(f) == text


def test_record_clauses() -> None:
    since = Record("high", dt.date(2024, 8, 5), 98.0, 1, 40, dt.date(2024, 7, 1))
    assert template(Fact(**{**fact(98.0).__dict__, "record": since})).endswith(
        "at 98%, the highest since Aug 5, 2024."
    )
    recent = Record("low", dt.date(2024, 9, 1), 30.0, 2, 40, dt.date(2024, 7, 1))
    assert "lowest" not in template(Fact(**{**fact(20.0).__dict__, "record": recent}))
    first = Record("high", None, None, 1, 40, dt.date(2024, 7, 1))
    assert template(Fact(**{**fact(98.0).__dict__, "record": first})).endswith(
        "the highest since these prices begin (Jul 1, 2024)."
    )
    young = Record("high", None, None, 1, 4, dt.date(2024, 9, 1))
    assert "highest" not in template(Fact(**{**fact(98.0).__dict__, "record": young}))
    assert leaning(0.9, 0.0) == "hold" and leaning(5.0, 5.0) == "cut"


@pytest.fixture(scope="module")
def source() -> MemorySource:
    return MemorySource({"DFF": DFF}, futures=futures_file(DATES))


def test_facts_dff_states_the_coming_meetings(source: MemorySource) -> None:
    fs = FactEngine(source).facts("DFF", asof=AsOf.at("2024-09-13"), windows=(5,))
    odds = fs.of_kind("fedwatch")
    assert [f.details["meeting"] for f in odds] == ["2024-09-18", "2024-11-07", "2024-12-18"]
    assert [f.details["next"] for f in odds] == [True, False, False]
    assert "odds of a cut by the November 7 meeting" in odds[1].text
    sep = odds[0]
    p = cut_path(DATES) * 100
    assert sep.asof == ASOF and sep.subject == "DFF" and sep.unit == "pct"
    assert sep.details["side"] == "cut" and sep.value == pytest.approx(p.iloc[-1], abs=1e-6)
    week = p.loc["2024-09-03":"2024-09-06"]  # 7 to 10 days before Sep 13
    assert sep.details["week_ago_date"] == week.index[-1].date().isoformat()
    assert sep.details["change_week_pp"] == pytest.approx(p.iloc[-1] - week.iloc[-1], abs=1e-6)
    earlier = p.iloc[:-1]
    since = earlier[earlier >= p.iloc[-1] - 1e-9].index[-1].date()
    assert sep.record is not None and sep.record.since == since == dt.date(2024, 9, 12)
    assert sep.text == (
        f"The futures put the odds of a cut at the September 18 meeting at {p.iloc[-1]:.0f}%, "
        f"up from {week.iloc[-1]:.0f}% a week earlier ({p.loc['2024-08-13']:.0f}% a month "
        "earlier)."  # a high since the day before is no record worth saying
    )
    nine = FactEngine(source).facts("DFF", asof=AsOf.at("2024-09-09"), windows=(5,))
    sep9 = nine.of_kind("fedwatch")[0]
    assert p.loc["2024-09-09"] > earlier.loc[:"2024-09-06"].max()  # the highest so far
    assert sep9.record is not None and sep9.record.since is None
    assert sep9.text.endswith("the highest since these prices begin (Jul 1, 2024).")


def test_no_odds_from_stale_prices_or_about_another_series(source: MemorySource) -> None:
    eng = FactEngine(source)
    late = eng.facts("DFF", asof=AsOf.at("2024-09-30"), windows=(5,))  # 17 days after
    assert not late.of_kind("fedwatch")
    before = eng.facts("DFF", asof=AsOf.at("2024-06-28"), windows=(5,))  # before the prices
    assert not before.of_kind("fedwatch")
    idx = pd.bdate_range("2024-01-01", "2024-09-13")
    other = MemorySource({"AAA": pd.Series(1.0, index=idx)}, futures=futures_file(DATES))
    assert not FactEngine(other).facts("AAA", windows=(5,)).of_kind("fedwatch")


def test_the_meeting_is_past_once_it_is_held(source: MemorySource) -> None:
    """On Sep 13 the September meeting is coming; it is never stated after Sep 18."""
    fs = FactEngine(source).facts("DFF", asof=AsOf.at("2024-09-13"), windows=(5,))
    assert pd.Timestamp(fs.of_kind("fedwatch")[0].details["meeting"]) == SEP
