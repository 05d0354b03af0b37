"""Leaders and laggards among point-in-time index members."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.errors import AsOfError
from rotascope.measures import MeasureInputError, leaders_laggards
from rotascope.measures.breadth import membership_mask

IDX = pd.bdate_range("2024-07-08", periods=5)
CLOSES = pd.DataFrame(
    {
        "AAA": [10.0, 11, 12, 14, 15.5],
        "BBB": [20.0, 19, 18, 17, 16],
        "CCC": [5.0, 5, 5, 5, 5.5],
        "GONE": [1.0, 2, 3, 4, 5],  # left the index on Jul 10
        "NEW": [np.nan, np.nan, 8, 9, 10],  # listed Jul 10
        "TIE": [10.0, 10, 10, 10, 11],  # ties CCC's +10%
    },
    index=IDX,
)
SPELLS = pd.DataFrame(
    {
        "ticker": ["AAA", "BBB", "CCC", "GONE", "NEW", "TIE"],
        "start": pd.to_datetime(["2000-01-03"] * 4 + ["2024-07-10", "2000-01-03"]),
        "end": pd.to_datetime([None, None, None, "2024-07-10", None, None]),
    }
)
MEMBERS = membership_mask(SPELLS, IDX, CLOSES.columns)


def test_since_a_date_counts_members_of_the_asof_date() -> None:
    lt = leaders_laggards(CLOSES, MEMBERS, since=IDX[0], n=2)
    assert lt.top["ticker"].tolist() == ["AAA", "CCC"]  # GONE (+400%) left the index
    assert lt.top["return"].iloc[0] == pytest.approx(0.55)
    assert lt.bottom["ticker"].tolist() == ["BBB", "CCC"]  # CCC/TIE tie: by ticker
    assert lt.members == 5 and lt.counted == 4 and lt.missing == ("NEW",)
    assert lt.coverage == pytest.approx(0.8)
    assert lt.median == pytest.approx(0.1)
    f = lt.to_frame()
    assert f["side"].tolist() == ["top", "top", "bottom", "bottom"]
    assert "<table" in lt._repr_html_()


def test_window_and_asof() -> None:
    lt = leaders_laggards(CLOSES, MEMBERS, IDX[3], window=1, n=1)
    assert lt.start == IDX[2] and lt.end == IDX[3]
    assert lt.top["ticker"].tolist() == ["AAA"] and lt.counted == 5
    # a weekend as-of uses the Friday row
    sat = leaders_laggards(CLOSES, MEMBERS, pd.Timestamp("2024-07-13"), window=1, n=1)
    assert sat.end == IDX[4]


def test_bad_input() -> None:
    with pytest.raises(MeasureInputError, match="exactly one"):
        leaders_laggards(CLOSES, MEMBERS, n=1)
    with pytest.raises(MeasureInputError, match="same dates"):
        leaders_laggards(CLOSES, MEMBERS.iloc[:-1], window=1)
    with pytest.raises(AsOfError):
        leaders_laggards(CLOSES, MEMBERS, IDX[1], window=3)
    with pytest.raises(AsOfError):
        leaders_laggards(CLOSES, MEMBERS, pd.Timestamp("2020-01-01"), window=1)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 8), st.integers(3, 10), st.data())
def test_ordering_membership_no_look_ahead(k: int, n_rows: int, data) -> None:
    idx = pd.bdate_range("2024-01-01", periods=n_rows)
    vals = data.draw(
        st.lists(st.floats(1.0, 100.0, allow_nan=False), min_size=k * n_rows, max_size=k * n_rows)
    )
    closes = pd.DataFrame(
        np.array(vals).reshape(n_rows, k), index=idx, columns=[f"T{i}" for i in range(k)]
    )
    member = data.draw(st.lists(st.booleans(), min_size=k * n_rows, max_size=k * n_rows))
    members = pd.DataFrame(np.array(member).reshape(n_rows, k), index=idx, columns=closes.columns)
    end = data.draw(st.integers(1, n_rows - 1))
    lt = leaders_laggards(closes, members, idx[end], since=idx[0], n=k)
    assert lt.top["return"].is_monotonic_decreasing
    assert set(lt.top["ticker"]) <= set(closes.columns[members.iloc[end]])
    assert lt.counted == int(members.iloc[end].sum())
    cut = leaders_laggards(closes.iloc[: end + 1], members.iloc[: end + 1], since=idx[0], n=k)
    pd.testing.assert_frame_equal(cut.to_frame(), lt.to_frame())
