"""The store's tables, and the migration of stores written by earlier releases.

Schema 2 (this release):

- ``prices(symbol, date, open, high, low, close, adj_close, volume, dividends)``: every
  daily or monthly value; ``symbol`` is the series **key** (its id, with ``@edition``
  when it has one: ``RUT``, ``fred:DGS10``, ``ff:SMB@202604``).
- ``series``: one row per key: ``symbol`` (the key), ``name``, ``unit``, ``source``
  (file), ``format``, first and last date, ``rows``, ``imported_at``, ``checksum``,
  then ``id``, ``namespace`` and ``edition``.
- ``imports``: a log of every series import; ``meta``: ``schema_version``.
- ``membership(universe, ticker, start_date, end_date)``: index membership spells.
- ``constituents(universe, ticker, name, sector, sub_industry)``: member lists.
- ``universes(universe, kind, source, rows, imported_at)``: where each came from.
- ``events(date, kind, label, reference, schedule, note, source)``: imported events.
- ``futures(date, contract, price, source)``: 30-day fed funds futures prices, one row
  per trading date and contract month (``YYYY-MM``). Added within schema 2: a store
  written before it has no such table until its next write creates it
  (:data:`ADDITIVE`), and readers treat a missing table as empty.
- ``versions``, ``version_series``, ``version_prices``: earlier versions of series an
  import replaced, for ``rotascope data undo`` (:mod:`rotascope.store.versions`). Added
  within schema 2 in the same way (:data:`VERSION_TABLES`).

Schema 1 (the first release) keyed series by a bare symbol (``SMB``, ``SMB5``,
``DGS10``, ``RUT:PE_FORWARD``) and had no ``id``/``namespace``/``edition`` columns.
:func:`migrate` brings such a store to schema 2 in one transaction, without losing a
value: each key is renamed to its id (see :func:`v1_id`), the checksums stay valid (they
hash dates and values, not keys), and editions are left blank (unknown: the files were
not kept), so a later import of a labelled edition with the same values adopts it.

Examples
--------
>>> v1_id("SMB5", "pct_return", "french", "F-F_Research_Data_5_Factors_2x3_daily.CSV")
'ff5:SMB'
>>> v1_id("RUT:PE_FORWARD", "level", "valuation", "v.csv"), v1_id("RF", "price", "yahoo", "")
('val:RUT:PE_FORWARD', 'RF')
"""

from __future__ import annotations

import re
from pathlib import PureWindowsPath

import duckdb

from rotascope.symbols import info, split_id

__all__ = [
    "ADDITIVE",
    "SCHEMA",
    "SCHEMA_VERSION",
    "VERSION_TABLES",
    "has_table",
    "migrate",
    "schema_version",
    "v1_id",
]

SCHEMA_VERSION = 2

SCHEMA: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS prices (symbol VARCHAR NOT NULL, date DATE NOT NULL, "
    "open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, adj_close DOUBLE, volume DOUBLE, "
    "dividends DOUBLE)",
    "CREATE TABLE IF NOT EXISTS series (symbol VARCHAR NOT NULL, name VARCHAR, "
    "unit VARCHAR NOT NULL, source VARCHAR, format VARCHAR, first_date DATE, last_date DATE, "
    "rows BIGINT, imported_at TIMESTAMP, checksum VARCHAR, id VARCHAR, namespace VARCHAR, "
    "edition VARCHAR)",
    "CREATE SEQUENCE IF NOT EXISTS import_id",
    "CREATE TABLE IF NOT EXISTS imports (id BIGINT, imported_at TIMESTAMP, source VARCHAR, "
    "symbol VARCHAR, rows BIGINT, new_rows BIGINT, conflicts BIGINT, updated_rows BIGINT, "
    "status VARCHAR)",
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)",
    "CREATE TABLE IF NOT EXISTS membership (universe VARCHAR NOT NULL, ticker VARCHAR NOT NULL, "
    "start_date DATE NOT NULL, end_date DATE)",
    "CREATE TABLE IF NOT EXISTS constituents (universe VARCHAR NOT NULL, ticker VARCHAR NOT "
    "NULL, name VARCHAR, sector VARCHAR, sub_industry VARCHAR)",
    "CREATE TABLE IF NOT EXISTS universes (universe VARCHAR NOT NULL, kind VARCHAR NOT NULL, "
    "source VARCHAR, rows BIGINT, imported_at TIMESTAMP)",
    "CREATE TABLE IF NOT EXISTS events (date DATE NOT NULL, kind VARCHAR NOT NULL, label "
    "VARCHAR, reference VARCHAR, schedule VARCHAR, note VARCHAR, source VARCHAR)",
)

