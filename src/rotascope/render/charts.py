"""Plotly figures of the report. Builders return ``go.Figure`` and never show or print.

Every number drawn is one the fact engine measured: the report's
:class:`~rotascope.products.chart_data.ChartData` holds the memo's whole-history
ratios, N-session moves and drawdowns with their record tables, cut at the as-of
session. This module only lays them out; :func:`main_charts` draws them all.

Examples
--------
>>> import numpy as np, pandas as pd
>>> from rotascope.data import MemorySource
>>> from rotascope.kinds.engine import engine_for
>>> from rotascope.products.chart_data import chart_data
>>> idx = pd.bdate_range("2020-01-01", periods=300, name="date")
>>> src = MemorySource({"RUT": pd.Series(np.arange(100.0, 400.0), idx),
...                     "SPX": pd.Series(200.0, idx)})
>>> data = chart_data(engine_for(src), "RUT", ("SPX",), idx[-1])
>>> fig = ratio_chart(data.ratios["SPX"], source="test data")
>>> fig.layout.title.text.split("<br>")[0]
'Russell 2000 / S&P 500: price ratio'
>>> sorted(main_charts(data, source="test data"))
['distribution', 'drawdown', 'ratio_SPX', 'rebased']
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from rotascope.measures.records import record_row
from rotascope.products.chart_data import ChartData, MovesChart, RatioChart, RebasedLine
from rotascope.symbols import display_name
from rotascope.wording import basis_points, fmt_date, ordinal, pct

__all__ = [
    "color_of",
    "distribution_chart",
    "drawdown_chart",
    "main_charts",
    "ratio_chart",
    "rebased_chart",
]

_PALETTE = ("#d1495b", "#00798c", "#6a4c93", "#edae49", "#30638e", "#8c564b")
_FIXED = {"RUT": "#d1495b", "SPX": "#00798c", "NDX": "#6a4c93", "IWM": "#d1495b"}
_GRID = "#e8ebf0"
_FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"


def color_of(symbol: str, position: int = 0) -> str:
    """Stable colour of a symbol in every chart.

    Examples
    --------
    >>> color_of("RUT")
    '#d1495b'
    """
    return _FIXED.get(symbol, _PALETTE[position % len(_PALETTE)])


def _layout(fig: go.Figure, title: str, subtitle: str, source: str, *, height: int = 460) -> None:
    fig.update_layout(
        template="none",  # the big built-in templates cost ~0.3 s per figure to validate
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(_PALETTE),
        title={"text": f"{title}<br><sup>{subtitle}</sup>", "x": 0.01, "xanchor": "left",
               "y": 0.97, "yanchor": "top"},
        font={"family": _FONT, "size": 13},
        height=height,
        autosize=True,
        margin={"l": 64, "r": 24, "t": 78, "b": 132},
        legend={"orientation": "h", "yanchor": "top", "y": -0.14, "xanchor": "left", "x": 0,
                "font": {"size": 12}},
        hovermode="x unified",
    )  # fmt: skip
    fig.update_xaxes(gridcolor=_GRID, linecolor="#999", zeroline=False, automargin=True)
    fig.update_yaxes(gridcolor=_GRID, linecolor="#999", zerolinecolor="#bbb", automargin=True)
    if source:
        fig.add_annotation(
            text="<br>".join(textwrap.wrap(f"Source: {source}", 90)),
            xref="paper", yref="paper", x=0, y=-0.40, xanchor="left", yanchor="top",
            showarrow=False, font={"size": 11, "color": "#666"}, align="left",
        )  # fmt: skip


def _date_axis(fig: go.Figure, *, short: bool = False) -> None:
    fig.update_xaxes(
        type="date", tickformat="%b %-d" if short else "%Y", hoverformat="%b %-d, %Y",
        showgrid=True, ticks="outside",
    )  # fmt: skip


def ratio_chart(data: RatioChart, *, source: str = "") -> go.Figure:
    """Ratio ``subject / versus`` over its full history, current value and records marked.

    Marks the current value, the last earlier date the ratio was as low (or as high)
    as now, and every all-time high and low it set after its first year.

    Parameters
    ----------
    data : RatioChart
        The ratio and its record tables, cut at the as-of date.
    source : str, optional
        The source line.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    r = data.ratio
    title = f"{display_name(data.subject)} / {display_name(data.versus)}: price ratio"
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=r.index,
            y=r.to_numpy(),
            mode="lines",
            name="ratio",
            line={"color": "#30638e", "width": 1.4},
            hovertemplate="%{y:.4f}<extra>ratio</extra>",
        )
    )
    if r.empty:
        _layout(fig, title, "no common sessions", source)
        return fig
    last_date, last = r.index[-1], float(r.iloc[-1])
    lows, highs = data.lows, data.highs
    for table, word, symbol in ((highs, "high", "triangle-up"), (lows, "low", "triangle-down")):
        firsts = table.index[table["since"].isna() & table["rank"].notna()]
        firsts = firsts[firsts > r.index[min(251, len(r) - 1)]]
        if len(firsts):
            fig.add_trace(
                go.Scatter(
                    x=firsts,
                    y=r.reindex(firsts).to_numpy(),
                    mode="markers",
                    name=f"record {word}s",
                    marker={
                        "symbol": symbol,
                        "size": 6,
                        "opacity": 0.75,
                        "color": "#2a9d8f" if word == "high" else "#e76f51",
                    },
                    hovertemplate=f"record {word} %{{y:.4f}}<extra></extra>",
                )
            )
    low_row, high_row = record_row(lows, last_date), record_row(highs, last_date)
    subtitle = f"{fmt_date(last_date)}: {last:.4f}"
    ref = _reference(low_row, high_row)
    if ref is not None:
        word, row = ref
        if row["since"] is None:
            subtitle += f", the {'lowest' if word == 'low' else 'highest'} on record"
        else:
            since = pd.Timestamp(row["since"])
            subtitle += (
                f", the {'lowest' if word == 'low' else 'highest'} since "
                f"{fmt_date(since)} ({row['since_value']:.4f})"
            )
            fig.add_trace(
                go.Scatter(
                    x=[since],
                    y=[row["since_value"]],
                    mode="markers",
                    name=f"last this {word}",
                    marker={
                        "symbol": "circle-open",
                        "size": 13,
                        "color": "#333",
                        "line": {"width": 2},
                    },
                    hovertemplate=f"last this {word}: %{{y:.4f}}<extra></extra>",
                )
            )
    fig.add_trace(
        go.Scatter(
            x=[last_date],
            y=[last],
            mode="markers+text",
            name="now",
            marker={"size": 10, "color": "#d1495b"},
            text=[f"{last:.3f}"],
            textposition="top left",
            hovertemplate="now %{y:.4f}<extra></extra>",
        )
    )
    _layout(fig, title, subtitle, source)
    _date_axis(fig)
    fig.update_yaxes(title_text=f"{data.subject} / {data.versus}", tickformat=".2f")
    return fig


