"""The report: ranked facts, narrative and charts for a subject and its pairs.

This package is itself callable, so ``rotascope.report(...)`` builds a report while
``rotascope.report.charts`` and the other submodules stay importable; it forwards to
:func:`rotascope.report.build.report` (imported lazily, so importing a chart module stays
light).

Examples
--------
>>> import rotascope.report
>>> rotascope.report.Report.__name__, callable(rotascope.report)
('Report', True)
"""

from __future__ import annotations

import sys
import types
from typing import Any

__all__ = ["Report", "report"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from rotascope.report import build

        return getattr(build, name)
    raise AttributeError(f"module 'rotascope.report' has no attribute {name!r}")


class _CallableModule(types.ModuleType):
    """The package module, callable as :func:`rotascope.report.build.report`."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from rotascope.report.build import report

        return report(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
