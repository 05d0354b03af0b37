"""Row-level SQL the importer and the edition rules share (staging, comparing, inserting)."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import numpy as np
import pyarrow as pa

from rotascope.sources.parsed import COLUMNS, ParsedSeries
from rotascope.store.results import Conflict

__all__ = [
    "CHECKSUM_SQL",
    "MAX_EXAMPLES",
    "REL_TOL",
    "differs",
    "first_conflicts",
    "insert_new",
    "stage",
]

#: Relative difference above which two values for the same date conflict.
REL_TOL = 1e-6
#: Conflicts listed per series.
MAX_EXAMPLES = 5

#: Order-independent checksum of a symbol's stored rows (hex of XOR of row hashes).
CHECKSUM_SQL = (
    "printf('%016x', bit_xor(hash(p.date, p.open, p.high, p.low, p.close, p.adj_close, "
    "p.volume, p.dividends)))"
)


def stage(batch: Sequence[ParsedSeries]) -> pa.Table:
    """One Arrow table (symbol = store key, date, value columns with real nulls)."""
    sizes = [s.rows for s in batch]
    symbols = pa.DictionaryArray.from_arrays(
        pa.array(np.repeat(np.arange(len(batch), dtype=np.int32), sizes)),
        pa.array([s.key for s in batch]),
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


def differs(c: str) -> str:
    return (
        f"(p.{c} IS NOT NULL AND s.{c} IS NOT NULL AND "
        f"abs(p.{c} - s.{c}) > {REL_TOL} * greatest(abs(p.{c}), abs(s.{c})))"
    )


def insert_new(con: duckdb.DuckDBPyConnection, batch: Sequence[ParsedSeries]) -> None:
    """Insert series whose keys are not stored yet (no merge needed)."""
    con.register("stage_new", stage(batch))
    try:
        cols = ", ".join(("symbol", "date", *COLUMNS))
        con.execute(f"INSERT INTO prices ({cols}) SELECT {cols} FROM stage_new")
    finally:
        con.unregister("stage_new")


def first_conflicts(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, list[Conflict]]:
    """The first few differing values per key of an ``overlap``-shaped table."""
    union = " UNION ALL ".join(
        f"SELECT symbol, date, '{c}' AS col, p_{c} AS old, s_{c} AS new FROM {table} "
        f"WHERE {differs(c).replace('p.', 'p_').replace('s.', 's_')}"
        for c in COLUMNS
    )
    out: dict[str, list[Conflict]] = {}
    for sym, d, c, old, new in con.execute(
        f"SELECT * FROM ({union}) QUALIFY row_number() OVER "
        f"(PARTITION BY symbol ORDER BY date, col) <= {MAX_EXAMPLES} ORDER BY symbol, date"
    ).fetchall():
        out.setdefault(sym, []).append(Conflict(d, c, old, new))
    return out
