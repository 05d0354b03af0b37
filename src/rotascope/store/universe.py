"""Universes in the store: index membership spells and many closes at once.

Membership lives in its own table ``membership(universe, ticker, start_date, end_date)``;
per-stock closes live in the ordinary ``prices`` table, keyed by (symbol, date), and
come back as one (dates x tickers) matrix in a single query.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from rotascope.errors import DataError
from rotascope.store.database import Store

__all__ = ["load_close_matrix", "load_membership", "save_membership", "universes"]

_DDL = (
    "CREATE TABLE IF NOT EXISTS membership (universe VARCHAR NOT NULL, ticker VARCHAR NOT NULL, "
    "start_date DATE NOT NULL, end_date DATE)"
)


def save_membership(store: Store, universe: str, spells: pd.DataFrame) -> int:
    """Replace the spells of ``universe`` in one transaction; return how many were stored.

    Parameters
    ----------
    store : Store
        The store.
    universe : str
        Name of the index (``SP500``).
    spells : DataFrame
        ``ticker``, ``start``, ``end`` as from :func:`rotascope.sources.membership.read_membership`.
    """
    name = universe.strip().upper()
    frame = pd.DataFrame(
        {
            "universe": name,
            "ticker": spells["ticker"].astype(str),
            "start_date": pd.to_datetime(spells["start"]).dt.date,
            "end_date": pd.to_datetime(spells["end"]).dt.date,
        }
    )
    with store._writer() as con:
        con.execute(_DDL)
        con.execute("DELETE FROM membership WHERE universe = ?", [name])
        con.register("incoming_membership", frame)
        con.execute("INSERT INTO membership SELECT * FROM incoming_membership")
        con.unregister("incoming_membership")
    return len(frame)


def universes(store: Store) -> list[str]:
    """Names of the universes with stored membership."""
    with store._reader() as con:
        if con is None or not _has_table(con):
            return []
        return [r[0] for r in con.execute("SELECT DISTINCT universe FROM membership").fetchall()]


def _has_table(con: object) -> bool:
    rows = con.execute(  # type: ignore[attr-defined]
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'membership'"
    ).fetchall()
    return bool(rows)


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
        if con is not None and _has_table(con):
            df = con.execute(
                'SELECT ticker, start_date AS start, end_date AS "end" FROM membership '
                "WHERE universe = ? ORDER BY ticker, start_date",
                [name],
            ).df()
    if df is None or df.empty:
        raise DataError(
            f"no membership stored for {name}. Import it with "
            "`rotascope breadth members FILE` (ticker,start_date,end_date)"
        )
    df["start"] = pd.to_datetime(df["start"])
    df["end"] = pd.to_datetime(df["end"])
    return df


def load_close_matrix(
    store: Store,
    symbols: Sequence[str],
    *,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    column: str = "close",
) -> pd.DataFrame:
    """Closes of many symbols as one (dates x symbols) float64 matrix (NaN = no value).

    Symbols that are not stored are left out (the caller counts them as missing).
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
