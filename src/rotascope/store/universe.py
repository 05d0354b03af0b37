"""Universes in the store: membership spells, member lists, and many closes at once.

Membership lives in ``membership(universe, ticker, start_date, end_date)``, member lists
with names and sectors in ``constituents(universe, ticker, name, sector, sub_industry)``,
and where each came from in ``universes``. Per-stock closes live in the ordinary
``prices`` table, keyed by ticker, and come back as one (dates x tickers) matrix in a
single query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

import duckdb
import numpy as np
import pandas as pd

from rotascope.errors import DataError
from rotascope.sources.constituents import CONSTITUENT_COLUMNS
from rotascope.store.database import Store

__all__ = [
    "UniverseChange",
    "load_close_matrix",
    "load_constituents",
    "load_membership",
    "save_constituents",
    "save_membership",
    "universes",
    "write_constituents",
    "write_membership",
]


class UniverseChange(NamedTuple):
    """What one write of a universe table did."""

    rows: int  #: rows stored
    added: int  #: rows that were not stored before
    removed: int  #: rows stored before that the new file does not have


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _note(con: duckdb.DuckDBPyConnection, universe: str, kind: str, source: str, n: int) -> None:
    con.execute("DELETE FROM universes WHERE universe = ? AND kind = ?", [universe, kind])
    con.execute("INSERT INTO universes VALUES (?, ?, ?, ?, ?)", [universe, kind, source, n, _now()])


def _replace_rows(
    con: duckdb.DuckDBPyConnection, table: str, universe: str, frame: pd.DataFrame, key: list[str]
) -> UniverseChange:
    """Replace the rows of ``universe`` in ``table``; count what was added and removed."""
    cols = ", ".join(key)
    old = {tuple(r) for r in con.execute(
        f"SELECT {cols} FROM {table} WHERE universe = ?", [universe]
    ).fetchall()}  # fmt: skip
    new = {tuple(r) for r in frame[key].itertuples(index=False)}
    con.execute(f"DELETE FROM {table} WHERE universe = ?", [universe])
    con.register("incoming_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")
    return UniverseChange(len(frame), len(new - old), len(old - new))


def write_membership(
    con: duckdb.DuckDBPyConnection, universe: str, spells: pd.DataFrame, source: str = ""
) -> UniverseChange:
    """Replace the spells of ``universe`` through ``con`` (the caller owns the transaction)."""
    name = universe.strip().upper()
    frame = pd.DataFrame(
        {
            "universe": name,
            "ticker": spells["ticker"].astype(str),
            "start_date": pd.to_datetime(spells["start"]).dt.date,
            "end_date": pd.to_datetime(spells["end"]).dt.date,
        }
    )
    change = _replace_rows(con, "membership", name, frame, ["ticker", "start_date", "end_date"])
    _note(con, name, "membership", source, len(frame))
    return change


def write_constituents(
    con: duckdb.DuckDBPyConnection, universe: str, members: pd.DataFrame, source: str = ""
) -> UniverseChange:
    """Replace the member list of ``universe`` through ``con``."""
    name = universe.strip().upper()
    frame = pd.DataFrame(
        {"universe": name, **{c: members[c].astype(str) for c in CONSTITUENT_COLUMNS}}
    )
    change = _replace_rows(con, "constituents", name, frame, list(CONSTITUENT_COLUMNS))
    _note(con, name, "constituents", source, len(frame))
    return change


def save_membership(store: Store, universe: str, spells: pd.DataFrame, source: str = "") -> int:
    """Replace the spells of ``universe`` in one transaction; return how many were stored.

    Parameters
    ----------
    store : Store
        The store.
    universe : str
        Name of the index (``SP500``).
    spells : DataFrame
        ``ticker``, ``start``, ``end`` as from :func:`rotascope.sources.membership.read_membership`.
    source : str
        The file they came from.
    """
    with store._writer() as con:
        return write_membership(con, universe, spells, source).rows


def save_constituents(store: Store, universe: str, members: pd.DataFrame, source: str = "") -> int:
    """Replace the member list of ``universe`` in one transaction; return its length."""
    with store._writer() as con:
        return write_constituents(con, universe, members, source).rows


def universes(store: Store) -> list[str]:
    """Names of the universes with stored membership."""
    with store._reader() as con:
        if con is None:
            return []
        return sorted(
            r[0] for r in con.execute("SELECT DISTINCT universe FROM membership").fetchall()
        )


def load_membership(store: Store, universe: str = "SP500") -> pd.DataFrame:
    """Spells of ``universe``: columns ``ticker``, ``start``, ``end`` (``NaT`` = open).

    Raises
    ------
    DataError
        When the universe has no stored membership (with the command to import it).
    """
    name = universe.strip().upper()
    with store._reader() as con:
        df = None
        if con is not None:
            df = con.execute(
                'SELECT ticker, start_date AS start, end_date AS "end" FROM membership '
                "WHERE universe = ? ORDER BY ticker, start_date",
                [name],
            ).df()
    if df is None or df.empty:
        raise DataError(
            f"no membership stored for {name}. Import it with "
            "`rotascope data import FILE` (ticker,start_date,end_date)"
        )
    df["start"] = pd.to_datetime(df["start"])
    df["end"] = pd.to_datetime(df["end"])
    return df


def load_constituents(store: Store, universe: str = "SP500") -> pd.DataFrame:
    """Member list of ``universe``: ``ticker``, ``name``, ``sector``, ``sub_industry``.

    Raises
    ------
    DataError
        When none is stored.
    """
    name = universe.strip().upper()
    with store._reader() as con:
        df = None
        if con is not None:
            df = con.execute(
                "SELECT ticker, name, sector, sub_industry FROM constituents WHERE universe = ? "
                "ORDER BY ticker",
                [name],
            ).df()
    if df is None or df.empty:
        raise DataError(
            f"no member list stored for {name}. Import one with `rotascope data import FILE` "
            "(Symbol,Security,GICS Sector,...)"
        )
    return df


def load_close_matrix(
    store: Store,
    symbols: Sequence[str],
    *,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    column: str = "close",
) -> pd.DataFrame:
    """Closes of many tickers as one (dates x tickers) float64 matrix (NaN = no value).

    Tickers that are not stored are left out (the caller counts them as missing).
    """
    if column not in {"close", "adj_close"}:
        raise DataError(f"column must be close or adj_close, not {column!r}")
    wanted = pd.DataFrame({"symbol": list(dict.fromkeys(symbols))})
    with store._reader() as con:
        if con is None:
            return pd.DataFrame(dtype="float64")
        con.register("wanted_symbols", wanted)
        sql = (
            f"SELECT p.symbol, p.date, p.{column} AS v FROM prices p "
            "JOIN wanted_symbols w USING (symbol) WHERE p."
            f"{column} IS NOT NULL"
        )
        params: list[object] = []
        if start is not None:
            sql += " AND p.date >= ?"
            params.append(pd.Timestamp(start).date())
        if end is not None:
            sql += " AND p.date <= ?"
            params.append(pd.Timestamp(end).date())
        cols = con.execute(sql, params).fetchnumpy()
        con.unregister("wanted_symbols")
    if len(cols["v"]) == 0:
        return pd.DataFrame(dtype="float64")
    # scatter into a dense matrix (much faster than DataFrame.pivot for millions of rows)
    d_codes, dates = pd.factorize(np.asarray(cols["date"], dtype="datetime64[ns]"), sort=True)
    s_codes, names = pd.factorize(np.asarray(cols["symbol"], dtype=object), sort=True)
    values = np.full((len(dates), len(names)), np.nan)
    values[d_codes, s_codes] = np.asarray(cols["v"], dtype=np.float64)
    return pd.DataFrame(
        values, index=pd.DatetimeIndex(dates, name="date"), columns=pd.Index(names, dtype=object)
    )
