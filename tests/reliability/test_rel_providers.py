"""Provider faults over mocked HTTP (respx): every fault is a clear error or a bounded retry.

Beyond tests/sources/test_providers.py: the same fault matrix for each provider
(Yahoo JSON, FRED CSV, Ken French zip), fuzzed response bodies, and ``rotascope data
update`` end to end: a failed download leaves the store byte-for-byte as it was, data
that contradicts the store is reported as conflicts while the stored values stay, and
``--offline`` / ``ROTASCOPE_OFFLINE`` never open a connection.
"""

from __future__ import annotations

import copy
import io
import json
import math
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pandas as pd
import pytest
import respx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import TALLY, deadline, store_digest

from rotascope.cli.app import main
from rotascope.errors import DataError, ProviderError
from rotascope.sources import ParsedSeries
from rotascope.sources.providers import (
    FredProvider,
    FrenchProvider,
    HttpFetcher,
    RetryPolicy,
    YahooProvider,
)
from rotascope.sources.providers.fred import URL as FRED_URL
from rotascope.sources.providers.french import BASE as FRENCH_BASE
from rotascope.store import Store

YAHOO_RUT = "https://query1.finance.yahoo.com/v8/finance/chart/%5ERUT"
FRENCH_URL = FRENCH_BASE + "F-F_Research_Data_Factors_daily_CSV.zip"
DAYS = ("2024-07-09", "2024-07-10", "2024-07-16")
RUT = (2029.47, 2047.69, 2263.67)  # real Russell 2000 closes (SOURCES.md)
POLICY = RetryPolicy(attempts=3, backoff=0.5, max_wait=10.0)


def chart(days: tuple[str, ...] = DAYS, closes: tuple[float, ...] = RUT) -> dict[str, Any]:
    stamps = [int(pd.Timestamp(f"{d} 09:30", tz="America/New_York").timestamp()) for d in days]
    return {
        "chart": {
            "result": [
                {
                    "meta": {"exchangeTimezoneName": "America/New_York"},
                    "timestamp": stamps,
                    "indicators": {
                        "quote": [
                            {
                                "open": list(closes),
                                "high": list(closes),
                                "low": list(closes),
                                "close": list(closes),
                                "volume": [1e9] * len(closes),
                            }
                        ],
                        "adjclose": [{"adjclose": list(closes)}],
                    },
                }
            ],
            "error": None,
        }
    }


FRED_BODY = b"observation_date,DGS10\n2024-07-03,4.36\n2024-07-04,\n2024-07-05,4.28\n"
FRENCH_TEXT = (
    "This file was created using the 202604 CRSP database.\n\n"
    ",Mkt-RF,SMB,HML,RF\n"
    "20240327,   0.88,   0.21,  -0.10,   0.021\n"
    "20240328,   0.10,  -0.35,   0.52,   0.021\n\n"
    "Copyright 2026 Eugene F. Fama and Kenneth R. French\n"
)


def zipped(text: str, name: str = "F-F_Research_Data_Factors_daily.csv") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, text)
    return buf.getvalue()


_CLIENT: list[httpx.Client] = []


def shared_client() -> httpx.Client:
    """One client for the matrix (a new one per call spends most of its time on TLS setup)."""
    if not _CLIENT:
        _CLIENT.append(httpx.Client(follow_redirects=True))
    return _CLIENT[0]


class Case:
    """One provider under test: its URL, a good body, and how to fetch with a fast fetcher."""

    def __init__(
        self, name: str, url: str, good: bytes, symbol: str, make: Callable[[HttpFetcher], Any]
    ) -> None:
        self.name, self.url, self.good, self.symbol, self.make = name, url, good, symbol, make
        self.host = httpx.URL(url).host  # routes match the host: paths and queries vary
        self.sleeps: list[float] = []

    def fetch(self) -> list[ParsedSeries]:
        fetcher = HttpFetcher(
            self.name, policy=POLICY, client=shared_client(), sleep=self.sleeps.append
        )
        with deadline(30):
            return self.make(fetcher).fetch(self.symbol)


