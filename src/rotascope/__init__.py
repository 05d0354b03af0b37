"""rotascope: measure market rotations and state the facts about them.

The public API is listed in ``__all__``; everything else is internal.
"""

from __future__ import annotations

from rotascope.errors import (
    AsOfError,
    DataError,
    ProviderError,
    RotascopeError,
    StoreBusyError,
    UnknownSymbol,
)
from rotascope.facts.fact import Fact, Record

__version__ = "0.1.0"

__all__ = [
    "AsOfError",
    "DataError",
    "Fact",
    "ProviderError",
    "Record",
    "RotascopeError",
    "StoreBusyError",
    "UnknownSymbol",
    "__version__",
    "scan",
]


def __getattr__(name: str) -> object:
    # ``rotascope.scan`` (a callable module) loads numba, so it is imported on first use.
    if name == "scan":
        import importlib

        return importlib.import_module("rotascope.scan")
    raise AttributeError(f"module 'rotascope' has no attribute {name!r}")
