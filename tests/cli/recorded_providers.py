"""Recorded provider responses (Yahoo, FRED, Ken French) for ``data update`` tests.

``Recorded().mount(respx_mock)`` answers every download of ``rotascope data update
--all`` with two new sessions (``NEW_DAYS``), counting the requests per target; no
network is used.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

import httpx
import pandas as pd
import respx

from rotascope.sources.providers.french import BASE as FRENCH_BASE

__all__ = ["FRENCH_FILES", "NEW_DAYS", "Recorded", "chart", "french_zip"]

NEW_DAYS = ("2026-11-02", "2026-11-03")
FRENCH_FILES = {
    "F-F_Research_Data_Factors_daily_CSV.zip": ",Mkt-RF,SMB,HML,RF",
    "F-F_Research_Data_5_Factors_2x3_daily_CSV.zip": "Date,Mkt-RF,SMB,HML,RMW,CMA,RF",
    "F-F_Momentum_Factor_daily_CSV.zip": ",Mom",
}


def chart(ticker: str) -> dict:
    """A Yahoo chart response (the recorded layout) with two new sessions."""
    stamps = [int(pd.Timestamp(f"{d} 09:30", tz="America/New_York").timestamp()) for d in NEW_DAYS]
    base = 100.0 + len(ticker)
    quote = {k: [base, base + 1] for k in ("open", "high", "low", "close")}
    return {
        "chart": {
            "result": [
                {
                    "meta": {"exchangeTimezoneName": "America/New_York", "symbol": ticker},
                    "timestamp": stamps,
                    "indicators": {
                        "quote": [{**quote, "volume": [1, 2]}],
                        "adjclose": [{"adjclose": [base, base + 1]}],
                    },
                }
            ],
            "error": None,
        }
    }


def french_zip(name: str) -> bytes:
    header = FRENCH_FILES[name]
    n = header.count(",")
    text = (
        "This file was created using the 202611 CRSP database.\r\n\r\n"
        f"{header}\r\n"
        + "".join(d.replace("-", "") + ",   0.10" * n + "\r\n" for d in NEW_DAYS)
        + "\r\nCopyright 2026 Eugene F. Fama and Kenneth R. French\r\n"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(name.replace("_CSV.zip", ".csv"), text)
    return buf.getvalue()


class Recorded:
    """The recorded responses, counting requests per target; can fail on one ticker."""

    def __init__(self, interrupt_at: str | None = None, fred_status: int = 200) -> None:
        self.calls: Counter[str] = Counter()
        self.interrupt_at = interrupt_at
        self.fred_status = fred_status

    def yahoo(self, request: httpx.Request) -> httpx.Response:
        ticker = request.url.path.rsplit("/", 1)[-1]
        if ticker == self.interrupt_at:
            raise KeyboardInterrupt  # the user presses Ctrl-C during this download
        self.calls[f"yahoo {ticker}"] += 1
        return httpx.Response(200, json=chart(ticker))

    def fred(self, request: httpx.Request) -> httpx.Response:
        sid = request.url.params["id"]
        self.calls[f"fred {sid}"] += 1
        if self.fred_status != 200:
            return httpx.Response(self.fred_status)
        rows = "".join(f"{d},4.{i}\n" for i, d in enumerate(NEW_DAYS))
        return httpx.Response(200, content=f"observation_date,{sid}\n{rows}".encode())

    def french(self, request: httpx.Request) -> httpx.Response:
        name = request.url.path.rsplit("/", 1)[-1]
        self.calls[f"french {name}"] += 1
        return httpx.Response(200, content=french_zip(name))

    def mount(self, mock: respx.MockRouter) -> None:
        mock.get(host="query1.finance.yahoo.com").mock(side_effect=self.yahoo)
        mock.get(host="fred.stlouisfed.org").mock(side_effect=self.fred)
        mock.get(url__regex=re.escape(FRENCH_BASE) + ".*").mock(side_effect=self.french)
