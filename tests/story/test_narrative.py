"""Narrative: headline and paragraphs from ranked facts, every number traceable."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from rotascope.kinds import Fact, Record
from rotascope.story.narrative import QUIET, Narrative, Segment, Sentence, narrate
from rotascope.story.score import ScoredFact, score_facts

ASOF = dt.date(2024, 7, 16)
START = dt.date(1987, 9, 10)


def move(
    window: int = 5,
    value: float = 11.54,
    since: dt.date | None = dt.date(2020, 4, 29),
    rank: int = 22,
    subject: str = "RUT",
    direction: str = "high",
) -> Fact:
    return Fact("move", subject, ASOF, value, "pct", f"{subject} moved {value:.4f}",
                window=window, start=dt.date(2024, 7, 9),
                record=Record(direction, since, 12.0, rank, 9279, START),
                details={"close": 2263.67, "start_close": 2029.47},
                label=f"{window}-session gain")  # fmt: skip


def spread(
    versus: str,
    value: float,
    since: dt.date | None,
    rank: int,
    vret: float,
    window: int = 5,
    direction: str = "high",
) -> Fact:
    return Fact("spread", "RUT", ASOF, value, "pp", f"RUT beat {versus} by {value:.4f}",
                versus=versus, window=window, start=dt.date(2024, 7, 9),
                record=Record(direction, since, 12.0, rank, 9279, START),
                details={"subject_return_pct": 11.54, "versus_return_pct": vret},
                label=f"{window}-session spread")  # fmt: skip


def period(subject: str, value: float) -> Fact:
    return Fact(
        "period",
        subject,
        ASOF,
        value,
        "pct",
        f"{subject} YTD {value:.4f}",
        window="YTD",
        start=dt.date(2023, 12, 29),
        label="YTD return",
    )


@pytest.fixture
def july() -> list[ScoredFact]:
    facts = [
        spread("SPX", 9.92, None, 1, 1.62),
        spread("NDX", 11.81, dt.date(2001, 4, 3), 6, -0.27),
        move(),
        move(window=1, value=3.5, since=dt.date(2024, 7, 11), rank=80),
        period("RUT", 11.7),
        period("SPX", 18.8),
        period("NDX", 21.2),
    ]
    return score_facts(facts)


def test_headline_leads_with_the_subjects_move_then_its_margins(july: list[ScoredFact]) -> None:
    n = narrate(july, subject="RUT")
    assert n.headline.text == (
        "Small caps had their best five sessions since April 2020, beating the S&P 500 by the "
        "widest margin on record and the Nasdaq 100 by the most since April 2001"
    )
    first = n.paragraph_texts()[0]
    assert first.startswith("The Russell 2000 rose 11.5% in the five sessions to Jul 16, 2024")
    assert "the widest margin since Apr 3, 2001" in first
    assert "(down 0.3%)" in first and "(up 1.6%)" in first


def test_context_paragraph_states_ytd_of_every_series(july: list[ScoredFact]) -> None:
    last = narrate(july, subject="RUT").paragraph_texts()[-1]
    assert "Year to date the Russell 2000 is up 11.7%" in last
    assert "+18.8% for the S&P 500" in last and "+21.2% for the Nasdaq 100" in last


def _numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"\d[\d,]*\.?\d*", text)]


def _candidates(f: Fact) -> set[float]:
    out: set[float] = set()
    vals = [f.value, *(v for v in f.details.values() if isinstance(v, (int, float)))]
    for v in vals:
        out |= {round(abs(v), 1), round(abs(v), 2)}  # the reader's unit
    rec = f.record
    if rec is not None:
        out |= {float(rec.rank), float(rec.out_of)}
    for d in (f.asof, f.start, rec.since if rec else None, rec.history_start if rec else None):
        if d is not None:
            out |= {float(d.year), float(d.day)}
    return out


def test_every_number_comes_from_the_fact_it_cites(july: list[ScoredFact]) -> None:
    n = narrate(july, subject="RUT")
    checked = 0
    for sentence in (n.headline, *(s for p in n.paragraphs for s in p)):
        for seg in sentence.segments:
            if seg.ref is None:
                assert not re.search(r"\d+\.\d|%", seg.text), seg.text  # no loose figures
                continue
            allowed = _candidates(july[seg.ref].fact)
            for x in _numbers(seg.text):
                assert any(abs(x - a) < 0.051 for a in allowed), (seg.text, x)
                checked += 1
    assert checked >= 10


def test_no_record_claim_without_a_notable_record() -> None:
    # the only fact: a gain whose record reaches back three days
    f = move(window=1, value=3.5, since=dt.date(2024, 7, 11), rank=80)
    n = narrate(score_facts([f]), subject="RUT")
    assert "since" not in n.headline.text.replace("since Sep", "")
    assert "best" not in " ".join(n.paragraph_texts())


def test_losses_read_as_worst_and_trailing() -> None:
    facts = [
        move(window=1, value=-14.3, since=None, rank=1, direction="low"),
        spread("SPX", -2.3, dt.date(2011, 10, 3), 30, -12.0, window=1, direction="low"),
    ]
    n = narrate(score_facts(facts), subject="RUT")
    assert n.headline.text == (
        "Small caps had their worst day on record, trailing the S&P 500 by the most since "
        "October 2011"
    )
    assert (
        "On the same day it trailed the S&P 500 (down 12.0%) by 2.3 points"
        in (n.paragraph_texts()[0])
    )


def test_spread_only_lead_when_the_move_holds_no_record() -> None:
    facts = [
        spread("SPX", 5.0, dt.date(2008, 1, 1), 3, -4.0),
        move(value=1.0, since=dt.date(2024, 7, 10), rank=3000),
    ]
    n = narrate(score_facts(facts), subject="RUT")
    assert (
        n.headline.text
        == "Small caps beat the S&P 500 over five sessions by the most since January 2008"
    )


def test_other_kinds_lead_with_their_own_sentence() -> None:
    f = Fact(
        "ratio",
        "RUT",
        ASOF,
        0.35,
        "ratio",
        "The ratio hit a low.",
        versus="SPX",
        record=Record("low", None, None, 1, 9000, START),
    )
    n = narrate(score_facts([f]), subject="RUT")
    assert n.headline.text == "The ratio hit a low"
    assert n.refs == (0,)


def test_remap_renumbers_every_reference(july: list[ScoredFact]) -> None:
    n = narrate(july, subject="RUT")
    mapping = {old: old + 100 for old in n.refs}
    m = n.remap(mapping)
    assert m.refs == tuple(r + 100 for r in n.refs)
    assert m.paragraph_texts() == n.paragraph_texts()


def test_empty_input_and_plain_sentence_api() -> None:
    assert "No facts" in narrate([], subject="RUT").headline.text
    s = Sentence((Segment("up "), Segment("5%", 3), Segment(" and "), Segment("2%", 1)))
    assert s.text == "up 5% and 2%" and s.refs == (3, 1)
    assert Narrative(s).to_dict()["headline"] == "up 5% and 2%"


# ----------------------------------------------------------- quiet days, ledes
def _day(subject: str, value: float, since: dt.date) -> Fact:
    rec = Record("high" if value > 0 else "low", since, value, 900, 9000, START)
    return Fact("move", subject, ASOF, value, "pct", f"The {subject} moved {value}%.",
                window=1, record=rec)  # fmt: skip


def test_a_calm_day_reads_as_one() -> None:
    week = ASOF - dt.timedelta(days=6)
    scored = score_facts([_day("RUT", -0.4, week), _day("SPX", -0.2, week), period("SPX", 5.0)])
    market = narrate(scored, subject=None)
    assert market.headline.text == QUIET
    first = market.paragraph_texts()[0]
    assert first.startswith("The SPX moved -0.2%.")  # the S&P 500 first, then the others
    assert "RUT" in first
    own = narrate(scored, subject="RUT")
    assert own.headline.text == (
        "A quiet session for the Russell 2000: nothing set a record reaching back more than a month"
    )


def test_a_lede_never_repeats_its_headline_word_for_word() -> None:
    rec = Record("high", None, None, 1, 9500, START)
    rc = Fact("record_close", "RUT", ASOF, 2467.7, "level", "", record=rec,
              details={"previous_record": "2021-11-08", "count_year": 1, "year": 2024})  # fmt: skip
    from rotascope.kinds import render

    rc = rc.with_text(render(rc))
    n = narrate(score_facts([rc]), subject="RUT")
    assert n.headline.text == "The Russell 2000 closed at its first record since November 2021"
    assert n.paragraph_texts()[0] == rc.text
    assert n.headline.text not in n.paragraph_texts()[0]


def test_no_score_or_statistic_in_the_readers_text(july: list[ScoredFact]) -> None:
    n = narrate(july, subject="RUT")
    text = " ".join([n.headline.text, *n.paragraph_texts()])
    for word in ("score", "rarity", "reach", "percentile", "t-statistic", "p-value", "0.00"):
        assert word not in text
