"""Cross-site writes, DNS rebinding and tokenless writes are refused before any route runs."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from rotascope.web.app import create_app
from rotascope.web.guard import TOKEN_HEADER

CSV = b"Date,Close\n2024-08-01,10.0\n2024-08-02,11.0\n"


class Importer:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, path: Any, *, symbol: str | None = None, column: str = "close") -> dict:
        self.calls += 1
        return {"symbol": symbol or "NEW", "rows": 2}


@pytest.fixture
def served(stub_catalog) -> tuple[Any, Importer]:  # type: ignore[no-untyped-def]
    imp = Importer()
    app = create_app(source=stub_catalog, importer=imp, allow_import=True, token="s3cret")
    return app, imp


def _client(app: Any, host: str = "127.0.0.1:8000", **headers: str) -> TestClient:
    return TestClient(app, base_url=f"http://{host}", headers=headers)


def _upload(client: TestClient, **headers: str) -> Any:
    return client.post("/api/import", files={"file": ("x.csv", CSV)}, headers=headers)


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"])
def test_loopback_names_are_served(served, host: str) -> None:  # type: ignore[no-untyped-def]
    app, _ = served
    assert _client(app, host).get("/api/health").status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example"])
def test_other_host_names_are_refused_even_with_the_token(served, host: str) -> None:  # type: ignore[no-untyped-def]
    app, imp = served
    client = _client(app, host, **{TOKEN_HEADER: "s3cret"})
    r = client.get("/api/symbols")
    assert r.status_code == 421 and r.json()["error"] == "host_not_allowed"
    assert _upload(client).status_code == 421
    assert imp.calls == 0


def test_a_write_from_another_site_is_refused(served) -> None:  # type: ignore[no-untyped-def]
    app, imp = served
    client = _client(app, **{TOKEN_HEADER: "s3cret"})
    r = _upload(client, Origin="http://evil.example")
    assert r.status_code == 403 and r.json()["error"] == "cross_site"
    r = _upload(client, **{"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403 and r.json()["error"] == "cross_site"
    assert _upload(client, Origin="null").status_code == 403
    assert imp.calls == 0


def test_a_write_needs_the_token(served) -> None:  # type: ignore[no-untyped-def]
    app, imp = served
    client = _client(app)
    r = _upload(client)
    assert r.status_code == 403 and r.json()["error"] == "token_required"
    assert _upload(client, **{TOKEN_HEADER: "wrong"}).status_code == 403
    assert imp.calls == 0
    ok = _upload(client, **{TOKEN_HEADER: "s3cret", "Origin": "http://127.0.0.1:8000"})
    assert ok.status_code == 200 and imp.calls == 1


def test_reads_need_no_token(served) -> None:  # type: ignore[no-untyped-def]
    app, _ = served
    assert _client(app).get("/api/symbols").status_code == 200


def test_an_allowed_host_is_served(stub_catalog) -> None:  # type: ignore[no-untyped-def]
    app = create_app(source=stub_catalog, allowed_hosts=["desk.local"])
    assert _client(app, "desk.local:8000").get("/api/health").status_code == 200
    assert _client(app, "other.local").get("/api/health").status_code == 421


def test_each_app_gets_its_own_random_token(stub_catalog) -> None:  # type: ignore[no-untyped-def]
    a, b = create_app(source=stub_catalog), create_app(source=stub_catalog)
    assert a.state.token != b.state.token and len(a.state.token) >= 24