def _reference(low_row: dict | None, high_row: dict | None) -> tuple[str, dict] | None:
    """The direction whose record reaches further back (all-time first, then oldest)."""
    rows = [(w, r) for w, r in (("low", low_row), ("high", high_row)) if r is not None]
    if not rows:
        return None
    return min(rows, key=lambda wr: (wr[1]["since"] is not None, wr[1]["since"] or 0))


def distribution_chart(data: MovesChart, *, source: str = "") -> go.Figure:
    """Histogram of every ``window``-session move in history, the latest one marked with
    its rank (the move facts' record).

    Parameters
    ----------
    data : MovesChart
        The moves (percent, or basis points for a yield) cut at the as-of date.
    source : str, optional
        The source line.
    """
    moves = data.moves
    name = display_name(data.symbol)
    window = data.window
    span = "one-day" if window == 1 else f"{window}-session"
    title = f"{name}: every {span} move"
    fig = go.Figure()
    if moves.empty:
        _layout(fig, title, "not enough history", source)
        return fig
    bp = data.unit == "bp"
    last_date, last = moves.index[-1], float(moves.iloc[-1])
    x = moves.to_numpy() if bp else moves.to_numpy() / 100.0
    fig.add_trace(
        go.Histogram(
            x=x,
            nbinsx=120,
            name=f"{span} moves",
            marker={"color": "#9fb7c9"},
            hovertemplate="%{x}: %{y} moves<extra></extra>",
        )
    )
    shown = basis_points(last, short=True, signed=True) if bp else pct(last, signed=True, digits=1)
    label = f"{fmt_date(last_date)}: {shown}"
    rec = data.record
    if rec is not None:
        word = "largest gain" if last >= 0 else "largest drop"
        if bp:
            word = "largest rise" if last >= 0 else "largest fall"
        label += f"<br>{ordinal(rec.rank)} {word} of {rec.out_of:,}"
    at = last if bp else last / 100.0
    fig.add_vline(x=at, line={"color": "#d1495b", "width": 2, "dash": "dash"})
    fig.add_annotation(
        x=at,
        y=1,
        yref="paper",
        text=label,
        showarrow=False,
        xanchor="right" if last >= 0 else "left",
        yanchor="top",
        font={"color": "#d1495b"},
        align="right" if last >= 0 else "left",
        bgcolor="rgba(255,255,255,0.85)",
    )
    first, last_day = fmt_date(moves.index[0]), fmt_date(last_date)
    subtitle = f"{len(moves):,} overlapping {span} moves, {first} to {last_day}"
    _layout(fig, title, subtitle, source)
    fig.update_layout(hovermode="closest", showlegend=False, bargap=0.02)
    if bp:
        fig.update_xaxes(title_text=f"{span} change", ticksuffix=" bp", zeroline=True)
    else:
        fig.update_xaxes(title_text=f"{span} change", tickformat=".0%", zeroline=True)
    fig.update_yaxes(title_text="number of sessions")
    return fig


