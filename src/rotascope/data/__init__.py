"""The data port: :class:`DataSource` and its implementations.

Everything above ``sources/`` and ``store/`` reaches data through a
:class:`DataSource` passed in by the entry point (CLI, web app, Python API), which
builds it with :func:`default_source`.

Examples
--------
>>> from rotascope.data import BundledSource, DataSource
>>> isinstance(BundledSource(), DataSource)
True
"""

from __future__ import annotations

from rotascope.data.bundled import BundledSource
from rotascope.data.local import LocalSource
from rotascope.data.memory import MemorySource
from rotascope.data.port import (
    COLUMNS,
    FUTURES_COLUMNS,
    INVENTORY_COLUMNS,
    DataSource,
    SeriesInfo,
)

__all__ = [
    "COLUMNS",
    "FUTURES_COLUMNS",
    "INVENTORY_COLUMNS",
    "BundledSource",
    "DataSource",
    "LocalSource",
    "MemorySource",
    "SeriesInfo",
    "clear_cache",
    "default_source",
]


def default_source() -> DataSource:
    """The source entry points use: the local store, else the bundled dataset.

    Only entry points (``rotascope.cli``, ``rotascope.web``, the functions of
    ``rotascope/__init__.py``) call this; everything else takes a source argument.
    """
    return LocalSource()


def clear_cache() -> None:
    """Forget what :class:`LocalSource` cached (it also expires when the store changes)."""
    from rotascope.data import _cache

    _cache.clear()
