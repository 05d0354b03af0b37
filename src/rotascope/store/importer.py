"""Merge parsed series into the store inside one transaction (used by :class:`Store`).

Rules, per symbol:

* a new symbol is inserted;
* dates not yet stored are appended (an overlapping newer file extends the series);
* on dates already stored, a value that differs by more than :data:`REL_TOL` (relative)
  is a *conflict*: the stored value stays unless ``replace=True``; blanks never
  overwrite values, and values fill stored blanks;
* re-importing identical data changes nothing (status ``unchanged``).

Examples
--------
>>> SeriesImport("RUT", "RUT.csv", rows=3, new_rows=3, status="new").changed
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pyarrow as pa

from rotascope.errors import DataError
from rotascope.sources.parsed import COLUMNS, ParsedSeries
from rotascope.symbols import info

__all__ = ["REL_TOL", "Conflict", "ImportResult", "SeriesImport", "merge_series"]

#: Relative difference above which two values for the same date conflict.
REL_TOL = 1e-6
_MAX_EXAMPLES = 5


@dataclass(frozen=True)
class Conflict:
    """A stored value that differs from the file's value on the same date."""

    date: dt.date
    column: str
    stored: float
    new: float


@dataclass(frozen=True)
class SeriesImport:
    """What importing one series did.

    Attributes
    ----------
    symbol, source : str
        Symbol and file.
    rows : int
        Rows in the file.
    new_rows : int
        Dates added to the store.
    conflicts : int
        Overlapping dates whose values differ (by more than :data:`REL_TOL`).
    examples : tuple of Conflict
        The first few conflicts.
    updated_rows : int
        Stored rows changed (blanks filled, or conflicts replaced with ``replace=True``).
    status : {"new", "extended", "updated", "unchanged"}
        Summary.
    warnings : tuple of str
        The reader's warnings.
    """

    symbol: str
    source: str
    rows: int
    new_rows: int
    status: str
    conflicts: int = 0
    examples: tuple[Conflict, ...] = ()
    updated_rows: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """True when the store changed for this series."""
        return self.status != "unchanged"


@dataclass(frozen=True)
class ImportResult:
    """Outcome of one :meth:`Store.import_series` call (one transaction)."""

    series: tuple[SeriesImport, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        """True when anything in the store changed."""
        return any(s.changed for s in self.series)

    @property
    def new_rows(self) -> int:
        """Total dates added."""
        return sum(s.new_rows for s in self.series)

    @property
    def conflicts(self) -> int:
        """Total conflicting values."""
        return sum(s.conflicts for s in self.series)


def _stage(batch: Sequence[ParsedSeries]) -> pa.Table:
    """One Arrow table (symbol, date, value columns with real nulls) for a batch."""
    sizes = [s.rows for s in batch]
    symbols = pa.DictionaryArray.from_arrays(
        pa.array(np.repeat(np.arange(len(batch), dtype=np.int32), sizes)),
        pa.array([s.symbol for s in batch]),
    ).cast(pa.string())
    dates = np.concatenate([s.frame.index.to_numpy(dtype="datetime64[ns]") for s in batch])
    cols = {"symbol": symbols, "date": pa.array(dates.astype("datetime64[D]"), type=pa.date32())}
    for c in COLUMNS:
        parts = [
            s.frame[c].to_numpy(dtype=np.float64) if c in s.frame else np.full(s.rows, np.nan)
            for s in batch
        ]
        v = np.concatenate(parts)
        cols[c] = pa.array(v, mask=np.isnan(v), type=pa.float64())
    return pa.table(cols)


def _differs(c: str) -> str:
    return (
        f"(p.{c} IS NOT NULL AND s.{c} IS NOT NULL AND "
        f"abs(p.{c} - s.{c}) > {REL_TOL} * greatest(abs(p.{c}), abs(s.{c})))"
    )


def _check_units(con: duckdb.DuckDBPyConnection, batch: Sequence[ParsedSeries]) -> None:
    stored = dict(
        con.execute(
            "SELECT symbol, unit FROM series WHERE symbol IN (SELECT * FROM unnest(?))",
            [[s.symbol for s in batch]],
        ).fetchall()
    )
    for s in batch:
        if s.symbol in stored and stored[s.symbol] != s.unit:
            raise DataError(
                f"{s.symbol} is stored with unit {stored[s.symbol]!r} but this file holds "
                f"{s.unit!r}; import it under another name with --symbol",
                path=s.source,
            )


def _merge_batch(
    con: duckdb.DuckDBPyConnection,
    batch: Sequence[ParsedSeries],
    *,
    replace: bool,
    merged: set[str],
) -> list[SeriesImport]:
    """Merge series with distinct symbols; returns one :class:`SeriesImport` each.

    ``merged`` holds the symbols written earlier in the same transaction.
    """
    _check_units(con, batch)
    con.register("stage", _stage(batch))
    try:
        existing = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT symbol FROM series WHERE symbol IN (SELECT symbol FROM stage)"
            ).fetchall()
        } | ({s.symbol for s in batch} & merged)
        diff = " OR ".join(_differs(c) for c in COLUMNS)
        fill = " OR ".join(f"(p.{c} IS NULL AND s.{c} IS NOT NULL)" for c in COLUMNS)
        counts = dict.fromkeys((s.symbol for s in batch), 0)
        examples: dict[str, list[Conflict]] = {k: [] for k in counts}
        if existing:
            for sym, n in con.execute(
                f"SELECT s.symbol, count(*) FROM stage s JOIN prices p USING (symbol, date) "
                f"WHERE {diff} GROUP BY s.symbol"
            ).fetchall():
                counts[sym] = n
            for c in COLUMNS:
                rows = con.execute(
                    f"SELECT s.symbol, s.date, p.{c}, s.{c} FROM stage s "
                    f"JOIN prices p USING (symbol, date) WHERE {_differs(c)} "
                    f"ORDER BY s.symbol, s.date"
                ).fetchall()
                for sym, d, old, new in rows:
                    if len(examples[sym]) < _MAX_EXAMPLES:
                        examples[sym].append(Conflict(d, c, old, new))
            upd_where = f"({fill})" + (f" OR ({diff})" if replace else "")
            pick = "s.{c}, p.{c}" if replace else "p.{c}, s.{c}"
            sets = ", ".join(f"{c} = coalesce({pick.format(c=c)})" for c in COLUMNS)
            updated = dict(
                con.execute(
                    f"SELECT s.symbol, count(*) FROM stage s JOIN prices p USING (symbol, date) "
                    f"WHERE {upd_where} GROUP BY s.symbol"
                ).fetchall()
            )
            if updated:
                con.execute(
                    f"UPDATE prices AS p SET {sets} FROM stage s "
                    f"WHERE p.symbol = s.symbol AND p.date = s.date AND ({upd_where})"
                )
        else:
            updated = {}
        new = dict(
            con.execute(
                "SELECT symbol, count(*) FROM stage s WHERE NOT EXISTS (SELECT 1 FROM prices p "
                "WHERE p.symbol = s.symbol AND p.date = s.date) GROUP BY symbol"
            ).fetchall()
        )
        if new:
            cols = ", ".join(("symbol", "date", *COLUMNS))
            con.execute(
                f"INSERT INTO prices ({cols}) SELECT {cols} FROM stage s WHERE NOT EXISTS "
                "(SELECT 1 FROM prices p WHERE p.symbol = s.symbol AND p.date = s.date)"
            )
    finally:
        con.unregister("stage")
    out = []
    for s in batch:
        n_new, n_upd = new.get(s.symbol, 0), updated.get(s.symbol, 0)
        if s.symbol not in existing:
            status = "new"
        elif n_new:
            status = "extended"
        elif n_upd:
            status = "updated"
        else:
            status = "unchanged"
        out.append(
            SeriesImport(
                symbol=s.symbol,
                source=s.source,
                rows=s.rows,
                new_rows=n_new,
                status=status,
                conflicts=counts[s.symbol],
                examples=tuple(examples[s.symbol]),
                updated_rows=n_upd,
                warnings=s.warnings,
            )
        )
    return out


