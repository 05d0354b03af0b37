"""Merge parsed series into the store inside one transaction (used by :class:`Store`).

Every stored series has a **key**: its id (``RUT``, ``fred:DGS10``, ``ff:SMB``) with
``@edition`` when its provider labels vintages (``ff:SMB@202604``). Rules, per series:

* a new key is inserted;
* **series without an edition** (prices, FRED...): dates not yet stored are appended (an
  overlapping newer file extends the series); on stored dates, a value that differs by
  more than :data:`REL_TOL` (relative) is a *conflict*: the stored value stays unless
  ``replace=True``; blanks never overwrite values, and values fill stored blanks;
* **a new edition** of a stored id is kept apart under its own key (status ``edition``,
  with the count of overlapping values that differ from the newest stored edition):
  editions never merge. With ``replace=True`` it replaces the stored editions (status
  ``replaced``, reporting the values changed, dates added and dates removed);
* **the same edition again**: identical values change nothing (or extend it); values
  that differ refuse the series (status ``refused``, nothing of it written, with the
  count of differing values) unless ``replace=True``, which replaces it;
* a labelled edition whose values equal a stored *unlabelled* copy (a store written
  before editions were recorded) gives that copy its label;
* re-importing identical data changes nothing (status ``unchanged``).

Examples
--------
>>> SeriesImport("RUT", "RUT.csv", rows=3, new_rows=3, status="new").changed
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from rotascope.errors import DataError
from rotascope.sources.parsed import COLUMNS, ParsedSeries
from rotascope.store._rows import CHECKSUM_SQL, REL_TOL, differs, first_conflicts, insert_new, stage
from rotascope.store.editions import edition_plan, series_result, stored_editions
from rotascope.store.results import Conflict, ImportResult, SeriesImport
from rotascope.symbols import info, split_id

__all__ = [
    "CHECKSUM_SQL",
    "REL_TOL",
    "Conflict",
    "ImportResult",
    "SeriesImport",
    "merge_series",
]


def _check_units(con: duckdb.DuckDBPyConnection, batch: Sequence[ParsedSeries]) -> None:
    """Refuse a series whose id is stored with another unit (two series, one name)."""
    stored = dict(
        con.execute(
            "SELECT DISTINCT id, unit FROM series WHERE id IN (SELECT * FROM unnest(?))",
            [[s.symbol for s in batch]],
        ).fetchall()
    )
    for s in batch:
        if s.symbol in stored and stored[s.symbol] != s.unit:
            raise DataError(
                f"{s.symbol} is stored with unit {stored[s.symbol]!r} but this file holds "
                f"{s.unit!r}: two different series share this name; remove the stored one "
                f"(rotascope data remove {s.symbol}) or import one of them with --symbol",
                path=s.source,
            )


def _merge_existing(
    con: duckdb.DuckDBPyConnection, batch: Sequence[ParsedSeries], *, replace: bool
) -> tuple[dict[str, int], dict[str, list[Conflict]], dict[str, int], dict[str, int]]:
    """Merge series whose keys are stored: (conflicts, examples, updated, new) per key."""
    con.register("stage", stage(batch))
    try:
        diff = " OR ".join(differs(c) for c in COLUMNS)
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
        examples = first_conflicts(con, "overlap") if counts else {}
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
    """Merge series with distinct keys; returns one :class:`SeriesImport` each.

    ``merged`` holds the keys written earlier in the same transaction.
    """
    stored = {r[0] for r in con.execute("SELECT symbol FROM series").fetchall()} | merged
    fresh = [s for s in batch if s.key not in stored]
    old = [s for s in batch if s.key in stored]
    if fresh:
        insert_new(con, fresh)
    counts: dict[str, int] = {}
    examples: dict[str, list[Conflict]] = {}
    updated: dict[str, int] = {}
    new: dict[str, int] = {s.key: s.rows for s in fresh}
    if old:
        counts, examples, updated, new_old = _merge_existing(con, old, replace=replace)
        new.update(new_old)
    out = []
    for s in batch:
        n_new, n_upd = new.get(s.key, 0), updated.get(s.key, 0)
        if s.key not in stored:
            status = "new"
        elif n_new:
            status = "extended"
        elif n_upd:
            status = "updated"
        else:
            status = "unchanged"
        out.append(
            series_result(
                s,
                status,
                new_rows=n_new,
                conflicts=counts.get(s.key, 0),
                examples=tuple(examples.get(s.key, ())),
                updated_rows=n_upd,
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
            "symbol": list(changed),
            "name": [_name(s) for s in changed.values()],
            "unit": [s.unit for s in changed.values()],
            "source": [s.source for s in changed.values()],
            "format": [s.format for s in changed.values()],
            "id": [s.symbol for s in changed.values()],
            "namespace": [split_id(s.symbol)[0] for s in changed.values()],
            "edition": [s.edition for s in changed.values()],
        }
    )
    con.register("touched", touched)
    con.execute("DELETE FROM series WHERE symbol IN (SELECT symbol FROM touched)")
    con.execute(
        "INSERT INTO series (symbol, name, unit, source, format, first_date, last_date, rows, "
        "imported_at, checksum, id, namespace, edition) "
        "SELECT t.symbol, t.name, t.unit, t.source, t.format, "
        f"min(p.date), max(p.date), count(*), ?, {CHECKSUM_SQL}, t.id, t.namespace, t.edition "
        "FROM touched t JOIN prices p USING (symbol) "
        "GROUP BY t.symbol, t.name, t.unit, t.source, t.format, t.id, t.namespace, t.edition",
        [now],
    )
    con.unregister("touched")


def _name(s: ParsedSeries) -> str:
    known = info(s.symbol)
    if known.name != known.symbol and known.unit == s.unit:
        return known.name
    if s.format == "french" and s.label:  # "Lo 30" of Portfolios_Formed_on_ME.CSV
        return f"{s.label} ({Path(s.source).stem})"
    if s.format == "shiller" and s.label:
        return f"Shiller {s.label.replace('_', ' ')}"
    return ""


def merge_series(
    con: duckdb.DuckDBPyConnection, series: Sequence[ParsedSeries], *, replace: bool = False
) -> ImportResult:
    """Merge ``series`` into the store through ``con`` (the caller owns the transaction).

    Series sharing a key are merged in the order given, so a later file extends
    (or, with ``replace``, overrides) an earlier one; editions follow the rules of the
    module docstring.
    """
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rounds: list[list[ParsedSeries]] = []
    seen: dict[str, int] = {}
    units: dict[str, ParsedSeries] = {}
    for s in series:  # the k-th series of a key goes to round k
        first = units.setdefault(s.symbol, s)
        if first.unit != s.unit:
            raise DataError(
                f"{s.symbol} has unit {s.unit!r} here but {first.unit!r} in {first.source}: "
                "two different series share this name; import one of them separately "
                "with --symbol",
                path=s.source,
            )
        k = seen.get(s.key, 0)
        seen[s.key] = k + 1
        if k == len(rounds):
            rounds.append([])
        rounds[k].append(s)
    results: dict[int, SeriesImport] = {}
    changed: dict[str, ParsedSeries] = {}
    merged: set[str] = set()
    for r in rounds:
        _check_units(con, r)
        plain: list[ParsedSeries] = []
        for s in r:
            if not s.edition and not set(stored_editions(con, s.symbol)) - {""}:
                plain.append(s)  # no editions involved: merged in one batch below
                continue
            # editions are settled one series at a time, in order
            res = edition_plan(con, s, replace=replace)
            if res is None:
                [res] = _merge_batch(con, [s], replace=replace, merged=merged)
            results[id(s)] = res
            if res.changed:
                merged.add(s.key)
                _refresh_metadata(con, {s.key: s}, now)  # the next edition must see it
        for s, res in zip(
            plain, _merge_batch(con, plain, replace=replace, merged=merged), strict=True
        ):
            results[id(s)] = res
            merged.add(s.key)
            if res.changed:
                changed[s.key] = s
    _refresh_metadata(con, changed, now)
    ordered = tuple(results[id(s)] for s in series)
    _log(con, ordered, now)
    return ImportResult(ordered)


def _log(con: duckdb.DuckDBPyConnection, ordered: Sequence[SeriesImport], now: dt.datetime) -> None:
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
