"""Bad input to the phrasing measures gives one clear rotascope error, never a traceback."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from rotascope.errors import AsOfError, RotascopeError
from rotascope.measures import (
    MeasureInputError,
    comovement_at,
    intraday_extremes,
    level_record,
    pair_return_since,
    pivots,
    record_close_count,
    scoped_record,
    thresholds_at,
    turning_point,
    week_to_date,
)

IDX = pd.bdate_range("2024-01-01", periods=5)
S = pd.Series([1.0, 2.0, 3.0, 2.0, 1.0], index=IDX)
EARLY = pd.Timestamp("2020-01-01")

CASES: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    ("unsorted", lambda: level_record(S.iloc[::-1]), MeasureInputError, "sorted"),
    ("not dated", lambda: level_record(S.reset_index(drop=True)), MeasureInputError, "date"),
    ("bad asof", lambda: level_record(S, "next tuesday"), MeasureInputError, "asof"),
    ("asof before data", lambda: level_record(S, EARLY), AsOfError, "later as-of"),
    ("thresholds early", lambda: thresholds_at(S, EARLY), AsOfError, "later as-of"),
    ("scoped early", lambda: scoped_record(S, EARLY), AsOfError, "later as-of"),
    ("count early", lambda: record_close_count(S, EARLY), AsOfError, "later as-of"),
    ("wtd early", lambda: week_to_date(S, EARLY), AsOfError, "later as-of"),
    ("turning early", lambda: turning_point(S, EARLY), AsOfError, "later as-of"),
    ("lookback 0", lambda: turning_point(S, lookback=0), MeasureInputError, "lookback"),
    ("threshold 0", lambda: pivots(S, 0.0), MeasureInputError, "threshold"),
    ("window 1", lambda: comovement_at(S, S, window=1), MeasureInputError, "window"),
    ("window 2.5", lambda: comovement_at(S, S, window=2.5), MeasureInputError, "window"),  # type: ignore[arg-type]
    ("since after", lambda: pair_return_since(S, S, IDX[3], IDX[1]), MeasureInputError, "after"),
    ("no ohlc", lambda: intraday_extremes(S.to_frame("close")), MeasureInputError, "high"),
]


@pytest.mark.parametrize(("name", "call", "error", "words"), CASES, ids=[c[0] for c in CASES])
def test_one_clear_error(
    name: str, call: Callable[[], object], error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words) as info:
        call()
    assert isinstance(info.value, RotascopeError) and isinstance(info.value, ValueError)
