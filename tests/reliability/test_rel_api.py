"""API hardening: schema fuzzing, path traversal, upload limits, binding, timeouts.

* schemathesis generates requests from the app's OpenAPI schema (in-process, ASGI)
  for every operation: no response is a 5xx, every status is one the schema documents
  for that operation, and every response matches its schema;
* ``..`` in ``/api/series/{symbol}`` and in static routes, raw or percent-encoded,
  never reads a file outside the static folder;
* uploads over the limit answer 413 (declared or streamed), and without
  ``--allow-import`` the import route answers 403 and writes nothing;
* ``rotascope serve`` binds 127.0.0.1 unless told otherwise and warns loudly when not;
* a request slower than the timeout answers 503 while other requests keep flowing.
"""

from __future__ import annotations

import asyncio
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from reliability_support import TALLY

from rotascope.data import MemorySource
from rotascope.web.app import create_app
from rotascope.web.service import Limits

CHECKS = (
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.content_type_conformance,
)


def synthetic_source() -> MemorySource:
    """Three synthetic random walks over 2023-2024 weekdays."""
    idx = pd.bdate_range("2023-01-02", "2024-07-31", name="date")
    rng = np.random.default_rng(0)
    return MemorySource(
        {
            s: pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(idx)))), index=idx)
            for s in ("RUT", "SPX", "NDX")
        }
    )


def real_importer(
    path: Path, *, symbol: str | None = None, column: str = "close", replace: bool = False
) -> Any:
    """The import the served app uses (read_file + Store) into $ROTASCOPE_HOME."""
    from rotascope.products.imports import import_upload

    return import_upload(path, symbol=symbol, column=column, replace=replace)


def make_app(
    *,
    allow_import: bool = True,
    limits: Limits | None = None,
    source: MemorySource | None = None,
    **kw: Any,
) -> FastAPI:
    return create_app(
        source=source if source is not None else synthetic_source(),
        allow_import=allow_import,
        importer=real_importer,
        limits=limits or Limits(max_upload=64 * 1024, timeout=20),
        allowed_hosts=("testserver",),  # schemathesis' in-process client names this host
        **kw,
    )


def local_client(app: FastAPI) -> TestClient:
    """A client on 127.0.0.1 carrying the app's write token (as a local user would)."""
    return TestClient(
        app,
        raise_server_exceptions=False,
        base_url="http://127.0.0.1",
        headers={"X-Rotascope-Token": app.state.token},
    )


def _fuzzer(op: Any, label: str, examples: int, counts: dict[str, int], token: str) -> Any:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=op.as_strategy())
    def fuzz(case: schemathesis.Case) -> None:
        counts[label] += 1
        response = case.call(headers={"X-Rotascope-Token": token})
        if response.status_code >= 500:
            TALLY["API 5xx"] += 1
        case.validate_response(response, checks=CHECKS)

    return fuzz


def run_schema(app: FastAPI, examples: int) -> dict[str, int]:
    """Fuzz every operation of ``app``'s schema; return examples run per operation."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    counts: dict[str, int] = {}
    failures: list[str] = []
    for result in schema.get_all_operations():
        op = result.ok()
        label = f"{op.method.upper()} {op.path}"
        counts[label] = 0
        try:
            _fuzzer(op, label, examples, counts, app.state.token)()
        except Exception as exc:  # collect every operation's failure, then fail once
            failures.append(f"{label}: {type(exc).__name__}: {str(exc)[:1500]}")
    TALLY["API examples (schemathesis)"] += sum(counts.values())
    TALLY["API operations fuzzed"] += len(counts)
    assert not failures, "\n\n".join(failures)
    return counts


def test_schema_fuzz_finds_no_5xx_and_no_schema_violation(rotascope_home: Path) -> None:
    counts = run_schema(make_app(), examples=3)
    assert {"GET /api/facts", "GET /api/series/{symbol}", "POST /api/import"} <= set(counts)


@pytest.mark.reliability
def test_schema_fuzz_long(rotascope_home: Path) -> None:
    counts = run_schema(make_app(), examples=100)
    assert min(counts.values()) >= 1


@pytest.mark.reliability
def test_schema_fuzz_long_without_import(rotascope_home: Path) -> None:
    run_schema(make_app(allow_import=False), examples=50)


@pytest.mark.reliability
def test_schema_fuzz_on_the_bundled_dataset(rotascope_home: Path) -> None:
    """Every product has its data here (rotation gauges, factors, Shiller, breadth), so
    the fuzzer reaches the products' own errors, not only missing series."""
    from rotascope.data import BundledSource

    app = make_app(source=BundledSource(), limits=Limits(max_upload=64 * 1024, timeout=10))
    counts = run_schema(app, examples=int(os.environ.get("ROTASCOPE_FUZZ_EXAMPLES", "60")))
    print("schemathesis examples per operation:", dict(sorted(counts.items())))
    assert min(counts.values()) >= 1 and len(counts) >= 18


# -- path traversal -----------------------------------------------------------------


def raw_get(app: FastAPI, raw_path: bytes) -> tuple[int, bytes]:
    """Send ``raw_path`` exactly as given (no client-side normalisation of ``..``)."""
    path, _, query = raw_path.partition(b"?")
    from urllib.parse import unquote_to_bytes

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote_to_bytes(path).decode("latin-1"),
        "raw_path": path,
        "query_string": query,
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
    }
    sent: list[dict[str, Any]] = []
    asked: list[int] = []

    async def receive() -> dict[str, Any]:
        if not asked:
            asked.append(1)
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # the client stays connected (cancelled when done)
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body


