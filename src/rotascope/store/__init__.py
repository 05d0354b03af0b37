"""The local store: a DuckDB file of daily series under ``ROTASCOPE_HOME``.

Examples
--------
>>> from rotascope.store import Store
>>> Store("/nonexistent/dir/rotascope.duckdb").symbols()
[]
"""

from __future__ import annotations

from rotascope.store.database import CheckReport, Store
from rotascope.store.importer import REL_TOL, Conflict, ImportResult, SeriesImport

__all__ = ["REL_TOL", "CheckReport", "Conflict", "ImportResult", "SeriesImport", "Store"]
