"""Sentences rendered from a fact's fields by its kind's template (values in the reader's
unit), and the record clauses they share."""

from __future__ import annotations

import datetime as dt

import pytest

from rotascope.kinds import Fact, Record, render
from rotascope.kinds.phrases import is_notable, record_phrase

D = dt.date


def _rec(since: dt.date | None, rank: int = 5, out_of: int = 9000) -> Record:
    return Record("high", since, None if since is None else 13.0, rank, out_of, D(1987, 9, 17))


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
    f = _move(11.54, 5, _rec(D(2020, 4, 29), rank=22))
    assert render(f) == (
        "The Russell 2000 rose 11.5% in the five sessions to Jul 16, 2024, "
        "its biggest five-session gain since Apr 29, 2020."
    )


def test_one_day_and_losses() -> None:
    best = _move(5.44, 1, _rec(D(2022, 11, 10), rank=40))
    assert render(best) == (
        "The Russell 2000 rose 5.4% on Jul 16, 2024, its best day since Nov 10, 2022."
    )
    low = Record("low", D(2020, 3, 16), -14.0, 3, 9000, D(1987, 9, 11))
    worst = _move(-12.1, 1, low)
    assert render(worst).startswith("The Russell 2000 fell 12.1% on Jul 16, 2024, its worst day")
    assert "(the 3rd largest one-day loss since 1987)" in render(worst)
    flat = render(_move(0.0, 5, None))
    assert flat.endswith("was unchanged in the five sessions to Jul 16, 2024.")


def test_spread_ratio_drawdown_period_sentences() -> None:
    asof = D(2024, 7, 16)
    spread = Fact(
        kind="spread", subject="RUT", versus="SPX", asof=asof, value=-8.56, unit="pp",
        text="", window=252, details={"subject_return_pct": 17.2, "versus_return_pct": 25.8},
    )  # fmt: skip
    assert render(spread) == (
        "The Russell 2000 underperformed the S&P 500 by 8.6 points in the 252 sessions "
        "(about a year) to Jul 16, 2024 (17.2% vs 25.8%)."
    )
    ratio = Fact(
        kind="ratio", subject="RUT", versus="SPX", asof=asof, value=0.39937, unit="ratio",
        text="", record=Record("low", None, None, 1, 100, D(1987, 9, 10)),
        details={"change_window": 5, "change_pct": 9.8},
    )  # fmt: skip
    assert render(ratio) == (
        "The ratio of Russell 2000 to S&P 500 closed at 0.3994 on Jul 16, 2024, a record low "
        "(since Sep 1987). It rose 9.8% in the five sessions to Jul 16, 2024."
    )
    dd = Fact(
        kind="drawdown", subject="RUT", asof=asof, value=-7.33, unit="pct", text="",
        start=D(2021, 11, 8),
        details={"peak_date": "2021-11-08", "peak_value": 2442.74, "close": 2263.67},
    )  # fmt: skip
    assert render(dd) == (
        "The Russell 2000 closed 7.3% below its Nov 8, 2021 record close (2,442.74) on "
        "Jul 16, 2024."
    )
    vs = Fact(
        kind="drawdown_vs", subject="RUT", versus="SPX", asof=asof, value=-15.0, unit="pct",
        text="", start=D(2024, 7, 31),
        details={"peak_date": "2024-07-31", "peak_value": 2.0, "versus_change": -3.9},
    )  # fmt: skip
    assert render(vs).endswith("vs a 3.9% loss for the S&P 500 over the same dates.")
    period = Fact(
        kind="period", subject="SPX", asof=asof, value=18.8, unit="pct", text="",
        window="QTD", start=D(2024, 6, 28), details={"also": ["MTD"]},
    )  # fmt: skip
    assert render(period) == (
        "The S&P 500 is up 18.8% quarter and month to date (from the Jun 28, 2024 close) "
        "as of Jul 16, 2024."
    )


def test_yield_changes_are_never_percents() -> None:
    f = Fact(
        kind="yield_change", subject="DGS10", asof=D(2024, 7, 16), value=-46.0, unit="bp",
        text="", window=63, details={"level": 4.17},
    )  # fmt: skip
    text = render(f)
    assert text == (
        "The 10-year Treasury yield fell 46 basis points to 4.17% in the 63 sessions "
        "(about three months) to Jul 16, 2024."
    )
    assert "4600" not in text and "46.0%" not in text


def test_unknown_kind() -> None:
    with pytest.raises(KeyError, match="registered"):
        render(Fact(kind="nope", subject="X", asof=D(2024, 1, 1), value=1.0, unit="x", text=""))
