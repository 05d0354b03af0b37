"""The local store: one DuckDB file of values keyed by (series key, date).

The tables are described in :mod:`rotascope.store.schema`. Writers hold an exclusive
lock and work in one transaction; readers open the file read-only under a shared lock
and never create it. A store written by an earlier release is migrated the first time
it is opened (:func:`rotascope.store.schema.migrate`).

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
from rotascope.store import versions as saved_versions
from rotascope.store._lock import default_timeout, store_lock
from rotascope.store.importer import CHECKSUM_SQL, ImportResult
from rotascope.store.schema import SCHEMA_VERSION, has_table, migrate, schema_version
from rotascope.symbols import resolve

__all__ = ["CheckReport", "Store"]


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
        """A read-only connection, or None when there is no store (file or tables) yet.

        A store of an earlier schema is migrated first (under the write lock).
        """
        for attempt in range(2):
            with store_lock(self.lock_path, exclusive=False, timeout=self.timeout):
                if not self.path.exists():
                    yield None
                    return
                con = self._connect(read_only=True)
                try:
                    version = schema_version(con)
                    if version == 0:
                        yield None
                        return
                    if version >= SCHEMA_VERSION:
                        yield con
                        return
                    if attempt:
                        raise RotascopeError(
                            f"the store {self.path} is of schema {version} and could not be "
                            "migrated; move the file away to start afresh"
                        )
                finally:
                    con.close()
            self.migrate()  # outside the shared lock: migrating takes the exclusive one

    def migrate(self) -> int:
        """Bring a store written by an earlier release to the current schema.

        Returns the number of series whose key changed (0 when nothing was to do).
        Opening a store for reading or writing does this on its own.
        """
        with store_lock(self.lock_path, exclusive=True, timeout=self.timeout):
            if not self.path.exists():
                return 0
            con = self._connect(read_only=False)
            try:
                return migrate(con)
            finally:
                con.close()

    @contextmanager
    def _writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection inside one transaction (the schema is created or migrated first)."""
        with store_lock(self.lock_path, exclusive=True, timeout=self.timeout):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = self._connect(read_only=False)
            try:
                migrate(con)
                con.execute("BEGIN TRANSACTION")
                try:
                    yield con
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
            finally:
                con.close()

    @staticmethod
    def _available(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
        """Stored ids and their editions."""
        out: dict[str, list[str]] = {}
        for sid, edition in con.execute("SELECT id, edition FROM series").fetchall():
            out.setdefault(sid, []).append(edition or "")
        return out

    def _key(self, con: duckdb.DuckDBPyConnection, symbol: str) -> str:
        sid, edition = resolve(symbol, self._available(con))
        return f"{sid}@{edition}" if edition else sid

    def resolve(self, symbol: str) -> str:
        """The key of the stored series ``symbol`` names (``SMB`` -> ``ff:SMB@202604``).

        Raises
        ------
        UnknownSymbol, AmbiguousSymbol
            See :func:`rotascope.symbols.resolve`.
        """
        with self._reader() as con:
            if con is None:
                raise UnknownSymbol(symbol.strip().upper(), [])
            return self._key(con, symbol)

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
            and report the conflicts). What is overwritten is saved first, for
            :meth:`undo`.

        Returns
        -------
        ImportResult
            Per series: new rows, conflicts, status (``new``, ``extended``, ``updated``,
            ``unchanged``). Any error rolls everything back.
        """
        if not series:
            return ImportResult(())
        with self._writer() as con:
            return saved_versions.merge_saving(con, series, replace=replace)

    def replace_series(self, series: Sequence[ParsedSeries], *, reason: str) -> ImportResult:
        """Store ``series`` in place of everything stored under their ids, in one
        transaction, saving what they replace for :meth:`undo` (also when nothing was
        stored: undoing then removes them, e.g. to bring back a bundled series)."""
        with self._writer() as con:
            return saved_versions.replace_series(con, series, reason)

    def undo(self, symbol: str) -> saved_versions.UndoResult:
        """Put back the newest saved version of ``symbol`` (see
        :mod:`rotascope.store.versions`).

        Raises
        ------
        DataError
            No saved version of it (naming the series that have one).
        """
        with self._writer() as con:
            saved = {v.id: [""] for v in saved_versions.list_versions(con)}
            have = sorted(saved)
            try:
                sid, _ = resolve(symbol, {**self._available(con), **saved})
            except UnknownSymbol:
                sid = ""
            result = saved_versions.undo(con, sid) if sid in saved else None
            if result is None:
                raise DataError(
                    f"no earlier version of {symbol.strip()!r} is saved (one is kept when an "
                    "import replaces values); series with one: "
                    f"{', '.join(have) or 'none'}"
                )
            return result

    def versions(self, symbol: str | None = None) -> list[saved_versions.Version]:
        """Saved versions, newest first (of ``symbol``'s id when given)."""
        with self._reader() as con:
            if con is None:
                return []
            sid = None
            if symbol is not None:
                saved = {v.id: [""] for v in saved_versions.list_versions(con)}
                sid = resolve(symbol, {**self._available(con), **saved})[0]
            return saved_versions.list_versions(con, sid)

    def remove(self, symbol: str) -> int:
        """Delete a series and its metadata; return the number of rows removed.

        ``ff:SMB`` removes every stored edition of it, ``ff:SMB@202403`` that one.
        """
        with self._writer() as con:
            sid, edition = resolve(symbol, self._available(con))
            keys = [
                r[0]
                for r in con.execute(
                    "SELECT symbol FROM series WHERE id = ? AND (? = '' OR edition = ?)",
                    [sid, edition if "@" in symbol else "", edition],
                ).fetchall()
            ]
            n = 0
            for key in keys:
                [(k,)] = con.execute(
                    "SELECT count(*) FROM prices WHERE symbol = ?", [key]
                ).fetchall()
                n += int(k)
                con.execute("DELETE FROM prices WHERE symbol = ?", [key])
                con.execute("DELETE FROM series WHERE symbol = ?", [key])
            return n

    # -- reading -----------------------------------------------------------------------
    def list_series(self) -> pd.DataFrame:
        """Metadata of every stored series, one row per key (sorted).

        Columns: ``symbol`` (the key), ``id``, ``namespace``, ``edition``, ``name``,
        ``unit``, ``first``, ``last``, ``rows``, ``source``, ``format``, ``imported_at``,
        ``checksum``.
        """
        cols = [
            "symbol",
            "id",
            "namespace",
            "edition",
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
                "SELECT symbol, id, namespace, edition, name, unit, first_date AS first, "
                "last_date AS last, rows, source, format, imported_at, checksum FROM series "
                "ORDER BY symbol"
            ).df()
        for c in ("first", "last"):
            df[c] = pd.to_datetime(df[c])
        return df

    def symbols(self) -> list[str]:
        """Stored series keys, sorted (``RUT``, ``ff:SMB@202604``, ``fred:DGS10``...)."""
        with self._reader() as con:
            if con is None:
                return []
            return [
                r[0] for r in con.execute("SELECT symbol FROM series ORDER BY symbol").fetchall()
            ]

    def available(self) -> dict[str, list[str]]:
        """Stored ids and the editions of each (``""`` for a series without editions)."""
        with self._reader() as con:
            return {} if con is None else self._available(con)

    def __contains__(self, symbol: object) -> bool:
        if not isinstance(symbol, str):
            return False
        try:
            self.resolve(symbol)
        except UnknownSymbol:
            return False
        return True

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
            Any name :meth:`resolve` accepts (``RUT``, ``^GSPC``, ``SMB``, ``ff:RF``,
            ``ff:SMB@202403``).
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
            When the symbol is not stored (:class:`~rotascope.errors.AmbiguousSymbol`
            when it could mean several stored series).
        """
        want = list(columns) if columns is not None else list(COLUMNS)
        bad = [c for c in want if c not in COLUMNS]
        if bad:
            raise DataError(f"unknown column(s) {bad}; choose among {', '.join(COLUMNS)}")
        lo, hi = _to_date(start, "start"), _to_date(end, "end")
        with self._reader() as con:
            if con is None:
                raise UnknownSymbol(symbol.strip().upper(), [])
            key = self._key(con, symbol)
            sql = f"SELECT date, {', '.join(want)} FROM prices WHERE symbol = ?"
            params: list[object] = [key]
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

    def load_many(self, keys: Sequence[str], column: str = "close") -> dict[str, pd.Series]:
        """One column of several stored keys in one query (``{key: Series}``)."""
        if column not in COLUMNS:
            raise DataError(f"unknown column {column!r}; choose among {', '.join(COLUMNS)}")
        wanted = pd.DataFrame({"symbol": list(dict.fromkeys(keys))})
        with self._reader() as con:
            if con is None or wanted.empty:
                return {}
            con.register("wanted_keys", wanted)
            try:
                df = con.execute(
                    f"SELECT p.symbol, p.date, p.{column} AS v FROM prices p JOIN wanted_keys "
                    f"USING (symbol) WHERE p.{column} IS NOT NULL ORDER BY p.symbol, p.date"
                ).df()
            finally:
                con.unregister("wanted_keys")
        out: dict[str, pd.Series] = {}
        for key, part in df.groupby("symbol", sort=False):
            idx = pd.DatetimeIndex(pd.to_datetime(part["date"]).to_numpy("datetime64[ns]"))
            out[str(key)] = pd.Series(part["v"].to_numpy("float64"), index=idx.rename("date"))
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
            rows += con.execute(
                "SELECT universe, kind, source, rows, imported_at FROM universes "
                "ORDER BY universe, kind"
            ).fetchall()
            rows += con.execute(
                "SELECT count(*), bit_xor(hash(date, kind, label, reference, schedule, note)) "
                "FROM events"
            ).fetchall()
            if has_table(con, "futures"):
                futures = con.execute(
                    "SELECT count(*), bit_xor(hash(date, contract, price)) FROM futures"
                ).fetchall()
                if futures != [(0, None)]:
                    rows += futures
        if rows == [(0, None)]:
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
