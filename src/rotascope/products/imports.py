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

from dataclasses import replace as replace_
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


def import_upload(
    path: Path, *, symbol: str | None = None, column: str = "close", replace: bool = False
) -> list[dict]:
    """Read an uploaded file and store it in one transaction.

    An upload adds series: one already there (stored, or in the bundled dataset, which
    a stored copy would hide) is refused unless ``replace``; with ``replace`` the file
    becomes the series, and what it replaced (or hid) is saved first, so ``rotascope
    data undo SYMBOL`` brings it back. The stored ``source`` is ``upload:<file name>``,
    never the temporary path; errors name the uploaded file, not where the server kept
    it.

    Returns
    -------
    list of dict
        Per series: ``symbol``, ``rows``, ``new_rows``, ``status``, ``conflicts``,
        ``warnings``, ``replaced`` (what was there before, or ``""``).

    Raises
    ------
    DataError
        The file cannot be read, or a row is bad (nothing is stored).
    SeriesExistsError
        A series of the file is already there and ``replace`` is false (nothing is
        stored).
    """
    from rotascope.data.local import LocalSource
    from rotascope.errors import DataError, SeriesExistsError
    from rotascope.sources.reader import read_file
    from rotascope.store import Store

    col = column if column in ("close", "adj_close") else None
    try:
        parsed = read_file(path, symbol=symbol, column=col)  # type: ignore[arg-type]
    except DataError as exc:
        raise DataError(exc.message, path=path.name, line=exc.line) from None
    parsed = [replace_(s, source=f"upload:{path.name}") for s in parsed]
    store = Store()
    there = _already_there(LocalSource(store).inventory(), [s.symbol for s in parsed])
    if there and not replace:
        raise SeriesExistsError(list(there), "; ".join(there.values()))
    if replace:
        reason = f"upload:{path.name} with replace=true"
        result = store.replace_series(parsed, reason=reason)
    else:
        result = store.import_series(parsed)
    return [
        {
            "symbol": s.symbol,
            "rows": s.rows,
            "new_rows": s.new_rows,
            "status": "replaced" if there.get(p.symbol) else s.status,
            "conflicts": s.conflicts,
            "warnings": "; ".join(s.warnings),
            "replaced": there.get(p.symbol, ""),
        }
        for p, s in zip(parsed, result.series, strict=True)
    ]


def _already_there(inventory: pd.DataFrame, ids: list[str]) -> dict[str, str]:
    """``{id: where it is now}`` for each of ``ids`` already stored or bundled."""
    out: dict[str, str] = {}
    for sid in dict.fromkeys(ids):
        rows = inventory[inventory["id"] == sid]
        if rows.empty:
            continue
        r = rows.iloc[0]
        origin = "stored" if r["origin"] == "store" else "in the bundled dataset"
        out[sid] = (
            f"{sid}: {origin}, {int(r['rows']):,} values from {pd.Timestamp(r['first']).date()} "
            f"to {pd.Timestamp(r['last']).date()}"
        )
    return out


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