def cases() -> dict[str, Case]:
    return {
        "yahoo": Case(
            "Yahoo",
            YAHOO_RUT,
            json.dumps(chart()).encode(),
            "RUT",
            lambda f: YahooProvider(fetcher=f),
        ),
        "fred": Case("FRED", FRED_URL, FRED_BODY, "DGS10", lambda f: FredProvider(fetcher=f)),
        "french": Case(
            "Ken French",
            FRENCH_URL,
            zipped(FRENCH_TEXT),
            "SMB",
            lambda f: FrenchProvider(fetcher=f),
        ),
    }


def ok(case: Case) -> httpx.Response:
    return httpx.Response(200, content=case.good)


# fault name -> (responses or exceptions in order, expected outcome)
#   outcome: "ok" (retried, then the good data), or (error type, message pattern)
FAULTS: dict[str, tuple[Callable[[Case], list[Any]], Any]] = {
    "read timeout": (lambda c: [httpx.ReadTimeout("slow")] * 3, (ProviderError, "timed out")),
    "connect timeout": (lambda c: [httpx.ConnectTimeout("slow")] * 3, (ProviderError, "timed")),
    "connection reset": (
        lambda c: [httpx.ReadError("[Errno 104] Connection reset by peer")] * 3,
        (ProviderError, "network error"),
    ),
    "closed mid-body": (
        lambda c: [httpx.RemoteProtocolError("peer closed connection without sending body")] * 3,
        (ProviderError, "network error"),
    ),
    "reset then ok": (lambda c: [httpx.ConnectError("reset"), ok(c)], "ok"),
    "timeout then ok": (lambda c: [httpx.ReadTimeout("slow"), ok(c)], "ok"),
    "429 Retry-After 7 then ok": (
        lambda c: [httpx.Response(429, headers={"Retry-After": "7"}), ok(c)],
        "ok",
    ),
    "429 Retry-After 3600 (capped)": (
        lambda c: [httpx.Response(429, headers={"Retry-After": "3600"})] * 3,
        (ProviderError, "HTTP 429"),
    ),
    "429 Retry-After negative": (
        lambda c: [httpx.Response(429, headers={"Retry-After": "-5"}), ok(c)],
        "ok",
    ),
    "429 Retry-After NaN": (
        lambda c: [httpx.Response(429, headers={"Retry-After": "nan"}), ok(c)],
        "ok",
    ),
    "429 Retry-After HTTP date": (
        lambda c: [
            httpx.Response(429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),
            ok(c),
        ],
        "ok",
    ),
    "500 always": (lambda c: [httpx.Response(500)] * 3, (ProviderError, "HTTP 500")),
    "502 always": (lambda c: [httpx.Response(502)] * 3, (ProviderError, "HTTP 502")),
    "503 then ok": (lambda c: [httpx.Response(503), ok(c)], "ok"),
    "504 twice then ok": (lambda c: [httpx.Response(504)] * 2 + [ok(c)], "ok"),
    "403 not retried": (lambda c: [httpx.Response(403)], (ProviderError, "HTTP 403")),
    "404 not retried": (lambda c: [httpx.Response(404)], (ProviderError, "HTTP 404")),
    "HTML error page": (
        lambda c: [httpx.Response(200, html="<!DOCTYPE html><html><h1>Oops</h1></html>")],
        (DataError, "HTML"),
    ),
    "HTML page with 503": (
        lambda c: [httpx.Response(503, html="<html>maintenance</html>")] * 3,
        (ProviderError, "HTTP 503"),
    ),
    "empty body": (lambda c: [httpx.Response(200, content=b"")], (DataError, None)),
    "truncated to 40 bytes": (
        lambda c: [httpx.Response(200, content=c.good[:40])],
        (DataError, None),
    ),
    "JSON instead of CSV/zip": (
        lambda c: [httpx.Response(200, json={"error": "moved"})],
        (DataError, None),
    ),
}


