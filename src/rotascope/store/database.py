"""The local store: one DuckDB file of daily values keyed by (symbol, date).

Tables: ``prices`` (symbol, date, open, high, low, close, adj_close, volume, dividends),
``series`` (one row of metadata per symbol, with a checksum of its stored values),
``imports`` (a log of every import) and ``meta`` (schema version). Writers hold an
exclusive lock and work in one transaction; readers open the file read-only under a
shared lock and never create it.

Examples
--------
>>> import tempfile, pathlib
>>> store = Store(pathlib.Path(tempfile.mkdtemp()) / "rotascope.duckdb")
>>> store.symbols()
[]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from rotascope.config import store_path
from rotascope.errors import DataError, RotascopeError, UnknownSymbol
from rotascope.sources.parsed import COLUMNS, ParsedSeries
from rotascope.store._lock import default_timeout, store_lock
from rotascope.store.importer import CHECKSUM_SQL, ImportResult, merge_series
from rotascope.symbols import canonical

__all__ = ["CheckReport", "Store"]

SCHEMA_VERSION = "1"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS prices (symbol VARCHAR NOT NULL, date DATE NOT NULL, "
    "open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, adj_close DOUBLE, volume DOUBLE, "
    "dividends DOUBLE)",
    "CREATE TABLE IF NOT EXISTS series (symbol VARCHAR NOT NULL, name VARCHAR, "
    "unit VARCHAR NOT NULL, source VARCHAR, format VARCHAR, first_date DATE, last_date DATE, "
    "rows BIGINT, imported_at TIMESTAMP, checksum VARCHAR)",
    "CREATE SEQUENCE IF NOT EXISTS import_id",
    "CREATE TABLE IF NOT EXISTS imports (id BIGINT, imported_at TIMESTAMP, source VARCHAR, "
    "symbol VARCHAR, rows BIGINT, new_rows BIGINT, conflicts BIGINT, updated_rows BIGINT, "
    "status VARCHAR)",
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)",
)


@dataclass(frozen=True)
class CheckReport:
    """Result of :meth:`Store.check`: counts and every problem found (empty when sound)."""

    symbols: int
    rows: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def _to_date(value: object, name: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        return pd.Timestamp(value).normalize()
    except (ValueError, TypeError) as exc:
        raise DataError(f"{name} is not a date: {value!r}") from exc


class Store:
    """The DuckDB store at ``path`` (default :func:`rotascope.config.store_path`).

    Parameters
    ----------
    path : Path, optional
        Database file.
    timeout : float, optional
        Seconds to wait for another process before :class:`~rotascope.errors.StoreBusyError`
        (default ``$ROTASCOPE_LOCK_TIMEOUT``, else 30).
    """

    def __init__(self, path: str | Path | None = None, *, timeout: float | None = None) -> None:
        self.path = Path(path) if path is not None else store_path()
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.timeout = default_timeout() if timeout is None else timeout

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- connections -------------------------------------------------------------------
    def _connect(self, *, read_only: bool) -> duckdb.DuckDBPyConnection:
        try:
            con = duckdb.connect(str(self.path), read_only=read_only)
            con.execute("PRAGMA disable_progress_bar")  # the CLI draws its own
            return con
        except duckdb.Error as exc:
            raise RotascopeError(
                f"cannot open the store {self.path}: {exc}. Move the file away to start afresh."
            ) from None

    @contextmanager
    def _reader(self) -> Iterator[duckdb.DuckDBPyConnection | None]:
        """A read-only connection, or None when there is no store (file or tables) yet."""
        with store_lock(self.lock_path, exclusive=False, timeout=self.timeout):
            if not self.path.exists():
                yield None
                return
            con = self._connect(read_only=True)
            try:
                # fetchall, not fetchone: DuckDB keeps a half-read result open otherwise,
                # and the next register()/execute() on this connection fails
                ready = con.execute(
                    "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'series'"
                ).fetchall()
                yield con if ready and ready[0][0] else None
            finally:
                con.close()

    @contextmanager
    def _writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection inside one transaction (the schema is created and committed first)."""
        with store_lock(self.lock_path, exclusive=True, timeout=self.timeout):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = self._connect(read_only=False)
            try:
                con.execute("BEGIN TRANSACTION")
                for stmt in _SCHEMA:
                    con.execute(stmt)
                if not con.execute("SELECT 1 FROM meta WHERE key = 'schema_version'").fetchall():
                    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
                con.execute("COMMIT")
                con.execute("BEGIN TRANSACTION")
                try:
                    yield con
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
            finally:
                con.close()

    # -- writing -----------------------------------------------------------------------
    def import_series(
        self, series: Sequence[ParsedSeries], *, replace: bool = False
    ) -> ImportResult:
        """Store parsed series in one transaction.

        Parameters
        ----------
        series : sequence of ParsedSeries
            What to store (from :func:`rotascope.sources.read_file`).
        replace : bool
            Overwrite stored values that conflict with the new ones (default: keep them
            and report the conflicts).

        Returns
        -------
        ImportResult
            Per series: new rows, conflicts, status (``new``, ``extended``, ``updated``,
            ``unchanged``). Any error rolls everything back.
        """
        if not series:
            return ImportResult(())
        with self._writer() as con:
            return merge_series(con, series, replace=replace)

    def remove(self, symbol: str) -> int:
        """Delete a symbol and its metadata; return the number of rows removed."""
        sym = canonical(symbol)
        with self._writer() as con:
            n = con.execute("SELECT count(*) FROM prices WHERE symbol = ?", [sym]).fetchone()
            known = con.execute("SELECT count(*) FROM series WHERE symbol = ?", [sym]).fetchone()
            if not (n and n[0]) and not (known and known[0]):
                avail = [r[0] for r in con.execute("SELECT symbol FROM series").fetchall()]
                raise UnknownSymbol(sym, avail)
            con.execute("DELETE FROM prices WHERE symbol = ?", [sym])
            con.execute("DELETE FROM series WHERE symbol = ?", [sym])
            return int(n[0]) if n else 0

    # -- reading -----------------------------------------------------------------------
    def list_series(self) -> pd.DataFrame:
        """Metadata of every stored series, one row per symbol (sorted)."""
        cols = [
            "symbol",
            "name",
            "unit",
            "first",
            "last",
            "rows",
            "source",
            "format",
            "imported_at",
            "checksum",
        ]
        with self._reader() as con:
            if con is None:
                return pd.DataFrame({c: [] for c in cols})
            df = con.execute(
                "SELECT symbol, name, unit, first_date AS first, last_date AS last, rows, source, "
                "format, imported_at, checksum FROM series ORDER BY symbol"
            ).df()
        for c in ("first", "last"):
            df[c] = pd.to_datetime(df[c])
        return df

    def symbols(self) -> list[str]:
        """Stored symbols, sorted."""
        with self._reader() as con:
            if con is None:
                return []
            return [
                r[0] for r in con.execute("SELECT symbol FROM series ORDER BY symbol").fetchall()
            ]

    def __contains__(self, symbol: object) -> bool:
        return isinstance(symbol, str) and canonical(symbol) in self.symbols()

    def load(
        self,
        symbol: str,
        columns: Sequence[str] | None = None,
        start: object = None,
        end: object = None,
    ) -> pd.DataFrame:
        """Stored values of ``symbol`` between ``start`` and ``end`` (inclusive).

        Parameters
        ----------
        symbol : str
            Symbol (aliases accepted).
        columns : sequence of str, optional
            Columns among ``open, high, low, close, adj_close, volume, dividends``;
            default: every column that holds at least one value.
        start, end : date-like, optional
            Bounds (inclusive).

        Returns
        -------
        pandas.DataFrame
            DatetimeIndex named ``date``, float64 columns.

        Raises
        ------
        UnknownSymbol
            When the symbol is not stored.
        """
        sym = canonical(symbol)
        want = list(columns) if columns is not None else list(COLUMNS)
        bad = [c for c in want if c not in COLUMNS]
        if bad:
            raise DataError(f"unknown column(s) {bad}; choose among {', '.join(COLUMNS)}")
        lo, hi = _to_date(start, "start"), _to_date(end, "end")
        with self._reader() as con:
            if (
                con is None
                or not con.execute("SELECT 1 FROM series WHERE symbol = ?", [sym]).fetchall()
            ):
                avail = (
                    []
                    if con is None
                    else [r[0] for r in con.execute("SELECT symbol FROM series").fetchall()]
                )
                raise UnknownSymbol(sym, avail)
            sql = f"SELECT date, {', '.join(want)} FROM prices WHERE symbol = ?"
            params: list[object] = [sym]
            if lo is not None:
                sql += " AND date >= ?"
                params.append(lo.date())
            if hi is not None:
                sql += " AND date <= ?"
                params.append(hi.date())
            df = con.execute(sql + " ORDER BY date", params).df()
        index = pd.DatetimeIndex(
            pd.to_datetime(df.pop("date")).to_numpy("datetime64[ns]"), name="date"
        )
        out = pd.DataFrame(
            {c: df[c].to_numpy(dtype="float64", na_value=float("nan")) for c in want}, index=index
        )
        if columns is None:
            out = out.loc[:, out.notna().any(axis=0)] if len(out) else out[["close"]]
        return out

    def imports(self, limit: int = 50) -> pd.DataFrame:
        """The last ``limit`` entries of the import log, newest first."""
        with self._reader() as con:
            if con is None:
                return pd.DataFrame()
            return con.execute("SELECT * FROM imports ORDER BY id DESC LIMIT ?", [limit]).df()

    def version(self) -> str:
        """A short hash that changes whenever the stored data changes (``"empty"`` if none)."""
        with self._reader() as con:
            if con is None:
                return "empty"
            rows = con.execute(
                "SELECT symbol, rows, first_date, last_date, checksum FROM series ORDER BY symbol"
            ).fetchall()
        if not rows:
            return "empty"
        return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]

    def check(self) -> CheckReport:
        """Verify the store: duplicates, metadata counts/dates and value checksums."""
        problems: list[str] = []
        with self._reader() as con:
            if con is None:
                return CheckReport(0, 0, ())
            total = con.execute("SELECT count(*) FROM prices").fetchone()
            for sym, d, n in con.execute(
                "SELECT symbol, date, count(*) FROM prices GROUP BY symbol, date "
                "HAVING count(*) > 1 ORDER BY symbol, date LIMIT 20"
            ).fetchall():
                problems.append(f"{sym}: date {d} stored {n} times")
            actual = {
                r[0]: r[1:]
                for r in con.execute(
                    f"SELECT p.symbol, min(p.date), max(p.date), count(*), {CHECKSUM_SQL} "
                    "FROM prices p GROUP BY p.symbol"
                ).fetchall()
            }
            recorded = {
                r[0]: r[1:]
                for r in con.execute(
                    "SELECT symbol, first_date, last_date, rows, checksum FROM series"
                ).fetchall()
            }
        for sym in sorted(set(actual) | set(recorded)):
            a, r = actual.get(sym), recorded.get(sym)
            if a is None:
                problems.append(f"{sym}: listed in the metadata but has no rows")
            elif r is None:
                problems.append(f"{sym}: {a[2]} rows without metadata")
            elif a != r:
                what = [
                    n
                    for n, x, y in zip(("first", "last", "rows", "checksum"), a, r, strict=True)
                    if x != y
                ]
                problems.append(
                    f"{sym}: stored values disagree with the metadata ({', '.join(what)})"
                )
        return CheckReport(len(recorded), int(total[0]) if total else 0, tuple(problems))
