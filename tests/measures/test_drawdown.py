"""Drawdowns, distance from a peak, A vs B, rallies."""

from __future__ import annotations

import pandas as pd
import pytest

from rotascope.measures.drawdown import (
    distance_from,
    drawdown,
    drawdown_at,
    rally_from_trough,
    relative_drawdown,
)

IDX = pd.date_range("2024-01-01", periods=6, name="date")
A = pd.Series([100.0, 120.0, 90.0, 96.0, 108.0, 102.0], index=IDX)
B = pd.Series([50.0, 50.0, 45.0, 47.0, 48.0, 48.0], index=IDX)


def test_running_drawdown() -> None:
    d = drawdown(A)
    assert d["drawdown"].tolist() == pytest.approx([0, 0, -0.25, -0.2, -0.1, -0.15])
    assert (d["peak_date"].iloc[1:] == IDX[1]).all()
    assert d["peak_value"].iloc[-1] == 120.0


def test_drawdown_at_and_trough() -> None:
    d = drawdown_at(A, "2024-01-05")
    assert d.value == pytest.approx(-0.1)
    assert d.peak_date == IDX[1]
    assert d.trough_date == IDX[2] and d.trough_value == 90.0
    assert d.rally == pytest.approx(108 / 90 - 1)
    # as of the peak itself: no drawdown
    assert drawdown_at(A, IDX[1]).value == 0.0
    # a lookback of two sessions finds a local peak
    local = drawdown_at(A, lookback=2)
    assert local.peak_date == IDX[4]
    assert local.value == pytest.approx(102 / 108 - 1)


def test_distance_from_and_relative() -> None:
    assert distance_from(A, IDX[1]) == pytest.approx(102 / 120 - 1)
    r = relative_drawdown(A, B)
    assert r.a.value == pytest.approx(-0.15)
    assert r.b_change == pytest.approx(48 / 50 - 1)
    assert r.gap == pytest.approx(-0.15 + 0.04)


def test_rally() -> None:
    r = rally_from_trough(A)
    assert r.trough_date == IDX[2]
    assert r.value == pytest.approx(102 / 90 - 1)
    r2 = rally_from_trough(A, start=IDX[3])
    assert r2.trough_date == IDX[3]
    with pytest.raises(ValueError):
        drawdown_at(A, "2020-01-01")
