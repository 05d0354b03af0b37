"""Optional sections: shown with data, left out (with a note) without, bugs propagate."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rotascope.asof import AsOf
from rotascope.data import LocalSource, MemorySource
from rotascope.products.sections import Section, build_sections
from rotascope.render.sections import section_charts

ASOF = AsOf.at("2024-07-16")


@pytest.fixture
def series() -> dict[str, pd.Series]:
    idx = pd.bdate_range("2015-01-02", "2024-07-16", name="date")
    rng = np.random.default_rng(5)
    rut = pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(idx)))), index=idx, name="RUT")
    rut.iloc[-4:] = rut.iloc[-5] * np.cumprod([1.02, 1.02, 1.02, 1.02])  # four days up 2%
    spx = pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(idx)))), index=idx, name="SPX")
    return {"RUT": rut, "SPX": spx}


def test_streak_section_appears_for_a_current_run(series) -> None:
    secs, notes = build_sections(
        ("streaks",), MemorySource(series), subject="RUT", versus=(), asof=ASOF
    )
    assert notes == []
    [sec] = secs
    streak = next(f for f in sec.facts if f.kind == "streak")
    assert streak.value == 4.0  # plain count of the last sessions up more than 1%


def test_missing_data_leaves_the_section_out_with_a_note(series) -> None:
    secs, notes = build_sections(
        ("factors",), MemorySource(series), subject="RUT", versus=("SPX",), asof=ASOF
    )
    assert secs == []
    assert len(notes) == 1 and notes[0].code == "skipped"
    assert notes[0].text.startswith("factors section left out")


class _Broken(MemorySource):
    def series(self, symbol: str, column: str = "close") -> pd.Series:
        raise RuntimeError("boom")


def test_bugs_are_not_swallowed(series) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        build_sections(("factors",), _Broken(series), subject="RUT", versus=(), asof=ASOF)


def test_unknown_section_name_is_an_error(series) -> None:
    with pytest.raises(ValueError, match="unknown section"):
        build_sections(("nope",), MemorySource(series), subject="RUT", versus=(), asof=ASOF)


def test_rotation_section_carries_equal_weight_and_style_pairs(rotascope_home) -> None:
    sections, _notes = build_sections(
        ("rotation",), LocalSource(), subject="RUT", versus=("SPX",), asof=ASOF
    )
    [rotation] = sections
    pairs = {(f.subject, f.versus) for f in rotation.facts}
    # issue 10: RSP vs SPY and IWN vs IWF appear in the report's rotation section
    assert ("RSP", "SPY") in pairs and ("IWN", "IWF") in pairs


def test_breadth_section_on_a_fresh_install_uses_the_bundled_breadth(rotascope_home) -> None:
    sections, notes = build_sections(
        ("breadth",), LocalSource(), subject="RUT", versus=(), asof=ASOF
    )
    assert notes == [] and len(sections) == 1
    f200 = next(f for f in sections[0].facts if f.window == 200)
    # the precomputed S&P 500 series: 387 of 484 members with 200 closes (docs/breadth.md)
    assert f200.details["eligible"] == 484 and round(f200.value / 100 * 484) == 387


def test_a_section_says_what_its_product_says(rotascope_home) -> None:
    """The rotation section is the rotation product as of the report's session."""
    from rotascope.products.rotation import rotation

    [section], _ = build_sections(
        ("rotation",), LocalSource(), subject="RUT", versus=("SPX",), asof=ASOF
    )
    board = rotation(LocalSource(), "2024-07-16", 5)
    assert [f.to_dict() for f in section.facts] == [f.to_dict() for f in board.facts]


def test_factor_section_draws_its_decades_from_its_data(rotascope_home) -> None:
    [section], _notes = build_sections(
        ("factors",), LocalSource(), subject="RUT", versus=(), asof=ASOF
    )
    assert set(section.data) == {"decades"}
    charts = section_charts(section)
    assert set(charts) == {"decades"}
    assert section_charts(Section("rotation", "Rotation", facts=section.facts)) == {}
