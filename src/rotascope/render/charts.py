"""Plotly figures of the report. Builders return ``go.Figure`` and never show or print.

Every number drawn comes from :mod:`rotascope.measures` (ratios, N-session moves,
records, period returns, drawdowns); this module only lays them out. Series passed in
must already be cut at the as-of date (the report does that once).

Examples
--------
>>> import pandas as pd
>>> idx = pd.bdate_range("2020-01-01", periods=300, name="date")
>>> a = pd.Series(range(100, 400), index=idx, name="RUT", dtype="float64")
>>> b = pd.Series(200.0, index=idx, name="SPX")
>>> fig = ratio_chart(a, b, source="test data")
>>> fig.layout.title.text.split("<br>")[0]
'Russell 2000 / S&P 500: price ratio'
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from rotascope.measures.drawdown import drawdown
from rotascope.measures.periods import period_returns
from rotascope.measures.records import record_row, records
from rotascope.measures.relative import ratio
from rotascope.measures.returns import window_returns
from rotascope.symbols import display_name
from rotascope.wording import fmt_date, ordinal, pct

__all__ = [
    "color_of",
    "distribution_chart",
    "drawdown_chart",
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


def _name(s: pd.Series) -> str:
    return display_name(str(s.name)) if s.name is not None else "series"


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


def ratio_chart(a: pd.Series, b: pd.Series, *, source: str = "") -> go.Figure:
    """Ratio ``a / b`` over its full history, current value and records marked.

    Marks the current value, the last earlier date the ratio was as low (or as high)
    as now, and every all-time high and low it set after its first year.

    Parameters
    ----------
    a, b : pandas.Series
        Closes, cut at the as-of date, named by symbol.
    source : str, optional
        The source line.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    r = ratio(a, b).dropna()
    title = f"{_name(a)} / {_name(b)}: price ratio"
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
    lows, highs = records(r, "low"), records(r, "high")
    for table, word, symbol in ((highs, "high", "triangle-up"), (lows, "low", "triangle-down")):
        firsts = table.index[table["since"].isna() & table["rank"].notna()]
        firsts = firsts[firsts > r.index[min(251, len(r) - 1)]]
        if len(firsts):
            fig.add_trace(
                go.Scatter(
                    x=firsts,
                    y=r.loc[firsts].to_numpy(),
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
    fig.update_yaxes(title_text=f"{a.name} / {b.name}", tickformat=".2f")
    return fig


def _reference(low_row: dict | None, high_row: dict | None) -> tuple[str, dict] | None:
    """The direction whose record reaches further back (all-time first, then oldest)."""
    rows = [(w, r) for w, r in (("low", low_row), ("high", high_row)) if r is not None]
    if not rows:
        return None
    return min(rows, key=lambda wr: (wr[1]["since"] is not None, wr[1]["since"] or 0))


def distribution_chart(values: pd.Series, window: int, *, source: str = "") -> go.Figure:
    """Histogram of every ``window``-session move in history, the latest one marked.

    Parameters
    ----------
    values : pandas.Series
        Closes cut at the as-of date.
    window : int
        Sessions per move.
    source : str, optional
        The source line.
    """
    moves = window_returns(values, window).dropna()
    name = _name(values)
    span = "one-day" if window == 1 else f"{window}-session"
    title = f"{name}: every {span} move"
    fig = go.Figure()
    if moves.empty:
        _layout(fig, title, "not enough history", source)
        return fig
    last_date, last = moves.index[-1], float(moves.iloc[-1])
    fig.add_trace(
        go.Histogram(
            x=moves.to_numpy(),
            nbinsx=120,
            name=f"{span} moves",
            marker={"color": "#9fb7c9"},
            hovertemplate="%{x}: %{y} moves<extra></extra>",
        )
    )
    row = record_row(records(moves, "high" if last >= 0 else "low"), last_date)
    label = f"{fmt_date(last_date)}: {pct(last * 100, signed=True, digits=1)}"
    if row is not None:
        word = "largest gain" if last >= 0 else "largest drop"
        label += f"<br>{ordinal(row['rank'])} {word} of {row['out_of']:,}"
    fig.add_vline(x=last, line={"color": "#d1495b", "width": 2, "dash": "dash"})
    fig.add_annotation(
        x=last,
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
    fig.update_xaxes(title_text=f"{span} change", tickformat=".0%", zeroline=True)
    fig.update_yaxes(title_text="number of sessions")
    return fig


def rebased_chart(
    series: Mapping[str, pd.Series], *, period: str = "YTD", source: str = ""
) -> go.Figure:
    """Each series over a calendar period (YTD, QTD or MTD), rebased to 100.

    The base is each series' last close before the period began, as in
    :func:`rotascope.measures.periods.period_returns`.
    """
    fig = go.Figure()
    base_day = None
    for i, (sym, values) in enumerate(series.items()):
        pr = period_returns(values, period).dropna()  # type: ignore[arg-type]
        if pr.empty:
            continue
        start = pd.Timestamp(pr["start"].iloc[-1])
        cur = pr.loc[pr["start"] == start]
        base_day = start
        x = pd.DatetimeIndex([start, *cur.index])
        y = [100.0, *(100.0 * (1.0 + cur["value"].to_numpy()))]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                mode="lines",
                name=f"{display_name(sym)} ({pct(y[-1] - 100, signed=True, digits=1)})",
                line={"color": color_of(sym, i), "width": 2},
                hovertemplate="%{y:.1f}<extra>" + display_name(sym) + "</extra>",
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
    series: Mapping[str, pd.Series], *, years: int | None = 5, source: str = ""
) -> go.Figure:
    """Drawdown of each series from its running all-time high.

    Peaks are found over the full history; the chart shows the last ``years`` years
    (``None`` = everything).
    """
    fig = go.Figure()
    last_day = None
    for i, (sym, values) in enumerate(series.items()):
        dd = drawdown(values)
        if dd.empty:
            continue
        last_day = dd.index[-1]
        if years is not None:
            dd = dd.loc[dd.index > last_day - pd.DateOffset(years=years)]
        now = float(dd["drawdown"].iloc[-1])
        fig.add_trace(
            go.Scatter(
                x=dd.index,
                y=dd["drawdown"].to_numpy(),
                mode="lines",
                name=f"{display_name(sym)} ({pct(now * 100, digits=1)})",
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