PROVIDERS = ("yahoo", "fred", "french")
#: The quick run tries each fault once (providers in turn); the long run every pair.
QUICK_PAIRS = [(PROVIDERS[i % 3], f) for i, f in enumerate(FAULTS)]
LONG_PAIRS = [(p, f) for p in PROVIDERS for f in FAULTS if (p, f) not in QUICK_PAIRS]


@pytest.mark.parametrize(("provider", "fault"), QUICK_PAIRS)
def test_fault_matrix(rotascope_home: Path, provider: str, fault: str) -> None:
    fault_case(provider, fault)


@pytest.mark.reliability
@pytest.mark.parametrize(("provider", "fault"), LONG_PAIRS)
def test_fault_matrix_long(rotascope_home: Path, provider: str, fault: str) -> None:
    fault_case(provider, fault)


def fault_case(provider: str, fault: str) -> None:
    case = cases()[provider]
    script, outcome = FAULTS[fault]
    steps = script(case)
    with respx.mock(assert_all_called=False) as mock:
        route = mock.get(host=case.host).mock(side_effect=steps)
        if outcome == "ok":
            series = case.fetch()
            assert series and all(s.rows > 0 for s in series)
        else:
            kind, pattern = outcome
            with pytest.raises(kind, match=pattern) as err:
                case.fetch()
            assert isinstance(err.value, DataError | ProviderError)
            if kind is ProviderError:
                assert "retry later" in str(err.value)
    TALLY["provider fault cases"] += 1
    assert route.call_count <= POLICY.attempts  # bounded retries
    assert len(case.sleeps) == route.call_count - 1 or outcome != "ok"
    assert all(0 <= s <= POLICY.max_wait and math.isfinite(s) for s in case.sleeps)
    if "Retry-After 7" in fault:
        assert case.sleeps == [7.0]
    if "3600" in fault:
        assert case.sleeps == [POLICY.max_wait, POLICY.max_wait]


def test_oversized_body_is_refused(rotascope_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("rotascope.sources.providers.http.MAX_BODY", 1000)
    case = cases()["fred"]
    with respx.mock() as mock:
        mock.get(host="fred.stlouisfed.org").mock(
            return_value=httpx.Response(200, content=FRED_BODY * 100)
        )
        with pytest.raises(ProviderError, match="response over"):
            case.fetch()
    TALLY["provider fault cases"] += 1


# -- changed layouts, truncation and garbage bodies (fuzzed) ------------------------

YAHOO_MUTATIONS: dict[str, Callable[[dict[str, Any]], None]] = {
    "close list shorter": lambda r: r["indicators"]["quote"][0].update(close=[1.0]),
    "adjclose list longer": lambda r: r["indicators"].update(adjclose=[{"adjclose": [1.0] * 9}]),
    "timestamps as text": lambda r: r.update(timestamp=["a", "b", "c"]),
    "timestamps past 2262": lambda r: r.update(timestamp=[10**10, 10**10 + 86400, 10**10 + 2]),
    "timestamps before 1677": lambda r: r.update(timestamp=[-(10**10), -(10**10) + 1, 5]),
    "no timestamps": lambda r: r.pop("timestamp"),
    "quote is null": lambda r: r["indicators"].update(quote=[None]),
    "unknown time zone": lambda r: r.update(meta={"exchangeTimezoneName": "Mars/Olympus"}),
    "nested values": lambda r: r["indicators"]["quote"][0].update(close=[[1], [2], [3]]),
    "text values": lambda r: r["indicators"]["quote"][0].update(close=["x", "y", "z"]),
    "renamed indicators": lambda r: r.update(indicators={"quotes": []}),
}


@pytest.mark.parametrize("mutation", list(YAHOO_MUTATIONS))
def test_yahoo_changed_layouts_are_data_errors(rotascope_home: Path, mutation: str) -> None:
    doc = chart()
    YAHOO_MUTATIONS[mutation](doc["chart"]["result"][0])
    case = cases()["yahoo"]
    with respx.mock() as mock:
        mock.get(host="query1.finance.yahoo.com").mock(return_value=httpx.Response(200, json=doc))
        with pytest.raises(DataError):
            case.fetch()
    TALLY["provider fault cases"] += 1


CHANGED_CSV = {
    "fred": [
        b"DATE,VALUE,EXTRA\n2024-07-03,4.36\n",
        b"observation_date;DGS10\n2024-07-03;4.36\n",
        b'{"observations": []}',
        b"observation_date,DGS10\n",
        b"observation_date,DGS10\n2024-07-03,4.36\n2024-07-05,4,28\n",
    ],
    "french": [
        zipped("Date,Mkt-RF\n", "F.csv"),
        zipped("just text\n", "F.csv"),
        zipped(FRENCH_TEXT, "F.txt"),  # no CSV inside
        zipped(FRENCH_TEXT.replace("20240328", "2024-03-28")),
    ],
}


@pytest.mark.parametrize(
    ("provider", "body"), [(p, b) for p, bodies in CHANGED_CSV.items() for b in bodies]
)
def test_changed_csv_and_zip_layouts_are_data_errors(
    rotascope_home: Path, provider: str, body: bytes
) -> None:
    case = cases()[provider]
    with respx.mock() as mock:
        mock.get(host=case.host).mock(return_value=httpx.Response(200, content=body))
        with pytest.raises(DataError):
            case.fetch()
    TALLY["provider fault cases"] += 1


def _json_values() -> st.SearchStrategy[Any]:
    return st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
        max_leaves=8,
    )


