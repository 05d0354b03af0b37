"""Where rotascope keeps its files."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = ["home", "store_path"]


def home() -> Path:
    """Return the rotascope home folder (``$ROTASCOPE_HOME`` or the user data dir).

    Examples
    --------
    >>> isinstance(home(), Path)
    True
    """
    env = os.environ.get("ROTASCOPE_HOME")
    return Path(env).expanduser() if env else Path(platformdirs.user_data_dir("rotascope"))


def store_path() -> Path:
    """Return the path of the DuckDB store file inside :func:`home`."""
    return home() / "rotascope.duckdb"
