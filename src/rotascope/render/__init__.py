"""Renderers of the report: scored facts, narrative and charts as HTML, Markdown or JSON.

:func:`rotascope.report` builds a :class:`~rotascope.render.build.Report`; its
``to_html()``, ``to_markdown()`` and ``to_json()`` render it. The submodules import
lazily (plotly only loads with the charts).

Examples
--------
>>> from rotascope.render import build
>>> build.Report.__name__
'Report'
"""

from __future__ import annotations

__all__: list[str] = []