def _replace_somewhere(doc: Any, path: list[int], value: Any) -> Any:
    """Replace the node reached by following ``path`` (indices modulo the children)."""
    if not path or not isinstance(doc, dict | list) or not doc:
        return value
    keys = list(doc) if isinstance(doc, dict) else list(range(len(doc)))
    k = keys[path[0] % len(keys)]
    doc[k] = _replace_somewhere(doc[k], path[1:], value)
    return doc


def check_body(provider: str, body: bytes) -> None:
    case = cases()[provider]
    with respx.mock() as mock:
        mock.get(host=case.host).mock(return_value=httpx.Response(200, content=body))
        try:
            series = case.fetch()
        except (DataError, ProviderError) as exc:
            assert str(exc)
            TALLY["fuzzed provider bodies rejected"] += 1
            return
    TALLY["fuzzed provider bodies accepted"] += 1
    for s in series:
        assert s.frame.index.is_monotonic_increasing and not s.frame.index.has_duplicates
        assert np.isfinite(s.frame.to_numpy()[~np.isnan(s.frame.to_numpy())]).all()


FUZZ = settings(
    max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)


@given(path=st.lists(st.integers(0, 50), max_size=7), value=_json_values())
@FUZZ
def test_yahoo_json_mutations_only_raise_data_errors(
    rotascope_home: Path, path: list[int], value: Any
) -> None:
    doc = _replace_somewhere(copy.deepcopy(chart()), path, value)
    check_body("yahoo", json.dumps(doc).encode())


@given(provider=st.sampled_from(["fred", "french"]), cut=st.integers(0, 10_000))
@FUZZ
def test_truncated_bodies(rotascope_home: Path, provider: str, cut: int) -> None:
    good = cases()[provider].good
    check_body(provider, good[: cut % len(good)])


@pytest.mark.reliability
@given(path=st.lists(st.integers(0, 50), max_size=7), value=_json_values())
@settings(FUZZ, max_examples=300)
def test_yahoo_json_mutations_long(rotascope_home: Path, path: list[int], value: Any) -> None:
    doc = _replace_somewhere(copy.deepcopy(chart()), path, value)
    check_body("yahoo", json.dumps(doc).encode())