def _refresh_metadata(
    con: duckdb.DuckDBPyConnection, changed: dict[str, ParsedSeries], now: dt.datetime
) -> None:
    if not changed:
        return
    con.execute(
        "CREATE OR REPLACE TEMP TABLE touched (symbol VARCHAR, name VARCHAR, unit VARCHAR, "
        "source VARCHAR, format VARCHAR)"
    )
    con.executemany(
        "INSERT INTO touched VALUES (?, ?, ?, ?, ?)",
        [(sym, _name(s), s.unit, s.source, s.format) for sym, s in changed.items()],
    )
    con.execute("DELETE FROM series WHERE symbol IN (SELECT symbol FROM touched)")
    con.execute(
        "INSERT INTO series SELECT t.symbol, t.name, t.unit, t.source, t.format, "
        "min(p.date), max(p.date), count(*), ?, "
        f"{CHECKSUM_SQL} FROM touched t JOIN prices p USING (symbol) "
        "GROUP BY t.symbol, t.name, t.unit, t.source, t.format",
        [now],
    )
    con.execute("DROP TABLE touched")


#: Order-independent checksum of a symbol's stored rows (hex of XOR of row hashes).
CHECKSUM_SQL = (
    "printf('%016x', bit_xor(hash(p.date, p.open, p.high, p.low, p.close, p.adj_close, "
    "p.volume, p.dividends)))"
)


def _name(s: ParsedSeries) -> str:
    known = info(s.symbol)
    if known.name != known.symbol:
        return known.name
    return s.label if s.label and s.label != s.symbol else ""


def merge_series(
    con: duckdb.DuckDBPyConnection, series: Sequence[ParsedSeries], *, replace: bool = False
) -> ImportResult:
    """Merge ``series`` into the store through ``con`` (the caller owns the transaction).

    Series sharing a symbol are merged in the order given, so a later file extends
    (or, with ``replace``, overrides) an earlier one.
    """
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rounds: list[list[ParsedSeries]] = []
    seen: dict[str, int] = {}
    units: dict[str, ParsedSeries] = {}
    for s in series:  # the k-th series of a symbol goes to round k
        first = units.setdefault(s.symbol, s)
        if first.unit != s.unit:
            raise DataError(
                f"{s.symbol} has unit {s.unit!r} here but {first.unit!r} in {first.source}",
                path=s.source,
            )
        k = seen.get(s.symbol, 0)
        seen[s.symbol] = k + 1
        if k == len(rounds):
            rounds.append([])
        rounds[k].append(s)
    results: dict[int, SeriesImport] = {}
    changed: dict[str, ParsedSeries] = {}
    merged: set[str] = set()
    for r in rounds:
        for s, res in zip(r, _merge_batch(con, r, replace=replace, merged=merged), strict=True):
            results[id(s)] = res
            merged.add(s.symbol)
            if res.changed:
                changed[s.symbol] = s
    _refresh_metadata(con, changed, now)
    ordered = tuple(results[id(s)] for s in series)
    con.executemany(
        "INSERT INTO imports VALUES (nextval('import_id'), ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (now, x.source, x.symbol, x.rows, x.new_rows, x.conflicts, x.updated_rows, x.status)
            for x in ordered
        ],
    )
    return ImportResult(ordered)