TRAVERSALS = [
    b"/api/series/..%2F..%2F..%2Fetc%2Fpasswd",
    b"/api/series/../../../etc/passwd",
    b"/api/series/%2e%2e%2f%2e%2e%2fpyproject.toml",
    b"/api/series/..",
    b"/api/series/%2Fetc%2Fpasswd",
    b"/api/series/RUT%00.csv",
    b"/api/series/..%5c..%5cwindows%5cwin.ini",
    b"/static/../../../../etc/passwd",
    b"/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    b"/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    b"/static//etc/passwd",
    b"/static/../app.py",
    b"/static/..%2fapp.py",
    b"/static/%2e%2e%2fapi.py",
    b"/static/....//....//etc/passwd",
    b"/static/..%252f..%252fetc%252fpasswd",
    b"/vendor/../../etc/passwd",
    b"/../../etc/passwd",
    b"/api/report.html?subject=../../etc/passwd",
    b"/api/facts?subject=..%2F..%2Fetc%2Fpasswd",
]


@pytest.fixture(scope="module")
def app_noimport() -> FastAPI:
    return make_app(allow_import=False)


@pytest.mark.parametrize("raw", TRAVERSALS, ids=[t.decode() for t in TRAVERSALS])
def test_path_traversal_is_refused(app_noimport: FastAPI, raw: bytes) -> None:
    status, body = raw_get(app_noimport, raw)
    TALLY["path traversal attempts"] += 1
    assert 400 <= status < 500, (status, body[:200])
    for secret in (b"root:", b"[project]", b"create_app", b"def build_router", b"[fonts]"):
        assert secret not in body


def test_static_files_still_served(app_noimport: FastAPI) -> None:
    status, body = raw_get(app_noimport, b"/")
    assert status == 200 and b"<html" in body.lower()


# -- uploads ------------------------------------------------------------------------

CSV = b"Date,Close\n2024-07-09,2029.47\n2024-07-16,2263.67\n"


def test_import_route_is_refused_without_allow_import(rotascope_home: Path) -> None:
    client = local_client(make_app(allow_import=False))
    r = client.post("/api/import", files={"file": ("RUT.csv", CSV, "text/csv")})
    assert r.status_code == 403 and r.json()["error"] == "import_disabled"
    assert not (rotascope_home / "rotascope.duckdb").exists()  # nothing written
    TALLY["upload abuse cases"] += 1


def test_oversized_uploads_answer_413(rotascope_home: Path) -> None:
    limit = 4096
    client = local_client(make_app(limits=Limits(max_upload=limit, timeout=20)))
    big = CSV + b"\n" * (limit * 20)
    r = client.post("/api/import", files={"file": ("RUT.csv", big, "text/csv")})
    assert r.status_code == 413 and r.json()["valid"]["max_bytes"] == limit

    def chunks() -> Any:  # no Content-Length: streamed, counted while reading
        for _ in range(200):
            yield b"x" * 1024

    r = client.post(
        "/api/import",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=zz"},
    )
    assert r.status_code == 413
    r = client.post(
        "/api/import",
        content=b"--zz--",
        headers={"content-type": "multipart/form-data; boundary=zz", "content-length": "9" * 30},
    )
    assert 400 <= r.status_code < 500
    assert not (rotascope_home / "rotascope.duckdb").exists()
    ok = client.post("/api/import", files={"file": ("../../MYIDX.csv", CSV, "text/csv")})
    assert ok.status_code == 200, ok.text
    assert ok.json()["filename"] == "MYIDX.csv"
    TALLY["upload abuse cases"] += 4


# -- binding ------------------------------------------------------------------------


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_serve_binds_loopback_and_warns_loudly_otherwise(
    served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    from rotascope.cli.app import main

    main(["serve"])
    err = capsys.readouterr().err
    assert served[-1]["host"] == "127.0.0.1" and "WARNING" not in err
    for host in ("0.0.0.0", "::", "192.0.2.7"):
        main(["serve", "--host", host])
        err = capsys.readouterr().err
        assert served[-1]["host"] == host
        assert "WARNING" in err and "no authentication" in err, err
        TALLY["serve bindings checked"] += 1


# -- request timeouts ---------------------------------------------------------------


def test_slow_request_answers_503_and_does_not_stall_others(rotascope_home: Path) -> None:
    started, release = threading.Event(), threading.Event()

    class SlowEvents(MemorySource):
        """The event calendar (read by the facts' context) takes its time."""

        def events(self) -> pd.DataFrame:
            started.set()
            release.wait(60)
            return super().events()

    frames = {s: synthetic_source().frame(s) for s in ("RUT", "SPX", "NDX")}
    app = make_app(limits=Limits(timeout=0.5), source=SlowEvents(frames), workers=2)
    client = local_client(app)
    results: dict[str, Any] = {}

    def ask() -> None:
        results["slow"] = client.get("/api/facts", params={"subject": "RUT"})

    t = threading.Thread(target=ask)
    t.start()
    try:
        assert started.wait(30)
        health = client.get("/api/health")  # answered while the slow one still computes
        series = client.get("/api/series/RUT", params={"start": "2024-07-01"})
        assert health.status_code == 200 and series.status_code == 200
        assert not release.is_set()
        t.join(30)
        assert results["slow"].status_code == 503
        assert results["slow"].json()["error"]
    finally:
        release.set()
        t.join(30)
    TALLY["request timeout cases"] += 1
