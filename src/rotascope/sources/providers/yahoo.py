"""Yahoo Finance daily prices through the public chart API (JSON).

Examples
--------
>>> YahooProvider().ticker_for("RUT")
'^RUT'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from rotascope.errors import DataError
from rotascope.sources.parsed import ParsedSeries, finish_series
from rotascope.sources.providers.base import looks_like_html
from rotascope.sources.providers.http import HttpFetcher
from rotascope.symbols import canonical, info, split_id

__all__ = ["YahooProvider", "parse_chart_json"]

URL = "https://query1.finance.yahoo.com/v8/finance/chart/{ticker}"
_TICKERS = {"RUT": "^RUT", "SPX": "^GSPC", "NDX": "^NDX", "VIXCLS": "^VIX"}


def parse_chart_json(body: bytes, symbol: str, source: str) -> ParsedSeries:
    """Turn a chart API response into a validated :class:`ParsedSeries`.

    Raises
    ------
    DataError
        When the body is not the chart JSON (an HTML page, an error object, a
        changed layout).
    """
    if looks_like_html(body):
        raise DataError("Yahoo returned an HTML page where JSON was expected", path=source)
    try:
        doc: Any = json.loads(body)
        chart = doc["chart"]
        if chart.get("error"):
            raise DataError(f"Yahoo error: {chart['error']}", path=source)
        result = chart["result"][0]
        stamps = result.get("timestamp") or []
        quote = result["indicators"]["quote"][0]
        tz = (result.get("meta") or {}).get("exchangeTimezoneName") or "America/New_York"
        dates = (
            pd.to_datetime(np.asarray(stamps, dtype="int64"), unit="s", utc=True)
            .as_unit("ns")  # raises beyond 1677-2262 instead of wrapping around
            .tz_convert(tz)
            .tz_localize(None)
            .normalize()
            .to_numpy(dtype="datetime64[ns]")
        )
        columns: dict[str, np.ndarray] = {}
        for name in ("open", "high", "low", "close", "volume"):
            if name in quote:
                columns[name] = np.asarray(
                    [np.nan if v is None else v for v in quote[name]], dtype=np.float64
                )
        adj = result["indicators"].get("adjclose")
        if adj:
            columns["adj_close"] = np.asarray(
                [np.nan if v is None else v for v in adj[0]["adjclose"]], dtype=np.float64
            )
        for name, v in columns.items():  # a changed layout: lists that do not line up
            if v.shape != dates.shape:
                raise ValueError(f"{name} has {v.size} values for {dates.size} timestamps")
    except DataError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, OverflowError) as exc:
        raise DataError(
            f"unexpected Yahoo response layout ({type(exc).__name__}: {exc})", path=source
        ) from None
    keep = ~np.isnan(columns.get("close", np.zeros(len(dates))))
    columns = {k: v[keep] for k, v in columns.items()}
    dates = dates[keep]
    raw = np.asarray([str(d)[:10] for d in dates], dtype=object)
    return finish_series(
        symbol,
        dates,
        columns,
        np.arange(1, len(dates) + 1),
        raw_dates=raw,
        path=source,
        fmt="yahoo_api",
        unit="price",
    )


@dataclass
class YahooProvider:
    """Daily OHLC, adjusted close and volume for indices and ETFs from Yahoo."""

    fetcher: HttpFetcher = field(default_factory=lambda: HttpFetcher("Yahoo"))
    name: str = "yahoo"

    def ticker_for(self, symbol: str) -> str:
        """Yahoo's spelling of a canonical symbol."""
        sym = canonical(symbol)
        return _TICKERS.get(sym, sym)

    def handles(self, symbol: str) -> bool:
        """Prices (indices, ETFs, stocks): tickers, never a namespaced series."""
        return info(symbol).unit == "price" and not split_id(canonical(symbol))[0]

    def fetch(
        self, symbol: str, *, start: pd.Timestamp | None = None, end: pd.Timestamp | None = None
    ) -> list[ParsedSeries]:
        """Download daily bars for ``symbol``."""
        sym = canonical(symbol)
        t0 = int(pd.Timestamp(start or "1900-01-01").tz_localize("UTC").timestamp())
        t1 = int(
            pd.Timestamp(end or pd.Timestamp.now().normalize() + pd.Timedelta(days=1))
            .tz_localize("UTC")
            .timestamp()
        )
        url = URL.format(ticker=self.ticker_for(sym))
        params = {
            "period1": str(t0),
            "period2": str(t1),
            "interval": "1d",
            "events": "div,split",
            "includeAdjustedClose": "true",
        }
        response = self.fetcher.get(url, params=params)
        return [parse_chart_json(response.content, sym, str(response.url))]
