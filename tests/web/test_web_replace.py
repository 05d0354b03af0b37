"""An upload through the served app never replaces or hides a series without
``replace=true``; cross-site and rebinding requests never reach the store; what a
replacing upload replaced comes back with ``rotascope data undo``.

Real store under a private ``ROTASCOPE_HOME``, the default source (store + bundled
dataset), the app's real importer: the issue's case of a 3-row ``RUT`` upload that hid
the 37-year bundled series.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from rotascope.cli.app import main
from rotascope.data import BundledSource, LocalSource
from rotascope.store import Store
from rotascope.web.app import create_app
from rotascope.web.guard import TOKEN_HEADER

RUT3 = b"Date,Close\n2024-08-01,10.0\n2024-08-02,11.0\n2024-08-05,12.0\n"
ASK = {"subject": "RUT", "asof": "2024-07-16", "window": 5}


@pytest.fixture
def app(rotascope_home: Path) -> Any:
    return create_app(allow_import=True, token="s3cret")


def _client(app: Any, host: str = "127.0.0.1:8000") -> TestClient:
    return TestClient(
        app, base_url=f"http://{host}", headers={TOKEN_HEADER: "s3cret"},
        raise_server_exceptions=False,
    )  # fmt: skip


def _upload(client: TestClient, replace: str | None = None, **headers: str) -> Any:
    data = {"symbol": "RUT", **({"replace": replace} if replace is not None else {})}
    return client.post("/api/import", files={"file": ("rut.csv", RUT3)}, data=data, headers=headers)


def _five_session_gain(client: TestClient) -> float | None:
    r = client.get("/api/facts", params=ASK)
    if r.status_code != 200:
        return None
    moves = [f for f in r.json()["facts"] if f["kind"] == "move" and f["window"] == 5]
    return float(moves[0]["value"])


def _bundled_gain() -> float:
    """The five-session gain to 2024-07-16 from the bundled closes, with plain pandas."""
    close = BundledSource().series("RUT").loc[:"2024-07-16"]
    return float((close.iloc[-1] / close.iloc[-6] - 1) * 100)


def test_a_3_row_upload_does_not_hide_the_bundled_rut(app: Any) -> None:
    client = _client(app)
    want = _bundled_gain()
    assert _five_session_gain(client) == pytest.approx(want, abs=1e-9)
    assert round(want, 1) == 11.5  # the figure

    r = _upload(client)
    assert r.status_code == 409, r.text
    body = r.json()
    assert body["error"] == "exists" and body["param"] == "replace"
    assert "RUT is already there" in body["message"] and "replace=true" in body["message"]
    assert "data undo RUT" in body["message"]
    assert Store().symbols() == []
    assert _five_session_gain(client) == pytest.approx(want, abs=1e-9)
    spec = client.get("/openapi.json").json()
    assert "409" in spec["paths"]["/api/import"]["post"]["responses"]


@pytest.mark.parametrize(
    ("host", "headers", "status", "error"),
    [
        ("127.0.0.1:8000", {"Origin": "http://evil.example"}, 403, "cross_site"),
        ("127.0.0.1:8000", {"Origin": "null"}, 403, "cross_site"),
        ("127.0.0.1:8000", {"Sec-Fetch-Site": "cross-site"}, 403, "cross_site"),
        ("evil.example", {}, 421, "host_not_allowed"),  # DNS rebinding
        ("evil.example:8000", {"Origin": "http://evil.example:8000"}, 421, "host_not_allowed"),
    ],
)
def test_cross_site_and_rebinding_uploads_never_reach_the_store(
    app: Any, host: str, headers: dict[str, str], status: int, error: str
) -> None:
    client = _client(app, host)
    r = _upload(client, "true", **headers)
    assert (r.status_code, r.json()["error"]) == (status, error)
    assert Store().symbols() == [] and Store().versions() == []
    assert LocalSource(Store()).info("RUT").origin != "store"


def test_a_tokenless_upload_is_refused(app: Any) -> None:
    client = TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False)
    r = _upload(client, "true")
    assert (r.status_code, r.json()["error"]) == (403, "token_required")
    assert Store().symbols() == []


def test_replace_true_then_undo_brings_the_bundled_series_back(
    app: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    client = _client(app)
    r = _upload(client, "true")
    assert r.status_code == 200, r.text
    [detail] = r.json()["detail"]
    assert detail["status"] == "replaced" and "bundled" in detail["replaced"]
    stored = LocalSource(Store()).series("RUT")
    assert stored.tolist() == [10.0, 11.0, 12.0]
    r = client.get("/api/facts", params=ASK)
    assert r.status_code == 422 and r.json()["error"] == "bad_date"  # before the upload's data

    main(["data", "undo", "RUT"])  # returns normally (exit code 0)
    assert "stored copy removed" in capsys.readouterr().out
    pd.testing.assert_series_equal(
        LocalSource(Store()).series("RUT"), BundledSource().series("RUT")
    )
    time.sleep(1.1)  # the server re-reads the data version at most once a second
    assert _five_session_gain(client) == pytest.approx(_bundled_gain(), abs=1e-9)


def test_a_bad_replace_value_is_a_422(app: Any) -> None:
    r = _upload(_client(app), "maybe")
    assert r.status_code == 422 and r.json()["param"] == "replace"
    assert Store().symbols() == []
