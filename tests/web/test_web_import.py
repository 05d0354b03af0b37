"""POST /api/import: off by default, uploads only, size-limited, invalidates the cache."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from rotascope.web.imports import safe_name
from rotascope.web.service import Limits

CSV = b"Date,Close\n2024-08-01,10.0\n2024-08-02,11.0\n"


class Importer:
    def __init__(self, catalog: Any) -> None:
        self.catalog = catalog
        self.calls: list[tuple[Path, str | None, str, bytes]] = []

    def __call__(self, path: Path, *, symbol: str | None = None, column: str = "close") -> dict:
        self.calls.append((path, symbol, column, path.read_bytes()))
        s = pd.Series([10.0, 11.0], index=pd.DatetimeIndex(["2024-08-01", "2024-08-02"]))
        self.catalog.raw[symbol or "NEW"] = s
        self.catalog.bump += 1
        return {"symbol": symbol or "NEW", "rows": 2, "path": str(path)}


def test_import_is_refused_without_allow_import(stub_catalog, make_client):
    imp = Importer(stub_catalog)
    client = make_client(source=stub_catalog, importer=imp)
    r = client.post("/api/import", files={"file": ("x.csv", CSV)})
    assert r.status_code == 403 and r.json()["error"] == "import_disabled"
    assert imp.calls == []
    spec = client.get("/openapi.json").json()
    assert "/api/import" in spec["paths"]


def test_import_uploads_contents_only_and_refreshes(stub_catalog, make_client):
    imp = Importer(stub_catalog)
    client = make_client(source=stub_catalog, importer=imp, allow_import=True)
    assert "ABC" not in [s["symbol"] for s in client.get("/api/symbols").json()["symbols"]]
    r = client.post(
        "/api/import", files={"file": ("../../etc/cron.d/evil.csv", CSV)}, data={"symbol": "ABC"}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["filename"] == "evil.csv" and body["bytes"] == len(CSV)
    assert body["symbols"] == ["ABC"]
    assert "path" not in str(body["detail"])  # no server paths echoed
    path, symbol, column, content = imp.calls[0]
    assert path.name == "evil.csv" and "rotascope-upload-" in str(path.parent)
    assert content == CSV and symbol == "ABC" and column == "close"
    assert not path.exists()  # the temporary copy is gone
    syms = [s["symbol"] for s in client.get("/api/symbols").json()["symbols"]]
    assert "ABC" in syms  # cache invalidated by the import


def test_import_limits(stub_catalog, make_client):
    imp = Importer(stub_catalog)
    client = make_client(
        source=stub_catalog, importer=imp, allow_import=True, limits=Limits(max_upload=1000)
    )
    r = client.post("/api/import", files={"file": ("big.csv", b"x" * 200_000)})
    assert r.status_code == 413 and r.json()["valid"] == {"max_bytes": 1000}
    r = client.post("/api/import", files={"file": ("big.csv", b"x" * 1500)})
    assert r.status_code == 413
    r = client.post("/api/import", data={"symbol": "ABC"}, files={"other": ("a.csv", CSV)})
    assert r.status_code == 422 and r.json()["param"] == "file"
    r = client.post(
        "/api/import",
        content=b"path=/etc/passwd",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 415
    r = client.post("/api/import", files={"file": ("a.csv", CSV)}, data={"column": "volume"})
    assert r.status_code == 422
    assert imp.calls == []


def test_safe_name():
    assert safe_name("..\\..\\windows\\system32\\x.csv") == "x.csv"
    assert safe_name("/abs/path/.hidden") == "hidden"
    assert safe_name("") == "upload.csv"
    assert safe_name("a b;rm -rf.csv") == "a_b_rm_-rf.csv"


def test_real_store_import_is_one_transaction(rotascope_home, make_client):
    """Through the real reader and store, in a private ROTASCOPE_HOME."""
    client = make_client(allow_import=True)
    before = client.get("/api/symbols").json()["symbols"]
    bad = b"Date,Close\n2024-01-02,10\n2024-01-03,abc\n"
    r = client.post("/api/import", files={"file": ("bad.csv", bad)}, data={"symbol": "MYIDX"})
    assert r.status_code == 422 and r.json()["error"] == "bad_data"
    assert "bad.csv, line 3" in r.json()["message"]
    assert "rotascope-upload" not in r.text  # the server's temporary path stays private
    assert client.get("/api/symbols").json()["symbols"] == before  # nothing stored
    good = b"Date,Close\n2024-01-02,10\n2024-01-03,11\n2024-01-04,12.5\n"
    r = client.post("/api/import", files={"file": ("mine.csv", good)}, data={"symbol": "MYIDX"})
    assert r.status_code == 200, r.text
    assert r.json()["symbols"] == ["MYIDX"]
    series = client.get("/api/series/MYIDX").json()
    assert series["dates"] == ["2024-01-02", "2024-01-03", "2024-01-04"]
    assert series["values"] == [10.0, 11.0, 12.5]
