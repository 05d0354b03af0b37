"""Compile a kernel with numba on its first call, not at import.

Importing numba and loading (or, on a fresh install, compiling) a kernel costs from a
quarter of a second to seconds; a module whose kernel serves only some commands (the
breadth table, the universe scan) should not charge it to every command that imports
the module.

Examples
--------
>>> import numpy as np
>>> @lazy_njit
... def total(x):
...     s = 0.0
...     for v in x:
...         s += v
...     return s
>>> float(total.py_func(np.array([1.0, 2.0])))  # the plain function; total(...) compiles
3.0
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["lazy_njit"]

F = TypeVar("F", bound=Callable[..., Any])


def lazy_njit(fn: F) -> F:
    """``numba.njit(cache=True, nogil=True)(fn)``, done on the first call.

    The plain function stays reachable as ``.py_func`` (as on a numba dispatcher).
    """
    compiled: Callable[..., Any] | None = None

    @functools.wraps(fn)
    def call(*args: Any) -> Any:
        nonlocal compiled
        if compiled is None:
            from numba import njit

            compiled = njit(cache=True, nogil=True)(fn)
        return compiled(*args)

    call.py_func = fn  # type: ignore[attr-defined]
    return call  # type: ignore[return-value]
