"""Files a user hands in: the one place front ends' write paths (and named files) reach
the readers of ``sources/`` and the local store.

An upload on the page, ``rotascope breadth members FILE``, ``rotascope valuation
import FILE``, ``rotascope events import FILE`` and ``rotascope valuation --file``
call these functions instead of importing ``sources`` or ``store`` themselves. Each
import runs as one transaction of the store's own import functions.

Examples
--------
>>> callable(import_upload) and callable(import_membership)
True
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "import_events",
    "import_membership",
    "import_upload",
    "import_valuations",
    "read_shiller_file",
]


def import_upload(path: Path, *, symbol: str | None = None, column: str = "close") -> list[dict]:
    """Read an uploaded file and store it in one transaction.

    The stored ``source`` is ``upload:<file name>``, never the temporary path; errors
    name the uploaded file, not where the server kept it.

    Returns
    -------
    list of dict
        Per series: ``symbol``, ``rows``, ``new_rows``, ``status``, ``conflicts``,
        ``warnings``.

    Raises
    ------
    DataError
        The file cannot be read, or a row is bad (nothing is stored).
    """
    from rotascope.errors import DataError
    from rotascope.sources.reader import read_file
    from rotascope.store import Store

    col = column if column in ("close", "adj_close") else None
    try:
        parsed = read_file(path, symbol=symbol, column=col)  # type: ignore[arg-type]
    except DataError as exc:
        raise DataError(exc.message, path=path.name, line=exc.line) from None
    parsed = [replace(s, source=f"upload:{path.name}") for s in parsed]
    result = Store().import_series(parsed)
    return [
        {
            "symbol": s.symbol,
            "rows": s.rows,
            "new_rows": s.new_rows,
            "status": s.status,
            "conflicts": s.conflicts,
            "warnings": "; ".join(s.warnings),
        }
        for s in result.series
    ]


def import_membership(path: str | Path, universe: str = "SP500") -> tuple[int, int]:
    """Store an index's membership spells (``ticker,start_date,end_date``), replacing the
    universe's stored spells.

    Returns
    -------
    (spells, tickers) : tuple of int
    """
    from rotascope.sources.membership import read_membership
    from rotascope.store import Store
    from rotascope.store.universe import save_membership

    spells = read_membership(Path(path))
    n = save_membership(Store(), universe, spells)
    return int(n), int(spells["ticker"].nunique())


def import_valuations(path: str | Path, *, replace: bool = False) -> tuple[list[Any], Any]:
    """Read a valuation CSV (``date,symbol,metric,value[,basis]``) and store it.

    Returns
    -------
    (series, result)
        The series read and the store's import result (conflicts, new rows).
    """
    from rotascope.sources.valuation_csv import import_valuation_csv

    return import_valuation_csv(path, replace=replace)


def import_events(path: str | Path) -> tuple[int, Path]:
    """Validate an event file and add its rows to the user's events.

    Returns
    -------
    (rows, where) : tuple of int and Path
        Rows imported and the file that keeps the user's events.
    """
    from rotascope.events import import_events as store_events
    from rotascope.events import user_events_path

    return store_events(path), user_events_path()


def read_shiller_file(path: str | Path) -> pd.DataFrame:
    """Shiller's ``ie_data`` export named by the user, as the normalised monthly frame."""
    from rotascope.sources.shiller import read_shiller

    return read_shiller(path)
