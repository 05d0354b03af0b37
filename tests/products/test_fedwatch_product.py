"""``products.fedwatch``: the odds as of a date, the one as-of rule, notes and errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from fedwatch_cases import DATES, DFF, cut_path, futures_file
from rotascope.data import MemorySource
from rotascope.errors import AsOfError, DataError
from rotascope.products.fedwatch import ODDS_TABLE_COLUMNS, fedwatch

FUTURES = futures_file(DATES)


@pytest.fixture(scope="module")
def source() -> MemorySource:
    return MemorySource({"DFF": DFF}, futures=FUTURES)


def test_latest_prices_by_default(source: MemorySource) -> None:
    res = fedwatch(source)
    assert res.asof.session == DATES[-1] and res.asof.latest
    assert res.rate == 5.33 and res.target == (5.25, 5.5)
    frame = res.to_frame()
    assert list(frame.columns) == list(ODDS_TABLE_COLUMNS)
    assert frame["meeting"].dt.strftime("%m-%d").tolist() == ["09-18", "11-07", "12-18"]
    assert frame["cut"].iloc[0] == pytest.approx(cut_path(DATES).iloc[-1] * 100, abs=1e-6)
    assert (frame["cut"] + frame["hold"] + frame["hike"]).round(6).eq(100).all()
    data = json.loads(res.to_json())
    assert data["asof"]["session"] == "2024-09-13" and len(data["facts"]) == 3
    assert "<table" in res._repr_html_() and res.facts[0].text in str(res)


def test_a_date_without_prices_uses_the_last_before_it_with_a_note(source: MemorySource) -> None:
    gap = pd.Timestamp("2024-07-08")  # a weekday left out of the generated file
    assert gap not in DATES
    res = fedwatch(source, "2024-07-08")
    assert res.asof.session == pd.Timestamp("2024-07-05") and res.asof.moved
    assert [n.code for n in res.notes] == ["moved"]
    assert "the last fed funds futures data before it, Jul 5, 2024" in res.notes[0].text


def test_later_prices_change_nothing_earlier(source: MemorySource) -> None:
    day = DATES[45]
    early = MemorySource({"DFF": DFF}, futures=futures_file(DATES[:46]))
    a, b = fedwatch(early, day), fedwatch(source, day)
    assert [f.to_dict() for f in a.facts] == [f.to_dict() for f in b.facts]


def test_errors_say_what_to_do(source: MemorySource) -> None:
    with pytest.raises(DataError, match="no fed funds futures prices: import"):
        fedwatch(MemorySource({"DFF": DFF}))
    with pytest.raises(AsOfError, match="import newer prices with `rotascope data import FILE`"):
        fedwatch(source, "2024-10-15")
    with pytest.raises(AsOfError, match="before the fed funds futures data"):
        fedwatch(source, "2024-01-02")
    after_calendar = pd.DataFrame(
        {"date": ["2026-02-02"], "contract": ["2026-02"], "price": [96.4]}
    )  # the bundled FOMC calendar ends in 2025
    dff = pd.Series([3.6], index=pd.to_datetime(["2026-01-30"]))
    with pytest.raises(DataError, match="price no coming FOMC meeting"):
        fedwatch(MemorySource({"DFF": dff}, futures=after_calendar))


def test_an_old_effective_rate_is_noted() -> None:
    old = DFF.loc[:"2024-08-01"]
    res = fedwatch(MemorySource({"DFF": old}, futures=FUTURES))
    assert res.rate_date == pd.Timestamp("2024-08-01")
    texts = [n.text for n in res.notes if n.code == "stale"]
    assert any(
        t.startswith("The effective fed funds rate (DFF) ends on Aug 1, 2024") for t in texts
    )
    assert not any(
        "DFF" in n.text for n in fedwatch(MemorySource({"DFF": DFF}, futures=FUTURES)).notes
    )
