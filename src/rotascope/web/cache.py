"""The web app's one cache: a bounded LRU of computed answers.

Keys are the canonical inputs of a request plus the data source's ``version()``, so an
import (or any change of the data) makes old entries unreachable; the LRU bounds (entries
and bytes) then evict them.

Examples
--------
>>> c = ResultCache(maxsize=2)
>>> c.put(("facts", "RUT", "v1"), b"{}")
>>> c.get(("facts", "RUT", "v1"))
b'{}'
>>> c.get(("facts", "RUT", "v2")) is MISSING
True
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

__all__ = ["MISSING", "ResultCache"]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


#: Returned by :meth:`ResultCache.get` when the key is absent.
MISSING: Any = _Missing()


def _size(value: Any) -> int:
    if isinstance(value, bytes | bytearray):
        return len(value)
    if isinstance(value, tuple):
        return sum(len(v) for v in value if isinstance(v, bytes | bytearray))
    return 0


class ResultCache:
    """Thread-safe least-recently-used cache with a fixed number of entries.

    Parameters
    ----------
    maxsize : int
        Entries kept; the least recently used one is dropped beyond it. ``0``
        disables caching.
    maxbytes : int
        Bound on the total size of ``bytes`` values (and bytes inside tuples), e.g.
        serialised responses; other values count the ``size`` they were put with.

    Attributes
    ----------
    hits, misses : int
        Counters since creation (for ``/api/health``).
    """

    def __init__(self, maxsize: int = 2048, maxbytes: int = 256 * 1024 * 1024) -> None:
        if maxsize < 0 or maxbytes < 0:
            raise ValueError("maxsize and maxbytes must be >= 0")
        self.maxsize = maxsize
        self.maxbytes = maxbytes
        self.nbytes = 0
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._sizes: dict[Hashable, int] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Any:
        """Return the value for ``key`` (marking it recently used) or :data:`MISSING`."""
        with self._lock:
            try:
                value = self._data[key]
            except KeyError:
                self.misses += 1
                return MISSING
            self._data.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: Hashable, value: Any, *, size: int = 0) -> None:
        """Store ``value`` under ``key``, evicting the least recently used beyond the bound.

        ``bytes`` values (and bytes inside tuples) count their length against
        ``maxbytes``; other values count ``size``.
        """
        size = _size(value) or size
        if self.maxsize == 0 or size > self.maxbytes:
            return
        with self._lock:
            if key in self._data:
                self.nbytes -= self._sizes.pop(key, 0)
            self._data[key] = value
            self._data.move_to_end(key)
            self._sizes[key] = size
            self.nbytes += size
            while len(self._data) > self.maxsize or self.nbytes > self.maxbytes:
                old, _ = self._data.popitem(last=False)
                self.nbytes -= self._sizes.pop(old, 0)

    def clear(self) -> None:
        """Drop every entry."""
        with self._lock:
            self._data.clear()
            self._sizes.clear()
            self.nbytes = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._data)

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._data
