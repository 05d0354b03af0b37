"""Optional sections: shown with data, left out (with a note) without, bugs propagate."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rotascope.data import LocalSource, MemorySource
from rotascope.render.sections import build_sections


@pytest.fixture
def series() -> dict[str, pd.Series]:
    idx = pd.bdate_range("2015-01-02", "2024-07-16", name="date")
    rng = np.random.default_rng(5)
    rut = pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(idx)))), index=idx, name="RUT")
    rut.iloc[-4:] = rut.iloc[-5] * np.cumprod([1.02, 1.02, 1.02, 1.02])  # four days up 2%
    spx = pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(idx)))), index=idx, name="SPX")
    return {"RUT": rut, "SPX": spx}


def test_streak_section_appears_for_a_current_run(series) -> None:
    secs, notes = build_sections(("streaks",), subject="RUT", versus=(), asof=None,
                                 series=series, source=MemorySource(series))  # fmt: skip
    assert notes == []
    [sec] = secs
    streak = next(f for f in sec.facts if f.kind == "streak")
    assert streak.value == 4.0  # plain count of the last sessions up more than 1%


def test_missing_data_leaves_the_section_out_with_a_note(series) -> None:
    secs, notes = build_sections(("factors",), subject="RUT", versus=("SPX",),
                                 asof=pd.Timestamp("2024-07-16").date(), series=series,
                                 source=MemorySource(series))  # fmt: skip
    assert secs == []
    assert len(notes) == 1 and notes[0].startswith("factors section left out")


class _Broken(MemorySource):
    def series(self, symbol: str, column: str = "close") -> pd.Series:
        raise RuntimeError("boom")


def test_bugs_are_not_swallowed(series) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        build_sections(("factors",), subject="RUT", versus=(), asof=None, series=series,
                       source=_Broken(series))  # fmt: skip


def test_unknown_section_name_is_an_error(series) -> None:
    with pytest.raises(ValueError, match="unknown section"):
        build_sections(("nope",), subject="RUT", versus=(), asof=None, series=series,
                       source=MemorySource(series))  # fmt: skip


def test_rotation_section_carries_equal_weight_and_style_pairs(rotascope_home) -> None:
    sections, _notes = build_sections(
        ("rotation",), subject="RUT", versus=("SPX",), asof=pd.Timestamp("2024-07-16").date(),
        series={}, source=LocalSource(),
    )  # fmt: skip
    [rotation] = sections
    pairs = {(f.subject, f.versus) for f in rotation.facts}
    # issue 10: RSP vs SPY and IWN vs IWF appear in the report's rotation section
    assert ("RSP", "SPY") in pairs and ("IWN", "IWF") in pairs


def test_breadth_section_on_a_fresh_install_uses_the_bundled_breadth(rotascope_home) -> None:
    sections, notes = build_sections(
        ("breadth",), subject="RUT", versus=(), asof=pd.Timestamp("2024-07-16"),
        series={}, source=LocalSource(),
    )  # fmt: skip
    assert notes == [] and len(sections) == 1
    f200 = next(f for f in sections[0].facts if f.window == 200)
    # the precomputed S&P 500 series: 387 of 484 members with 200 closes (docs/breadth.md)
    assert f200.details["eligible"] == 484 and round(f200.value / 100 * 484) == 387
