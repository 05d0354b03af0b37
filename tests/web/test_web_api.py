"""API behaviour on a synthetic source (``MemorySource``): routes, validation, errors,
the one cache keyed by canonical inputs, timeout, and answers equal to the products'."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import pandas as pd
import pytest

from rotascope.kinds.fact import Fact
from rotascope.products import facts as facts_module
from rotascope.products import report as report_module
from rotascope.web.schemas import (
    ErrorModel,
    FactsResponse,
    ReportResponse,
    SessionsResponse,
    StudyResponse,
    SymbolsResponse,
)
from rotascope.web.service import Limits

ERROR_KEYS = {"error", "message", "param", "valid"}


class Spy:
    """Counts the calls of a product function, and calls it."""

    def __init__(self, fn: Any) -> None:
        self.fn = fn
        self.calls: list[tuple[Any, ...]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(args)
        return self.fn(*args, **kwargs)


@pytest.fixture
def facts_spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    spy = Spy(facts_module.facts)
    monkeypatch.setattr(facts_module, "facts", spy)
    return spy


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
    client = make_client(source=stub_catalog)
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
    client = make_client(source=stub_catalog)
    r = client.get("/api/series/SPX", params={"start": "2024-07-01", "end": "2024-07-05"})
    body = r.json()
    assert body["dates"] == ["2024-07-01", "2024-07-02", "2024-07-03", "2024-07-04", "2024-07-05"]
    raw = stub_catalog.raw["SPX"].loc["2024-07-01":"2024-07-05"]
    assert body["values"] == pytest.approx(raw.tolist())
    assert_error(client.get("/api/series/SPX", params={"column": "price"}), 422, "invalid_request")


def test_facts_snaps_to_previous_session_and_answers_the_product(
    stub_catalog, make_client, facts_spy
):
    client = make_client(source=stub_catalog)
    r = client.get(
        "/api/facts",
        params=[
            ("subject", "rut"),
            ("versus", "SPX"),
            ("versus", "NDX,^gspc"),
            ("asof", "2024-07-13"),
            ("window", "21"),
            ("window", "5"),
        ],
    )
    body = FactsResponse.model_validate(r.json())
    assert body.asof == dt.date(2024, 7, 12)  # Saturday -> Friday
    assert body.requested_asof == dt.date(2024, 7, 13)
    assert "Jul 13, 2024 is a Saturday" in (body.note or "")
    assert body.notes[0] == body.note
    assert body.versus == ["SPX", "NDX"]  # ^GSPC is SPX
    assert body.windows == [5, 21]
    [(_, subject, versus, when, windows, basis)] = facts_spy.calls
    assert (subject, versus, windows, basis) == ("RUT", ["SPX", "NDX"], (5, 21), "price")
    assert when.session == pd.Timestamp("2024-07-12")
    assert when.requested == pd.Timestamp("2024-07-13")
    # the answer is the facts product's, fact for fact and note for note
    fs = facts_module.facts.fn(stub_catalog, "RUT", ["SPX", "NDX"], "2024-07-13", (5, 21))
    assert r.json()["facts"] == [f.to_dict() for f in fs]
    assert body.notes == [n.text for n in fs.notes]
    assert Fact.from_dict(r.json()["facts"][0]) == fs[0]


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
    client = make_client(source=stub_catalog)
    body = assert_error(client.get("/api/facts", params=params), status, code)
    assert body["param"] == param
    assert body["valid"]  # says what would be accepted


def test_error_bodies_say_what_is_valid(stub_catalog, make_client):
    client = make_client(source=stub_catalog)
    body = assert_error(client.get("/api/facts", params={"subject": "XXX"}), 404)
    assert body["valid"] == ["NDX", "RUT", "SPX"]
    body = assert_error(
        client.get("/api/facts", params={"subject": "RUT", "asof": "1999-01-01"}), 422
    )
    assert body["valid"] == {"first": "2023-01-02", "last": "2024-07-31"}
    body = assert_error(client.get("/api/facts", params={"subject": "RUT", "window": "9999"}), 422)
    assert body["valid"] == {"min": 1, "max": 2520}


def test_limits_on_versus_windows_and_url(stub_catalog, make_client):
    client = make_client(source=stub_catalog, limits=Limits(max_versus=1))
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
    client = make_client(source=stub_catalog)
    assert_error(client.get("/api/nothing"), 404, "not_found")
    assert_error(client.delete("/api/facts"), 405, "method_not_allowed")


def test_internal_error_is_500_json_without_internals(
    stub_catalog, stub_class, make_client, caplog
):
    class Broken(stub_class):  # type: ignore[misc, valid-type]
        def events(self) -> pd.DataFrame:
            raise RuntimeError("secret internals /etc/passwd")

    client = make_client(source=Broken(stub_catalog.raw))
    r = client.get("/api/facts", params={"subject": "RUT"})
    body = assert_error(r, 500, "internal")
    assert "secret" not in r.text and "passwd" not in r.text
    assert body["message"].startswith("internal error")
    assert any("secret internals" in str(rec.exc_info) for rec in caplog.records)


def test_slow_computation_answers_503_then_serves_from_cache(stub_catalog, stub_class, make_client):
    release = threading.Event()

    class Slow(stub_class):  # type: ignore[misc, valid-type]
        def events(self) -> pd.DataFrame:
            release.wait(5)
            return super().events()

    client = make_client(source=Slow(stub_catalog.raw), limits=Limits(timeout=0.3))
    client.get("/api/sessions", params={"symbol": "RUT"})  # warm the series
    body = assert_error(client.get("/api/facts", params={"subject": "RUT"}), 503, "timeout")
    assert "retry" in body["message"]
    release.set()
    for _ in range(100):  # the background computation fills the cache
        r = client.get("/api/facts", params={"subject": "RUT"})
        if r.status_code == 200:
            break
        time.sleep(0.05)
    assert r.status_code == 200
    assert r.json()["facts"][0]["subject"] == "RUT"


def test_one_cache_keyed_by_canonical_inputs_and_data_version(stub_catalog, make_client, facts_spy):
    client = make_client(source=stub_catalog)
    params = {"subject": "RUT", "versus": "SPX", "asof": "2024-07-16", "window": "5"}
    first = client.get("/api/facts", params=params).json()
    assert client.get("/api/facts", params=params).json() == first
    # another spelling of the same question: ^GSPC is SPX, ^rut is RUT
    same = {**params, "subject": "^rut", "versus": "^GSPC"}
    assert client.get("/api/facts", params=same).json() == first
    assert len(facts_spy.calls) == 1
    client.get("/api/facts", params={**params, "asof": "2024-07-15"})
    assert len(facts_spy.calls) == 2
    stub_catalog.bump += 1  # new data: old entries no longer answer
    time.sleep(1.1)  # the app re-reads the data version at most once a second
    again = client.get("/api/facts", params=params).json()
    assert len(facts_spy.calls) == 3
    assert again["data_version"] == "stub-2"
    health = client.get("/api/health").json()
    assert health["cache_hits"] >= 2 and health["features"]["import_file"] is True


def test_report_json_and_html_download(stub_catalog, make_client, monkeypatch):
    spy = Spy(report_module.report)
    monkeypatch.setattr(report_module, "report", spy)
    client = make_client(source=stub_catalog)
    params = [("subject", "RUT"), ("versus", "NDX"), ("asof", "2024-07-16")]
    r = client.get("/api/report", params=params)
    body = ReportResponse.model_validate(r.json())
    rep = spy.fn(stub_catalog, "RUT", ["NDX"], "2024-07-16")
    assert body.headline == rep.headline
    assert [f.score for f in body.facts] == pytest.approx([s.score for s in rep.facts])
    assert r.json()["all_facts"] == [f.to_dict() for f in rep.factset]
    assert body.notes == rep.note_texts()
    assert any("section left out" in n for n in body.notes)  # the stub has no factors...
    assert set(body.charts) >= {"ratio_NDX", "distribution", "rebased", "drawdown"}
    assert body.charts["ratio_NDX"]["data"][0]["y"]
    h = client.get("/api/report.html", params=params)
    assert h.status_code == 200
    assert h.headers["content-type"].startswith("text/html")
    assert h.headers["content-disposition"] == (
        'attachment; filename="rotascope-RUT-2024-07-16.html"'
    )
    assert h.text.startswith("<!DOCTYPE html>")
    assert len(spy.calls) == 1  # JSON and HTML share one report computation


def test_study_answers_the_study_product(stub_catalog, make_client):
    from rotascope.products.study import study

    client = make_client(source=stub_catalog)
    params = {"subject": "RUT", "condition": "ret>0.5%", "length": "2", "asof": "2024-07-14"}
    r = client.get("/api/study", params=params)
    body = StudyResponse.model_validate(r.json())
    res = study(stub_catalog, "RUT", "ret>0.5%", 2, "2024-07-14")
    assert r.json()["facts"] == [f.to_dict() for f in res.facts]
    assert body.notes == res.note_texts() and "Sunday" in body.notes[0]
    assert body.asof == dt.date(2024, 7, 12) and len(body.stats) == len(res.stats())
    bad = client.get("/api/study", params={**params, "condition": "ret>>1"})
    assert_error(bad, 400)


def test_openapi_documents_fact_schema(stub_catalog, make_client):
    client = make_client(source=stub_catalog)
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/health",
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
    assert set(schemas["FactModel"]["properties"]) == set(
        Fact("move", "RUT", dt.date(2024, 7, 16), 11.5, "pct", "x").to_dict()
    )
    ref = spec["paths"]["/api/facts"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ref["schema"]["$ref"].endswith("/FactsResponse")
    assert {"all_facts", "sections", "notes"} <= set(schemas["ReportResponse"]["properties"])
    assert "notes" in schemas["StudyResponse"]["properties"]
    study = spec["paths"]["/api/study"]["get"]["responses"]
    assert "400" in study  # a condition that does not parse
    assert client.get("/docs").status_code == 200


def test_page_and_assets_are_local(stub_catalog, make_client):
    client = make_client(source=stub_catalog)
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

    client = make_client(source=stub_catalog)
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
