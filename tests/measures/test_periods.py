"""Calendar-period returns start from the prior period's last close."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rotascope.measures.periods import (
    period_return,
    period_returns,
    return_between,
    return_since,
)

IDX = pd.to_datetime(
    ["2023-12-28", "2023-12-29", "2024-01-02", "2024-01-31", "2024-02-01", "2024-04-01"]
)
S = pd.Series([90.0, 100.0, 101.0, 105.0, 110.0, 120.0], index=IDX)


def test_ytd_mtd_qtd() -> None:
    ytd = period_return(S, "YTD", "2024-02-01")
    assert ytd.value == pytest.approx(0.10)
    assert ytd.start == pd.Timestamp("2023-12-29")
    mtd = period_return(S, "MTD", "2024-02-01")
    assert mtd.value == pytest.approx(110 / 105 - 1)
    qtd = period_return(S, "qtd")
    assert qtd.value == pytest.approx(120 / 110 - 1)
    assert qtd.start == pd.Timestamp("2024-02-01")


def test_first_period_has_no_base() -> None:
    r = period_return(S, "YTD", "2023-12-29")
    assert np.isnan(r.value) and pd.isna(r.start)


def test_vectorised_equals_pointwise() -> None:
    table = period_returns(S, "MTD")
    for d in S.index:
        one = period_return(S, "MTD", d)
        if np.isnan(one.value):
            assert np.isnan(table.loc[d, "value"])
        else:
            assert table.loc[d, "value"] == pytest.approx(one.value)
            assert table.loc[d, "start"] == one.start


def test_since_and_between() -> None:
    r = return_since(S, "2024-01-02", asof="2024-02-01")
    assert r.value == pytest.approx(110 / 101 - 1)
    assert r.label == "since 2024-01-02"
    # a non-session start falls back to the last value before it
    b = return_between(S, "2024-01-01", "2024-01-31")
    assert b.start == pd.Timestamp("2023-12-29")
    assert b.value == pytest.approx(0.05)
    assert np.isnan(return_between(S, "2020-01-01", "2024-01-31").value)


def test_bad_period() -> None:
    with pytest.raises(ValueError, match="period"):
        period_return(S, "WTD")  # type: ignore[arg-type]
