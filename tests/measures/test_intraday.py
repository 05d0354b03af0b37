"""Intraday extremes beside the close, and their records."""

from __future__ import annotations

from dataclasses import asdict

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.measures import MeasureInputError, intraday_extremes, intraday_moves

IDX = pd.bdate_range("2025-04-01", periods=5)
FRAME = pd.DataFrame(
    {
        "Open": [100.0, 101, 100, 95, 94],
        "High": [102.0, 103, 101, 96, 100],
        "Low": [99.0, 100, 94, 90, 91],
        "Close": [101.0, 100, 95, 95.5, 99],
    },
    index=IDX,
)


def test_one_session() -> None:
    e = intraday_extremes(FRAME, IDX[4])
    assert e is not None
    assert e.base == 95.5 and e.base_date == IDX[3]
    assert e.down_most == pytest.approx(91 / 95.5 - 1)
    assert e.up_most == pytest.approx(100 / 95.5 - 1)
    assert e.swing == pytest.approx(9 / 95.5)
    assert e.close_move == pytest.approx(99 / 95.5 - 1)
    # the intraday high of 100 was last reached on Apr 3 (101 >= 100)
    assert e.high_since == IDX[2] and e.close_high_since == IDX[1]  # close 100 on Apr 2
    assert e.low_since == IDX[3]  # Apr 4 low 90 <= 91
    # the close-based move of +3.7% is the biggest rise of the data (records began)
    assert pd.isna(e.close_move_since)
    f = e.to_frame()
    assert f.index.tolist() == ["intraday", "close"] and f.loc["intraday", "high"] == 100
    assert "<table" in e._repr_html_()


def test_window_and_records() -> None:
    e = intraday_extremes(FRAME, IDX[3], window=2)
    assert e is not None
    assert e.high == 101 and e.high_date == IDX[2] and e.low == 90 and e.low_date == IDX[3]
    assert e.close_low == 95 and e.close_low_date == IDX[2]
    assert e.base_date == IDX[1]
    assert e.down_most == pytest.approx(90 / 100 - 1)
    assert pd.isna(e.down_since) and e.down_rank == 1 and e.out_of == 2
    assert pd.isna(e.low_since)  # 90 is the lowest intraday level of the data


def test_close_only_rows_are_missing() -> None:
    f = FRAME.copy()
    f.loc[IDX[2], ["High", "Low"]] = f.loc[IDX[2], "Close"]
    assert intraday_extremes(f, IDX[2]) is None
    assert intraday_moves(f)["swing"].isna().tolist() == [True, False, True, False, False]
    assert intraday_extremes(f, IDX[0]) is None  # no close before the window
    with pytest.raises(MeasureInputError, match="no high"):
        intraday_extremes(FRAME[["Close"]])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(90, 110), st.floats(0.1, 5), st.floats(0.1, 5), st.floats(0, 1)),
        min_size=3,
        max_size=30,
    ),
    st.integers(1, 3),
    st.data(),
)
def test_bounds_and_no_look_ahead(rows: list[tuple[float, float, float, float]], w: int, data):
    mid = np.array([r[0] for r in rows])
    high = mid + np.array([r[1] for r in rows])
    low = mid - np.array([r[2] for r in rows])
    close = low + (high - low) * np.array([r[3] for r in rows])
    idx = pd.bdate_range("2020-01-01", periods=len(rows))
    f = pd.DataFrame({"high": high, "low": low, "close": close}, index=idx)
    k = data.draw(st.integers(0, len(rows) - 1))
    e = intraday_extremes(f, idx[k], window=w)
    if e is None:
        assert k < w
        return
    assert e.down_most <= e.close_move <= e.up_most
    assert e.low <= e.close_low <= e.close_high <= e.high
    longer = pd.concat([f, f.iloc[:2].set_axis(idx[-1] + pd.to_timedelta([1, 2], "D"))])
    again = intraday_extremes(longer, idx[k], window=w)
    assert pd.Series(asdict(again)).equals(pd.Series(asdict(e)))
