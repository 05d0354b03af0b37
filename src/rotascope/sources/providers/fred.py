"""FRED series (yields, spreads, VIX) as CSV from the public graph endpoint."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from rotascope.errors import DataError
from rotascope.sources.parsed import ParsedSeries
from rotascope.sources.providers.base import cache_dir, cache_validated, looks_like_html
from rotascope.sources.providers.http import HttpFetcher
from rotascope.sources.reader import read_file
from rotascope.symbols import info, series_id, split_id

__all__ = ["FredProvider"]

URL = "https://fred.stlouisfed.org/graph/fredgraph.csv"


@dataclass
class FredProvider:
    """Daily FRED series; the CSV is cached raw, then read by the FRED file reader."""

    fetcher: HttpFetcher = field(default_factory=lambda: HttpFetcher("FRED"))
    name: str = "fred"

    def handles(self, symbol: str) -> bool:
        """Series of the ``fred`` namespace (``DGS10``, ``fred:T10Y3M``)."""
        return split_id(series_id(symbol))[0] == "fred" or info(symbol).namespace == "fred"

    def fetch(
        self, symbol: str, *, start: pd.Timestamp | None = None, end: pd.Timestamp | None = None
    ) -> list[ParsedSeries]:
        """Download the full history of ``symbol`` (FRED files are small)."""
        sid = series_id(symbol)
        ns, sym = split_id(sid)
        if ns not in ("", "fred"):
            raise DataError(f"{symbol} is not a FRED series")
        sid = f"fred:{sym}"
        response = self.fetcher.get(URL, params={"id": sym})
        body = response.content
        if looks_like_html(body):
            raise DataError(
                "FRED returned an HTML page where CSV was expected", path=str(response.url)
            )
        series = cache_validated(
            cache_dir(self.name) / f"{sym}.csv", body, lambda p: read_file(p, symbol=sid)
        )
        if start is not None or end is not None:
            lo = start or pd.Timestamp.min
            hi = end or pd.Timestamp.max
            series = [type(s)(**{**s.__dict__, "frame": s.frame.loc[lo:hi]}) for s in series]
        return series
