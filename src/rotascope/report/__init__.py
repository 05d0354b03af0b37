"""The report: ranked facts, narrative and charts for a subject and its pairs.

``rotascope.report.report(...)`` builds a :class:`~rotascope.report.build.Report`
(imported lazily, so importing a chart module stays light).

Examples
--------
>>> from rotascope import report as pkg
>>> pkg.Report.__name__
'Report'
"""

from __future__ import annotations

from typing import Any

__all__ = ["Report", "report"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from rotascope.report import build

        return getattr(build, name)
    raise AttributeError(f"module 'rotascope.report' has no attribute {name!r}")
