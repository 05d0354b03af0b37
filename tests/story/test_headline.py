"""Headline of the lead cluster, and the segment/sentence types it is made of."""

from __future__ import annotations

import datetime as dt

from rotascope.kinds import Fact, Record
from rotascope.story.headline import HEADLINE_YEARS, lead_headline
from rotascope.story.score import ScoredFact
from rotascope.story.segments import Segment, as_sentence

ASOF = dt.date(2024, 7, 16)
START = dt.date(1987, 9, 10)


def scored(fact: Fact) -> ScoredFact:
    return ScoredFact(fact=fact, score=1.0)


def move(value: float = 11.54) -> Fact:
    rec = Record("high" if value > 0 else "low", dt.date(2020, 4, 29), 12.0, 22, 9279, START)
    return Fact("move", "RUT", ASOF, value, "pct", "", window=5, record=rec)


def spread(versus: str, since: dt.date) -> Fact:
    rec = Record("high", since, 10.0, 3, 9279, START)
    return Fact("spread", "RUT", ASOF, 10.0, "pp", "", versus=versus, window=5, record=rec)


def test_only_margins_reaching_back_a_year_join_the_move_headline() -> None:
    assert HEADLINE_YEARS == 1.0
    recent = ASOF - dt.timedelta(days=200)  # under a year: left out
    old = dt.date(2000, 3, 1)
    scored_list = [scored(move()), scored(spread("NDX", recent)), scored(spread("SPX", old))]
    head = lead_headline(scored_list, 0, [1, 2], "RUT")
    assert head.text == (
        "Small caps had their best five sessions since April 2020, "
        "beating the S&P 500 by the most since March 2000"
    )
    assert head.refs == (0, 2)


def test_spread_only_headline_names_the_window() -> None:
    scored_list = [scored(spread("SPX", dt.date(2000, 3, 1)))]
    head = lead_headline(scored_list, None, [0], "RUT")
    want = "Small caps beat the S&P 500 over five sessions by the most since March 2000"
    assert head.text == want


def test_as_sentence_adds_one_final_period() -> None:
    assert as_sentence([Segment("Up "), Segment("2%", 1)]).text == "Up 2%."
    assert as_sentence([Segment("Done.")]).text == "Done."
