"""The local store: a DuckDB file of series, universes and events under ``ROTASCOPE_HOME``.

Examples
--------
>>> from rotascope.store import Store
>>> Store("/nonexistent/dir/rotascope.duckdb").symbols()
[]
"""

from __future__ import annotations

from rotascope.store.database import CheckReport, Store
from rotascope.store.files import FilesImport, TableImport, import_files
from rotascope.store.importer import REL_TOL, Conflict, ImportResult, SeriesImport
from rotascope.store.schema import SCHEMA_VERSION

__all__ = [
    "REL_TOL",
    "SCHEMA_VERSION",
    "CheckReport",
    "Conflict",
    "FilesImport",
    "ImportResult",
    "SeriesImport",
    "Store",
    "TableImport",
    "import_files",
]
