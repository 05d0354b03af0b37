"""Plotly figures of the report. Builders return ``go.Figure`` and never show or print.

Every number drawn is one the fact engine measured: the report's
:class:`~rotascope.products.chart_data.ChartData` holds the memo's whole-history
ratios, N-session moves and drawdowns with the records the facts state, cut at the
as-of session. This module only lays them out, in the one style of
:mod:`rotascope.render.style`; :func:`main_charts` picks the charts the subject's kind
calls for:

- a price or a factor: ``ratio_<VERSUS>`` for each price comparison,
  ``distribution`` (percent), ``rebased`` and ``drawdown``;
- a yield: ``level``, ``spread_<VERSUS>`` for each yield comparison and
  ``distribution``, in basis points (:mod:`rotascope.render.yield_chart`).

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

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from rotascope.kinds.fact import Record
from rotascope.products.chart_data import ChartData, RatioChart, RebasedLine
from rotascope.render import style
from rotascope.render.distribution_chart import distribution_chart
from rotascope.render.style import (
    ACCENT,
    DOWN,
    LINE,
    UP,
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
from rotascope.render.thin import thin
from rotascope.render.yield_chart import level_chart, spread_chart
from rotascope.symbols import display_name
from rotascope.wording import fmt_date, pct

__all__ = [
    "color_of",
    "distribution_chart",
    "drawdown_chart",
    "main_charts",
    "ratio_chart",
    "rebased_chart",
]

#: Sessions of a long history drawn at full resolution (the rest is thinned).
RECENT = 260


def _reference(low: Record | None, high: Record | None) -> Record | None:
    """The direction whose record reaches further back (all-time first, then oldest)."""
    rows = [r for r in (low, high) if r is not None]
    if not rows:
        return None
    return min(rows, key=lambda r: (r.since is not None, r.since or pd.Timestamp.min.date()))


def ratio_chart(data: RatioChart, *, source: str = "") -> go.Figure:
    """Ratio ``subject / versus`` over its full history, current value and records marked.

    Marks the current value (labelled at the line's end), the last earlier date the
    ratio was as low (or as high) as now, and every all-time high and low it set after
    its first year.

    Parameters
    ----------
    data : RatioChart
        The ratio and its records, cut at the as-of date.
    source : str, optional
        The source line.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    r = data.ratio
    title = f"{display_name(data.subject)} / {display_name(data.versus)}: price ratio"
    if r.empty:
        return figure(title, "no common sessions", source=source)
    last_date, last = r.index[-1], float(r.iloc[-1])
    ref = _reference(data.low, data.high)
    subtitle = f"{fmt_date(last_date)}: {last:.4f}"
    items: list[tuple[str, str, str]] = []
    after = r.index[min(251, len(r) - 1)]
    marks = [(data.record_highs, "high", "triangle-up", UP, "▲"),
             (data.record_lows, "low", "triangle-down", DOWN, "▼")]  # fmt: skip
    if ref is not None:
        word = "lowest" if ref.direction == "low" else "highest"
        if ref.since is None:
            subtitle += f", the {word} on record"
        else:
            subtitle += f", the {word} since {fmt_date(ref.since)} ({ref.since_value:.4f})"
    label = f"{last:.4g}"
    fig = figure(title, subtitle, source=source, right=label_width([label]), hover="closest")
    line = thin(r, keep=RECENT)
    fig.add_trace(style.scatter(
        x=dates(line.index), y=rounded(line, 5), mode="lines", name="ratio",
        line={"color": LINE, "width": 1.4}, hovertemplate="%{y:.4f}<extra>ratio</extra>",
    ))  # fmt: skip
    for when, word, symbol, color, glyph in marks:
        firsts = when[when > after]
        if len(firsts):
            fig.add_trace(style.scatter(
                x=dates(firsts), y=rounded(r.reindex(firsts), 5), mode="markers",
                name=f"record {word}s", hovertemplate=f"record {word} %{{y:.4f}}<extra></extra>",
                marker={"symbol": symbol, "size": 6, "opacity": 0.8, "color": color},
            ))  # fmt: skip
            items.append((glyph, color, f"record {word}"))
    if ref is not None and ref.since is not None:
        word = "low" if ref.direction == "low" else "high"
        fig.add_trace(style.scatter(
            x=[f"{ref.since:%Y-%m-%d}"], y=[ref.since_value], mode="markers",
            name=f"last this {word}", hovertemplate=f"last this {word}: %{{y:.4f}}<extra></extra>",
            marker={"symbol": "circle-open", "size": 12, "color": "#333", "line": {"width": 2}},
        ))  # fmt: skip
        items.append(("○", "#333", f"last time this {word}"))
    fig.add_trace(style.scatter(
        x=[f"{last_date:%Y-%m-%d}"], y=[last], mode="markers", name="now",
        marker={"size": 9, "color": ACCENT}, hovertemplate="now %{y:.4f}<extra></extra>",
        cliponaxis=False,
    ))  # fmt: skip
    items.append(("●", ACCENT, "now"))
    add_key(fig, items)
    date_axis(fig, r.index[0], last_date)
    fig.update_yaxes(tickformat=".2f")
    end_labels(fig, last_date, [EndLabel(last, label, ACCENT)], value_range(r))
    return fig


def _lines_chart(
    fig: go.Figure, lines: Sequence[tuple[str, pd.Series, str, str]], *, digits: int = 4
) -> list[EndLabel]:
    """Draw ``(symbol, values, end label, hover format)`` lines and their key; return
    their end labels."""
    labels = []
    for i, (sym, values, label, fmt) in enumerate(lines):
        color = color_of(sym, i)
        name = display_name(sym)
        fig.add_trace(style.scatter(
            x=dates(values.index), y=rounded(values, digits), mode="lines", name=name,
            line={"color": color, "width": 1.8}, hovertemplate=f"%{{y:{fmt}}}<extra>{name}</extra>",
        ))  # fmt: skip
        labels.append(EndLabel(float(values.iloc[-1]), label, color))
    add_key(fig, [("●", color_of(s, i), display_name(s)) for i, (s, *_) in enumerate(lines)])
    return labels


def rebased_chart(
    lines: Sequence[RebasedLine], *, period: str = "YTD", source: str = ""
) -> go.Figure:
    """Each series over a calendar period (YTD, QTD or MTD), rebased to 100.

    The base is each series' last close before the period began, as the period facts
    measure it (:func:`rotascope.measures.periods.period_return`); each line ends with
    its change over the period.
    """
    words = {"YTD": "Year to date", "QTD": "Quarter to date", "MTD": "Month to date"}
    title = f"{words.get(period.upper(), period)}, rebased to 100"
    drawn = [ln for ln in lines if len(ln.values)]
    if not drawn:
        return figure(title, "no data", source=source)
    base_day = drawn[0].base_date
    texts = [pct(float(ln.values.iloc[-1]) - 100, signed=True, digits=1) for ln in drawn]
    fig = figure(title, f"100 = close of {fmt_date(base_day)}", source=source,
                 right=label_width(texts))  # fmt: skip
    rows = [(ln.symbol, ln.values, t, ".1f") for ln, t in zip(drawn, texts, strict=True)]
    labels = _lines_chart(fig, rows, digits=5)
    fig.add_hline(y=100, line={"color": "#999", "width": 1})
    end = max(ln.values.index[-1] for ln in drawn)
    date_axis(fig, min(ln.values.index[0] for ln in drawn), end)
    values = [v for ln in drawn for v in ln.values.to_numpy()]
    end_labels(fig, end, labels, value_range(values, include=[100.0]))
    return fig


def drawdown_chart(
    drawdowns: Mapping[str, pd.Series], *, years: int | None = 5, source: str = ""
) -> go.Figure:
    """Drawdown of each series from its running all-time high, in percent (as the
    drawdown facts measure it); each line ends with its current drawdown.

    Peaks are over the full history; the chart shows the last ``years`` years
    (``None`` = everything).
    """
    shown: list[tuple[str, pd.Series]] = []
    for sym, dd in drawdowns.items():
        if dd.empty:
            continue
        if years is not None:
            dd = dd.loc[dd.index > dd.index[-1] - pd.DateOffset(years=years)]
        shown.append((sym, dd))
    title = "Drawdown from all-time high"
    if not shown:
        return figure(title, "no data", source=source)
    last_day = max(dd.index[-1] for _, dd in shown)
    span = "all history" if years is None else f"last {years} years"
    texts = [pct(float(dd.iloc[-1]), digits=1) for _, dd in shown]
    fig = figure(title, f"{span} to {fmt_date(last_day)}; peaks over all history",
                 source=source, right=label_width(texts))  # fmt: skip
    rows = [(s, dd, t, ".1f") for (s, dd), t in zip(shown, texts, strict=True)]
    labels = _lines_chart(fig, rows, digits=3)
    date_axis(fig, min(dd.index[0] for _, dd in shown), last_day)
    fig.update_yaxes(ticksuffix="%")
    low = min(float(dd.min()) for _, dd in shown)
    end_labels(fig, last_day, labels, [low * 1.06 - 0.5, 1.0])
    return fig


def main_charts(data: ChartData, *, source: str = "") -> dict[str, go.Figure]:
    """The report's main charts, chosen by the subject's kind (see the module)."""
    figs: dict[str, go.Figure] = {}
    if data.kind == "yield":
        if data.levels:
            figs["level"] = level_chart(data.levels, source=source)
        for versus, spread in data.spreads.items():
            figs[f"spread_{versus}"] = spread_chart(spread, source=source)
        figs["distribution"] = distribution_chart(data.moves, source=source)
        return figs
    for versus, ratio in data.ratios.items():
        figs[f"ratio_{versus}"] = ratio_chart(ratio, source=source)
    figs["distribution"] = distribution_chart(data.moves, source=source)
    if data.rebased:
        figs["rebased"] = rebased_chart(data.rebased, period=data.period, source=source)
    if data.drawdowns:
        figs["drawdown"] = drawdown_chart(data.drawdowns, source=source)
    return figs
