"""The distribution chart: every N-session move of the subject, the latest one marked.

Bars over the round bins the measures counted
(:attr:`~rotascope.products.chart_data.MovesChart.bins`, from
:func:`rotascope.measures.histogram.histogram`), so the figure holds a hundred bars,
not ten thousand moves, and needs only plotly's bar trace. The latest move is a dashed
line with its rank (the move fact's record) written in a band kept free above the
tallest bar, on the side of the line facing the middle, so the label stays inside the
plot and never covers a bar.

Examples
--------
>>> import numpy as np, pandas as pd
>>> from rotascope.measures.histogram import histogram
>>> from rotascope.products.chart_data import MovesChart
>>> idx = pd.bdate_range("2020-01-01", periods=500)
>>> moves = pd.Series(np.random.default_rng(1).normal(0, 2, 500), idx)
>>> fig = distribution_chart(MovesChart("RUT", 5, "pct", moves, None, histogram(moves)))
>>> fig.data[0].type, int(sum(fig.data[0].y)) == 500
('bar', True)
"""

from __future__ import annotations

import plotly.graph_objects as go

from rotascope.products.chart_data import MovesChart
from rotascope.render import style
from rotascope.render.style import ACCENT, BARS, figure, rounded
from rotascope.symbols import display_name
from rotascope.wording import basis_points, fmt_date, ordinal, pct

__all__ = ["HEADROOM", "distribution_chart"]

#: The y-axis reaches this multiple of the tallest bar; the band above the bars holds
#: the latest move's label.
HEADROOM = 1.4


def distribution_chart(data: MovesChart, *, source: str = "") -> go.Figure:
    """Bars of every ``window``-session move in history, the latest one marked with
    its rank (the move facts' record).

    Parameters
    ----------
    data : MovesChart
        The moves (percent, or basis points for a yield) cut at the as-of date, and
        their bins.
    source : str, optional
        The source line.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    moves, window = data.moves, data.window
    span = "one-day" if window == 1 else f"{window}-session"
    title = f"{display_name(data.symbol)}: every {span} move"
    bp = data.unit == "bp"
    suffix = " bp" if bp else "%"
    if moves.empty:
        return figure(title, "not enough history", source=source)
    last_date, last = moves.index[-1], float(moves.iloc[-1])
    first = fmt_date(moves.index[0])
    subtitle = f"{len(moves):,} overlapping {span} moves, {first} to {fmt_date(last_date)}"
    if window == 1:
        subtitle = f"{len(moves):,} daily moves, {first} to {fmt_date(last_date)}"
    fig = figure(title, subtitle, source=source, x_title=f"{span} change ({suffix.strip()})",
                 y_title="number of moves", hover="closest")  # fmt: skip
    bins = data.bins
    counts = bins.counts.tolist()
    fig.add_trace(style.bar(
        x=rounded(bins.centers, 6), y=counts, width=bins.width, name=f"{span} moves",
        marker={"color": BARS, "line": {"width": 0}},
        hovertemplate=f"%{{x}}{suffix}: %{{y:,}} moves<extra></extra>",
    ))  # fmt: skip
    top = max(counts) if counts else 1
    lo, hi = float(bins.edges[0]), float(bins.edges[-1])
    fig.update_xaxes(range=[lo, hi], ticksuffix=suffix, zeroline=True, zerolinecolor="#bbb")
    fig.update_yaxes(range=[0, top * HEADROOM], rangemode="tozero")
    shown = basis_points(last, short=True, signed=True) if bp else pct(last, signed=True, digits=1)
    label = f"{fmt_date(last_date)}: {shown}"
    rec = data.record
    if rec is not None:
        word = ("largest rise" if last >= 0 else "largest fall") if bp else (
            "largest gain" if last >= 0 else "largest drop")  # fmt: skip
        label += f"<br>{ordinal(rec.rank)} {word} of {rec.out_of:,}"
    fig.add_shape(type="line", x0=last, x1=last, y0=0, y1=top * HEADROOM, xref="x", yref="y",
                  line={"color": ACCENT, "width": 2, "dash": "dash"})  # fmt: skip
    right_half = last >= (lo + hi) / 2
    fig.add_annotation(
        x=last, y=top * (HEADROOM - 0.03), xref="x", yref="y", text=label, showarrow=False,
        xanchor="right" if right_half else "left", xshift=-5 if right_half else 5,
        yanchor="top", align="right" if right_half else "left",
        font={"color": ACCENT, "size": 11},
    )  # fmt: skip
    fig.update_layout(bargap=0)
    return fig
