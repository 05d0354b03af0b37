"""N-session moves on hand-made series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rotascope.measures.returns import returns_table, window_returns, window_starts


def _s(values: list[float]) -> pd.Series:
    return pd.Series(values, index=pd.date_range("2024-01-01", periods=len(values)), name="X")


def test_pct_moves() -> None:
    s = _s([100.0, 110.0, 99.0, 120.0])
    r1 = window_returns(s, 1)
    assert np.isnan(r1.iloc[0])
    assert r1.iloc[1] == pytest.approx(0.10)
    assert r1.iloc[2] == pytest.approx(-0.10)
    assert window_returns(s, 3).iloc[3] == pytest.approx(0.20)
    assert r1.name == "X"


def test_diff_and_compound() -> None:
    y = _s([4.0, 4.25, 4.0])
    assert window_returns(y, 2, how="diff").iloc[2] == pytest.approx(0.0)
    assert window_returns(y, 1, how="diff").iloc[1] == pytest.approx(0.25)
    r = _s([0.01, -0.02, 0.03])
    want = 1.01 * 0.98 * 1.03 - 1
    assert window_returns(r, 3, how="compound").iloc[2] == pytest.approx(want)
    assert np.isnan(window_returns(r, 3, how="compound").iloc[1])


def test_nan_rows_are_skipped_not_propagated() -> None:
    s = _s([100.0, np.nan, 110.0, 121.0])
    r = window_returns(s, 1)
    assert np.isnan(r.iloc[1])
    assert r.iloc[2] == pytest.approx(0.10)  # from the last value, not NaN
    assert window_starts(s, 1).iloc[2] == s.index[0]


def test_bad_window() -> None:
    with pytest.raises(ValueError, match="window"):
        window_returns(_s([1.0, 2.0]), 0)
    with pytest.raises(ValueError, match="how"):
        window_returns(_s([1.0, 2.0]), 1, how="log")  # type: ignore[arg-type]


def test_table_columns() -> None:
    t = returns_table(_s([1.0, 2.0, 4.0, 8.0]), (1, 2))
    assert list(t.columns) == [1, 2]
    assert t[2].iloc[3] == pytest.approx(3.0)
