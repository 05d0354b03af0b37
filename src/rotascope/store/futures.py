"""Fed funds futures prices in the store (``futures`` table): one price per date and contract.

The rules follow those of a series of one edition (:mod:`rotascope.store.importer`):

- rows not stored yet are added;
- re-importing the same prices changes nothing (status ``unchanged``);
- a stored (date, contract) whose price differs (by more than :data:`REL_TOL`, relative)
  refuses the whole file (status ``refused``, nothing of it written) unless
  ``replace=True``, which overwrites those prices (status ``replaced``). Rows the file
  does not have are never removed.

Examples
--------
>>> import tempfile, pathlib
>>> import pandas as pd
>>> store = Store(pathlib.Path(tempfile.mkdtemp()) / "s.duckdb")
>>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-09-12"]), "contract": ["2024-09"],
...                      "price": [94.815]})
>>> save_futures(store, rows, "zq.csv").status, save_futures(store, rows, "zq.csv").status
('new', 'unchanged')
>>> load_futures(store)["price"].tolist()
[94.815]
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from rotascope.sources.futures import FUTURES_COLUMNS
from rotascope.store._rows import REL_TOL
from rotascope.store.database import Store
from rotascope.store.schema import has_table

__all__ = ["FuturesImport", "load_futures", "save_futures", "write_futures"]

#: Differing prices listed when a file is refused.
MAX_EXAMPLES = 3


@dataclass(frozen=True)
class FuturesImport:
    """What storing one futures file did.

    Attributes
    ----------
    rows : int
        Prices in the file.
    added : int
        (date, contract) rows that were not stored before.
    conflicts : int
        Stored prices that differ from the file's.
    status : {"new", "extended", "unchanged", "refused", "replaced"}
        ``refused``: conflicting prices, nothing written; ``replaced``: they were
        overwritten (``replace=True``).
    examples : tuple of (date, contract, stored, new)
        The first few conflicts.
    """

    rows: int
    added: int
    conflicts: int
    status: str
    examples: tuple[tuple[str, str, float, float], ...] = ()


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.Series(dtype="datetime64[ns]"),
            "contract": pd.Series(dtype="object"),
            "price": pd.Series(dtype="float64"),
        }
    )


def write_futures(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, source: str = "", *, replace: bool
) -> FuturesImport:
    """Merge ``frame`` (``date``, ``contract``, ``price``) through ``con`` (the caller
    owns the transaction); see the module docstring for the rules."""
    stage = pd.DataFrame(
        {
            "date": pd.to_datetime(frame["date"]).dt.date,
            "contract": frame["contract"].astype(str),
            "price": frame["price"].astype("float64"),
            "source": source,
        }
    )
    con.register("incoming_futures", stage)
    try:
        stored = con.execute(
            "SELECT count(*) FROM futures f JOIN incoming_futures i USING (date, contract)"
        ).fetchall()[0][0]
        differ = f"abs(f.price - i.price) > {REL_TOL} * greatest(abs(f.price), abs(i.price))"
        conflicts = con.execute(
            "SELECT f.date, f.contract, f.price, i.price FROM futures f JOIN incoming_futures i "
            f"USING (date, contract) WHERE {differ} ORDER BY f.date, f.contract"
        ).fetchall()
        examples = tuple((str(d), str(c), float(a), float(b)) for d, c, a, b in conflicts)
        added = len(stage) - int(stored)
        if conflicts and not replace:
            return FuturesImport(len(stage), 0, len(conflicts), "refused", examples[:MAX_EXAMPLES])
        if conflicts:
            con.execute(
                f"UPDATE futures f SET price = i.price, source = i.source FROM incoming_futures i "
                f"WHERE f.date = i.date AND f.contract = i.contract AND {differ}"
            )
        con.execute(
            "INSERT INTO futures SELECT i.date, i.contract, i.price, i.source "
            "FROM incoming_futures i ANTI JOIN futures f USING (date, contract)"
        )
    finally:
        con.unregister("incoming_futures")
    if conflicts:
        status = "replaced"
    elif added == 0:
        status = "unchanged"
    else:
        status = "new" if added == len(stage) and not stored else "extended"
    return FuturesImport(len(stage), added, len(conflicts), status, examples[:MAX_EXAMPLES])


def save_futures(
    store: Store, frame: pd.DataFrame, source: str = "", *, replace: bool = False
) -> FuturesImport:
    """Store futures prices in one transaction (see :func:`write_futures`)."""
    with store._writer() as con:
        return write_futures(con, frame, source, replace=replace)


def load_futures(store: Store) -> pd.DataFrame:
    """Every stored price: ``date`` (datetime64), ``contract``, ``price``, sorted by date
    then contract; an empty frame when none is stored."""
    with store._reader() as con:
        if con is None or not has_table(con, "futures"):
            return _empty()
        df = con.execute("SELECT date, contract, price FROM futures ORDER BY date, contract").df()
    if df.empty:
        return _empty()
    df["date"] = pd.to_datetime(df["date"]).astype("datetime64[ns]")
    return df[list(FUTURES_COLUMNS)].reset_index(drop=True)
