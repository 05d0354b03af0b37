"""The installed version of rotascope (pyproject.toml is the one source of truth).

Examples
--------
>>> isinstance(version(), str)
True
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["version"]


@lru_cache(maxsize=1)
def version() -> str:
    """The installed distribution's version (read on first use: about 20 ms)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("rotascope")
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        return "0+unknown"
