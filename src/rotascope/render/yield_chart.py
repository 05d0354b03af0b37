"""A yield report's charts: the level over the last years and the gap to another yield,
in basis points where they move.

A yield has no ratio, no drawdown and nothing to rebase; what a desk shows is the
level (in percent, each line ending with its value) and, for two yields, their spread
(in basis points: the 10-year minus the 2-year is the curve). The changes'
distribution is :func:`rotascope.render.distribution_chart.distribution_chart` in
basis points.

Examples
--------
>>> import pandas as pd
>>> from rotascope.products.chart_data import LevelChart, SpreadChart
>>> idx = pd.bdate_range("2024-01-01", periods=5)
>>> fig = level_chart({"DGS10": LevelChart("DGS10", pd.Series([4.0, 4.1, 4.2, 4.1, 4.3], idx),
...                                        20.0, 5)})
>>> fig.layout.title.text.split("<br>")[0]
'10-year Treasury yield, last 5 years'
>>> fig = spread_chart(SpreadChart("DGS10", "DGS2", pd.Series([-30.0, -20, -10, 0, 5], idx)))
>>> fig.layout.yaxis.ticksuffix
' bp'
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from rotascope.products.chart_data import LEVEL_YEARS, LevelChart, SpreadChart
from rotascope.render import style
from rotascope.render.style import (
    ACCENT,
    LINE,
    EndLabel,
    add_key,
    color_of,
    date_axis,
    dates,
    end_labels,
    figure,
    label_width,
    rounded,
    value_range,
)
from rotascope.symbols import display_name
from rotascope.wording import basis_points, fmt_date, window_words

__all__ = ["level_chart", "spread_chart"]


def level_chart(levels: Mapping[str, LevelChart], *, source: str = "") -> go.Figure:
    """Each yield's level (percent) over the last years; the subject's change over the
    report's window, in basis points, in the subtitle.

    Parameters
    ----------
    levels : mapping of str to LevelChart
        The subject first, then its yield comparisons.
    source : str, optional
    """
    shown = [lv for lv in levels.values() if len(lv.values)]
    names = " and ".join(display_name(lv.symbol) for lv in shown[:2])
    title = f"{names}, last {LEVEL_YEARS} years"
    if not shown:
        return figure(title, "no data", source=source)
    main = shown[0]
    end = max(lv.values.index[-1] for lv in shown)
    subtitle = f"{fmt_date(main.values.index[-1])}: {main.values.iloc[-1]:.2f}%"
    if np.isfinite(main.change):
        change = basis_points(main.change, short=True, signed=True)
        subtitle += f", {change} over {window_words(main.window)}"
    texts = [f"{lv.values.iloc[-1]:.2f}%" for lv in shown]
    fig = figure(title, subtitle, source=source, right=label_width(texts))
    labels = []
    for i, (lv, text) in enumerate(zip(shown, texts, strict=True)):
        color = color_of(lv.symbol, i)
        name = display_name(lv.symbol)
        fig.add_trace(style.scatter(
            x=dates(lv.values.index), y=rounded(lv.values, 4), mode="lines", name=name,
            line={"color": color, "width": 1.8}, hovertemplate=f"%{{y:.2f}}%<extra>{name}</extra>",
        ))  # fmt: skip
        labels.append(EndLabel(float(lv.values.iloc[-1]), text, color))
    if len(shown) > 1:
        add_key(fig, [("●", color_of(lv.symbol, i), display_name(lv.symbol))
                      for i, lv in enumerate(shown)])  # fmt: skip
    date_axis(fig, min(lv.values.index[0] for lv in shown), end)
    fig.update_yaxes(ticksuffix="%")
    values = [v for lv in shown for v in lv.values.to_numpy()]
    end_labels(fig, end, labels, value_range(values))
    return fig


def spread_chart(data: SpreadChart, *, source: str = "") -> go.Figure:
    """The subject's yield minus the comparison's, in basis points, over the last years.

    Parameters
    ----------
    data : SpreadChart
    source : str, optional
    """
    gap = data.spread.dropna()
    title = f"{display_name(data.subject)} minus {display_name(data.versus)}"
    if gap.empty:
        return figure(title, "no common sessions", source=source)
    last_date, last = gap.index[-1], float(gap.iloc[-1])
    text = basis_points(last, short=True, signed=True)
    fig = figure(title, f"{fmt_date(last_date)}: {text}; last {LEVEL_YEARS} years",
                 source=source, right=label_width([text]))  # fmt: skip
    fig.add_trace(style.scatter(
        x=dates(gap.index), y=rounded(gap, 4), mode="lines", name="spread",
        line={"color": LINE, "width": 1.6}, hovertemplate="%{y:+.0f} bp<extra>spread</extra>",
    ))  # fmt: skip
    fig.add_hline(y=0, line={"color": "#999", "width": 1})
    date_axis(fig, gap.index[0], last_date)
    fig.update_yaxes(ticksuffix=" bp")
    end_labels(fig, last_date, [EndLabel(last, text, ACCENT)], value_range(gap, include=[0.0]))
    return fig
