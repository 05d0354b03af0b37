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
from pathlib import Path

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
    )
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
                f"{s.unit!r}: two different series share this symbol; remove the stored one "
                f"(rotascope data remove {s.symbol}) or import one of them with --symbol",
                path=s.source,
            )


def _insert_new(con: duckdb.DuckDBPyConnection, batch: Sequence[ParsedSeries]) -> None:
    """Insert series whose symbols are not stored yet (no merge needed)."""
    con.register("stage_new", _stage(batch))
    try:
        cols = ", ".join(("symbol", "date", *COLUMNS))
        con.execute(f"INSERT INTO prices ({cols}) SELECT {cols} FROM stage_new")
    finally:
        con.unregister("stage_new")


def _merge_existing(
    con: duckdb.DuckDBPyConnection, batch: Sequence[ParsedSeries], *, replace: bool
) -> tuple[dict[str, int], dict[str, list[Conflict]], dict[str, int], dict[str, int]]:
    """Merge series whose symbols are stored: (conflicts, examples, updated, new) per symbol."""
    con.register("stage", _stage(batch))
    try:
        diff = " OR ".join(_differs(c) for c in COLUMNS)
        fill = " OR ".join(f"(p.{c} IS NULL AND s.{c} IS NOT NULL)" for c in COLUMNS)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE overlap AS SELECT s.symbol, s.date, "
            + ", ".join(f"p.{c} AS p_{c}, s.{c} AS s_{c}" for c in COLUMNS)
            + f", ({diff}) AS conflict, ({fill}) AS fill "
            "FROM stage s JOIN prices p USING (symbol, date)"
        )
        counts = dict(
            con.execute(
                "SELECT symbol, count(*) FROM overlap WHERE conflict GROUP BY symbol"
            ).fetchall()
        )
        examples: dict[str, list[Conflict]] = {}
        if counts:
            union = " UNION ALL ".join(
                f"SELECT symbol, date, '{c}' AS col, p_{c} AS old, s_{c} AS new FROM overlap "
                f"WHERE {_differs(c).replace('p.', 'p_').replace('s.', 's_')}"
                for c in COLUMNS
            )
            for sym, d, c, old, new in con.execute(
                f"SELECT * FROM ({union}) QUALIFY row_number() OVER "
                f"(PARTITION BY symbol ORDER BY date, col) <= {_MAX_EXAMPLES} ORDER BY symbol, date"
            ).fetchall():
                examples.setdefault(sym, []).append(Conflict(d, c, old, new))
        upd_where = "o.fill OR o.conflict" if replace else "o.fill"
        updated = dict(
            con.execute(
                f"SELECT symbol, count(*) FROM overlap o WHERE {upd_where} GROUP BY symbol"
            ).fetchall()
        )
        if updated:
            pick = "o.s_{c}, p.{c}" if replace else "p.{c}, o.s_{c}"
            sets = ", ".join(f"{c} = coalesce({pick.format(c=c)})" for c in COLUMNS)
            con.execute(
                f"UPDATE prices AS p SET {sets} FROM overlap o WHERE p.symbol = o.symbol "
                f"AND p.date = o.date AND ({upd_where})"
            )
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
        con.execute("DROP TABLE overlap")
    finally:
        con.unregister("stage")
    return counts, examples, updated, new


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
    stored = {r[0] for r in con.execute("SELECT symbol FROM series").fetchall()} | merged
    fresh = [s for s in batch if s.symbol not in stored]
    old = [s for s in batch if s.symbol in stored]
    if fresh:
        _insert_new(con, fresh)
    counts: dict[str, int] = {}
    examples: dict[str, list[Conflict]] = {}
    updated: dict[str, int] = {}
    new: dict[str, int] = {s.symbol: s.rows for s in fresh}
    if old:
        counts, examples, updated, new_old = _merge_existing(con, old, replace=replace)
        new.update(new_old)
    out = []
    for s in batch:
        n_new, n_upd = new.get(s.symbol, 0), updated.get(s.symbol, 0)
        if s.symbol not in stored:
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
                conflicts=counts.get(s.symbol, 0),
                examples=tuple(examples.get(s.symbol, ())),
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
    touched = pa.table(
        {
            "symbol": [sym for sym in changed],
            "name": [_name(s) for s in changed.values()],
            "unit": [s.unit for s in changed.values()],
            "source": [s.source for s in changed.values()],
            "format": [s.format for s in changed.values()],
        }
    )
    con.register("touched", touched)
    con.execute("DELETE FROM series WHERE symbol IN (SELECT symbol FROM touched)")
    con.execute(
        "INSERT INTO series SELECT t.symbol, t.name, t.unit, t.source, t.format, "
        "min(p.date), max(p.date), count(*), ?, "
        f"{CHECKSUM_SQL} FROM touched t JOIN prices p USING (symbol) "
        "GROUP BY t.symbol, t.name, t.unit, t.source, t.format",
        [now],
    )
    con.unregister("touched")


#: Order-independent checksum of a symbol's stored rows (hex of XOR of row hashes).
CHECKSUM_SQL = (
    "printf('%016x', bit_xor(hash(p.date, p.open, p.high, p.low, p.close, p.adj_close, "
    "p.volume, p.dividends)))"
)


def _name(s: ParsedSeries) -> str:
    known = info(s.symbol)
    if known.name != known.symbol and known.unit == s.unit:
        return known.name
    if s.format == "french" and s.label:  # "Lo 30" of Portfolios_Formed_on_ME.CSV
        return f"{s.label} ({Path(s.source).stem})"
    return ""


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
                f"{s.symbol} has unit {s.unit!r} here but {first.unit!r} in {first.source}: "
                "two different series share this symbol; import one of them separately "
                "with --symbol",
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
    log = pa.table(
        {
            "source": [x.source for x in ordered],
            "symbol": [x.symbol for x in ordered],
            "rows": [x.rows for x in ordered],
            "new_rows": [x.new_rows for x in ordered],
            "conflicts": [x.conflicts for x in ordered],
            "updated_rows": [x.updated_rows for x in ordered],
            "status": [x.status for x in ordered],
        }
    )
    con.register("import_log", log)
    con.execute(
        "INSERT INTO imports SELECT nextval('import_id'), ?, source, symbol, rows, new_rows, "
        "conflicts, updated_rows, status FROM import_log",
        [now],
    )
    con.unregister("import_log")
    return ImportResult(ordered)
