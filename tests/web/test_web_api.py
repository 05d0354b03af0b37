"""API behaviour on a synthetic catalog: routes, validation, errors, cache, timeout."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from typing import Any

import pandas as pd
import pytest

from rotascope.asof import AsOf
from rotascope.kinds.fact import Fact, Record
from rotascope.web.schemas import (
    ErrorModel,
    FactsResponse,
    ReportResponse,
    SessionsResponse,
    SymbolsResponse,
)
from rotascope.web.service import Limits

ERROR_KEYS = {"error", "message", "param", "valid"}


def _fact(subject: str, asof: Any, versus: str | None = None, window: int = 5) -> Fact:
    rec = Record("high", dt.date(2020, 4, 29), 12.0, 3, 900, dt.date(1987, 9, 10))
    d = (asof.session if isinstance(asof, AsOf) else pd.Timestamp(asof)).date()
    return Fact(
        kind="move",
        subject=subject,
        asof=d,
        value=11.5,
        unit="pct",
        window=window,
        versus=versus,
        record=rec,
        text=f"{subject} rose as of {d}",
    )


class CountingEngine:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(
        self, subject: str, versus: Any = None, asof: Any = None, windows: Any = None
    ) -> list[Fact]:
        self.calls.append({"subject": subject, "versus": versus, "asof": asof, "windows": windows})
        return [_fact(subject, asof)]


def assert_error(resp: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == ERROR_KEYS
    ErrorModel.model_validate(body)
    assert "Traceback" not in resp.text
    if code is not None:
        assert body["error"] == code
    return body


def test_symbols_and_sessions(stub_catalog, make_client):
    client = make_client(source=stub_catalog, engine=CountingEngine())
    body = SymbolsResponse.model_validate(client.get("/api/symbols").json())
    by = {s.symbol: s for s in body.symbols}
    assert set(by) == {"RUT", "SPX", "NDX"}
    assert by["RUT"].name == "Russell 2000"
    assert by["RUT"].first == dt.date(2023, 1, 2) and by["RUT"].last == dt.date(2024, 7, 31)
    assert by["RUT"].source == "synthetic"

    sess = SessionsResponse.model_validate(
        client.get("/api/sessions", params={"symbol": "^rut"}).json()
    )
    assert sess.symbol == "RUT"
    expected = pd.bdate_range("2023-01-02", "2024-07-31")
    assert sess.dates == [d.date() for d in expected]


def test_series_window(stub_catalog, make_client):
    client = make_client(source=stub_catalog, engine=CountingEngine())
    r = client.get("/api/series/SPX", params={"start": "2024-07-01", "end": "2024-07-05"})
    body = r.json()
    assert body["dates"] == ["2024-07-01", "2024-07-02", "2024-07-03", "2024-07-04", "2024-07-05"]
    raw = stub_catalog.raw["SPX"].loc["2024-07-01":"2024-07-05"]
    assert body["values"] == pytest.approx(raw.tolist())
    assert_error(client.get("/api/series/SPX", params={"column": "price"}), 422, "invalid_request")


def test_facts_snaps_to_previous_session_and_passes_inputs(stub_catalog, make_client):
    engine = CountingEngine()
    client = make_client(source=stub_catalog, engine=engine)
    r = client.get(
        "/api/facts",
        params=[
            ("subject", "rut"),
            ("versus", "SPX"),
            ("versus", "NDX,spx"),
            ("asof", "2024-07-13"),
            ("window", "21"),
            ("window", "5"),
        ],
    )
    body = FactsResponse.model_validate(r.json())
    assert body.asof == dt.date(2024, 7, 12)  # Saturday -> Friday
    assert body.requested_asof == dt.date(2024, 7, 13)
    assert "Jul 13, 2024 is a Saturday" in (body.note or "")
    assert body.notes == [body.note]
    assert body.versus == ["SPX", "NDX"]
    assert body.windows == [5, 21]
    call = engine.calls[-1]
    assert call["subject"] == "RUT" and call["versus"] == ["SPX", "NDX"]
    assert call["windows"] == [5, 21]
    assert call["asof"].session == pd.Timestamp("2024-07-12")
    assert call["asof"].requested == pd.Timestamp("2024-07-13")
    assert body.facts[0].record is not None
    assert body.facts[0].record.since == dt.date(2020, 4, 29)
    # the JSON round-trips to the Fact dataclass
    assert Fact.from_dict(r.json()["facts"][0]) == _fact("RUT", "2024-07-12")


@pytest.mark.parametrize(
    ("params", "status", "code", "param"),
    [
        ({"subject": "XXX"}, 404, "unknown_symbol", "subject"),
        ({"subject": "RUT", "versus": "NOPE"}, 404, "unknown_symbol", "versus"),
        ({"subject": "R U T"}, 422, "invalid_request", "subject"),
        ({"subject": "RUT", "asof": "2024-13-45"}, 422, "bad_date", "asof"),
        ({"subject": "RUT", "asof": "yesterday-ish"}, 422, "bad_date", "asof"),
        ({"subject": "RUT", "asof": "/1"}, 422, "bad_date", "asof"),  # pandas: year 0
        ({"subject": "RUT", "asof": "99999-01-01"}, 422, "bad_date", "asof"),
        ({"subject": "RUT", "asof": "2022-12-30"}, 422, "bad_date", "asof"),
        ({"subject": "RUT", "asof": "2031-01-01"}, 422, "bad_date", "asof"),
        ({"subject": "RUT", "window": "0"}, 422, "bad_window", "window"),
        ({"subject": "RUT", "window": "-5"}, 422, "bad_window", "window"),
        ({"subject": "RUT", "window": "2521"}, 422, "bad_window", "window"),
        ({"subject": "RUT", "window": "five"}, 422, "invalid_request", "window"),
        ({"subject": "RUT", "window": "1e9"}, 422, "invalid_request", "window"),
        ({}, 422, "invalid_request", "subject"),
    ],
)
def test_bad_inputs_give_4xx_json(stub_catalog, make_client, params, status, code, param):
    client = make_client(source=stub_catalog, engine=CountingEngine())
    body = assert_error(client.get("/api/facts", params=params), status, code)
    assert body["param"] == param
    assert body["valid"]  # says what would be accepted


def test_error_bodies_say_what_is_valid(stub_catalog, make_client):
    client = make_client(source=stub_catalog, engine=CountingEngine())
    body = assert_error(client.get("/api/facts", params={"subject": "XXX"}), 404)
    assert body["valid"] == ["NDX", "RUT", "SPX"]
    body = assert_error(
        client.get("/api/facts", params={"subject": "RUT", "asof": "1999-01-01"}), 422
    )
    assert body["valid"] == {"first": "2023-01-02", "last": "2024-07-31"}
    body = assert_error(client.get("/api/facts", params={"subject": "RUT", "window": "9999"}), 422)
    assert body["valid"] == {"min": 1, "max": 2520}


def test_limits_on_versus_windows_and_url(stub_catalog, make_client):
    client = make_client(source=stub_catalog, engine=CountingEngine(), limits=Limits(max_versus=1))
    body = assert_error(
        client.get("/api/facts", params=[("subject", "RUT"), ("versus", "SPX"), ("versus", "NDX")]),
        422,
    )
    assert body["error"] == "too_many_versus" and body["valid"] == {"max_versus": 1}
    many = [("subject", "RUT")] + [("versus", "SPX")] * 6
    assert_error(client.get("/api/facts", params=many), 422, "invalid_request")
    wins = [("subject", "RUT")] + [("window", str(w)) for w in range(1, 12)]
    assert_error(client.get("/api/facts", params=wins), 422, "invalid_request")
    body = assert_error(
        client.get("/api/facts?subject=RUT&asof=" + "9" * 3000), 414, "uri_too_long"
    )
    assert body["valid"] == {"max_url_bytes": 2048}
    params = "&".join(f"p{i}=1" for i in range(60))
    assert_error(client.get("/api/facts?subject=RUT&" + params), 422, "too_many_parameters")


def test_unknown_route_and_method_are_json(stub_catalog, make_client):
    client = make_client(source=stub_catalog, engine=CountingEngine())
    assert_error(client.get("/api/nothing"), 404, "not_found")
    assert_error(client.delete("/api/facts"), 405, "method_not_allowed")


def test_internal_error_is_500_json_without_internals(stub_catalog, make_client, caplog):
    def broken(*args: Any, **kwargs: Any) -> list[Fact]:
        raise RuntimeError("secret internals /etc/passwd")

    client = make_client(source=stub_catalog, engine=broken)
    r = client.get("/api/facts", params={"subject": "RUT"})
    body = assert_error(r, 500, "internal")
    assert "secret" not in r.text and "passwd" not in r.text
    assert body["message"].startswith("internal error")
    assert any("secret internals" in str(rec.exc_info) for rec in caplog.records)


def test_slow_computation_answers_503_then_serves_from_cache(stub_catalog, make_client):
    release = threading.Event()

    def slow(subject: str, **kwargs: Any) -> list[Fact]:
        release.wait(5)
        return [_fact(subject, kwargs["asof"])]

    client = make_client(source=stub_catalog, engine=slow, limits=Limits(timeout=0.3))
    client.get("/api/sessions", params={"symbol": "RUT"})  # warm the session list
    body = assert_error(client.get("/api/facts", params={"subject": "RUT"}), 503, "timeout")
    assert "retry" in body["message"]
    release.set()
    for _ in range(50):  # the background computation fills the cache
        r = client.get("/api/facts", params={"subject": "RUT"})
        if r.status_code == 200:
            break
        time.sleep(0.05)
    assert r.status_code == 200
    assert r.json()["facts"][0]["subject"] == "RUT"


def test_results_cached_per_inputs_and_data_version(stub_catalog, make_client):
    engine = CountingEngine()
    client = make_client(source=stub_catalog, engine=engine)
    params = {"subject": "RUT", "asof": "2024-07-16"}
    first = client.get("/api/facts", params=params).json()
    assert client.get("/api/facts", params=params).json() == first
    assert len(engine.calls) == 1
    client.get("/api/facts", params={"subject": "RUT", "asof": "2024-07-15"})
    assert len(engine.calls) == 2
    stub_catalog.bump += 1  # new data: old entries no longer answer
    time.sleep(1.1)  # the app re-reads the data version at most once a second
    again = client.get("/api/facts", params=params).json()
    assert len(engine.calls) == 3
    assert again["data_version"] == "stub-2"


class FakeFigure:
    def __init__(self, title: str) -> None:
        self.title = title

    def to_json(self) -> str:
        fig = {
            "data": [{"type": "scatter", "x": [1, 2], "y": [3, 4]}],
            "layout": {"title": {"text": self.title}},
        }
        return json.dumps(fig)


class FakeScored:
    def __init__(self, fact: Fact, score: float) -> None:
        self.fact, self.score, self.parts = fact, score, {"reach": 4.2, "rarity": 1.0}


class FakeReport:
    def __init__(self, subject: str, versus: list[str], asof: Any) -> None:
        self.facts = [
            FakeScored(_fact(subject, asof, v), 5.0 - i) for i, v in enumerate(versus or [None])
        ]
        self.charts = {"ratio": FakeFigure("ratio"), "drawdowns": FakeFigure("drawdowns")}
        self.headline = "Small caps had their best week since 2020"
        self.paragraphs = ["First paragraph."]

    def to_html(self) -> str:
        return "<!doctype html><title>report</title><p>self-contained</p>"


def test_report_json_and_html_download(stub_catalog, make_client):
    calls: list[Any] = []

    def reporter(subject: str, *, versus: list[str], asof: Any) -> FakeReport:
        calls.append((subject, versus, asof))
        return FakeReport(subject, versus, asof)

    client = make_client(source=stub_catalog, engine=CountingEngine(), reporter=reporter)
    params = [("subject", "RUT"), ("versus", "NDX"), ("asof", "2024-07-16")]
    body = ReportResponse.model_validate(client.get("/api/report", params=params).json())
    assert body.headline == "Small caps had their best week since 2020"
    assert [f.score for f in body.facts] == [5.0]
    assert body.facts[0].parts == {"reach": 4.2, "rarity": 1.0}
    assert body.facts[0].fact.versus == "NDX"
    assert set(body.charts) == {"ratio", "drawdowns"}
    assert body.charts["ratio"]["data"][0]["y"] == [3, 4]
    r = client.get("/api/report.html", params=params)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-disposition"] == (
        'attachment; filename="rotascope-RUT-2024-07-16.html"'
    )
    assert "self-contained" in r.text
    assert len(calls) == 1  # JSON and HTML share one report computation


def test_openapi_documents_fact_schema(stub_catalog, make_client):
    client = make_client(source=stub_catalog, engine=CountingEngine())
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/symbols",
        "/api/series/{symbol}",
        "/api/facts",
        "/api/report",
        "/api/report.html",
        "/api/study",
        "/api/sessions",
    ):
        assert path in spec["paths"], path
    schemas = spec["components"]["schemas"]
    assert {"FactModel", "RecordModel", "ErrorModel"} <= set(schemas)
    assert set(schemas["FactModel"]["properties"]) == set(_fact("RUT", "2024-07-16").to_dict())
    ref = spec["paths"]["/api/facts"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ref["schema"]["$ref"].endswith("/FactsResponse")
    assert client.get("/docs").status_code == 200


def test_page_and_assets_are_local(stub_catalog, make_client):
    client = make_client(source=stub_catalog, engine=CountingEngine())
    page = client.get("/")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("/", "/static/app.js", "/static/app.css", "/docs", "/static/docs.js"):
        text = client.get(asset).text
        assert "http://" not in text and "https://" not in text, asset
    js = client.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
    assert "max-age" in js.headers["cache-control"]
    again = client.get("/vendor/plotly.min.js", headers={"If-None-Match": js.headers["etag"]})
    assert again.status_code == 304


def test_large_responses_precompressed_when_accepted(stub_catalog, make_client):

    client = make_client(source=stub_catalog, engine=CountingEngine())
    r = client.get("/api/sessions", params={"symbol": "RUT"}, headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in r.headers["vary"]
    plain = client.get(
        "/api/sessions", params={"symbol": "RUT"}, headers={"Accept-Encoding": "identity"}
    )
    assert "content-encoding" not in plain.headers
    assert r.json() == plain.json()


def test_no_look_ahead_through_the_api(stub_catalog, stub_class, make_client):
    """The real engine behind the API: data after the as-of date changes nothing."""
    cut = "2024-06-28"
    short = stub_class({k: v.loc[:cut] for k, v in stub_catalog.raw.items()})
    params = [
        ("subject", "RUT"),
        ("versus", "SPX"),
        ("asof", cut),
        ("window", "5"),
        ("window", "21"),
    ]
    full = make_client(source=stub_catalog).get("/api/facts", params=params).json()
    trunc = make_client(source=short).get("/api/facts", params=params).json()
    assert full["facts"] and full["facts"] == trunc["facts"]
    assert full["asof"] == trunc["asof"] == cut
