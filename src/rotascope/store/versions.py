"""Earlier versions of stored series: what an import replaced, kept for ``undo``.

Before an import replaces values (``rotascope data import --replace`` overwriting
conflicting values, an upload sent with ``replace=true``), the store copies every key of
the series' id (all its editions) into ``version_prices``/``version_series`` under a new
version number, listed in ``versions``. A series that was not stored at all (an upload
hiding a bundled series) gets a version with no keys: undoing it removes the stored
series, so the bundled one is used again. :func:`undo` puts the newest version of an id
back (and forgets it, so a second undo goes one version further back).

The three tables were added within schema 2 (:data:`rotascope.store.schema.ADDITIVE`,
:data:`~rotascope.store.schema.VERSION_TABLES`):
a store written before them gets them on its next write, and readers treat missing
tables as empty.

Examples
--------
>>> import duckdb
>>> from rotascope.store.schema import ADDITIVE, SCHEMA
>>> con = duckdb.connect()
>>> for stmt in (*SCHEMA, *ADDITIVE):
...     _ = con.execute(stmt)
>>> save(con, "RUT", "upload:rut.csv with replace")  # nothing stored: an empty version
1
>>> [(v.id, v.keys, v.rows) for v in list_versions(con)]
[('RUT', 0, 0)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PureWindowsPath

import duckdb

from rotascope.sources.parsed import ParsedSeries
from rotascope.store.importer import ImportResult, merge_series
from rotascope.store.schema import VERSION_TABLES, has_table

__all__ = [
    "UndoResult",
    "Version",
    "discard",
    "list_versions",
    "merge_saving",
    "replace_series",
    "save",
    "undo",
]

_SERIES_COLS = (
    "symbol, name, unit, source, format, first_date, last_date, rows, imported_at, checksum, "
    "id, namespace, edition"
)
_PRICE_COLS = "symbol, date, open, high, low, close, adj_close, volume, dividends"


@dataclass(frozen=True)
class Version:
    """One saved version of a series id.

    Attributes
    ----------
    version : int
        Its number (increasing).
    id : str
        The series id (``RUT``, ``ff:SMB``).
    saved_at : datetime.datetime
        When it was saved (UTC).
    reason : str
        What replaced it.
    keys : int
        Stored keys (editions) saved; 0 when the id was not stored then.
    rows : int
        Values saved.
    first, last : datetime.date or None
        Their first and last dates.
    """

    version: int
    id: str
    saved_at: dt.datetime
    reason: str
    keys: int
    rows: int
    first: dt.date | None
    last: dt.date | None


@dataclass(frozen=True)
class UndoResult:
    """What :func:`undo` did.

    Attributes
    ----------
    version : Version
        The version put back (now forgotten).
    removed_rows : int
        Values of the replacing series taken out.
    left : int
        Versions of the id still saved (for further undos).
    """

    version: Version
    removed_rows: int
    left: int

    @property
    def restored_rows(self) -> int:
        """Values put back (0 when the id was not stored before)."""
        return self.version.rows


def _keys(con: duckdb.DuckDBPyConnection, sid: str) -> list[str]:
    return [r[0] for r in con.execute("SELECT symbol FROM series WHERE id = ?", [sid]).fetchall()]


def save(con: duckdb.DuckDBPyConnection, sid: str, reason: str) -> int:
    """Copy every stored key of ``sid`` into a new version; return its number.

    The caller owns the transaction (the copy commits with the write that follows).
    """
    for stmt in VERSION_TABLES:
        con.execute(stmt)
    [(version,)] = con.execute("SELECT nextval('version_id')").fetchall()
    keys = _keys(con, sid)
    con.execute(
        f"INSERT INTO version_series SELECT ?, {_SERIES_COLS} FROM series WHERE id = ?",
        [version, sid],
    )
    con.execute(
        f"INSERT INTO version_prices SELECT ?, {_PRICE_COLS} FROM prices WHERE symbol IN "
        "(SELECT symbol FROM series WHERE id = ?)",
        [version, sid],
    )
    [(rows, first, last)] = con.execute(
        "SELECT count(*), min(date), max(date) FROM version_prices WHERE version = ?", [version]
    ).fetchall()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    con.execute(
        "INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [version, sid, now, reason, len(keys), rows, first, last],
    )
    return int(version)


def discard(con: duckdb.DuckDBPyConnection, versions: Iterable[int]) -> None:
    """Forget saved versions (an import that replaced nothing after all)."""
    for v in versions:
        for table in ("versions", "version_series", "version_prices"):
            con.execute(f"DELETE FROM {table} WHERE version = ?", [v])


def list_versions(con: duckdb.DuckDBPyConnection, sid: str | None = None) -> list[Version]:
    """Saved versions, newest first (of ``sid`` only when given)."""
    if not has_table(con, "versions"):
        return []
    where, args = ("WHERE id = ?", [sid]) if sid is not None else ("", [])
    rows = con.execute(
        "SELECT version, id, saved_at, reason, keys, rows, first_date, last_date FROM versions "
        f"{where} ORDER BY version DESC",
        args,
    ).fetchall()
    return [
        Version(int(r[0]), r[1], r[2], r[3] or "", int(r[4]), int(r[5]), r[6], r[7]) for r in rows
    ]


def undo(con: duckdb.DuckDBPyConnection, sid: str) -> UndoResult | None:
    """Put the newest saved version of ``sid`` back in place of what is stored now.

    Returns ``None`` when no version of ``sid`` is saved. The caller owns the
    transaction.
    """
    saved = list_versions(con, sid)
    if not saved:
        return None
    top = saved[0]
    [(removed,)] = con.execute(
        "SELECT count(*) FROM prices WHERE symbol IN (SELECT symbol FROM series WHERE id = ?)",
        [sid],
    ).fetchall()
    for key in _keys(con, sid):
        con.execute("DELETE FROM prices WHERE symbol = ?", [key])
        con.execute("DELETE FROM series WHERE symbol = ?", [key])
    con.execute(
        f"INSERT INTO prices ({_PRICE_COLS}) SELECT {_PRICE_COLS} FROM version_prices "
        "WHERE version = ?",
        [top.version],
    )
    con.execute(
        f"INSERT INTO series ({_SERIES_COLS}) SELECT {_SERIES_COLS} FROM version_series "
        "WHERE version = ?",
        [top.version],
    )
    discard(con, [top.version])
    return UndoResult(top, int(removed), len(saved) - 1)


def merge_saving(
    con: duckdb.DuckDBPyConnection, series: Sequence[ParsedSeries], *, replace: bool
) -> ImportResult:
    """:func:`~rotascope.store.importer.merge_series`, saving first what ``replace``
    overwrites: a version of each stored id of the batch, forgotten again when the
    import replaced none of its values."""
    if not replace:
        return merge_series(con, series, replace=False)
    stored = {r[0] for r in con.execute("SELECT DISTINCT id FROM series").fetchall()}
    saved = {
        sid: save(con, sid, f"import of {_sources(series, sid)} with --replace")
        for sid in dict.fromkeys(s.symbol for s in series)
        if sid in stored
    }
    result = merge_series(con, series, replace=True)
    replaced = {
        s.symbol
        for s, r in zip(series, result.series, strict=True)
        if r.status == "replaced" or r.conflicts
    }
    discard(con, [v for sid, v in saved.items() if sid not in replaced])
    return result


def replace_series(
    con: duckdb.DuckDBPyConnection, series: Sequence[ParsedSeries], reason: str
) -> ImportResult:
    """Store ``series`` in place of every stored key of their ids, saving those first
    (a version with no keys for an id that was not stored, e.g. a bundled series the
    new one hides)."""
    for sid in dict.fromkeys(s.symbol for s in series):
        save(con, sid, reason)
        for key in _keys(con, sid):
            con.execute("DELETE FROM prices WHERE symbol = ?", [key])
            con.execute("DELETE FROM series WHERE symbol = ?", [key])
    return merge_series(con, series)


def _sources(series: Sequence[ParsedSeries], sid: str) -> str:
    names = dict.fromkeys(PureWindowsPath(s.source or "").name for s in series if s.symbol == sid)
    return ", ".join(n for n in names if n) or "a file"