def rebased_chart(
    lines: Sequence[RebasedLine], *, period: str = "YTD", source: str = ""
) -> go.Figure:
    """Each series over a calendar period (YTD, QTD or MTD), rebased to 100.

    The base is each series' last close before the period began, as the period facts
    measure it (:func:`rotascope.measures.periods.period_return`).
    """
    fig = go.Figure()
    base_day = None
    for i, line in enumerate(lines):
        base_day = line.base_date
        y = line.values.to_numpy()
        name = display_name(line.symbol)
        fig.add_trace(
            go.Scatter(
                x=line.values.index,
                y=y,
                mode="lines",
                name=f"{name} ({pct(y[-1] - 100, signed=True, digits=1)})",
                line={"color": color_of(line.symbol, i), "width": 2},
                hovertemplate="%{y:.1f}<extra>" + name + "</extra>",
            )
        )
    words = {"YTD": "Year to date", "QTD": "Quarter to date", "MTD": "Month to date"}
    title = f"{words.get(period.upper(), period)}, rebased to 100"
    subtitle = "" if base_day is None else f"100 = close of {fmt_date(base_day)}"
    _layout(fig, title, subtitle, source)
    _date_axis(fig, short=True)
    fig.add_hline(y=100, line={"color": "#999", "width": 1})
    fig.update_yaxes(title_text="rebased (100 = start)")
    return fig


def drawdown_chart(
    drawdowns: Mapping[str, pd.Series], *, years: int | None = 5, source: str = ""
) -> go.Figure:
    """Drawdown of each series from its running all-time high (percent, as the drawdown
    facts measure it).

    Peaks are over the full history; the chart shows the last ``years`` years
    (``None`` = everything).
    """
    fig = go.Figure()
    last_day = None
    for i, (sym, dd) in enumerate(drawdowns.items()):
        if dd.empty:
            continue
        last_day = dd.index[-1]
        if years is not None:
            dd = dd.loc[dd.index > last_day - pd.DateOffset(years=years)]
        frac = dd.to_numpy() / 100.0
        fig.add_trace(
            go.Scatter(
                x=dd.index,
                y=frac,
                mode="lines",
                name=f"{display_name(sym)} ({pct(float(dd.iloc[-1]), digits=1)})",
                line={"color": color_of(sym, i), "width": 1.6},
                hovertemplate="%{y:.1%}<extra>" + display_name(sym) + "</extra>",
            )
        )
    span = "all history" if years is None else f"last {years} years"
    subtitle = "" if last_day is None else f"{span} to {fmt_date(last_day)}; peaks over all history"
    _layout(fig, "Drawdown from all-time high", subtitle, source)
    _date_axis(fig)
    fig.update_yaxes(title_text="below peak", tickformat=".0%", rangemode="tozero")
    return fig


def main_charts(data: ChartData, *, source: str = "") -> dict[str, go.Figure]:
    """The report's main charts: ``ratio_<VERSUS>`` per pair, ``distribution``,
    ``rebased`` and ``drawdown``."""
    figs: dict[str, go.Figure] = {}
    for versus, ratio in data.ratios.items():
        figs[f"ratio_{versus}"] = ratio_chart(ratio, source=source)
    figs["distribution"] = distribution_chart(data.moves, source=source)
    figs["rebased"] = rebased_chart(data.rebased, period=data.period, source=source)
    figs["drawdown"] = drawdown_chart(data.drawdowns, source=source)
    return figs
