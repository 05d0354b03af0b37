"""Scoreboard of several series over several periods."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rotascope.measures.scoreboard import parse_period, scoreboard

IDX = pd.to_datetime(["2023-12-29", "2024-01-02", "2024-01-03", "2024-02-01"])


def test_parse_period() -> None:
    assert parse_period("1d") == 1
    assert parse_period("1y") == 252
    assert parse_period("3m") == 63
    assert parse_period("mtd") == "MTD"
    with pytest.raises(ValueError, match="period"):
        parse_period("fortnight")


def test_table() -> None:
    a = pd.Series([100.0, 101.0, 110.0, 121.0], index=IDX)
    b = pd.Series([10.0, 10.0, 9.0, 9.9], index=IDX)
    sb = scoreboard(
        {"A": a, "B": b}, ("1d", "MTD", "YTD", "5d"), asof="2024-01-03", since="2024-01-02"
    )
    v = sb.values
    assert list(v.columns) == ["1d", "MTD", "YTD", "5d", "since 2024-01-02"]
    assert v.loc["A", "1d"] == pytest.approx(110 / 101 - 1)
    assert v.loc["A", "YTD"] == pytest.approx(0.10)
    assert v.loc["B", "since 2024-01-02"] == pytest.approx(-0.10)
    assert np.isnan(v.loc["A", "5d"])
    assert sb.starts.loc["A", "YTD"] == pd.Timestamp("2023-12-29")
    assert sb.asof["A"] == pd.Timestamp("2024-01-03")
    with pytest.raises(ValueError, match="since"):
        scoreboard({"A": a}, ("since",))
