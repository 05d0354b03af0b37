"""The local store with the bundled dataset as fallback: the data source users get.

A series id stored locally (in any edition) is read from the store; otherwise from the
bundled dataset. The same goes for membership, member lists and Shiller's data; the
precomputed breadth series come from the bundle. Everything read from the store is
cached until the store file changes (:mod:`rotascope.data._cache`).

Examples
--------
>>> src = LocalSource()  # doctest: +SKIP
>>> src.info("RUT").origin  # doctest: +SKIP
'bundled dataset'
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from rotascope.data import _cache
from rotascope.data._frames import (
    futures_frame,
    info_of,
    inventory_frame,
    last_listed,
    listed,
    resolve_key,
    series_of,
    symbol_of,
)
from rotascope.data.bundled import BundledSource
from rotascope.data.port import SeriesInfo
from rotascope.datasets import bundled_available, bundled_manifest, load_bundled_key
from rotascope.errors import DataError
from rotascope.store import Store

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
        self._bundled = BundledSource()

    def __repr__(self) -> str:
        return f"LocalSource({self.store!r})"

    # -- what is where ------------------------------------------------------------------
    def _cached(self, kind: str, *args: object, compute):  # type: ignore[no-untyped-def]
        return _cache.cached(self.store.path, kind, *args, compute=compute)

    def _meta(self) -> pd.DataFrame:
        """The store's series table (cached)."""
        return self._cached("meta", compute=self.store.list_series)

    def _stored(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        meta = self._meta()
        for sid, edition in zip(meta["id"], meta["edition"], strict=True):
            out.setdefault(str(sid), []).append(str(edition or ""))
        return out

    def _available(self) -> tuple[dict[str, list[str]], set[str]]:
        """Every id (store first, bundled ids the store lacks) and the ids from the store."""
        stored = self._stored()
        merged = {**{k: v for k, v in bundled_available().items() if k not in stored}, **stored}
        return merged, set(stored)

    def _key(self, symbol: str) -> tuple[str, str, str, bool]:
        """``(symbol, id, key, from_store)`` of a user's spelling."""
        available, stored = self._available()
        sym, sid, key = resolve_key(symbol, available)
        return sym, sid, key, sid in stored

    def _frame(self, key: str, from_store: bool) -> pd.DataFrame:
        if from_store:
            return self._cached("frame", key, compute=lambda: self.store.load(key))
        return load_bundled_key(key)

    # -- series -------------------------------------------------------------------------
    def symbols(self) -> list[str]:
        available, _ = self._available()
        return sorted(symbol_of(s, max(e), e) for s, e in available.items() if listed(s))

    def resolve(self, symbol: str) -> str:
        return self._key(symbol)[0]

    def frame(self, symbol: str) -> pd.DataFrame:
        _sym, _sid, key, from_store = self._key(symbol)
        return self._frame(key, from_store).copy()

    def series(self, symbol: str, column: str = "close") -> pd.Series:
        sym, _sid, key, from_store = self._key(symbol)
        return series_of(self._frame(key, from_store), sym, column)

    def info(self, symbol: str) -> SeriesInfo:
        sym, sid, key, from_store = self._key(symbol)
        if not from_store:
            return self._bundled.info(key)
        meta = self._meta()
        row = meta[meta["symbol"] == key]
        source = Path(str(row["source"].iloc[0] or "")).name if len(row) else ""
        return info_of(
            self._frame(key, True),
            sym,
            "store",
            sid=sid,
            edition=key.partition("@")[2],
            source=source,
        )

    def version(self) -> str:
        def compute() -> str:
            bundled = json.dumps(bundled_manifest(), sort_keys=True)
            text = self.store.version() + "|" + bundled
            return hashlib.sha256(text.encode()).hexdigest()[:16]

        return self._cached("version", compute=compute)

    def inventory(self) -> pd.DataFrame:
        meta = self._meta()
        rows = [
            {
                "id": r.id,
                "edition": r.edition or "",
                "name": r.name or "",
                "unit": r.unit,
                "origin": "store",
                "source": Path(str(r.source or "")).name,
                "first": r.first,
                "last": r.last,
                "rows": r.rows,
            }
            for r in meta.itertuples(index=False)
        ]
        stored = set(meta["id"])
        bundled = self._bundled.inventory()
        rows += [r for r in bundled.to_dict("records") if r["id"] not in stored]
        return inventory_frame(rows)

    def last_date(self, symbol: str | None = None) -> pd.Timestamp:
        if symbol is not None:
            return self.info(symbol).last
        return last_listed(
            self.inventory(), "no data: import files with `rotascope data import PATH`"
        )

    # -- universes ----------------------------------------------------------------------
    def universes(self) -> list[str]:
        from rotascope.store.universe import universes

        stored = self._cached("universes", compute=lambda: universes(self.store))
        return sorted(set(stored) | set(self._bundled.universes()))

    def membership(self, universe: str = "SP500") -> pd.DataFrame:
        from rotascope.store.universe import load_membership

        name = universe.strip().upper()
        try:
            return self._cached(
                "membership", name, compute=lambda: load_membership(self.store, name)
            ).copy()
        except DataError:
            if name in self._bundled.universes():
                return self._bundled.membership(name)
            raise

    def constituents(self, universe: str = "SP500") -> pd.DataFrame:
        from rotascope.store.universe import load_constituents

        name = universe.strip().upper()
        try:
            return self._cached(
                "constituents", name, compute=lambda: load_constituents(self.store, name)
            ).copy()
        except DataError as exc:
            try:
                return self._bundled.constituents(name)
            except DataError:
                raise exc from None

    def member_closes(
        self,
        tickers: list[str],
        *,
        start: pd.Timestamp | None = None,
        end: pd.Timestamp | None = None,
    ) -> pd.DataFrame:
        from rotascope.store.universe import load_close_matrix

        wanted = tuple(dict.fromkeys(tickers))
        return self._cached(
            "closes",
            wanted,
            start,
            end,
            compute=lambda: load_close_matrix(self.store, list(wanted), start=start, end=end),
        ).copy()

    def breadth(self, universe: str = "SP500") -> pd.DataFrame:
        return self._bundled.breadth(universe)

    # -- valuation ----------------------------------------------------------------------
    def shiller(self) -> pd.DataFrame:
        available, stored = self._available()
        ids = sorted(s for s in stored if s.startswith("shiller:"))
        if not ids:
            return self._bundled.shiller()

        def compute() -> pd.DataFrame:
            from rotascope.sources.shiller import shiller_frame

            keys = {s: f"{s}@{max(available[s])}" if max(available[s]) else s for s in ids}
            values = self.store.load_many(list(keys.values()))
            return shiller_frame({s: values[k] for s, k in keys.items() if k in values})

        return self._cached("shiller", tuple(ids), compute=compute).copy()

    def valuations(self) -> list[tuple[str, str, str]]:
        from rotascope.store.valuations import stored_valuations

        return self._cached("valuations", compute=lambda: stored_valuations(self.store))

    def valuation(self, subject: str, metric: str, basis: str = "") -> pd.Series:
        from rotascope.store.valuations import load_valuation

        return self._cached(
            "valuation",
            subject,
            metric,
            basis,
            compute=lambda: load_valuation(self.store, subject, metric, basis),
        ).copy()

    # -- events -------------------------------------------------------------------------
    def events(self) -> pd.DataFrame:
        from rotascope.events.user import user_events
        from rotascope.sources.events import merge_user_events

        return merge_user_events(
            self._bundled.events(), self._cached("events", compute=lambda: user_events(self.store))
        )

    # -- futures ------------------------------------------------------------------------
    def futures(self) -> pd.DataFrame:
        """The futures prices in the store (the bundled dataset has none)."""
        from rotascope.store.futures import load_futures

        stored = self._cached("futures", compute=lambda: futures_frame(load_futures(self.store)))
        return stored.copy()
