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

from rotascope.data._frames import (
    as_frame,
    futures_frame,
    info_of,
    inventory_frame,
    last_listed,
    listed,
    resolve_key,
    series_of,
    symbol_of,
)
from rotascope.data.port import SeriesInfo
from rotascope.errors import DataError, UnknownSymbol
from rotascope.symbols import canonical, series_id

__all__ = ["MemorySource"]


def _key(name: str) -> str:
    """Store key of a name given to :class:`MemorySource` (``SMB`` -> ``ff:SMB``)."""
    base, _, edition = name.partition("@")
    sid = series_id(base)
    return f"{sid}@{edition.strip()}" if edition.strip() else sid


class MemorySource:
    """A :class:`~rotascope.data.port.DataSource` over frames in memory.

    Parameters
    ----------
    series : mapping of str to DataFrame or Series
        Symbol -> frame (columns among ``close``, ``adj_close``, ``open``, ...) or a
        Series (taken as ``close``). Any spelling the registry knows works
        (``^GSPC`` -> ``SPX``, ``SMB`` -> ``ff:SMB``), with ``@EDITION`` for editions.
    membership : mapping of str to DataFrame, optional
        Universe -> spells (``ticker``, ``start``, ``end``).
    shiller : DataFrame, optional
        Shiller's monthly frame.
    valuations : mapping of (subject, metric, basis) to Series, optional
    events : DataFrame, optional
        The event calendar (default: the bundled CPI/FOMC calendar).
    constituents : mapping of str to DataFrame, optional
        Universe -> member list (``ticker``, ``name``, ``sector``, ``sub_industry``).
    breadth : mapping of str to DataFrame, optional
        Universe -> precomputed breadth series.
    futures : DataFrame, optional
        Fed funds futures prices: ``date``, ``contract`` (``YYYY-MM``), ``price``.
    """

    def __init__(
        self,
        series: Mapping[str, pd.DataFrame | pd.Series],
        *,
        membership: Mapping[str, pd.DataFrame] | None = None,
        shiller: pd.DataFrame | None = None,
        valuations: Mapping[tuple[str, str, str], pd.Series] | None = None,
        events: pd.DataFrame | None = None,
        constituents: Mapping[str, pd.DataFrame] | None = None,
        breadth: Mapping[str, pd.DataFrame] | None = None,
        futures: pd.DataFrame | None = None,
    ) -> None:
        self._frames = {_key(k): as_frame(v, canonical(k)) for k, v in series.items()}
        self._membership = {k.upper(): v for k, v in (membership or {}).items()}
        self._shiller = shiller
        self._valuations = dict(valuations or {})
        self._events = events
        self._constituents = {k.upper(): v for k, v in (constituents or {}).items()}
        self._breadth = {k.upper(): v for k, v in (breadth or {}).items()}
        self._futures = futures_frame(futures)

    def __repr__(self) -> str:
        return f"MemorySource({len(self._frames)} series)"

    def _available(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for key in self._frames:
            sid, _, edition = key.partition("@")
            out.setdefault(sid, []).append(edition)
        return out

    def _key(self, symbol: str) -> tuple[str, str, str]:
        return resolve_key(symbol, self._available())

    def symbols(self) -> list[str]:
        return sorted(
            symbol_of(sid, max(eds), eds) for sid, eds in self._available().items() if listed(sid)
        )

    def resolve(self, symbol: str) -> str:
        return self._key(symbol)[0]

    def frame(self, symbol: str) -> pd.DataFrame:
        return self._frames[self._key(symbol)[2]].copy()

    def series(self, symbol: str, column: str = "close") -> pd.Series:
        sym, _sid, key = self._key(symbol)
        return series_of(self._frames[key], sym, column)

    def info(self, symbol: str) -> SeriesInfo:
        sym, sid, key = self._key(symbol)
        return info_of(self._frames[key], sym, "memory", sid=sid, edition=key.partition("@")[2])

    def version(self) -> str:
        h = hashlib.sha256()
        for key in sorted(self._frames):
            f = self._frames[key]
            h.update(key.encode())
            h.update(pd.util.hash_pandas_object(f, index=True).to_numpy().tobytes())
        if len(self._futures):
            h.update(b"futures")
            h.update(pd.util.hash_pandas_object(self._futures, index=False).to_numpy().tobytes())
        return "memory-" + h.hexdigest()[:12]

    def inventory(self) -> pd.DataFrame:
        rows = []
        for key, f in self._frames.items():
            valid = f.dropna(how="all")
            if valid.empty:
                continue
            sid, _, edition = key.partition("@")
            rows.append(
                {
                    "id": sid,
                    "edition": edition,
                    "origin": "memory",
                    "first": valid.index[0],
                    "last": valid.index[-1],
                    "rows": len(valid),
                }
            )
        return inventory_frame(rows)

    def last_date(self, symbol: str | None = None) -> pd.Timestamp:
        if symbol is not None:
            return self.info(symbol).last
        return last_listed(self.inventory(), "this source holds no series")

    def universes(self) -> list[str]:
        return sorted(self._membership)

    def constituents(self, universe: str = "SP500") -> pd.DataFrame:
        members = self._constituents.get(universe.upper())
        if members is None:
            raise DataError(f"no member list for {universe.upper()} in this source")
        return members.copy()

    def breadth(self, universe: str = "SP500") -> pd.DataFrame:
        table = self._breadth.get(universe.upper())
        if table is None:
            raise DataError(f"no breadth series for {universe.upper()} in this source")
        return table.copy()

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
        cols = {
            t: self._frames[_key(t)]["close"]
            for t in dict.fromkeys(tickers)
            if _key(t) in self._frames
        }
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

    def futures(self) -> pd.DataFrame:
        return self._futures.copy()
