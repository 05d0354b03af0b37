"""The report's catalyst section states the coming meetings' odds when prices are stored."""

from __future__ import annotations

from fedwatch_cases import DATES, DFF, futures_file
from rotascope.asof import AsOf
from rotascope.data import BundledSource, MemorySource
from rotascope.products.sections import build_sections

RUT = BundledSource().series("RUT")


def catalysts(source: MemorySource, asof: str) -> list:  # type: ignore[type-arg]
    secs, notes = build_sections(
        ("catalysts",), source, subject="RUT", versus=(), asof=AsOf.at(asof)
    )
    assert notes == []
    return [f for s in secs for f in s.facts]


def test_odds_of_the_next_two_meetings_join_the_catalysts() -> None:
    src = MemorySource({"RUT": RUT, "DFF": DFF}, futures=futures_file(DATES))
    facts = catalysts(src, "2024-09-13")
    odds = [f for f in facts if f.kind == "fedwatch"]
    assert [f.details["meeting"] for f in odds] == ["2024-09-18", "2024-11-07"]
    assert {f.kind for f in facts} >= {"catalyst", "fedwatch"}


def test_no_odds_without_prices_or_from_old_prices() -> None:
    bare = MemorySource({"RUT": RUT, "DFF": DFF})
    assert not [f for f in catalysts(bare, "2024-09-13") if f.kind == "fedwatch"]
    src = MemorySource({"RUT": RUT, "DFF": DFF}, futures=futures_file(DATES))
    assert not [f for f in catalysts(src, "2024-10-15") if f.kind == "fedwatch"]
