"""The local store with the bundled dataset as fallback: the data source users get.

A symbol stored locally is read from the store; otherwise from the bundled dataset.
Frames are cached until the store file changes (see :mod:`rotascope.catalog`).

Examples
--------
>>> src = LocalSource()  # doctest: +SKIP
>>> src.info("RUT").origin  # doctest: +SKIP
'bundled dataset'
"""

from __future__ import annotations

import pandas as pd

from rotascope import catalog
from rotascope.data._frames import info_of, series_of
from rotascope.data.port import SeriesInfo
from rotascope.store import Store
from rotascope.symbols import canonical

__all__ = ["LocalSource"]


class LocalSource:
    """A :class:`~rotascope.data.port.DataSource` over the store and the bundled dataset.

    Parameters
    ----------
    store : Store, optional
        The store to read (default: the one under ``$ROTASCOPE_HOME``).
    """

    def __init__(self, store: Store | None = None) -> None:
        self.store = store if store is not None else Store()

    def __repr__(self) -> str:
        return f"LocalSource({self.store!r})"

    def symbols(self) -> list[str]:
        return catalog.symbols()

    def resolve(self, symbol: str) -> str:
        sym = canonical(symbol)
        catalog.source_of(sym)  # raises UnknownSymbol listing what exists
        return sym

    def frame(self, symbol: str) -> pd.DataFrame:
        return catalog.load_frame(self.resolve(symbol))

    def series(self, symbol: str, column: str = "close") -> pd.Series:
        sym = self.resolve(symbol)
        return series_of(catalog.load_frame(sym), sym, column)

    def info(self, symbol: str) -> SeriesInfo:
        sym = self.resolve(symbol)
        origin = "store" if catalog.source_of(sym) == "store" else "bundled dataset"
        return info_of(catalog.load_frame(sym), sym, origin)

    def version(self) -> str:
        return catalog.data_version()

    def membership(self, universe: str = "SP500") -> pd.DataFrame:
        from rotascope.store.universe import load_membership

        return load_membership(self.store, universe)

    def member_closes(
        self,
        tickers: list[str],
        *,
        start: pd.Timestamp | None = None,
        end: pd.Timestamp | None = None,
    ) -> pd.DataFrame:
        from rotascope.store.universe import load_close_matrix

        return load_close_matrix(self.store, tickers, start=start, end=end)

    def shiller(self) -> pd.DataFrame:
        # transitional: H18 stores Shiller's data on import; until then the old search
        from rotascope.sources.shiller import find_shiller

        return find_shiller()[0]

    def valuations(self) -> list[tuple[str, str, str]]:
        from rotascope.sources.valuation_csv import stored_valuations

        return stored_valuations(db=self.store.path)

    def valuation(self, subject: str, metric: str, basis: str = "") -> pd.Series:
        from rotascope.sources.valuation_csv import load_valuation

        return load_valuation(subject, metric, basis, db=self.store.path)

    def events(self) -> pd.DataFrame:
        from rotascope.events.calendar import load_calendar

        return load_calendar()
