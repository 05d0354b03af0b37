"""Plotly figures for valuation facts: history with percentile band, attribution bar.

Renderers only: they take the series to draw and the :class:`~rotascope.kinds.fact.Fact`
that states the numbers, compute no measure, and return a ``plotly`` Figure without
showing or saving it.

Examples
--------
>>> import pandas as pd
>>> from rotascope.kinds.valuation import valuation_fact
>>> s = pd.Series(range(1, 300), dtype=float,
...               index=pd.date_range("2000-01-31", periods=299, freq="ME", name="date"))
>>> f = valuation_fact(s, subject="SPX", metric="pe_trailing")
>>> fig = valuation_history_figure(s, f)
>>> [t.name for t in fig.data]
['trailing P/E', '20-year median', 'Nov 2024']
>>> fig.layout.xaxis.range
('2000-01-31', '2024-11-30')
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from rotascope.kinds._valuation import METRIC_LABELS
from rotascope.kinds.fact import Fact
from rotascope.symbols import display_name
from rotascope.wording import multiple
from rotascope.wording import pct as fmt_pct

__all__ = ["attribution_figure", "valuation_history_figure"]

_PARTS = (
    ("log_earnings", "earnings", "#2b8cbe"),
    ("log_multiple", "multiple", "#e6550d"),
    ("log_dividends", "dividends", "#31a354"),
    ("log_residual", "residual", "#969696"),
)


def _go() -> Any:
    import plotly.graph_objects as go  # lazy: plotting is optional

    return go


def valuation_history_figure(series: pd.Series, fact: Fact) -> Any:
    """Valuation history, the window's 10th-90th percentile band, median and current value.

    Parameters
    ----------
    series : pandas.Series
        The valuation history the fact was computed from.
    fact : Fact
        A ``valuation`` fact from :func:`~rotascope.kinds.valuation.valuation_fact`
        (its details carry the window's median and 10th/90th percentiles).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    go = _go()
    d = fact.details
    years = int(d["years"])
    label = METRIC_LABELS.get(str(d.get("metric", fact.label)), fact.label)
    asof = pd.Timestamp(fact.asof)
    hist = series.dropna().loc[:asof]
    start = pd.Timestamp(d["window_start"])
    fig = go.Figure()
    fig.add_shape(
        type="rect",
        x0=start,
        x1=asof,
        y0=d[f"q10_{years}y"],
        y1=d[f"q90_{years}y"],
        fillcolor="#9ecae1",
        opacity=0.35,
        line_width=0,
        layer="below",
    )
    fig.add_annotation(
        x=start,
        y=d[f"q90_{years}y"],
        text=f"{years}-year 10th-90th percentile",
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        font={"size": 11, "color": "#3182bd"},
    )
    fig.add_trace(go.Scatter(x=hist.index, y=hist.to_numpy(), mode="lines", name=label))
    fig.add_trace(
        go.Scatter(
            x=[start, asof],
            y=[d[f"median_{years}y"]] * 2,
            mode="lines",
            line={"dash": "dash", "color": "#636363"},
            name=f"{years}-year median",
        )
    )
    share = d[f"percentile_{years}y_pct"]
    fig.add_trace(
        go.Scatter(
            x=[asof],
            y=[fact.value],
            mode="markers+text",
            marker={"size": 10, "color": "#d62728"},
            text=[f"{multiple(fact.value)} ({fmt_pct(share, digits=0)} of {years}y at or below)"],
            textposition="top left",
            name=asof.strftime("%b %Y"),
            cliponaxis=False,  # the marker sits on the right edge of the range
        )
    )
    fig.update_layout(
        title=f"{display_name(fact.subject)}: {label}",
        yaxis_title=label,
        template="plotly_white",
        showlegend=True,
    )
    # The x-axis spans the history drawn, first value to the as-of date: autorange pads
    # past the last date (markers, text), which ran the axis years into the future.
    fig.update_xaxes(range=[f"{hist.index[0]:%Y-%m-%d}", f"{asof:%Y-%m-%d}"])
    return fig


def attribution_figure(fact: Fact) -> Any:
    """Stacked bar of an ``attribution`` fact's log parts, in percent of log return.

    The bars stack to the log price return (or total return with dividends); hover
    shows each part as a simple percentage change.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    go = _go()
    if fact.kind != "attribution":
        raise ValueError(f"expected an attribution fact, got kind {fact.kind!r}")
    d = fact.details
    fig = go.Figure()
    x = [str(fact.window or "")]
    total = 0.0
    for key, name, color in _PARTS:
        v = d.get(key)
        if v is None or (key == "log_residual" and abs(v) < 5e-4):
            continue
        total += v
        fig.add_trace(
            go.Bar(
                x=x,
                y=[v * 100],
                name=name,
                marker_color=color,
                text=[f"{name} {fmt_pct(math.expm1(v) * 100, signed=True, digits=0)}"],
                textposition="inside",
                hovertemplate=f"{name}: {math.expm1(v):+.1%}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[total * 100],
            mode="markers",
            marker={"symbol": "diamond", "size": 12, "color": "black"},
            name="total (log %)",
        )
    )
    total_text = (
        f"price {fmt_pct(fact.value, signed=True, digits=0)}"
        if d.get("log_dividends") is None
        else f"price {fmt_pct(fact.value, signed=True, digits=0)}, total return "
        f"{fmt_pct(d['total_return'], signed=True, digits=0)}"
    )
    fig.update_layout(
        barmode="relative",
        title=f"{display_name(fact.subject)}, {fact.window}: {total_text}",
        yaxis_title="contribution, log-percent",
        template="plotly_white",
    )
    return fig
