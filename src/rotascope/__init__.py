"""rotascope: measure market rotations and state the facts about them.

The public API is listed in ``__all__``. Heavy modules (numba kernels, plotly) load
on first use, so ``import rotascope`` stays fast and has no side effects.

Examples
--------
>>> import rotascope
>>> rut = rotascope.load("RUT", asof="2024-07-16")
>>> round(float(rut.iloc[-1]), 2)
2263.67
>>> fs = rotascope.facts("RUT", asof="2024-07-16", windows=(5,))
>>> fs[0].text
'The Russell 2000 rose 11.5% in the five sessions to Jul 16, 2024, its biggest five-session gain since Apr 29, 2020.'
"""  # noqa: E501

from __future__ import annotations

from importlib import import_module
from typing import Any

from rotascope.errors import (
    AsOfError,
    DataError,
    ProviderError,
    RotascopeError,
    StoreBusyError,
    UnknownSymbol,
)
from rotascope.facts.fact import Fact, Record

#: public name -> (module, attribute); loaded on first access
_LAZY: dict[str, tuple[str, str]] = {
    "load": ("rotascope.catalog", "load"),
    "symbols": ("rotascope.catalog", "symbols"),
    "FactEngine": ("rotascope.facts.engine", "FactEngine"),
    "scan": ("rotascope.scan", "scan"),
    "streak_study": ("rotascope.facts.streak_facts", "streak_study"),
    "factor_facts": ("rotascope.facts.factor_facts", "factor_facts"),
    "decade_table": ("rotascope.facts.factor_facts", "decade_frame"),
    "rotation_dashboard": ("rotascope.facts.rotation", "rotation_dashboard"),
    "Store": ("rotascope.store", "Store"),
    "read_file": ("rotascope.sources", "read_file"),
}

__all__ = [
    "AsOfError",
    "DataError",
    "Fact",
    "FactEngine",
    "ProviderError",
    "Record",
    "RotascopeError",
    "Store",
    "StoreBusyError",
    "UnknownSymbol",
    "__version__",
    "decade_table",
    "factor_facts",
    "facts",
    "load",
    "read_file",
    "report",
    "rotation_dashboard",
    "scan",
    "streak_study",
    "symbols",
]


def _version() -> str:
    """The installed distribution's version (pyproject.toml is the one source of truth)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rotascope")
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":  # read on first use: package metadata costs ~20 ms to import
        globals()[name] = value = _version()
        return value
    if name in ("report", "facts"):
        # these packages are callable: rotascope.report(...) -> Report,
        # rotascope.facts(...) -> list[Fact]; their submodules stay importable
        return import_module(f"rotascope.{name}")
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'rotascope' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
