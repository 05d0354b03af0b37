"""Providers against recorded/mocked HTTP (respx): success, retries, faults, offline."""

from __future__ import annotations

import io
import json
import zipfile

import httpx
import pandas as pd
import pytest
import respx

from rotascope.errors import DataError, ProviderError
from rotascope.sources.providers import (
    FredProvider,
    FrenchProvider,
    HttpFetcher,
    RetryPolicy,
    YahooProvider,
    provider_for,
)
from rotascope.sources.providers.fred import URL as FRED_URL
from rotascope.sources.providers.french import BASE as FRENCH_BASE

YAHOO_RUT = "https://query1.finance.yahoo.com/v8/finance/chart/%5ERUT"

# Real Russell 2000 closes (SOURCES.md): 2024-07-09 2029.47, 2024-07-16 2263.67
CHART = {
    "chart": {
        "result": [
            {
                "meta": {"exchangeTimezoneName": "America/New_York"},
                # 09:30 New York on each session, as Yahoo stamps daily bars
                "timestamp": [
                    int(pd.Timestamp(f"{d} 09:30", tz="America/New_York").timestamp())
                    for d in ("2024-07-09", "2024-07-10", "2024-07-16")
                ],
                "indicators": {
                    "quote": [
                        {
                            "open": [2036.0, 2030.0, 2200.0],
                            "high": [2040.0, 2050.0, 2270.0],
                            "low": [2020.0, 2025.0, 2195.0],
                            "close": [2029.47, 2047.69, 2263.67],
                            "volume": [1, 2, 3],
                        }
                    ],
                    "adjclose": [{"adjclose": [2029.47, 2047.69, 2263.67]}],
                },
            }
        ],
        "error": None,
    }
}


def fetcher(name: str, sleeps: list[float] | None = None, **policy: float) -> HttpFetcher:
    log = sleeps if sleeps is not None else []
    return HttpFetcher(name, policy=RetryPolicy(**policy), sleep=log.append)  # type: ignore[arg-type]


@respx.mock
def test_yahoo_chart_json_becomes_a_validated_series(rotascope_home) -> None:
    route = respx.get(YAHOO_RUT).mock(return_value=httpx.Response(200, json=CHART))
    [series] = YahooProvider(fetcher=fetcher("Yahoo")).fetch("RUT")
    assert route.called
    assert series.symbol == "RUT"
    assert list(series.frame.index.strftime("%Y-%m-%d")) == [
        "2024-07-09",
        "2024-07-10",
        "2024-07-16",
    ]
    assert series.frame.loc["2024-07-16", "close"] == 2263.67
    assert series.frame.loc["2024-07-16", "close"] / series.frame.loc[
        "2024-07-09", "close"
    ] - 1 == (pytest.approx(0.1154, abs=1e-4))


@respx.mock
def test_429_with_retry_after_is_honoured_then_succeeds(rotascope_home) -> None:
    sleeps: list[float] = []
    respx.get(YAHOO_RUT).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "3"}),
            httpx.Response(503),
            httpx.Response(200, json=CHART),
        ]
    )
    [series] = YahooProvider(fetcher=fetcher("Yahoo", sleeps)).fetch("RUT")
    assert series.rows == 3
    assert sleeps[0] == 3.0  # Retry-After
    assert 1.0 <= sleeps[1] <= 1.25  # backoff 0.5 * 2**1 with jitter


@respx.mock
def test_retries_are_bounded_and_the_error_says_what_to_do(rotascope_home) -> None:
    sleeps: list[float] = []
    route = respx.get(YAHOO_RUT).mock(return_value=httpx.Response(502))
    with pytest.raises(ProviderError, match=r"Yahoo: HTTP 502 from .*after 3 attempt.*offline"):
        YahooProvider(fetcher=fetcher("Yahoo", sleeps)).fetch("RUT")
    assert route.call_count == 3
    assert len(sleeps) == 2


@respx.mock
def test_timeouts_and_resets_become_provider_errors(rotascope_home) -> None:
    respx.get(YAHOO_RUT).mock(side_effect=httpx.ConnectTimeout("slow"))
    with pytest.raises(ProviderError, match="timed out"):
        YahooProvider(fetcher=fetcher("Yahoo", attempts=2)).fetch("RUT")
    respx.get(YAHOO_RUT).mock(side_effect=httpx.ConnectError("connection reset by peer"))
    with pytest.raises(ProviderError, match="network error"):
        YahooProvider(fetcher=fetcher("Yahoo", attempts=2)).fetch("RUT")


@respx.mock
def test_404_is_not_retried(rotascope_home) -> None:
    route = respx.get(YAHOO_RUT).mock(return_value=httpx.Response(404))
    with pytest.raises(ProviderError, match="HTTP 404"):
        YahooProvider(fetcher=fetcher("Yahoo")).fetch("RUT")
    assert route.call_count == 1


@respx.mock
def test_html_and_changed_layouts_are_data_errors(rotascope_home) -> None:
    respx.get(YAHOO_RUT).mock(
        return_value=httpx.Response(200, text="<!DOCTYPE html><html>Consent</html>")
    )
    with pytest.raises(DataError, match="HTML page"):
        YahooProvider(fetcher=fetcher("Yahoo")).fetch("RUT")
    respx.get(YAHOO_RUT).mock(return_value=httpx.Response(200, json={"data": []}))
    with pytest.raises(DataError, match="unexpected Yahoo response layout"):
        YahooProvider(fetcher=fetcher("Yahoo")).fetch("RUT")
    respx.get(YAHOO_RUT).mock(return_value=httpx.Response(200, text='{"chart": {"res'))
    with pytest.raises(DataError, match="unexpected Yahoo response layout"):
        YahooProvider(fetcher=fetcher("Yahoo")).fetch("RUT")


