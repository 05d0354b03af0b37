"""Measures: pure functions over pandas/NumPy (no I/O).

Returns over sessions and calendar periods, records ("the biggest since"), relative
performance (spreads, ratios, A vs B since a date), drawdowns and scoreboards, and the
measures behind the common phrasings of market writing: turning points, level records,
thresholds crossed, correlation and beta, records within a scope and their counts,
members' leaders and laggards, intraday extremes. Inputs are date-ordered
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

from rotascope.measures._common import MeasureInputError
from rotascope.measures.comovement import Comovement, comovement_at, rolling_comovement
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
from rotascope.measures.intraday import IntradayExtremes, intraday_extremes, intraday_moves
from rotascope.measures.leaders import Leaders, leaders_laggards
from rotascope.measures.levels import LevelRecord, level_record, record_closes
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
from rotascope.measures.scoped import (
    RecordCount,
    ScopedRecord,
    record_close_count,
    scope_start,
    scoped_record,
    scoped_records,
    week_to_date,
)
from rotascope.measures.scoreboard import Scoreboard, parse_period, scoreboard
from rotascope.measures.thresholds import (
    Recovery,
    RoundCrossing,
    ThresholdsAt,
    default_step,
    drawdown_thresholds,
    round_number_crossings,
    thresholds_at,
)
from rotascope.measures.turning import TurningPoint, pivots, turning_point
from rotascope.measures.versus import PairReturn, pair_return_between, pair_return_since

__all__ = [
    "DEFAULT_WINDOWS",
    "Alignment",
    "Comovement",
    "DrawdownAt",
    "IntradayExtremes",
    "Leaders",
    "LevelRecord",
    "MeasureInputError",
    "PairReturn",
    "PeriodReturn",
    "Rally",
    "RecordCount",
    "Recovery",
    "RelativeDrawdown",
    "RoundCrossing",
    "ScopedRecord",
    "Scoreboard",
    "ThresholdsAt",
    "TurningPoint",
    "align",
    "comovement_at",
    "default_step",
    "distance_from",
    "drawdown",
    "drawdown_at",
    "drawdown_thresholds",
    "intraday_extremes",
    "intraday_moves",
    "leaders_laggards",
    "level_record",
    "pair_return_between",
    "pair_return_since",
    "parse_period",
    "period_return",
    "period_returns",
    "pivots",
    "rally_from_trough",
    "ratio",
    "ratio_change",
    "record_close_count",
    "record_closes",
    "record_row",
    "records",
    "relative_drawdown",
    "return_between",
    "return_since",
    "returns_table",
    "rolling_comovement",
    "round_number_crossings",
    "scope_start",
    "scoped_record",
    "scoped_records",
    "scoreboard",
    "spread",
    "spread_table",
    "thresholds_at",
    "turning_point",
    "week_to_date",
    "window_returns",
    "window_starts",
]
