"""A data source held in memory: for tests, notebooks and users' own frames.

Examples
--------
>>> import pandas as pd
>>> idx = pd.bdate_range("2024-01-01", periods=3, name="date")
>>> src = MemorySource({"AAA": pd.Series([1.0, 2.0, 3.0], index=idx)})
>>> src.symbols(), src.info("AAA").rows
(['AAA'], 3)
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import pandas as pd

from rotascope.data._frames import as_frame, info_of, series_of
from rotascope.data.port import SeriesInfo
from rotascope.errors import DataError, UnknownSymbol
from rotascope.symbols import canonical

__all__ = ["MemorySource"]


class MemorySource:
    """A :class:`~rotascope.data.port.DataSource` over frames in memory.

    Parameters
    ----------
    series : mapping of str to DataFrame or Series
        Symbol -> frame (columns among ``close``, ``adj_close``, ``open``, ...) or a
        Series (taken as ``close``). Symbols are canonicalised (``^GSPC`` -> ``SPX``).
    membership : mapping of str to DataFrame, optional
        Universe -> spells (``ticker``, ``start``, ``end``).
    shiller : DataFrame, optional
        Shiller's monthly frame.
    valuations : mapping of (subject, metric, basis) to Series, optional
    events : DataFrame, optional
        The event calendar (default: the bundled CPI/FOMC calendar).
    """

    def __init__(
        self,
        series: Mapping[str, pd.DataFrame | pd.Series],
        *,
        membership: Mapping[str, pd.DataFrame] | None = None,
        shiller: pd.DataFrame | None = None,
        valuations: Mapping[tuple[str, str, str], pd.Series] | None = None,
        events: pd.DataFrame | None = None,
    ) -> None:
        self._frames = {canonical(k): as_frame(v, canonical(k)) for k, v in series.items()}
        self._membership = {k.upper(): v for k, v in (membership or {}).items()}
        self._shiller = shiller
        self._valuations = dict(valuations or {})
        self._events = events

    def __repr__(self) -> str:
        return f"MemorySource({len(self._frames)} series)"

    def symbols(self) -> list[str]:
        return sorted(self._frames)

    def resolve(self, symbol: str) -> str:
        sym = canonical(symbol)
        if sym not in self._frames:
            raise UnknownSymbol(sym, self._frames)
        return sym

    def frame(self, symbol: str) -> pd.DataFrame:
        return self._frames[self.resolve(symbol)].copy()

    def series(self, symbol: str, column: str = "close") -> pd.Series:
        sym = self.resolve(symbol)
        return series_of(self._frames[sym], sym, column)

    def info(self, symbol: str) -> SeriesInfo:
        sym = self.resolve(symbol)
        return info_of(self._frames[sym], sym, "memory")

    def version(self) -> str:
        h = hashlib.sha256()
        for sym in sorted(self._frames):
            f = self._frames[sym]
            h.update(sym.encode())
            h.update(pd.util.hash_pandas_object(f, index=True).to_numpy().tobytes())
        return "memory-" + h.hexdigest()[:12]

    def membership(self, universe: str = "SP500") -> pd.DataFrame:
        spells = self._membership.get(universe.upper())
        if spells is None:
            raise DataError(f"no membership for {universe.upper()} in this source")
        return spells.copy()

    def member_closes(
        self,
        tickers: list[str],
        *,
        start: pd.Timestamp | None = None,
        end: pd.Timestamp | None = None,
    ) -> pd.DataFrame:
        cols = {t: self._frames[t]["close"] for t in dict.fromkeys(tickers) if t in self._frames}
        if not cols:
            return pd.DataFrame(dtype="float64")
        out = pd.DataFrame(cols).astype("float64").loc[start:end]
        out.index.name = "date"
        return out

    def shiller(self) -> pd.DataFrame:
        if self._shiller is None:
            raise DataError("no Shiller data in this source")
        return self._shiller.copy()

    def valuations(self) -> list[tuple[str, str, str]]:
        return sorted(self._valuations)

    def valuation(self, subject: str, metric: str, basis: str = "") -> pd.Series:
        key = (canonical(subject), metric, basis)
        if key not in self._valuations:
            raise UnknownSymbol(
                ":".join(k for k in key if k), [":".join(k) for k in self._valuations]
            )
        return self._valuations[key].copy()

    def events(self) -> pd.DataFrame:
        if self._events is not None:
            return self._events.copy()
        from rotascope.events.calendar import bundled_calendar

        return bundled_calendar()
