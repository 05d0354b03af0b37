"""Number, date and window wording, and sentences rendered from fields."""

from __future__ import annotations

import datetime as dt

import pytest

from rotascope.facts.fact import Fact, Record
from rotascope.facts.text import (
    fmt_date,
    fmt_month,
    is_notable,
    name,
    number,
    ordinal,
    pct,
    points,
    record_phrase,
    render,
    window_adjective,
    window_words,
)

D = dt.date


def test_numbers() -> None:
    assert pct(0.11539) == "11.5%"
    assert pct(-0.0344) == "-3.4%"
    assert pct(0.0006) == "0.06%"
    assert pct(0.02, signed=True) == "+2.0%"
    assert pct(float("nan")) == "n/a"
    assert points(0.1021) == "10.2 points"
    assert points(-0.01) == "1.0 point"
    assert number(2263.671) == "2,263.67"
    assert number(0.399876) == "0.3999"


def test_dates_and_words() -> None:
    assert fmt_date(D(2020, 4, 29)) == "Apr 29, 2020"
    assert fmt_date("2024-07-06") == "Jul 6, 2024"
    assert fmt_month(D(1987, 9, 10)) == "Sep 1987"
    assert window_words(1) == "one session"
    assert window_words(5) == "five sessions"
    assert window_words(21) == "21 sessions (about a month)"
    assert window_words(252) == "252 sessions (about a year)"
    assert window_words(30) == "30 sessions"
    assert window_adjective(1) == "one-day"
    assert window_adjective(5) == "five-session"
    assert window_adjective(63) == "63-session"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "102nd", "111th",
    ]  # fmt: skip


def test_names() -> None:
    assert name("RUT", start=True) == "The Russell 2000"
    assert name("SPX") == "the S&P 500"
    assert name("ZZZ", start=True) == "ZZZ"


def _rec(since: dt.date | None, rank: int = 5, out_of: int = 9000) -> Record:
    return Record("high", since, None if since is None else 0.13, rank, out_of, D(1987, 9, 17))


def test_record_phrases() -> None:
    asof = D(2024, 7, 16)
    assert record_phrase(_rec(D(2020, 4, 29), rank=22), asof, "biggest", "five-session gain") == (
        "its biggest five-session gain since Apr 29, 2020"
    )
    assert record_phrase(_rec(None, rank=1), asof, "biggest", "five-session gain") == (
        "the biggest five-session gain on record (since Sep 1987)"
    )
    with_rank = record_phrase(
        _rec(D(2020, 4, 29), rank=2), asof, "biggest", "day", rank_noun="one-day gain"
    )
    assert with_rank.endswith("(the 2nd largest one-day gain since 1987)")
    # a record reaching back a few days is not worth a clause
    recent = _rec(D(2024, 7, 11), rank=500)
    assert not is_notable(recent, asof)
    assert record_phrase(recent, asof, "biggest", "gain") == ""
    assert is_notable(_rec(D(2024, 7, 11), rank=3), asof)


def _move(value: float, window: int, record: Record | None) -> Fact:
    return Fact(
        kind="move", subject="RUT", asof=D(2024, 7, 16), value=value, unit="pct",
        text="", window=window, record=record,
    )  # fmt: skip


def test_target_sentence() -> None:
    f = _move(0.1154, 5, _rec(D(2020, 4, 29), rank=22))
    assert render(f) == (
        "The Russell 2000 rose 11.5% in the five sessions to Jul 16, 2024, "
        "its biggest five-session gain since Apr 29, 2020."
    )


def test_one_day_and_losses() -> None:
    best = _move(0.0544, 1, _rec(D(2022, 11, 10), rank=40))
    assert render(best) == (
        "The Russell 2000 rose 5.4% on Jul 16, 2024, its best day since Nov 10, 2022."
    )
    low = Record("low", D(2020, 3, 16), -0.14, 3, 9000, D(1987, 9, 11))
    worst = _move(-0.121, 1, low)
    assert render(worst).startswith("The Russell 2000 fell 12.1% on Jul 16, 2024, its worst day")
    assert "(the 3rd largest one-day loss since 1987)" in render(worst)
    flat = render(_move(0.0, 5, None))
    assert flat.endswith("was unchanged in the five sessions to Jul 16, 2024.")


def test_spread_ratio_drawdown_period_sentences() -> None:
    asof = D(2024, 7, 16)
    spread = Fact(
        kind="spread", subject="RUT", versus="SPX", asof=asof, value=-0.0856, unit="pp",
        text="", window=252, details={"subject_return": 0.172, "versus_return": 0.258},
    )  # fmt: skip
    assert render(spread) == (
        "The Russell 2000 underperformed the S&P 500 by 8.6 points in the 252 sessions "
        "(about a year) to Jul 16, 2024 (17.2% vs 25.8%)."
    )
    ratio = Fact(
        kind="ratio", subject="RUT", versus="SPX", asof=asof, value=0.39937, unit="ratio",
        text="", record=Record("low", None, None, 1, 100, D(1987, 9, 10)),
        details={"change_window": 5, "change": 0.098},
    )  # fmt: skip
    assert render(ratio) == (
        "The ratio of Russell 2000 to S&P 500 closed at 0.3994 on Jul 16, 2024, a record low "
        "(since Sep 1987). It rose 9.8% in the five sessions to Jul 16, 2024."
    )
    dd = Fact(
        kind="drawdown", subject="RUT", asof=asof, value=-0.0733, unit="pct", text="",
        start=D(2021, 11, 8),
        details={"peak_date": "2021-11-08", "peak_value": 2442.74, "close": 2263.67},
    )  # fmt: skip
    assert render(dd) == (
        "The Russell 2000 closed 7.3% below its Nov 8, 2021 record close (2,442.74) on "
        "Jul 16, 2024."
    )
    vs = Fact(
        kind="drawdown", subject="RUT", versus="SPX", asof=asof, value=-0.15, unit="pct",
        text="", start=D(2024, 7, 31),
        details={"peak_date": "2024-07-31", "peak_value": 2.0, "versus_change": -0.039},
    )  # fmt: skip
    assert render(vs).endswith("vs a 3.9% loss for the S&P 500 over the same dates.")
    period = Fact(
        kind="period", subject="SPX", asof=asof, value=0.188, unit="pct", text="",
        window="QTD", start=D(2024, 6, 28), details={"also": ["MTD"]},
    )  # fmt: skip
    assert render(period) == (
        "The S&P 500 is up 18.8% quarter and month to date (from the Jun 28, 2024 close) "
        "as of Jul 16, 2024."
    )


def test_unknown_kind() -> None:
    with pytest.raises(KeyError):
        render(Fact(kind="nope", subject="X", asof=D(2024, 1, 1), value=1.0, unit="x", text=""))
