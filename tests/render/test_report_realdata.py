"""The issue's acceptance on real data: what the report leads with, and as-of discipline.

Numbers in the narrative are checked against plain-pandas recomputations from the raw
files (independent of rotascope's measures), and against the figures the issue quotes.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pytest

from rotascope.data import LocalSource, MemorySource
from rotascope.render.build import report


def truncated(frames: dict[str, pd.DataFrame], asof: str) -> MemorySource:
    """The same frames without any value dated after ``asof``."""
    return MemorySource({s: f.loc[: pd.Timestamp(asof)] for s, f in frames.items()})


pytestmark = pytest.mark.realdata


def _since(values: pd.Series, asof: str) -> pd.Timestamp | None:
    """Latest earlier date with a value >= the value at ``asof`` (plain pandas)."""
    v = values.loc[asof]
    earlier = values.loc[: pd.Timestamp(asof) - pd.Timedelta(days=1)].dropna()
    hits = earlier[earlier >= v]
    return None if hits.empty else hits.index[-1]


@pytest.fixture(scope="module")
def july(raw_source: MemorySource):
    return report("RUT", ("SPX", "NDX"), "2024-07-16", source=raw_source, sections=())


def test_july_2024_leads_with_the_five_session_gain_and_lead_over_nasdaq(
    july, raw_source: MemorySource
) -> None:
    rut, ndx = raw_source.series("RUT"), raw_source.series("NDX")
    five = rut / rut.shift(5) - 1
    assert _since(five, "2024-07-16").strftime("%Y-%m") == "2020-04"  # the "April 2020"
    gain = five.loc["2024-07-16"]
    common = rut.index.intersection(ndx.index)
    a, b = rut.loc[common], ndx.loc[common]
    lead_ndx = (a / a.shift(5) - 1 - (b / b.shift(5) - 1)).loc["2024-07-16"]
    head = july.narrative.headline.text
    assert head.startswith("Small caps had their best five sessions since April 2020")
    assert "the Nasdaq 100 by the most since" in head
    first = july.narrative.paragraph_texts()[0]
    assert first.startswith(f"The Russell 2000 rose {gain * 100:.1f}% in the five sessions")
    ndx_five = (b / b.shift(5) - 1).loc["2024-07-16"]
    assert ndx_five < 0
    down, by = abs(ndx_five) * 100, lead_ndx * 100
    expected = f"It beat the Nasdaq 100 (down {down:.1f}%) by {by:.1f} points"
    assert expected in first, first
    # the facts the lead cites are the five-session move and spreads
    cited = [july.facts[r - 1].fact for r in july.narrative.paragraphs[0][0].refs]
    assert cited[0].kind == "move" and cited[0].window == 5


def test_nov_2023_leads_with_the_best_day_since_november_2022(raw_source: MemorySource) -> None:
    rep = report("RUT", ("SPX", "NDX"), "2023-11-14", source=raw_source, sections=())
    rut = raw_source.series("RUT")
    day = rut / rut.shift(1) - 1
    assert round(day.loc["2023-11-14"] * 100, 2) == 5.44  # SOURCES.md's check
    assert _since(day, "2023-11-14").strftime("%Y-%m") == "2022-11"
    assert rep.narrative.headline.text.startswith(
        "Small caps had their best day since November 2022"
    )
    assert rep.narrative.paragraph_texts()[0].startswith(
        "The Russell 2000 rose 5.4% on Nov 14, 2023"
    )


def test_report_is_identical_without_data_after_the_asof_date(
    raw_source: MemorySource, raw_frames: dict[str, pd.DataFrame]
) -> None:
    asof = "2024-07-16"
    full = report("RUT", ("SPX", "NDX"), asof, source=raw_source, sections=())
    cut = report("RUT", ("SPX", "NDX"), asof, source=truncated(raw_frames, asof), sections=())
    assert raw_source.series("RUT").index[-1] > pd.Timestamp(asof)  # later data exists
    assert _said(full) == _said(cut)
    assert full.narrative == cut.narrative
    for name, fig in full.charts.items():
        assert json.loads(fig.to_json()) == json.loads(cut.charts[name].to_json()), name


def _said(rep: Any) -> dict[str, Any]:
    """What a report says: everything but the data's own end date and version (which
    differ when later data exist, as they must)."""
    d = rep.to_dict()
    d.pop("data_version")
    d["asof_info"].pop("data_end")
    return d


class _Cut(LocalSource):
    """The default source without any daily value after a date."""

    def __init__(self, end: str) -> None:
        super().__init__()
        self.end = pd.Timestamp(end)

    def frame(self, symbol: str) -> pd.DataFrame:
        return super().frame(symbol).loc[: self.end]

    def series(self, symbol: str, column: str = "close") -> pd.Series:
        return super().series(symbol, column).loc[: self.end]

    def version(self) -> str:
        return super().version() + "-cut"


def test_report_via_the_default_source_with_sections_is_as_of_clean(rotascope_home) -> None:
    """Default data path (empty store -> bundled dataset), optional sections included."""
    a = report(asof="2024-07-16", source=LocalSource())
    b = report(asof="2024-07-16", source=_Cut("2024-07-16"))
    assert _said(a) == _said(b)
    assert [s.name for s in a.sections] == [s.name for s in b.sections]
    assert a.narrative.headline.text.startswith("Small caps had their best five sessions")
