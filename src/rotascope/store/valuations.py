"""Valuation series in the store: ids ``val:SUBJECT:METRIC[:BASIS]`` in the ``prices`` table.

They are imported like any file (``rotascope data import valuations.csv``; the layout is
read by :mod:`rotascope.sources.valuation_csv`).

Examples
--------
>>> import tempfile, pathlib
>>> stored_valuations(Store(pathlib.Path(tempfile.mkdtemp()) / "s.duckdb"))
[]
"""

from __future__ import annotations

import pandas as pd

from rotascope.errors import UnknownSymbol
from rotascope.sources.valuation_csv import split_valuation_symbol, valuation_id, valuation_symbol
from rotascope.store.database import Store

__all__ = ["load_valuation", "stored_valuations"]


def stored_valuations(store: Store) -> list[tuple[str, str, str]]:
    """(subject, metric, basis) of every stored valuation series, sorted."""
    out = []
    for sid in store.available():
        if not sid.startswith("val:"):
            continue
        try:
            out.append(split_valuation_symbol(sid))
        except ValueError:
            continue
    return sorted(out)


def load_valuation(
    store: Store,
    subject: str,
    metric: str,
    basis: str = "",
    *,
    asof: str | pd.Timestamp | None = None,
) -> pd.Series:
    """One stored valuation series.

    Returns
    -------
    pandas.Series
        DatetimeIndex ``date``, float64, named ``SUBJECT:METRIC[:BASIS]``; values dated
        after ``asof`` are left out.

    Raises
    ------
    UnknownSymbol
        When nothing is stored under that name (lists the valuation series that are).
    """
    name = valuation_symbol(subject, metric, basis)
    try:
        frame = store.load(valuation_id(subject, metric, basis), columns=["close"], end=asof)
    except UnknownSymbol:
        have = [valuation_symbol(*k) for k in stored_valuations(store)]
        raise UnknownSymbol(name, have) from None
    return frame["close"].rename(name).dropna()
