"""Every product on the API, through the products' functions, with notes and the as-of.

The app reads the default source with an empty store (the bundled dataset); each answer
is compared with the product called directly, and the key figures with plain pandas on
the bundled closes. Also: spans since/between dates, ``versus=none``, reversed ranges,
HEAD like GET, and every route's statuses documented in ``/openapi.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from rotascope.data import BundledSource
from rotascope.web.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    home = tmp_path_factory.mktemp("home")
    mp = pytest.MonkeyPatch()
    mp.setenv("ROTASCOPE_HOME", str(home))
    app = create_app()
    yield TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)
    mp.undo()


@pytest.fixture(scope="module")
def bundled() -> BundledSource:
    return BundledSource()


def _get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    r = client.get(path, params=params)
    assert r.status_code == 200, (path, params, r.text[:500])
    return r.json()


def _pct(close: pd.Series, end: str, start: str) -> float:
    return float((close.loc[end] / close.loc[start] - 1) * 100)


def test_rotation_answers_the_product(client: TestClient, bundled: BundledSource) -> None:
    from rotascope.products.rotation import rotation

    body = _get(client, "/api/rotation", asof="2024-07-16", window=21)
    want = rotation(bundled, "2024-07-16", 21)
    assert [f["text"] for f in body["facts"]] == [f.text for f in want.facts]
    assert body["asof"] == "2024-07-16" and body["window"] == 21 and body["notes"] == []
    iwm = next(r for r in body["rows"] if r["subject"] == "IWM")
    # the spread, from the adjusted closes with plain pandas (21 sessions back)
    a, b = (bundled.series(s, "adj_close").loc[:"2024-07-16"] for s in ("IWM", "SPY"))
    ra = (a.iloc[-1] / a.iloc[-22] - 1) * 100
    rb = (b.iloc[-1] / b.iloc[-22] - 1) * 100
    assert iwm["value"] == pytest.approx(ra - rb, abs=1e-9)
    weekend = _get(client, "/api/rotation", asof="2024-07-13")
    assert weekend["asof"] == "2024-07-12" and weekend["requested_asof"] == "2024-07-13"
    assert "Saturday" in " ".join(weekend["notes"])


def test_scan_finds_the_russell_record(client: TestClient, bundled: BundledSource) -> None:
    from rotascope.products.scan import scan

    body = _get(client, "/api/scan", asof="2024-07-16")
    want = scan(bundled, asof="2024-07-16")
    assert len(body["records"]) == len(want.frame) and body["windows"] == [1, 5, 21, 63, 252]
    rut = next(r for r in body["records"] if r["symbol"] == "RUT" and r["window"] == 5)
    close = bundled.series("RUT")
    assert rut["value"] == pytest.approx(_pct(close, "2024-07-16", "2024-07-09"), abs=1e-6)
    assert (rut["direction"], rut["since"], rut["name"]) == ("high", "2020-04-29", "Russell 2000")
    one = _get(client, "/api/scan", asof="2024-07-16", window=5, min_years=10)
    assert one["windows"] == [5] and all(r["years_back"] >= 10 for r in one["records"])
    r = client.get("/api/scan", params={"window": 0})
    assert r.status_code == 422 and r.json()["param"] == "window"


def test_breadth_valuation_and_factors(client: TestClient, bundled: BundledSource) -> None:
    from rotascope.products.factors import factor_decades, factor_pair, factors
    from rotascope.products.valuation import valuation

    b = _get(client, "/api/breadth", asof="2024-07-16")
    assert b["universe"] == "SP500" and len(b["facts"]) == 3 and b["notes"]
    assert b["facts"][0]["text"].startswith("77.2% of S&P 500 members")
    r = client.get("/api/breadth", params={"universe": "NOPE"})
    assert (r.status_code, r.json()["param"], r.json()["valid"]) == (404, "universe", ["SP500"])

    v = _get(client, "/api/valuation", asof="2024-07")
    want = valuation(bundled, "SPX", "2024-07")
    assert [f["text"] for f in v["facts"]] == [f.text for f in want.facts]
    assert v["asof"] == "2024-07-31" and {"cape", "pe_trailing"} <= set(v["charts"])
    assert v["charts"]["cape"]["data"]  # a plotly figure
    r = client.get("/api/valuation", params={"symbol": "RUT"})
    assert (r.status_code, r.json()["param"]) == (404, "symbol")

    f = _get(client, "/api/factors", symbol="SMB", asof="2024-07-16", window=["10y", "1y"])
    want_f = factors(bundled, "SMB", "2024-07-16", ("10y", "1y"))
    assert [x["text"] for x in f["facts"]] == [x.text for x in want_f.facts]
    r = client.get("/api/factors", params={"symbol": "RUT"})
    assert (r.status_code, r.json()["param"]) == (422, "symbol")
    r = client.get("/api/factors", params={"symbol": "SMB", "window": "5"})
    assert (r.status_code, r.json()["error"]) == (422, "bad_window")

    d = _get(client, "/api/factors/decades", asof="2024-07-16")
    table = factor_decades(bundled, asof="2024-07-16").frame
    assert [row["decade"] for row in d["decades"]] == list(table.index)
    assert d["decades"][-1]["SMB"] == pytest.approx(float(table["SMB"].iloc[-1]))
    assert "decades" in d["charts"]

    p = _get(client, "/api/factors/pair", subject="RUT", versus="SPX", asof="2024-07-16")
    want_p = factor_pair(bundled, "RUT", "SPX", ("10y",), "2024-07-16")
    assert [x["text"] for x in p["facts"]] == [x.text for x in want_p.facts]
    assert "price index" in " ".join(p["notes"])


def test_fedwatch_without_futures_says_how_to_import(client: TestClient) -> None:
    r = client.get("/api/fedwatch")
    assert r.status_code == 422 and "rotascope data import FILE" in r.json()["message"]
    assert _get(client, "/api/health")["features"]["fedwatch"] is False


def test_market_story_leads_with_the_small_cap_week(client: TestClient) -> None:
    body = _get(client, "/api/market", asof="2024-07-16")
    assert body["headline"].startswith("Small caps had their best five sessions since April 2020")
    assert body["asof"] == "2024-07-16" and len(body["facts"]) == 12
    assert body["facts"][0]["score"] >= body["facts"][-1]["score"]
    assert "RUT" in body["series"] and ["RUT", "SPX"] in body["pairs"]
    r = client.get("/api/market", params={"asof": "2099-01-01"})
    assert r.status_code == 422 and r.json()["error"] == "bad_date"


def test_facts_since_and_between_dates(client: TestClient, bundled: BundledSource) -> None:
    close = {s: bundled.series(s) for s in ("RUT", "SPX")}
    body = _get(
        client, "/api/facts", subject="RUT", versus="SPX", asof="2024-07-16", since="2024-06-28"
    )
    assert body["since"] == "2024-06-28"
    [span] = [f for f in body["facts"] if f["kind"] == "pair_return"]
    assert span["value"] == pytest.approx(_pct(close["RUT"], "2024-07-16", "2024-06-28"), abs=1e-9)
    assert span["details"]["versus_return_pct"] == pytest.approx(
        _pct(close["SPX"], "2024-07-16", "2024-06-28"), abs=1e-9
    )
    body = _get(
        client, "/api/facts", subject="RUT", versus="SPX",
        **{"from": "2024-10-25", "to": "2024-12-24"},
    )  # fmt: skip
    assert body["asof"] == "2024-12-24"  # `to` is the as-of when none is given
    [span] = [f for f in body["facts"] if f["kind"] == "pair_return"]
    assert span["value"] == pytest.approx(_pct(close["RUT"], "2024-12-24", "2024-10-25"), abs=1e-9)


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"from": "2024-07-16", "to": "2024-07-01"}, "from"),
        ({"since": "2024-07-01", "from": "2024-06-01"}, "since"),
        ({"to": "2024-07-01"}, "to"),
        ({"asof": "2024-07-16", "since": "2024-08-01"}, "since"),
        ({"since": "1900-01-01"}, "since"),
        ({"since": "not-a-date"}, "since"),
    ],
)
def test_bad_spans_are_422_naming_the_parameter(
    client: TestClient, params: dict[str, str], param: str
) -> None:
    r = client.get("/api/facts", params={"subject": "RUT", **params})
    assert r.status_code == 422 and r.json()["param"] == param, r.text


def test_a_reversed_series_range_is_a_422(client: TestClient) -> None:
    r = client.get("/api/series/RUT", params={"start": "2024-07-16", "end": "2024-07-01"})
    assert (r.status_code, r.json()["error"], r.json()["param"]) == (422, "bad_range", "start")


def test_report_without_comparisons_has_no_pair_facts(client: TestClient) -> None:
    none = _get(client, "/api/report", subject="RUT", versus="none", asof="2024-07-16",
                sections="none")  # fmt: skip
    assert none["versus"] == [] and none["sections"] == []
    assert all(f["fact"]["versus"] is None for f in none["facts"])
    assert all(f["versus"] is None for f in none["all_facts"])
    assert not any(name.startswith("ratio") for name in none["charts"])
    default = _get(client, "/api/report", subject="RUT", asof="2024-07-16", sections="none")
    assert default["versus"] == ["SPX", "NDX"]  # absent: the report's default pairs


def test_a_yield_comparison_says_why_it_has_no_pair_facts(client: TestClient) -> None:
    body = _get(client, "/api/report", subject="RUT", versus="DGS10", asof="2024-07-16",
                sections="none")  # fmt: skip
    assert any("no pair facts" in n and "yield" in n for n in body["notes"])


def test_namespaced_symbols_and_a_factor_study_without_infinities(client: TestClient) -> None:
    r = client.get("/api/study", params={"subject": "ff:RF", "condition": "beats:SPX"})
    assert r.status_code == 200, r.text
    text = r.text.lower()
    assert "inf" not in text.replace("info", "") and "nan" not in text
    assert _get(client, "/api/sessions", symbol="ff:RF")["symbol"] == "ff:RF"


def test_head_answers_like_get(client: TestClient) -> None:
    for path in ("/", "/docs", "/api/health", "/api/symbols", "/static/app.css"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]
    head = client.head("/api/facts", params={"subject": "NOPE"})
    assert head.status_code == 404


def test_every_route_documents_its_statuses(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            codes = set(op["responses"])
            assert {"200", "414", "421", "422", "503"} <= codes, (method, path, codes)
    assert "400" in spec["paths"]["/api/study"]["get"]["responses"]
    post = spec["paths"]["/api/import"]["post"]["responses"]
    assert {"403", "409", "413", "415"} <= set(post)
    assert {
        "/api/market", "/api/rotation", "/api/scan", "/api/breadth", "/api/valuation",
        "/api/factors", "/api/factors/decades", "/api/factors/pair", "/api/fedwatch",
    } <= set(spec["paths"])  # fmt: skip


def test_page_modules_are_served(client: TestClient) -> None:
    root = Path(__file__).resolve().parents[2] / "src" / "rotascope" / "web" / "static" / "js"
    for js in sorted(root.glob("*.js")):
        r = client.get(f"/static/js/{js.name}")
        assert r.status_code == 200 and "javascript" in r.headers["content-type"], js.name
