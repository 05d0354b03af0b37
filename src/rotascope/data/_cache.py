"""One cache for what a :class:`~rotascope.data.local.LocalSource` reads from the store.

Entries are keyed by the state of the store file (path, size and modification time of
the file and its write-ahead log), a kind (``"frame"``, ``"version"``...) and its
arguments (the series key), so any write to the store makes every older entry
unreachable; least recently used entries are dropped beyond :data:`CACHE_SIZE`. The web
app reads from several threads, so the cache is locked (values are computed outside the
lock, so a slow store read never blocks the others).

Examples
--------
>>> import pathlib
>>> calls = []
>>> f = lambda: calls.append(1) or 42
>>> cached(pathlib.Path("/nonexistent/x.duckdb"), "answer", compute=f), len(calls)
(42, 1)
>>> cached(pathlib.Path("/nonexistent/x.duckdb"), "answer", compute=f), len(calls)
(42, 1)
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = ["CACHE_SIZE", "cached", "clear", "store_state"]

T = TypeVar("T")

#: Entries kept (frames of a few hundred series).
CACHE_SIZE = 256

_CACHE: OrderedDict[tuple[object, ...], object] = OrderedDict()
_LOCK = threading.Lock()


def store_state(path: Path) -> tuple[object, ...]:
    """Identify the current state of the store file cheaply (path, size, mtime, WAL)."""
    key: list[object] = [str(path)]
    for p in (path, path.with_name(path.name + ".wal")):
        try:
            st = os.stat(p)
            key += [st.st_size, st.st_mtime_ns]
        except OSError:
            key += [None, None]
    return tuple(key)


def cached(path: Path, kind: str, *args: object, compute: Callable[[], T]) -> T:
    """``compute()``, cached under (state of the store at ``path``, ``kind``, ``args``)."""
    key = (store_state(path), kind, *args)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]  # type: ignore[return-value]
    value = compute()
    with _LOCK:
        _CACHE[key] = value
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


def clear() -> None:
    """Forget every cached value (they also go stale whenever the store file changes)."""
    with _LOCK:
        _CACHE.clear()
