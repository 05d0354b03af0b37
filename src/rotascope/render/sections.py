"""The charts of the report's optional sections, drawn from each section's data.

A section (:class:`rotascope.products.sections.Section`) carries its facts and the
numbers its charts draw; :func:`section_charts` turns those into plotly figures (the
factor decades' bars, the CAPE history). Sections without charts draw nothing.

Examples
--------
>>> from rotascope.products.sections import Section
>>> section_charts(Section("rotation", "Rotation"))
{}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go

from rotascope.products.sections import Section

__all__ = ["CHARTS", "section_charts"]


def _decades(data: Any, source: str) -> go.Figure:
    from rotascope.render.factor_chart import decade_chart

    table, symbols = data
    return decade_chart(table, symbols=symbols, source=source)


def _cape(data: Any, source: str) -> go.Figure:
    from rotascope.render.valuation_chart import valuation_history_figure

    series, fact = data
    return valuation_history_figure(series, fact, source=source)  # type: ignore[no-any-return]


#: Chart name (a key of a section's ``data``) -> how it is drawn (from the data and
#: the section's source line).
CHARTS: dict[str, Callable[[Any, str], go.Figure]] = {"decades": _decades, "cape": _cape}


def section_charts(section: Section) -> dict[str, go.Figure]:
    """The figures of ``section``, by chart name (in its data's order)."""
    return {
        name: CHARTS[name](value, section.source)
        for name, value in section.data.items()
        if name in CHARTS
    }
