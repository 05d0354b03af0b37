"""The market story: the date's biggest story across every series, then the rotation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rotascope.data import BundledSource, MemorySource
from rotascope.errors import AsOfError
from rotascope.products.market import market_story
from rotascope.story.narrative import QUIET
from rotascope.story.score import RECENT_DECAY

IDX = pd.bdate_range("2019-01-01", periods=700, name="date")


def _walk(seed: int, scale: float = 0.004) -> pd.Series:
    rng = np.random.default_rng(seed)
    return pd.Series(100 * np.exp(np.cumsum(rng.normal(0, scale, len(IDX)))), index=IDX)


def _wave(phase: float, level: float = 100.0) -> pd.Series:
    """A ten-session wave of 1%: every value ties one ten sessions back (no news)."""
    one = level * (1 + 0.01 * np.sin(2 * np.pi * np.arange(10) / 10 + phase))
    return pd.Series(np.tile(one, len(IDX) // 10 + 1)[: len(IDX)], index=IDX)


def _record_three_sessions_ago() -> pd.Series:
    """A wave below an old high, then a record close three sessions before the end."""
    s = _wave(0.0, 98.8)
    s.iloc[:50] = np.linspace(90.0, 100.0, 50)  # the old high, 100, in the first weeks
    s.iloc[696] = 100.2  # the first record close since then
    return s


@pytest.fixture
def source() -> MemorySource:
    return MemorySource(
        {
            "RUT": _record_three_sessions_ago(),
            "SPX": _wave(1.0, 4000.0),
            "NDX": _wave(2.0, 15000.0),
            "IWM": _walk(4),  # tracks the Russell 2000: not a series of its own
            "SMB": pd.Series(np.random.default_rng(5).normal(0, 0.004, 300), index=IDX[:300]),
        }
    )


def test_this_weeks_record_close_leads_a_quiet_day(source: MemorySource) -> None:
    story = market_story(source)
    assert story.asof == IDX[-1]
    lead = story.lead
    assert lead is not None and lead.fact.kind == "record_close" and lead.fact.subject == "RUT"
    day = IDX[696]
    assert story.headline.startswith(f"On {day:%b} {day.day}, the Russell 2000 closed at")
    assert lead.parts["recency"] == pytest.approx(RECENT_DECAY**3)
    assert "IWM" not in story.series and "RUT" in story.series
    # SMB's data end long before the date: left out, and said so
    assert "SMB" not in story.series
    assert any("Left out of the market story" in n.text and "SMB" in n.text for n in story.notes)
    assert str(story).startswith(story.headline)
    assert story.to_frame()["score"].is_monotonic_decreasing
    assert story.to_dict()["headline"] == story.headline


def test_a_quiet_market_says_so(source: MemorySource) -> None:
    story = market_story(source, IDX[500])
    assert story.headline == QUIET and story.lead is None
    first = story.narrative.paragraph_texts()[0]
    assert first.startswith("The S&P 500 ")


def test_the_market_date_is_a_session_the_headline_indexes_share(
    source: MemorySource,
) -> None:
    saturday = IDX[500] + pd.Timedelta(days=(5 - IDX[500].dayofweek) % 7)
    story = market_story(source, saturday)
    assert story.asof < saturday and story.asof_info.moved
    with pytest.raises(AsOfError, match="after the last"):
        market_story(source, IDX[-1] + pd.Timedelta(days=30))


def test_the_latest_bundled_date_leads_with_the_russell_2000s_record_close() -> None:
    """The issue's case: the bundled data end on Sep 24, 2025; the news of the week is
    the Russell 2000's first record close since November 2021 (Sep 18, 2,467.70)."""
    story = market_story(BundledSource())
    assert story.asof == pd.Timestamp("2025-09-24")
    f = story.lead.fact if story.lead is not None else None
    assert f is not None and f.kind == "record_close" and f.subject == "RUT"
    assert f.asof.isoformat() == "2025-09-18" and round(f.value, 2) == 2467.70
    assert f.details["previous_record"] == "2021-11-08"
    assert story.headline.startswith(
        "On Sep 18, the Russell 2000 closed at its first record since November 2021"
    )
    rotation = story.narrative.paragraph_texts()[-1]  # then the rotation
    assert rotation.startswith(("In the rotation gauges", "Among the rotation gauges"))
    # the risk-free rate is no market: never scanned, whatever its id (ff:RF here)
    assert "ff:RF" in BundledSource().symbols() and "ff:RF" not in story.series
    assert "risk-free" not in str(story)
