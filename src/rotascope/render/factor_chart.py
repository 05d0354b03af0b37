"""Decade bar chart of factor returns (the report's long-view section).

The figure is built from the table of :func:`rotascope.kinds.factor_decade.decade_frame`;
nothing is measured here. The current (partial) decade is drawn hatched and labelled
"partial, to <date>".

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame(
...     {"SMB": [0.40, -0.08], "HML": [-0.10, -0.04], "partial": [False, True],
...      "through": pd.to_datetime(["1939-12-30", "2024-03-28"])},
...     index=pd.Index(["1930s", "2020s"], name="decade"))
>>> fig = decade_chart(table)
>>> [t.name for t in fig.data]
['SMB', 'HML']
>>> list(fig.data[0].x)
['1930s', '2020s (partial, to Mar 2024)']
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

__all__ = ["decade_chart"]

_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
_NON_VALUE = frozenset({"partial", "through"})


def _labels(table: pd.DataFrame) -> list[str]:
    out = []
    for label, row in table.iterrows():
        if bool(row.get("partial", False)):
            through = row.get("through")
            when = "" if through is None or pd.isna(through) else f", to {through:%b %Y}"
            out.append(f"{label} (partial{when})")
        else:
            out.append(str(label))
    return out


def decade_chart(
    table: pd.DataFrame,
    *,
    symbols: Sequence[str] | None = None,
    title: str | None = "Factor returns by decade (compounded)",
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
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        Never shown or written; the caller decides.
    """
    cols = list(symbols) if symbols is not None else [
        c for c in table.columns if c not in _NON_VALUE
    ]  # fmt: skip
    x = _labels(table)
    partial = table["partial"].astype(bool).tolist() if "partial" in table else [False] * len(table)
    fig = go.Figure()
    for k, sym in enumerate(cols):
        values = table[sym].astype("float64")
        fig.add_trace(
            go.Bar(
                name=sym,
                x=x,
                y=(values * 100).round(2).tolist(),
                marker={
                    "color": _COLORS[k % len(_COLORS)],
                    "pattern": {"shape": ["/" if p else "" for p in partial]},
                    "opacity": 0.9,
                },
                hovertemplate=f"{sym} %{{x}}: %{{y:.1f}}%<extra></extra>",
            )
        )
    fig.update_layout(
        title=title,
        barmode="group",
        yaxis={"title": "compounded return (%)", "zeroline": True, "ticksuffix": "%"},
        xaxis={"title": None},
        legend={"orientation": "h", "y": -0.15},
        template="plotly_white",
    )
    if any(partial):
        fig.add_annotation(
            text="hatched: decade not over (partial)",
            xref="paper", yref="paper", x=1.0, y=1.05, showarrow=False,
            font={"size": 11},
        )  # fmt: skip
    return fig
