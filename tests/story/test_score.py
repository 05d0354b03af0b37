"""Ranking facts: score parts computed by hand, folding of near-duplicates, order."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rotascope.kinds import Fact, Record
from rotascope.story.score import (
    RECENT_DECAY,
    ScoredFact,
    explain,
    near_duplicates,
    reach_years,
    remarkable,
    same_story,
    score_fact,
    score_facts,
)

ASOF = dt.date(2024, 7, 16)
START = dt.date(1987, 9, 10)


def fact(
    kind: str = "move",
    window: int | str | None = 5,
    since: dt.date | None = dt.date(2020, 4, 29),
    rank: int = 22,
    out_of: int = 9279,
    value: float = 11.54,
    versus: str | None = None,
    direction: str = "high",
    record: bool = True,
) -> Fact:
    rec = Record(direction, since, 12.0, rank, out_of, START) if record else None
    return Fact(
        kind,
        "RUT",
        ASOF,
        value,
        "pct",
        f"{kind} {window} {versus}",
        versus=versus,
        window=window,
        record=rec,
        label=f"{window}-session {kind}",
    )


def test_parts_match_hand_computation() -> None:
    s = score_fact(fact())
    years = (ASOF - dt.date(2020, 4, 29)).days / 365.25
    assert s.reach == pytest.approx(years)
    assert s.parts["reach"] == pytest.approx(math.log2(1 + years))
    assert s.parts["rarity"] == pytest.approx(math.log10(9279 / 22))
    assert s.score == pytest.approx(sum(s.parts.values()))


def test_all_time_record_reaches_back_to_history_start() -> None:
    f = fact(since=None, rank=1)
    assert reach_years(f) == pytest.approx((ASOF - START).days / 365.25)
    assert score_fact(f).score > score_fact(fact()).score


def test_rarity_is_capped_by_independent_windows() -> None:
    long = score_fact(fact(window=252, rank=1))
    assert long.parts["rarity"] == pytest.approx(math.log10(9279 / 252))
    short = score_fact(fact(window=1, rank=1))
    assert short.parts["rarity"] == pytest.approx(math.log10(9279))


def test_fact_without_record_scores_zero() -> None:
    s = score_fact(fact(kind="period", window="YTD", record=False))
    assert s.score == 0.0 and s.reach is None


def test_weights_scale_parts() -> None:
    f = fact()
    s = score_fact(f, weights={"reach": 2.0, "rarity": 0.0, "percentile": 0.0})
    assert s.score == pytest.approx(2 * s.parts["reach"])


def test_neighbouring_windows_fold_into_the_best() -> None:
    f4 = fact(window=4, since=dt.date(2020, 4, 9))
    f5 = fact(window=5, since=dt.date(2020, 4, 29))
    f6 = fact(window=6, since=dt.date(2020, 6, 5))
    f21 = fact(window=21, since=dt.date(2024, 1, 2))
    scored = score_facts([f6, f21, f5, f4])
    assert [s.fact.window for s in scored] == [4, 21]
    assert {f.window for f in scored[0].folded} == {5, 6}


def test_same_record_through_several_windows_folds() -> None:
    a = fact(window=5, since=dt.date(2001, 4, 3))
    b = fact(window=21, since=dt.date(2001, 4, 3), rank=40)
    assert near_duplicates(a, b)
    assert len(score_facts([a, b])) == 1


def test_trivial_shared_since_is_not_a_duplicate() -> None:
    # both windows merely beat yesterday: no record worth folding
    a = fact(window=1, since=dt.date(2024, 7, 15), rank=400)
    b = fact(window=21, since=dt.date(2024, 7, 15), rank=900)
    assert not near_duplicates(a, b)


def test_different_pairs_or_directions_never_fold() -> None:
    a = fact(kind="spread", versus="SPX")
    assert not near_duplicates(a, fact(kind="spread", versus="NDX"))
    assert not near_duplicates(a, fact(kind="move"))
    assert not near_duplicates(fact(), fact(direction="low", value=-10.0))


def test_top_and_deterministic_order() -> None:
    facts = [fact(window=w, since=dt.date(2000 + w, 1, 1), rank=w) for w in (1, 2, 5, 10, 21)]
    scored = score_facts(facts, top=3)
    assert len(scored) == 3
    scores = [s.score for s in scored]
    assert scores == sorted(scores, reverse=True)
    assert [s.fact.window for s in score_facts(list(reversed(facts)), top=3)] == [
        s.fact.window for s in scored
    ]


def test_explain_shows_every_part() -> None:
    scored = score_facts([fact(), fact(kind="spread", versus="SPX", since=None, rank=1)])
    text = explain(scored)
    lines = text.splitlines()
    assert len(lines) == 3
    for s, line in zip(scored, lines[1:], strict=True):
        assert f"{s.score:.2f}" in line and f"{s.parts['reach']:.2f}" in line
        assert f"{s.parts['rarity']:.2f}" in line


def test_scored_fact_to_dict_round_trips_fact() -> None:
    s = score_facts([fact()])[0]
    d = s.to_dict()
    assert Fact.from_dict(d) == s.fact
    assert set(d["parts"]) == {"reach", "rarity"}
    assert isinstance(s, ScoredFact)


@given(
    days_a=st.integers(1, 15000),
    days_b=st.integers(1, 15000),
    rank=st.integers(1, 500),
)
def test_older_record_never_scores_lower(days_a: int, days_b: int, rank: int) -> None:
    old, new = max(days_a, days_b), min(days_a, days_b)
    fa = fact(since=ASOF - dt.timedelta(days=old), rank=rank)
    fb = fact(since=ASOF - dt.timedelta(days=new), rank=rank)
    assert score_fact(fa).score >= score_fact(fb).score


@given(r1=st.integers(1, 9000), r2=st.integers(1, 9000), window=st.sampled_from([1, 5, 21, 252]))
def test_better_rank_never_scores_lower(r1: int, r2: int, window: int) -> None:
    lo, hi = min(r1, r2), max(r1, r2)
    a = score_fact(fact(rank=lo, window=window))
    b = score_fact(fact(rank=hi, window=window))
    assert a.score >= b.score


# ------------------------------------------------------------ remarkable, or nothing
def test_a_record_since_the_previous_session_is_no_news() -> None:
    f = fact(window=1, since=ASOF - dt.timedelta(days=1), rank=400)
    s = score_fact(f)
    assert s.score == 0.0 and not s.remarkable and not remarkable(f)
    # a top-ten value is news however close its since-date is
    assert remarkable(fact(window=1, since=ASOF - dt.timedelta(days=3), rank=4))


def test_overlapping_windows_need_four_windows_of_reach() -> None:
    two_years = fact(window=252, since=ASOF - dt.timedelta(days=730), rank=300)
    five_years = fact(window=252, since=ASOF - dt.timedelta(days=5 * 365), rank=300)
    assert score_fact(two_years).score == 0.0
    assert score_fact(five_years).score > 0.0
    # five sessions: four windows is twenty sessions, about 29 calendar days
    assert not remarkable(fact(window=5, since=ASOF - dt.timedelta(days=28), rank=300))
    assert remarkable(fact(window=5, since=ASOF - dt.timedelta(days=30), rank=300))


def _record_close(previous: dt.date, asof: dt.date = dt.date(2025, 9, 18)) -> Fact:
    return Fact("record_close", "RUT", asof, 2467.7, "level", "",
                record=Record("high", None, None, 1, 9500, START),
                details={"previous_record": previous.isoformat(), "wait_rank": 4,
                         "wait_out_of": 400})  # fmt: skip


def test_kind_hints_say_how_far_the_news_reaches() -> None:
    first_in_years = score_fact(_record_close(dt.date(2021, 11, 8)))
    assert first_in_years.reach == pytest.approx(
        (dt.date(2025, 9, 18) - dt.date(2021, 11, 8)).days / 365.25
    )
    assert first_in_years.parts["rarity"] == pytest.approx(math.log10(400 / 4))
    assert score_fact(_record_close(dt.date(2025, 9, 17))).score == 0.0  # yesterday's record


def test_news_of_earlier_in_the_week_fades_per_session() -> None:
    f = _record_close(dt.date(2021, 11, 8))
    today = score_fact(f)
    later = score_fact(f, asof=dt.date(2025, 9, 24))  # four sessions later
    assert later.parts["recency"] == pytest.approx(RECENT_DECAY**4)
    assert later.score == pytest.approx(today.score * RECENT_DECAY**4)


def test_the_same_story_in_two_kinds_is_told_once_in_its_best_framing() -> None:
    d = dt.date(2025, 4, 9)
    rec = Record("high", dt.date(2008, 10, 28), 11.0, 11, 24000, dt.date(1928, 1, 3))
    move = Fact("move", "SPX", d, 9.5, "pct", "m", window=1, record=rec)
    intra = Fact("intraday", "SPX", d, 10.0, "pct", "i", window=1,
                 record=Record("high", dt.date(2008, 10, 28), 11.0, 3, 15000, START),
                 details={"field": "up_most"})  # fmt: skip
    year = Fact("scoped_record", "SPX", d, 9.5, "pct", "y", window=1,
                record=Record("high", None, None, 1, 67, dt.date(2025, 1, 2)))  # fmt: skip
    scored = score_facts([intra, year, move])
    assert [s.fact.kind for s in scored] == ["move"]  # the close is the best framing
    assert {f.kind for f in scored[0].folded} == {"intraday", "scoped_record"}
    rc = _record_close(dt.date(2021, 11, 8))
    count = Fact("record_count", "RUT", rc.asof, 1, "count", "c", window="year")
    assert same_story(rc, count) and len(score_facts([rc, count])) == 1
    spread = fact(kind="spread", versus="SPX")
    ratio = Fact("ratio", "RUT", ASOF, 0.4, "ratio", "r", versus="SPX")
    assert same_story(spread, ratio) and not same_story(spread, fact(kind="move"))
