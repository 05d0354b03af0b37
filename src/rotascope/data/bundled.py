"""The bundled dataset alone, as a data source (no store, no network).

Examples
--------
>>> src = BundledSource()
>>> round(float(src.series("RUT").loc["2024-07-16"]), 2)
2263.67
>>> src.resolve("ff:SMB"), src.info("SMB").edition
('SMB', '202604')
"""

from __future__ import annotations

import hashlib
import json

import pandas as pd

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
from rotascope.data.port import SeriesInfo
from rotascope.datasets import bundled_available, bundled_manifest, bundled_table, load_bundled_key
from rotascope.errors import DataError, UnknownSymbol

__all__ = ["BundledSource"]


def _need(table: pd.DataFrame | None, what: str, hint: str) -> pd.DataFrame:
    if table is None:
        raise DataError(f"the bundled dataset has no {what}; {hint}")
    return table


class BundledSource:
    """A :class:`~rotascope.data.port.DataSource` over the package's bundled dataset."""

    def __repr__(self) -> str:
        return "BundledSource()"

    def symbols(self) -> list[str]:
        avail = bundled_available()
        return sorted(symbol_of(sid, max(eds), eds) for sid, eds in avail.items() if listed(sid))

    def resolve(self, symbol: str) -> str:
        return resolve_key(symbol, bundled_available())[0]

    def _key(self, symbol: str) -> tuple[str, str, str]:
        return resolve_key(symbol, bundled_available())

    def frame(self, symbol: str) -> pd.DataFrame:
        return load_bundled_key(self._key(symbol)[2])

    def series(self, symbol: str, column: str = "close") -> pd.Series:
        sym, _sid, key = self._key(symbol)
        return series_of(load_bundled_key(key), sym, column)

    def info(self, symbol: str) -> SeriesInfo:
        sym, sid, key = self._key(symbol)
        entry = bundled_manifest()["series"][key]
        source = entry["sources"][-1]["file"].rsplit("/", 1)[-1] if entry["sources"] else ""
        return info_of(
            load_bundled_key(key),
            sym,
            "bundled dataset",
            sid=sid,
            edition=entry.get("edition", ""),
            source=source,
        )

    def version(self) -> str:
        text = json.dumps(bundled_manifest(), sort_keys=True)
        return "bundled-" + hashlib.sha256(text.encode()).hexdigest()[:12]

    def inventory(self) -> pd.DataFrame:
        rows = []
        for entry in bundled_manifest().get("series", {}).values():
            rows.append(
                {
                    "id": entry["id"],
                    "edition": entry.get("edition", ""),
                    "unit": entry.get("unit", ""),
                    "origin": "bundled",
                    "source": entry["sources"][-1]["file"].rsplit("/", 1)[-1],
                    "first": entry["first"],
                    "last": entry["last"],
                    "rows": entry["rows"],
                }
            )
        return inventory_frame(rows)

    def last_date(self, symbol: str | None = None) -> pd.Timestamp:
        if symbol is not None:
            return self.info(symbol).last
        return last_listed(self.inventory(), "the bundled dataset holds no series")

    def universes(self) -> list[str]:
        tables = bundled_manifest().get("tables", {})
        return sorted(k.split("/", 1)[1] for k in tables if k.startswith("membership/"))

    def membership(self, universe: str = "SP500") -> pd.DataFrame:
        name = universe.strip().upper()
        return _need(
            bundled_table(f"membership/{name}"),
            f"{name} membership",
            "import one with `rotascope data import FILE` (ticker,start_date,end_date)",
        )

    def member_closes(
        self,
        tickers: list[str],
        *,
        start: pd.Timestamp | None = None,
        end: pd.Timestamp | None = None,
    ) -> pd.DataFrame:
        return pd.DataFrame(dtype="float64")

    def constituents(self, universe: str = "SP500") -> pd.DataFrame:
        name = universe.strip().upper()
        return _need(
            bundled_table(f"constituents/{name}"),
            f"{name} member list",
            "import one with `rotascope data import FILE` (Symbol,Security,GICS Sector,...)",
        )

    def breadth(self, universe: str = "SP500") -> pd.DataFrame:
        name = universe.strip().upper()
        return _need(
            bundled_table(f"breadth/{name}"),
            f"{name} breadth series",
            "import the member closes and the membership with `rotascope data import`",
        )

    def shiller(self) -> pd.DataFrame:
        from rotascope.sources.shiller import normalize_shiller_frame

        frame = _need(
            bundled_table("shiller"),
            "Shiller data",
            "import his ie_data CSV export with `rotascope data import FILE` "
            "(https://shillerdata.com)",
        )
        return normalize_shiller_frame(frame)

    def valuations(self) -> list[tuple[str, str, str]]:
        return []

    def valuation(self, subject: str, metric: str, basis: str = "") -> pd.Series:
        raise UnknownSymbol(":".join(k for k in (subject, metric, basis) if k), [])

    def events(self) -> pd.DataFrame:
        from rotascope.events.calendar import bundled_calendar

        return bundled_calendar()

    def futures(self) -> pd.DataFrame:
        """None: the bundled dataset holds no futures prices (an empty frame)."""
        return futures_frame()