@respx.mock
def test_offline_never_touches_the_network(rotascope_home, monkeypatch) -> None:
    route = respx.get(YAHOO_RUT).mock(return_value=httpx.Response(200, json=CHART))
    with pytest.raises(ProviderError, match="offline mode"):
        provider_for("RUT", offline=True).fetch("RUT")
    monkeypatch.setenv("ROTASCOPE_OFFLINE", "1")
    with pytest.raises(ProviderError, match="offline mode"):
        YahooProvider().fetch("RUT")
    assert not route.called


@respx.mock
def test_fred_csv_with_blank_holidays(rotascope_home) -> None:
    body = b"observation_date,DGS10\n2024-07-03,4.36\n2024-07-04,\n2024-07-05,4.28\n"
    respx.get(FRED_URL).mock(return_value=httpx.Response(200, content=body))
    [series] = FredProvider(fetcher=fetcher("FRED")).fetch("DGS10")
    assert series.symbol == "fred:DGS10"
    assert series.frame["close"].to_dict() == {
        pd.Timestamp("2024-07-03"): 4.36,
        pd.Timestamp("2024-07-05"): 4.28,
    }
    assert (rotascope_home / "cache" / "fred" / "DGS10.csv").read_bytes() == body


@respx.mock
def test_french_zip_is_unpacked_and_read_in_fractions(rotascope_home) -> None:
    text = (
        "This file was created using the 202604 CRSP database.\n"
        "The Tbill return is the simple daily rate.\n\n"
        ",Mkt-RF,SMB,HML,RF\n"
        "20240327,   0.88,   0.21,  -0.10,   0.021\n"
        "20240328,   0.10,  -0.35,   0.52,   0.021\n\n"
        "Copyright 2026 Eugene F. Fama and Kenneth R. French\n"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("F-F_Research_Data_Factors_daily.csv", text)
    url = FRENCH_BASE + "F-F_Research_Data_Factors_daily_CSV.zip"
    respx.get(url).mock(return_value=httpx.Response(200, content=buf.getvalue()))
    series = {s.symbol: s for s in FrenchProvider(fetcher=fetcher("Ken French")).fetch("SMB")}
    assert set(series) == {"ff:MKT-RF", "ff:SMB", "ff:HML", "ff:RF"}
    assert {s.edition for s in series.values()} == {"202604"}  # the preamble's CRSP vintage
    assert series["ff:SMB"].frame["close"].tolist() == pytest.approx([0.0021, -0.0035])
    # a truncated zip is a clear data error, not a crash
    respx.get(url).mock(return_value=httpx.Response(200, content=buf.getvalue()[:40]))
    with pytest.raises(DataError, match="not a valid zip"):
        FrenchProvider(fetcher=fetcher("Ken French")).fetch("SMB")


def test_provider_routing() -> None:
    assert provider_for("^GSPC").name == "yahoo"
    assert provider_for("DGS2").name == "fred"
    assert provider_for("HML").name == "french"
    assert provider_for("ff:RF").name == "french" and provider_for("RF").name == "yahoo"
    assert provider_for("fred:T10Y3M").name == "fred"
    assert json.dumps(CHART)


@respx.mock
def test_french_monthly_factors_and_size_portfolios(rotascope_home) -> None:
    # recorded layout of the library's monthly file: preamble, YYYYMM rows, then an
    # annual section that must not be read as months
    monthly = (
        "This file was created by CMPT_ME_BEME_RETS using the 202604 CRSP database.\r\n"
        "The 1-month TBill return is from Ibbotson and Associates, Inc.\r\n\r\n"
        ",Mkt-RF,SMB,HML,RF\r\n"
        "202402,   5.06,  -0.78,  -3.49,   0.42\r\n"
        "202403,   2.83,  -2.49,   4.21,   0.43\r\n\r\n"
        " Annual Factors: January-December \r\n"
        ",Mkt-RF,SMB,HML,RF\r\n"
        "2023,  21.69,  -3.78, -13.55,   5.01\r\n\r\n"
        "Copyright 2026 Eugene F. Fama and Kenneth R. French\r\n"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("F-F_Research_Data_Factors.csv", monthly)
    url = FRENCH_BASE + "F-F_Research_Data_Factors_CSV.zip"
    respx.get(url).mock(return_value=httpx.Response(200, content=buf.getvalue()))
    series = {
        s.symbol: s
        for s in FrenchProvider(fetcher=fetcher("Ken French")).fetch_dataset("factors_monthly")
    }
    smb = series["ffm:SMB"].frame["close"]  # monthly: its own namespace, never the daily SMB
    assert len(smb) == 2  # the annual row 2023 is not a month
    assert smb.tolist() == pytest.approx([-0.0078, -0.0249])
    assert [d.month for d in smb.index] == [2, 3]


@respx.mock
def test_a_bad_download_keeps_the_last_good_cached_copy(rotascope_home) -> None:
    good = b"observation_date,DGS10\n2024-07-03,4.36\n2024-07-05,4.28\n"
    respx.get(FRED_URL).mock(return_value=httpx.Response(200, content=good))
    FredProvider(fetcher=fetcher("FRED")).fetch("DGS10")
    cached = rotascope_home / "cache" / "fred" / "DGS10.csv"
    respx.get(FRED_URL).mock(return_value=httpx.Response(200, content=b'{"error": "moved"}'))
    with pytest.raises(DataError):
        FredProvider(fetcher=fetcher("FRED")).fetch("DGS10")
    assert cached.read_bytes() == good
    assert sorted(p.name for p in cached.parent.iterdir()) == ["DGS10.csv"]
