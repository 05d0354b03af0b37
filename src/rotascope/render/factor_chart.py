"""Decade bar chart of factor returns (the report's long-view section).

The figure is built from the table of :func:`rotascope.kinds.factor_decade.decade_frame`;
nothing is measured here. Factors are named ("size factor (small minus big)"), never
coded; the current (partial) decade is drawn hatched, marked with an asterisk and
explained in the subtitle.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame(
...     {"SMB": [0.40, -0.08], "HML": [-0.10, -0.04], "partial": [False, True],
...      "through": pd.to_datetime(["1939-12-30", "2024-03-28"])},
...     index=pd.Index(["1930s", "2020s"], name="decade"))
>>> fig = decade_chart(table)
>>> [t.name for t in fig.data]
['size factor (small minus big)', 'value factor (high minus low)']
>>> list(fig.data[0].x)
['’30s', '’20s*']
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from rotascope.render import style
from rotascope.render.style import add_key, color_of, figure
from rotascope.symbols import display_name

__all__ = ["decade_chart"]

_NON_VALUE = frozenset({"partial", "through"})


def _short(label: str) -> str:
    """``1930s`` -> ``’30s``: ten decades fit a phone-width axis without turning."""
    return f"\u2019{label[2:]}" if len(label) == 5 and label[:4].isdigit() else label


def _labels(table: pd.DataFrame) -> tuple[list[str], str]:
    """Decade labels (the partial one starred) and the note explaining the star."""
    out, note = [], ""
    for label, row in table.iterrows():
        if bool(row.get("partial", False)):
            through = row.get("through")
            when = "" if through is None or pd.isna(through) else f", to {through:%b %Y}"
            out.append(f"{_short(str(label))}*")
            note = f"* {label}: decade not over{when} (hatched)"
        else:
            out.append(_short(str(label)))
    return out, note


def decade_chart(
    table: pd.DataFrame,
    *,
    symbols: Sequence[str] | None = None,
    title: str | None = None,
    source: str = "",
) -> go.Figure:
    """Grouped bars: one bar per factor and decade, the partial decade hatched.

    Parameters
    ----------
    table : pd.DataFrame
        Output of :func:`~rotascope.kinds.factor_decade.decade_frame`: index decade
        labels, one column of fractional returns per factor, ``partial`` and
        ``through`` columns.
    symbols : sequence of str, optional
        Factor columns to draw (default: all value columns).
    title : str, optional
        Figure title (default: the factors' names, "by decade").
    source : str, optional
        The source line.

    Returns
    -------
    plotly.graph_objects.Figure
        Never shown or written; the caller decides.
    """
    cols = list(symbols) if symbols is not None else [
        c for c in table.columns if c not in _NON_VALUE
    ]  # fmt: skip
    names = [display_name(c) for c in cols]
    if title is None:
        head = names[0][:1].upper() + names[0][1:] if len(names) == 1 else "Factor returns"
        title = f"{head} by decade"
    x, note = _labels(table)
    partial = table["partial"].astype(bool).tolist() if "partial" in table else [False] * len(table)
    subtitle = "compounded daily returns over each calendar decade"
    if note:
        subtitle += f"; {note}"
    fig = figure(title, subtitle, source=source, y_title="compounded return", hover="closest")
    for k, (sym, name) in enumerate(zip(cols, names, strict=True)):
        values = (table[sym].astype("float64") * 100).round(1)
        fig.add_trace(style.bar(
            name=name, x=x, y=[None if pd.isna(v) else float(v) for v in values],
            marker={"color": color_of(sym, k + 4), "opacity": 0.9,
                    "pattern": {"shape": ["/" if p else "" for p in partial]}},
            hovertemplate=f"{name}, %{{x}}: %{{y:.1f}}%<extra></extra>",
        ))  # fmt: skip
    if len(cols) > 1:
        pairs = enumerate(zip(cols, names, strict=True))
        add_key(fig, [("■", color_of(s, k + 4), n) for k, (s, n) in pairs])
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(type="category", showgrid=False, tickangle=0)
    fig.update_yaxes(ticksuffix="%", zeroline=True, zerolinecolor="#999")
    return fig
