"""The bundled dataset alone, as a data source (no store, no network).

Examples
--------
>>> src = BundledSource()
>>> round(float(src.series("RUT").loc["2024-07-16"]), 2)
2263.67
"""

from __future__ import annotations

import hashlib
import json

import pandas as pd

from rotascope.data._frames import info_of, series_of
from rotascope.data.port import SeriesInfo
from rotascope.datasets import bundled_manifest, bundled_symbols, load_bundled
from rotascope.errors import DataError, UnknownSymbol
from rotascope.symbols import canonical

__all__ = ["BundledSource"]


class BundledSource:
    """A :class:`~rotascope.data.port.DataSource` over the package's bundled dataset."""

    def __repr__(self) -> str:
        return "BundledSource()"

    def symbols(self) -> list[str]:
        return bundled_symbols()

    def resolve(self, symbol: str) -> str:
        sym = canonical(symbol)
        if sym not in bundled_symbols():
            raise UnknownSymbol(sym, bundled_symbols())
        return sym

    def frame(self, symbol: str) -> pd.DataFrame:
        sym = self.resolve(symbol)
        frame = load_bundled(sym)
        assert frame is not None  # resolve() checked the manifest
        return frame

    def series(self, symbol: str, column: str = "close") -> pd.Series:
        sym = self.resolve(symbol)
        return series_of(self.frame(sym), sym, column)

    def info(self, symbol: str) -> SeriesInfo:
        sym = self.resolve(symbol)
        return info_of(self.frame(sym), sym, "bundled dataset")

    def version(self) -> str:
        text = json.dumps(bundled_manifest(), sort_keys=True)
        return "bundled-" + hashlib.sha256(text.encode()).hexdigest()[:12]

    def membership(self, universe: str = "SP500") -> pd.DataFrame:
        raise DataError(
            f"the bundled dataset has no {universe.upper()} membership; import one with "
            "`rotascope data import FILE`"
        )

    def member_closes(
        self,
        tickers: list[str],
        *,
        start: pd.Timestamp | None = None,
        end: pd.Timestamp | None = None,
    ) -> pd.DataFrame:
        return pd.DataFrame(dtype="float64")

    def shiller(self) -> pd.DataFrame:
        frame = load_bundled("SHILLER")
        if frame is None:
            raise DataError(
                "no Shiller data: import his ie_data CSV export with "
                "`rotascope data import FILE` (https://shillerdata.com)"
            )
        from rotascope.sources.shiller import normalize_shiller_frame

        return normalize_shiller_frame(frame)

    def valuations(self) -> list[tuple[str, str, str]]:
        return []

    def valuation(self, subject: str, metric: str, basis: str = "") -> pd.Series:
        raise UnknownSymbol(":".join(k for k in (subject, metric, basis) if k), [])

    def events(self) -> pd.DataFrame:
        from rotascope.events.calendar import bundled_calendar

        return bundled_calendar()