@pytest.mark.reliability
@given(
    provider=st.sampled_from(["yahoo", "fred", "french"]),
    body=st.binary(max_size=3000),
    flip=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=5),
)
@settings(FUZZ, max_examples=300)
def test_garbage_and_bit_flipped_bodies_long(
    rotascope_home: Path, provider: str, body: bytes, flip: list[tuple[int, int]]
) -> None:
    raw = bytearray(cases()[provider].good if flip else body)
    for pos, byte in flip:
        raw[pos % len(raw)] = byte
    check_body(provider, bytes(raw))


# -- rotascope data update, end to end ----------------------------------------------


def seed_store(home: Path) -> Store:
    csv = home / "RUT.csv"
    csv.write_text("Date,Close\n" + "".join(f"{d},{v}\n" for d, v in zip(DAYS, RUT, strict=True)))
    main(["data", "import", str(csv)])
    return Store(home / "rotascope.duckdb")


def run_main(args: list[str]) -> int:
    try:
        main(args)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def fast_providers(monkeypatch: pytest.MonkeyPatch) -> None:
    """``provider_for`` as in the CLI, with retries that do not really sleep."""
    import rotascope.sources.providers as providers

    real = providers.provider_for

    def quick(symbol: str, *, name: str | None = None, offline: bool = False) -> Any:
        p = real(symbol, name=name, offline=offline)
        p.fetcher = HttpFetcher(p.fetcher.provider, offline=offline, sleep=lambda s: None)
        return p

    monkeypatch.setattr(providers, "provider_for", quick)


def test_update_conflicts_are_reported_and_stored_values_kept(
    rotascope_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = seed_store(rotascope_home)
    fast_providers(monkeypatch)
    days = (*DAYS, "2024-07-17")
    wrong = (2029.47, 2047.69, 2300.0, 2200.0)  # contradicts 2024-07-16, adds a day
    capsys.readouterr()
    with respx.mock() as mock:
        mock.get(host="query1.finance.yahoo.com").mock(
            return_value=httpx.Response(200, json=chart(days, wrong))
        )
        assert run_main(["data", "update", "RUT"]) == 0
    out = capsys.readouterr().out
    assert "conflicts" in out and "2263.67" in out and "2300" in out
    close = store.load("RUT")["close"]
    assert close.loc["2024-07-16"] == 2263.67  # the stored value stays
    assert close.loc["2024-07-17"] == 2200.0  # the new day is added
    assert store.check().ok
    TALLY["provider fault cases"] += 1


def test_failed_update_leaves_the_store_unchanged(
    rotascope_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = seed_store(rotascope_home)
    fast_providers(monkeypatch)
    before = store_digest(store.path)
    capsys.readouterr()
    with respx.mock() as mock:
        mock.get(host="query1.finance.yahoo.com").mock(
            return_value=httpx.Response(200, json=chart((*DAYS, "2024-07-17"), (*RUT, 2200.0)))
        )
        mock.get(host="fred.stlouisfed.org").mock(return_value=httpx.Response(503))
        assert run_main(["data", "update", "RUT", "DGS10"]) == 2
    err = capsys.readouterr().err
    assert "FRED" in err and "HTTP 503" in err and "Traceback" not in err
    assert store_digest(store.path) == before  # RUT's good download was not half-applied
    assert len(store.load("RUT")) == 3
    TALLY["provider fault cases"] += 1


@pytest.mark.parametrize("how", ["flag", "env"])
def test_offline_update_never_touches_the_network(
    rotascope_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    how: str,
) -> None:
    store = seed_store(rotascope_home)
    before = store_digest(store.path)

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was touched in offline mode")

    monkeypatch.setattr(httpx.Client, "send", no_network)
    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", no_network)
    args = ["data", "update", "RUT", "DGS10", "SMB"]
    if how == "flag":
        args.append("--offline")
    else:
        monkeypatch.setenv("ROTASCOPE_OFFLINE", "1")
    capsys.readouterr()
    assert run_main(args) == 2
    assert "offline mode" in capsys.readouterr().err
    assert store_digest(store.path) == before
    TALLY["provider fault cases"] += 1
