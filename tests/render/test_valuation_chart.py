"""Valuation chart: the x-axis spans the history drawn, not beyond the as-of date."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rotascope.kinds.valuation import valuation_fact
from rotascope.render.valuation_chart import valuation_history_figure


def test_x_axis_runs_from_the_first_value_to_the_asof_date() -> None:
    idx = pd.date_range("1871-01-31", "2025-10-31", freq="ME", name="date")
    values = np.where(idx < pd.Timestamp("1881-01-01"), np.nan, 10 + np.sin(np.arange(idx.size)))
    s = pd.Series(values, index=idx)  # NaN before 1881 and data after the as-of month
    f = valuation_fact(s, subject="SPX", metric="cape", asof="2024-06-30")
    fig = valuation_history_figure(s, f)
    first = s.dropna().index[0]
    assert first == pd.Timestamp("1881-01-31")
    assert tuple(fig.layout.xaxis.range) == ("1881-01-31", "2024-06-30")
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    for trace in fig.data:
        xs = pd.to_datetime(pd.Series(trace.x))
        assert xs.min() >= lo and xs.max() <= hi
    assert fig.layout.shapes[0].x1 <= hi