#: Earlier versions of series an import replaced (:mod:`rotascope.store.versions`).
VERSION_TABLES: tuple[str, ...] = (
    "CREATE SEQUENCE IF NOT EXISTS version_id",
    "CREATE TABLE IF NOT EXISTS versions (version BIGINT NOT NULL, id VARCHAR NOT NULL, "
    "saved_at TIMESTAMP, reason VARCHAR, keys BIGINT, rows BIGINT, first_date DATE, "
    "last_date DATE)",
    "CREATE TABLE IF NOT EXISTS version_series (version BIGINT NOT NULL, symbol VARCHAR NOT "
    "NULL, name VARCHAR, unit VARCHAR, source VARCHAR, format VARCHAR, first_date DATE, "
    "last_date DATE, rows BIGINT, imported_at TIMESTAMP, checksum VARCHAR, id VARCHAR, "
    "namespace VARCHAR, edition VARCHAR)",
    "CREATE TABLE IF NOT EXISTS version_prices (version BIGINT NOT NULL, symbol VARCHAR NOT "
    "NULL, date DATE NOT NULL, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, "
    "adj_close DOUBLE, volume DOUBLE, dividends DOUBLE)",
)

#: Tables added within the current schema (created when missing, with no migration).
ADDITIVE: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS futures (date DATE NOT NULL, contract VARCHAR NOT NULL, "
    "price DOUBLE NOT NULL, source VARCHAR)",
    *VERSION_TABLES,
)

_FIVE_FACTOR = re.compile(r"(?i)5_factors")
_MONTHLY_PORTFOLIOS = re.compile(r"(?i)portfolios_formed_on_\w+$")
_STEM_EDITION = re.compile(r"_(\d{6})$")


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """True when the open store has a table called ``name``."""
    rows = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]
    ).fetchall()
    return bool(rows[0][0])


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of an open store (0 when it has no tables yet)."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "series" not in tables:
        return 0
    rows = (
        con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        if "meta" in tables
        else []
    )
    return int(rows[0][0]) if rows else 1


def _stem(source: str) -> str:
    name = PureWindowsPath(str(source or "")).name  # handles / and \\
    return name.rsplit(".", 1)[0]


def v1_id(symbol: str, unit: str, fmt: str, source: str) -> str:
    """The schema-2 id of a schema-1 series (from its symbol, unit, format and file).

    Registered symbols take their registered id when the units agree (``SMB`` ->
    ``ff:SMB``, ``SMB5`` -> ``ff5:SMB``, ``DGS10`` -> ``fred:DGS10``, ``RF`` with unit
    ``pct_return`` -> ``ff:RF``, ``RF`` with unit ``price`` -> ``RF``); valuation series
    go to ``val:``; other FRED series to ``fred:``; other Ken French columns to
    ``ff:``/``ffm:``/``ff5:`` by their file; everything else keeps its symbol.
    """
    known = info(symbol)
    stem = _stem(source)
    if fmt == "valuation":
        return "val:" + symbol
    if fmt == "french":
        # schema 1 merged the 3- and 5-factor files' MKT-RF, HML and RF under one
        # symbol (the first file kept its values): the registry's 3-factor id is kept
        if symbol == "RF":
            return "ff:RF"
        if symbol == "CMA":
            return "ff5:CMA"
        if known.name != known.symbol:
            return known.series_id
        ns = "ff5" if _FIVE_FACTOR.search(stem) else "ff"
        if _MONTHLY_PORTFOLIOS.search(stem):
            ns += "m"
        return f"{ns}:{symbol}"
    if known.name != known.symbol and known.unit == unit and known.namespace:
        return known.series_id
    if fmt == "fred":
        return f"fred:{symbol}"
    return symbol


def _v1_edition(fmt: str, source: str) -> str:
    m = _STEM_EDITION.search(_stem(source)) if fmt == "french" else None
    return m.group(1) if m else ""


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring an open store to :data:`SCHEMA_VERSION` (the caller holds the write lock).

    Runs in its own transaction; returns the number of series whose key changed.
    """
    version = schema_version(con)
    if version >= SCHEMA_VERSION:
        for stmt in ADDITIVE:
            con.execute(stmt)
        return 0
    con.execute("BEGIN TRANSACTION")
    try:
        renamed = 0
        if version == 1:
            renamed = _v1_to_v2(con)
        for stmt in (*SCHEMA, *ADDITIVE):
            con.execute(stmt)
        con.execute("DELETE FROM meta WHERE key = 'schema_version'")
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return renamed


def _v1_to_v2(con: duckdb.DuckDBPyConnection) -> int:
    for col in ("id", "namespace", "edition"):
        con.execute(f"ALTER TABLE series ADD COLUMN IF NOT EXISTS {col} VARCHAR")
    rows = con.execute("SELECT symbol, unit, format, source FROM series").fetchall()
    renamed = 0
    for symbol, unit, fmt, source in rows:
        sid = v1_id(symbol, unit, fmt or "", source or "")
        edition = _v1_edition(fmt or "", source or "")
        key = f"{sid}@{edition}" if edition else sid
        con.execute(
            "UPDATE series SET symbol = ?, id = ?, namespace = ?, edition = ? WHERE symbol = ?",
            [key, sid, split_id(sid)[0], edition, symbol],
        )
        if key != symbol:
            con.execute("UPDATE prices SET symbol = ? WHERE symbol = ?", [key, symbol])
            renamed += 1
    return renamed
