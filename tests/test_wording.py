"""The one wording module: each unit has one formatter, numbers in the reader's unit."""

from __future__ import annotations

import datetime as dt

import pytest

from rotascope import wording as w


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (11.539, {}, "11.5%"),
        (-3.4, {}, "-3.4%"),
        (0.04, {}, "0.04%"),  # two decimals below 0.095%
        (-0.0001, {}, "0.00%"),  # no "-0.00%"
        (-0.01, {"digits": 1}, "0.0%"),  # no "-0.0%"
        (2.0, {"signed": True}, "+2.0%"),
        (-2.0, {"signed": True}, "-2.0%"),
        (3.619, {"digits": 2}, "3.62%"),
        (float("nan"), {}, "n/a"),
        (None, {}, "n/a"),
    ],
)
def test_pct(value, kwargs, text):
    assert w.pct(value, **kwargs) == text


def test_points_and_basis_points_never_say_percent():
    assert w.points(9.92) == "9.9 points"
    assert w.points(-1.0) == "1.0 point"
    assert w.points(0.03) == "0.03 points"
    assert w.points(2.904, digits=2, long=True) == "2.90 percentage points"
    assert w.basis_points(-46.0) == "46 basis points"
    assert w.basis_points(1.0) == "1 basis point"
    assert w.basis_points(-46.0, short=True, signed=True) == "-46 bp"
    for text in (w.basis_points(4600.0), w.format_value(4600.0, "bp")):
        assert "%" not in text


def test_levels_and_counts():
    assert w.number(2263.671) == "2,263.67"
    assert w.number(0.399876) == "0.3999"
    assert w.yield_level(4.17) == "4.17%"
    assert w.multiple(21.34) == "21.3"
    assert w.count(9279) == "9,279"


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th"), (1234, "1,234th"),
     (1621, "1,621st")],
)  # fmt: skip
def test_ordinal_one_style(n, text):
    assert w.ordinal(n) == text


def test_percentile_ordinal_never_zero_and_only_the_top_is_100():
    assert w.percentile_ordinal(0.2) == "1st"
    assert w.percentile_ordinal(99.6) == "99th"
    assert w.percentile_ordinal(100.0) == "100th"


def test_dates_accept_dates_timestamps_and_iso_strings():
    import pandas as pd

    for v in (dt.date(2020, 4, 29), pd.Timestamp("2020-04-29"), "2020-04-29"):
        assert w.fmt_date(v) == "Apr 29, 2020"
        assert w.fmt_month(v) == "Apr 2020"
        assert w.long_month(v) == "April 2020"


def test_windows():
    assert w.window_words(1) == "one session"
    assert w.window_words(5) == "five sessions"
    assert w.window_words(63) == "63 sessions (about three months)"
    assert w.window_words(17) == "17 sessions"
    assert w.window_adjective(1) == "one-day"
    assert w.window_adjective(252) == "252-session"
    assert w.span(1, dt.date(2024, 7, 16)) == "on Jul 16, 2024"
    assert w.year_words(10) == ("ten years", "ten-year")
    assert w.horizon_words(63) == "three months"


def test_names():
    assert w.the_name("^GSPC") == "the S&P 500"
    assert w.the_name("RUT", start=True) == "The Russell 2000"
    assert w.name("NDX") == "Nasdaq 100"
    assert w.the_name("MYSTERY") == "MYSTERY"  # unknown symbols: no article
    assert w.the_name(None) == ""


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(11.54, "pct", "+11.5%"), (9.92, "pp", "+9.9 pp"), (-46, "bp", "-46 bp"),
     (0.39941, "ratio", "0.3994"), (21.34, "x", "21.3x"), (103, "count", "103"),
     (float("inf"), "pct", "n/a")],
)  # fmt: skip
def test_format_value_by_unit(value, unit, text):
    assert w.format_value(value, unit) == text
