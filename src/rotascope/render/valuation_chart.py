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
>>> fig.layout.showlegend
False
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from rotascope.kinds._valuation import METRIC_LABELS
from rotascope.kinds.fact import Fact
from rotascope.render import style
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


def valuation_history_figure(series: pd.Series, fact: Fact, *, source: str = "") -> Any:
    """Valuation history, the window's 10th-90th percentile band, median and current value.

    The current value is labelled at the line's end; the percentile it sits at and the
    band's meaning are in the subtitle (no label inside the plot to collide with the
    line).

    Parameters
    ----------
    series : pandas.Series
        The valuation history the fact was computed from.
    fact : Fact
        A ``valuation`` fact from :func:`~rotascope.kinds.valuation.valuation_fact`
        (its details carry the window's median and 10th/90th percentiles).
    source : str, optional
        The source line.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    from rotascope.render import style as st

    d = fact.details
    years = int(d["years"])
    label = METRIC_LABELS.get(str(d.get("metric", fact.label)), fact.label)
    asof = pd.Timestamp(fact.asof)
    hist = series.dropna().loc[:asof]
    start = pd.Timestamp(d["window_start"])
    share = d[f"percentile_{years}y_pct"]
    text = multiple(fact.value)
    subtitle = (
        f"{asof:%b %Y}: {text}, at or above {fmt_pct(share, digits=0)} of the last "
        f"{years} years' values (median {multiple(d[f'median_{years}y'])})"
    )
    fig = st.figure(f"{display_name(fact.subject)}: {label}", subtitle, source=source,
                 right=st.label_width([text]), hover="x unified")  # fmt: skip
    fig.add_shape(
        type="rect", x0=start, x1=asof, y0=d[f"q10_{years}y"], y1=d[f"q90_{years}y"],
        fillcolor=st.BAND, opacity=0.6, line_width=0, layer="below",
    )  # fmt: skip
    fig.add_trace(style.scatter(
        x=st.dates(hist.index), y=st.rounded(hist, 4), mode="lines", name=label,
        line={"color": st.LINE, "width": 1.4}, hovertemplate=f"%{{y:.1f}}<extra>{label}</extra>",
    ))  # fmt: skip
    fig.add_trace(style.scatter(
        x=st.dates([start, asof]), y=[d[f"median_{years}y"]] * 2, mode="lines",
        line={"dash": "dash", "color": st.MUTED, "width": 1.2}, name=f"{years}-year median",
        hovertemplate=f"%{{y:.1f}}<extra>{years}-year median</extra>",
    ))  # fmt: skip
    fig.add_trace(style.scatter(
        x=st.dates([asof]), y=[fact.value], mode="markers", marker={"size": 9, "color": st.ACCENT},
        name=asof.strftime("%b %Y"), cliponaxis=False,  # on the right edge of the range
        hovertemplate=f"%{{y:.1f}}<extra>{asof:%b %Y}</extra>",
    ))  # fmt: skip
    st.add_key(fig, [("■", st.BAND, f"10th-90th percentile, last {years} years"),
                  ("- -", st.MUTED, "median")])  # fmt: skip
    # The x-axis spans the history drawn, first value to the as-of date: autorange pads
    # past the last date (markers, text), which ran the axis years into the future.
    st.date_axis(fig, hist.index[0], asof)
    band = [d[f"q10_{years}y"], d[f"q90_{years}y"]]
    st.end_labels(fig, asof, [st.EndLabel(float(fact.value), text, st.ACCENT)],
               st.value_range(hist, include=band))  # fmt: skip
    return fig


def attribution_figure(fact: Fact, *, source: str = "") -> Any:
    """Stacked bar of an ``attribution`` fact's log parts, in percent of log return.

    The bars stack to the log price return (or total return with dividends); each bar
    is labelled with its part as a simple percentage change, and the key names them.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    from rotascope.render.style import INK, add_key, figure

    if fact.kind != "attribution":
        raise ValueError(f"expected an attribution fact, got kind {fact.kind!r}")
    d = fact.details
    total_text = (
        f"price {fmt_pct(fact.value, signed=True, digits=0)}"
        if d.get("log_dividends") is None
        else f"price {fmt_pct(fact.value, signed=True, digits=0)}, total return "
        f"{fmt_pct(d['total_return'], signed=True, digits=0)}"
    )
    fig = figure(f"{display_name(fact.subject)}, {fact.window}: {total_text}",
                 "what the return came from, in percent of log return", source=source,
                 y_title="contribution, log-percent", hover="closest")  # fmt: skip
    x = [str(fact.window or "")]
    total = 0.0
    items = []
    for key, name, color in _PARTS:
        v = d.get(key)
        if v is None or (key == "log_residual" and abs(v) < 5e-4):
            continue
        total += v
        fig.add_trace(style.bar(
            x=x, y=[v * 100], name=name, marker_color=color, textposition="inside",
            text=[f"{name} {fmt_pct(math.expm1(v) * 100, signed=True, digits=0)}"],
            hovertemplate=f"{name}: {math.expm1(v):+.1%}<extra></extra>",
        ))  # fmt: skip
        items.append(("■", color, name))
    fig.add_trace(style.scatter(
        x=x, y=[total * 100], mode="markers", name="total (log %)",
        marker={"symbol": "diamond", "size": 12, "color": INK},
    ))  # fmt: skip
    add_key(fig, [*items, ("◆", INK, "total")])
    fig.update_layout(barmode="relative")
    fig.update_xaxes(type="category")
    return fig
