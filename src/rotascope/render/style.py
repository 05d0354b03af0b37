"""One chart style for every figure rotascope draws (the report and the web page).

Every chart builder starts from :func:`figure` and uses the helpers here, so all charts
share one palette, one font, one layout:

- a title (15 px) and a subtitle (12 px, the numbers that matter and a colour key in
  place of a legend), wrapped for a phone-width chart, in a top margin sized for them;
- names, never codes (``display_name``: "size factor (small minus big)", not SMB);
- end-of-line labels in the right margin, pushed apart so they never overlap;
- date axes with one tick per year (or month, decade...) and unique labels;
- a source line in the bottom margin, under the axis, where nothing else is drawn
  (no legend: the key is in the subtitle);
- compact figure data: dates as ``YYYY-MM-DD``, values rounded.

Layout is in pixels: the height is fixed (:data:`HEIGHT`) and the margins are computed
from the number of text lines, so nothing depends on the width a browser gives the
chart (390 px on a phone, 560 px in the report's grid).

Examples
--------
>>> fig = figure("Russell 2000 / S&P 500: price ratio", "Jul 16, 2024: 0.3994",
...              source="test data")
>>> fig.layout.title.text.split("<br>")[0]
'Russell 2000 / S&P 500: price ratio'
>>> fig.layout.showlegend, fig.layout.annotations[0].text
(False, 'Source: test data')
>>> date_ticks(pd.Timestamp("2019-07-17"), pd.Timestamp("2024-07-16"))[1]
['2020', '2021', '2022', '2023', '2024']
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

__all__ = [
    "ACCENT",
    "BAND",
    "BARS",
    "CONFIG",
    "DOWN",
    "FONT",
    "GRID",
    "HEIGHT",
    "INK",
    "LINE",
    "MUTED",
    "PALETTE",
    "UP",
    "VALIDATE",
    "EndLabel",
    "add_key",
    "bar",
    "color_of",
    "date_axis",
    "date_ticks",
    "dates",
    "end_labels",
    "figure",
    "key",
    "label_width",
    "plot_height",
    "rounded",
    "scatter",
    "value_range",
]

#: Whether plotly checks every property as figures are built. The house style and the
#: traces are fixed by this package, so reports skip the checks (about 0.4 s a report);
#: ``tests/render/test_validated_figures.py`` builds every chart with them on and checks
#: the figures come out the same.
VALIDATE = False

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
INK = "#1d2433"
MUTED = "#5b6475"
GRID = "#e8ebf0"
AXIS = "#9aa1ad"
#: The session being reported on (the current value, the latest move).
ACCENT = "#d1495b"
#: Record highs and record lows.
UP, DOWN = "#2a9d8f", "#e76f51"
#: A single line (a ratio, a valuation), bars, a percentile band.
LINE, BARS, BAND = "#30638e", "#9fb7c9", "#c6dbef"
#: Series colours, in order of appearance; the headline indexes keep theirs.
PALETTE = ("#d1495b", "#00798c", "#6a4c93", "#d08c00", "#30638e", "#8c564b")
_FIXED = {"RUT": "#d1495b", "IWM": "#d1495b", "SPX": "#00798c", "SPY": "#00798c",
          "NDX": "#6a4c93", "QQQ": "#6a4c93"}  # fmt: skip

#: Figure height (px); the web page and the report keep it.
HEIGHT = 420
TITLE_PX, TEXT_PX, SMALL_PX = 15, 12, 11
#: Characters per line that fit a chart 350 px wide (a phone) at each size.
TITLE_WRAP, SUBTITLE_WRAP, SOURCE_WRAP = 38, 50, 48
_LINE = 1.3  # line height, in font sizes
_TOP_PAD, _LEFT, _RIGHT = 10, 56, 18
#: plotly.js 4 draws a top-anchored title of several lines about 0.75 em higher than
#: one of a single line: its pad makes up for it, so the first line starts _TOP_PAD
#: below the top.
_MULTILINE_SHIFT = 11
_TICKS_PX = 24  # date tick labels under the axis
_AXIS_TITLE_PX = 20

#: plotly.js options of every chart (no logo, no lasso; follow the container's width).
CONFIG = {"displaylogo": False, "responsive": True,
          "modeBarButtonsToRemove": ["lasso2d", "select2d"]}  # fmt: skip


def color_of(symbol: str, position: int = 0) -> str:
    """Stable colour of a symbol in every chart.

    Examples
    --------
    >>> color_of("RUT"), color_of("HML", 1)
    ('#d1495b', '#00798c')
    """
    return _FIXED.get(symbol, PALETTE[position % len(PALETTE)])


def key(items: Iterable[tuple[str, str, str]]) -> str:
    """A colour key for the subtitle: ``(glyph, colour, label)`` items.

    Examples
    --------
    >>> key([("▲", "#2a9d8f", "record high")])
    '<span style="color:#2a9d8f">▲</span> record high'
    """
    return "   ".join(f'<span style="color:{c}">{g}</span> {label}' for g, c, label in items)


def add_key(fig: go.Figure, items: Sequence[tuple[str, str, str]]) -> None:
    """Add a colour key (:func:`key`) under a figure's subtitle, in place of a legend,
    wrapped for a phone; the top margin grows by its lines."""
    if not items:
        return
    lines = _wrap_key(key(items), SUBTITLE_WRAP)
    for line in lines:
        span = f'<span style="font-size:{SMALL_PX}px;color:{MUTED}">{line}</span>'
        fig.layout.title.text += f"<br>{span}"
    fig.layout.margin.t += math.ceil(len(lines) * TITLE_PX * _LINE)


def _visible(text: str) -> int:
    out, inside = 0, False
    for ch in text:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
        elif not inside:
            out += 1
    return out


def _wrap_key(text: str, width: int) -> list[str]:
    """Wrap a key between its items (never inside a ``<span>``)."""
    lines: list[str] = []
    for item in text.split("   "):
        if lines and _visible(lines[-1]) + 3 + _visible(item) <= width:
            lines[-1] += "   " + item
        else:
            lines.append(item)
    return lines


def _lines(text: str, width: int) -> list[str]:
    if not text:
        return []
    if "<span" in text:
        return _wrap_key(text, width)
    return textwrap.wrap(text, width, break_long_words=False) or [text]


@dataclass(frozen=True)
class _Box:
    top: int
    bottom: int
    left: int
    right: int

    @property
    def height(self) -> int:
        return HEIGHT - self.top - self.bottom


def _box(fig: go.Figure) -> _Box:
    m = fig.layout.margin
    return _Box(int(m.t), int(m.b), int(m.l), int(m.r))


def plot_height(fig: go.Figure) -> int:
    """Height in pixels of the plotting area of a figure made by :func:`figure`."""
    return _box(fig).height


def scatter(**props: object) -> go.Scatter:
    """A scatter trace (checked by plotly only when :data:`VALIDATE` is on)."""
    return go.Scatter(_validate=VALIDATE, **props)


def bar(**props: object) -> go.Bar:
    """A bar trace (checked by plotly only when :data:`VALIDATE` is on)."""
    return go.Bar(_validate=VALIDATE, **props)


def figure(
    title: str,
    subtitle: str = "",
    *,
    source: str = "",
    legend: str = "",
    x_title: str | None = None,
    y_title: str | None = None,
    right: int = _RIGHT,
    hover: str = "x unified",
) -> go.Figure:
    """An empty figure in the house style.

    Parameters
    ----------
    title : str
        What the chart shows, in names ("Russell 2000 / S&P 500: price ratio").
    subtitle : str
        The numbers that matter.
    source : str
        The data's source, shown as "Source: ..." under the axis.
    legend : str
        A colour key (:func:`key`) shown under the subtitle.
    x_title, y_title : str, optional
        Axis titles (a date axis needs none).
    right : int
        Right margin in pixels (room for end-of-line labels).
    hover : str
        plotly ``hovermode``.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    head = _lines(title, TITLE_WRAP)
    texts = (*_lines(subtitle, SUBTITLE_WRAP), *_lines(legend, SUBTITLE_WRAP))
    sub = [f'<span style="font-size:{TEXT_PX}px;color:{MUTED}">{line}</span>' for line in texts]
    rows = len(head) + len(sub)
    top = _TOP_PAD + math.ceil(rows * TITLE_PX * _LINE) + 12
    foot = _lines(f"Source: {source}", SOURCE_WRAP) if source else []
    below = _TICKS_PX + (_AXIS_TITLE_PX if x_title else 0)
    bottom = below + math.ceil(len(foot) * SMALL_PX * _LINE) + 10

    def axis(**extra: object) -> dict[str, object]:
        return {"gridcolor": GRID, "linecolor": AXIS, "zeroline": False, "automargin": True,
                "tickfont": {"size": SMALL_PX, "color": MUTED},
                "title": {"font": {"size": SMALL_PX + 1, "color": MUTED}}, **extra}  # fmt: skip

    xaxis = axis(showline=True, ticks="outside", ticklen=4, tickcolor=AXIS)
    yaxis = axis()
    if x_title:
        xaxis["title"] = {"font": {"size": SMALL_PX + 1, "color": MUTED}, "text": x_title,
                          "standoff": 6}  # fmt: skip
    if y_title:
        yaxis["title"] = {"font": {"size": SMALL_PX + 1, "color": MUTED}, "text": y_title,
                          "standoff": 8}  # fmt: skip
    layout: dict[str, object] = {
        "template": "none",  # the big built-in templates cost ~0.3 s per figure to validate
        "paper_bgcolor": "white", "plot_bgcolor": "white", "height": HEIGHT, "autosize": True,
        "font": {"family": FONT, "size": TEXT_PX, "color": INK},
        "title": {"text": "<br>".join([*head, *sub]), "x": 0, "xref": "container",
                  "xanchor": "left", "y": 1, "yref": "container", "yanchor": "top",
                  "pad": {"t": _TOP_PAD + (_MULTILINE_SHIFT if rows > 1 else 0), "l": 10},
                  "font": {"size": TITLE_PX, "color": INK}},
        "margin": {"t": top, "b": bottom, "l": _LEFT, "r": right, "pad": 0},
        "showlegend": False, "hovermode": hover,
        "hoverlabel": {"font": {"family": FONT, "size": SMALL_PX}},
        "xaxis": xaxis, "yaxis": yaxis,
    }  # fmt: skip
    if foot:
        layout["annotations"] = [
            {"text": "<br>".join(foot), "xref": "paper", "yref": "paper", "x": 0, "y": 0,
             "xanchor": "left", "yanchor": "top", "yshift": -below, "showarrow": False,
             "align": "left", "font": {"size": SMALL_PX - 0.5, "color": MUTED}}
        ]  # fmt: skip
    # one layout given whole: update_layout/update_xaxes walk plotly's property tree
    # (about 40 ms a figure)
    return go.Figure(layout=layout, _validate=VALIDATE)


