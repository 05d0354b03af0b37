"""Measures: pure functions over pandas/NumPy (no I/O).

Returns over sessions and calendar periods, records ("the biggest since"), relative
performance (spreads, ratios), drawdowns and scoreboards. Inputs are date-ordered
``pandas.Series`` of closes; nothing here reads files, the store or the network.

Examples
--------
>>> import pandas as pd
>>> from rotascope.measures import records, window_returns
>>> s = pd.Series([100.0, 90.0, 99.0, 120.0], index=pd.date_range("2024-01-01", periods=4))
>>> int(records(window_returns(s, 1))["rank"].iloc[-1])
1
"""

from __future__ import annotations

from rotascope.measures.drawdown import (
    DrawdownAt,
    Rally,
    RelativeDrawdown,
    distance_from,
    drawdown,
    drawdown_at,
    rally_from_trough,
    relative_drawdown,
)
from rotascope.measures.periods import (
    PeriodReturn,
    period_return,
    period_returns,
    return_between,
    return_since,
)
from rotascope.measures.records import record_row, records
from rotascope.measures.relative import (
    Alignment,
    align,
    ratio,
    ratio_change,
    spread,
    spread_table,
)
from rotascope.measures.returns import (
    DEFAULT_WINDOWS,
    returns_table,
    window_returns,
    window_starts,
)
from rotascope.measures.scoreboard import Scoreboard, parse_period, scoreboard

__all__ = [
    "DEFAULT_WINDOWS",
    "Alignment",
    "DrawdownAt",
    "PeriodReturn",
    "Rally",
    "RelativeDrawdown",
    "Scoreboard",
    "align",
    "distance_from",
    "drawdown",
    "drawdown_at",
    "parse_period",
    "period_return",
    "period_returns",
    "rally_from_trough",
    "ratio",
    "ratio_change",
    "record_row",
    "records",
    "relative_drawdown",
    "return_between",
    "return_since",
    "returns_table",
    "scoreboard",
    "spread",
    "spread_table",
    "window_returns",
    "window_starts",
]
