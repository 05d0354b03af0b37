"""Intraday bars in the local store: their own ``bars`` table, beside the daily ``prices``.

The daily schema is untouched: bars live in a table of their own in the same DuckDB
file (same lock), keyed by symbol and UTC instant, with the local session date and the
bar length kept with each bar.

Examples
--------
>>> import tempfile, pathlib, pandas as pd
>>> from rotascope.sources.intraday import ParsedBars
>>> ts = pd.DatetimeIndex(["2024-07-16 13:30", "2024-07-16 13:31"], tz="UTC", name="timestamp")
>>> frame = pd.DataFrame({"close": [1.0, 2.0], "session": pd.Timestamp("2024-07-16")}, index=ts)
>>> bars = BarStore(pathlib.Path(tempfile.mkdtemp()) / "r.duckdb")
>>> bars.import_bars([ParsedBars("XYZ", frame, 60, "x.csv")])
{'XYZ': 2}
>>> bars.load("XYZ")["close"].tolist()
[1.0, 2.0]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from rotascope.errors import UnknownSymbol
from rotascope.sources.intraday import BAR_COLUMNS, ParsedBars
from rotascope.store._lock import store_lock
from rotascope.store.database import Store
from rotascope.symbols import canonical

__all__ = ["BarStore"]

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS bars (symbol VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, "
    "session DATE NOT NULL, interval_s INTEGER NOT NULL, open DOUBLE, high DOUBLE, "
    "low DOUBLE, close DOUBLE, adj_close DOUBLE, volume DOUBLE, PRIMARY KEY (symbol, ts))"
)
_COLS = ", ".join(BAR_COLUMNS)


class BarStore:
    """Intraday bars of the store at ``path`` (default: the local store's file).

    Timestamps are stored as UTC instants (``ts``) and come back tz-aware (UTC).
    """

    def __init__(self, path: str | Path | None = None, *, timeout: float | None = None) -> None:
        self._store = Store(path, timeout=timeout)
        self.path = self._store.path

    def __repr__(self) -> str:
        return f"BarStore({str(self.path)!r})"

    @contextmanager
    def _reader(self) -> Iterator[duckdb.DuckDBPyConnection | None]:
        with store_lock(self._store.lock_path, exclusive=False, timeout=self._store.timeout):
            if not self.path.exists():
                yield None
                return
            con = self._store._connect(read_only=True)
            try:
                ready = con.execute(
                    "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'bars'"
                ).fetchall()
                yield con if ready and ready[0][0] else None
            finally:
                con.close()

    def import_bars(self, bars: Sequence[ParsedBars], *, replace: bool = False) -> dict[str, int]:
        """Store bars in one transaction; return the new bars per symbol.

        Bars already stored for the same instant are kept (``replace=False``) or
        overwritten (``replace=True``).
        """
        out: dict[str, int] = {}
        if not bars:
            return out
        with self._store._writer() as con:
            con.execute(_SCHEMA)
            for b in bars:
                frame = b.frame
                rows = pd.DataFrame(
                    {
                        "symbol": b.symbol,
                        "ts": frame.index.tz_convert("UTC").tz_localize(None).to_numpy(),
                        "session": pd.to_datetime(frame["session"]).dt.date.to_numpy(),
                        "interval_s": np.int32(b.interval),
                        **{
                            c: (
                                frame[c].to_numpy(dtype=np.float64)
                                if c in frame
                                else np.full(len(frame), np.nan)
                            )
                            for c in BAR_COLUMNS
                        },
                    }
                )
                before = con.execute("SELECT count(*) FROM bars WHERE symbol = ?", [b.symbol])
                n0 = before.fetchall()[0][0]
                con.register("incoming", rows)
                verb = "OR REPLACE" if replace else "OR IGNORE"
                con.execute(
                    f"INSERT {verb} INTO bars SELECT symbol, ts, session, interval_s, {_COLS} "
                    "FROM incoming"
                )
                con.unregister("incoming")
                n1 = con.execute("SELECT count(*) FROM bars WHERE symbol = ?", [b.symbol])
                out[b.symbol] = out.get(b.symbol, 0) + n1.fetchall()[0][0] - n0
        return out

    def symbols(self) -> list[str]:
        """Symbols with stored bars, sorted."""
        with self._reader() as con:
            if con is None:
                return []
            rows = con.execute("SELECT DISTINCT symbol FROM bars ORDER BY symbol").fetchall()
            return [r[0] for r in rows]

    def load(self, symbol: str, end: object = None) -> pd.DataFrame:
        """Bars of ``symbol`` up to the instant ``end`` (inclusive; naive = UTC).

        Returns
        -------
        pandas.DataFrame
            Index ``timestamp`` (UTC); columns :data:`BAR_COLUMNS`, ``session`` and
            ``interval`` (seconds).

        Raises
        ------
        UnknownSymbol
            No bars are stored for the symbol.
        """
        sym = canonical(symbol)
        sql = f"SELECT ts, session, interval_s, {_COLS} FROM bars WHERE symbol = ?"
        params: list[object] = [sym]
        if end is not None:
            stamp = pd.Timestamp(end)
            stamp = stamp.tz_localize("UTC") if stamp.tz is None else stamp.tz_convert("UTC")
            sql += " AND ts <= ?"
            params.append(stamp.tz_localize(None).to_pydatetime())
        with self._reader() as con:
            if con is None:
                raise UnknownSymbol(sym, [])
            if not con.execute("SELECT 1 FROM bars WHERE symbol = ? LIMIT 1", [sym]).fetchall():
                avail = con.execute("SELECT DISTINCT symbol FROM bars").fetchall()
                raise UnknownSymbol(sym, [r[0] for r in avail])
            df = con.execute(sql + " ORDER BY ts", params).df()
        index = pd.DatetimeIndex(pd.to_datetime(df.pop("ts")), name="timestamp").tz_localize("UTC")
        out = pd.DataFrame(
            {c: df[c].to_numpy(dtype="float64", na_value=np.nan) for c in BAR_COLUMNS},
            index=index,
        )
        out["session"] = pd.to_datetime(df["session"]).to_numpy("datetime64[ns]")
        out["interval"] = df["interval_s"].to_numpy(dtype=np.int64)
        return out