# ---------------------------------------------------------------------- date axes
_STEPS_YEARS = (1, 2, 5, 10, 20, 50)
_MAX_TICKS = 6


def date_ticks(start: pd.Timestamp, end: pd.Timestamp) -> tuple[list[str], list[str]]:
    """Tick dates and their labels from ``start`` to ``end``: at most six, each label
    once (years, or months within about a year and a half).

    Returns
    -------
    (values, labels) : tuple of list of str
        ``YYYY-MM-DD`` tick dates and their unique labels.

    Examples
    --------
    >>> date_ticks(pd.Timestamp("1987-09-10"), pd.Timestamp("2024-07-16"))[1]
    ['1990', '2000', '2010', '2020']
    >>> date_ticks(pd.Timestamp("2023-12-29"), pd.Timestamp("2024-07-16"))[1]
    ['Jan', 'Mar', 'May', 'Jul']
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    months = (end.year - start.year) * 12 + end.month - start.month
    if months <= 18:
        for step in (1, 2, 3, 6):
            first = (start + pd.offsets.MonthBegin(1)).normalize()
            ticks = pd.date_range(first, end, freq=f"{step}MS")
            ticks = ticks[(ticks.month - 1) % step == 0]
            if len(ticks) <= _MAX_TICKS:
                break
        labels = [f"{t:%b}" for t in ticks]
        if len(set(labels)) < len(labels) or (len(ticks) and ticks[0].year != end.year):
            labels = [f"{t:%b} '{t:%y}" for t in ticks]
        return [f"{t:%Y-%m-%d}" for t in ticks], labels
    for step in _STEPS_YEARS:
        first = (start.year // step + 1) * step if start.dayofyear > 1 else start.year
        first += (-first) % step
        years = list(range(first, end.year + 1, step))
        if len(years) <= _MAX_TICKS:
            break
    return [f"{y}-01-01" for y in years], [str(y) for y in years]


def date_axis(fig: go.Figure, start: pd.Timestamp, end: pd.Timestamp) -> None:
    """A date x-axis from ``start`` to ``end`` with :func:`date_ticks`."""
    values, labels = date_ticks(start, end)
    fig.update_xaxes(
        type="date", range=[f"{pd.Timestamp(start):%Y-%m-%d}", f"{pd.Timestamp(end):%Y-%m-%d}"],
        tickmode="array", tickvals=values, ticktext=labels, hoverformat="%b %-d, %Y",
        showgrid=True,
    )  # fmt: skip


# ---------------------------------------------------------------------- data
def dates(index: Sequence[pd.Timestamp] | pd.Index) -> list[str]:
    """Dates as ``YYYY-MM-DD`` strings (a third of plotly's default encoding).

    Examples
    --------
    >>> dates(pd.DatetimeIndex(["2024-07-16"]))
    ['2024-07-16']
    """
    return [str(d) for d in pd.DatetimeIndex(index).strftime("%Y-%m-%d")]


def rounded(
    values: Iterable[float] | np.ndarray | pd.Series, digits: int = 4
) -> list[float | None]:
    """Values rounded to ``digits`` significant digits as plain floats (NaN -> None).

    Examples
    --------
    >>> rounded([0.399412345, 2263.6699, float("nan")])
    [0.3994, 2264.0, None]
    """
    x = np.asarray(values, dtype=np.float64)
    out: list[float | None] = []
    for v in x.tolist():
        if not math.isfinite(v):
            out.append(None)
        elif v == 0:
            out.append(0.0)
        else:
            out.append(round(v, digits - 1 - math.floor(math.log10(abs(v)))))
    return out


def value_range(
    values: Iterable[float], *, pad: float = 0.06, include: Iterable[float] = ()
) -> list[float]:
    """``[low, high]`` of the finite values (and ``include``), padded by ``pad`` of the span.

    Examples
    --------
    >>> value_range([1.0, 2.0], pad=0.1)
    [0.9, 2.1]
    """
    given = np.asarray(list(values), dtype=np.float64).ravel()
    x = np.concatenate([given, np.asarray(list(include), dtype=np.float64)])
    x = x[np.isfinite(x)]
    if x.size == 0:
        return [0.0, 1.0]
    lo, hi = float(x.min()), float(x.max())
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    return [lo - pad * span, hi + pad * span]


# ---------------------------------------------------------------------- end labels
@dataclass(frozen=True)
class EndLabel:
    """A label at the right end of a line: its value ``y``, text and colour."""

    y: float
    text: str
    color: str


def _spread(ys: list[float], lo: float, hi: float, gap: float) -> list[float]:
    """Positions as close to ``ys`` as possible, ``gap`` apart, within ``[lo, hi]``."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    pos = [min(max(ys[i], lo + gap / 2), hi - gap / 2) for i in order]
    for _ in range(len(pos) * 4):
        moved = False
        for k in range(1, len(pos)):
            if pos[k] - pos[k - 1] < gap - 1e-12:
                mid = (pos[k] + pos[k - 1]) / 2
                pos[k - 1], pos[k] = mid - gap / 2, mid + gap / 2
                moved = True
        shift = max(0.0, (lo + gap / 2) - pos[0]) - max(0.0, pos[-1] - (hi - gap / 2))
        pos = [p + shift for p in pos]
        if not moved:
            break
    out = [0.0] * len(ys)
    for k, i in enumerate(order):
        out[i] = pos[k]
    return out


def end_labels(
    fig: go.Figure, x: pd.Timestamp | str, labels: Sequence[EndLabel], y_range: Sequence[float]
) -> None:
    """Write ``labels`` in the right margin at ``x`` (the last date), at their values'
    heights, pushed apart so that no two overlap; the y-axis range is fixed to
    ``y_range`` (the heights are computed for it).
    """
    lo, hi = float(y_range[0]), float(y_range[1])
    fig.update_yaxes(range=[lo, hi], autorange=False)
    px = max(plot_height(fig), 1)
    gap = (SMALL_PX * 1.35) * (hi - lo) / px
    ys = _spread([lbl.y for lbl in labels], lo, hi, gap)
    when = x if isinstance(x, str) else f"{pd.Timestamp(x):%Y-%m-%d}"
    for lbl, y in zip(labels, ys, strict=True):
        fig.add_annotation(
            x=when, y=y, xref="x", yref="y", text=lbl.text, showarrow=False, xanchor="left",
            xshift=5, yanchor="middle", font={"size": SMALL_PX, "color": lbl.color},
        )  # fmt: skip


def label_width(texts: Iterable[str]) -> int:
    """Right margin (px) that fits end labels of these texts."""
    longest = max((_visible(t) for t in texts), default=0)
    return max(_RIGHT, 14 + int(longest * SMALL_PX * 0.7))
