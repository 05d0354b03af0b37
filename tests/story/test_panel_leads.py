"""The editor's panel passes: on each panel date the story leads with what a desk would.

The source is the raw files read in plain pandas (``panel.py``: RUT, SPX and NDX with
their intraday highs and lows, and the 10-year yield), so the figures are the panel's.
Market-wide cases (the calm dates) run the market story
(:func:`rotascope.products.market.market_story`); the others the subject's story against
the other two indexes. The lead is the fact the headline cites (a move's headline also
cites its margins); it must match the case's :class:`~panel.Expect` or one of its
alternates: kind, series, window, the value rounded as a desk prints it, and the since
date (the previous record for a record close, the peak for a threshold, the pivot for a
turning point). A calm date must lead with the quiet-session sentence.
"""

from __future__ import annotations

import pytest
from panel import PANEL, Case
from panel_match import INDEXES, frames, matches

from published_data import RAW, need_raw
from rotascope.data import MemorySource
from rotascope.kinds.engine import FactEngine
from rotascope.products.market import market_story
from rotascope.story.narrative import QUIET, narrate
from rotascope.story.score import ScoredFact, score_facts

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def source() -> MemorySource:
    """The raw files, or in a clone without them the bundled closes (no highs/lows)."""
    return MemorySource(frames())


@pytest.fixture(scope="module")
def engine(source: MemorySource) -> FactEngine:
    return FactEngine(source)


def subject_story(engine: FactEngine, case: Case) -> tuple[str, list[ScoredFact]]:
    subject = case.expect.subject
    versus = [s for s in INDEXES if s != subject] if subject in INDEXES else []
    fs = engine.facts(subject, versus, asof=engine.asof_for(subject, case.date))
    scored = score_facts(fs)
    n = narrate(scored, subject=subject)
    return n.headline.text, [scored[i] for i in n.headline.refs]


def _id(case: Case) -> str:
    return f"{case.date}-{case.expect.kind}"


@pytest.mark.parametrize("case", [c for c in PANEL if not c.calm], ids=_id)
def test_the_story_leads_with_the_desk_lead(engine: FactEngine, case: Case) -> None:
    if not RAW and case.expect.kind == "intraday":
        need_raw("intraday highs and lows")  # this date leads with an intraday range
    headline, lead = subject_story(engine, case)
    assert lead, headline
    wanted = (case.expect, *case.alternates)
    assert any(matches(s.fact, e) for s in lead for e in wanted), (
        headline,
        [(s.fact.kind, s.fact.subject, s.fact.versus, s.fact.window, s.fact.value) for s in lead],
    )
    assert not headline.startswith("A quiet session")


@pytest.mark.parametrize("case", [c for c in PANEL if c.calm], ids=_id)
def test_calm_dates_read_as_quiet_sessions(source: MemorySource, case: Case) -> None:
    story = market_story(source, case.date)
    assert story.headline == QUIET
    assert story.lead is None and not any(s.remarkable for s in story.scored)
    first = story.narrative.paragraph_texts()[0]
    assert first.startswith("The S&P 500 ")  # the day's moves, stated plainly
    assert "record" not in first and "since" not in first


def test_the_market_story_finds_the_issues_example(source: MemorySource) -> None:
    """Market-wide, on the eve of the CPI rally: the Russell 2000's turning point."""
    story = market_story(source, "2023-11-13")
    assert story.lead is not None
    assert matches(story.lead.fact, PANEL[1].expect)
