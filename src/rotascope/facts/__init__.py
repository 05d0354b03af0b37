"""Facts: measures turned into statements with their records.

``from rotascope.facts import facts`` gives the engine's entry point
(:func:`rotascope.facts.engine.facts`); it and :class:`FactEngine` are imported on
first use so that ``import rotascope`` stays light.

Examples
--------
>>> from rotascope.facts import Fact, Record, facts
>>> callable(facts)
True
"""

from __future__ import annotations

import sys
import types
from typing import Any

from rotascope.facts.fact import Fact, Record

__all__ = ["Fact", "FactEngine", "Record", "facts"]

_LAZY = {"facts": "rotascope.facts.engine", "FactEngine": "rotascope.facts.engine"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rotascope.facts' has no attribute {name!r}")


class _CallableModule(types.ModuleType):
    """The package module, callable as :func:`rotascope.facts.engine.facts`.

    ``rotascope.facts`` is both this package and the public entry point, so
    ``rotascope.facts("RUT", versus="SPX")`` works however the package was imported.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from rotascope.facts.engine import facts

        return facts(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
