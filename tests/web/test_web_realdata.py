"""The API on real data: the raw shared files (plain pandas) and the default source.

Expectations come from the issues (published July 2024 / November 2023 figures) or
from plain-pandas arithmetic on the raw file inside the test, never from the
program's output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from rotascope.web.schemas import FactsResponse, StudyResponse

pytestmark = pytest.mark.realdata


@pytest.fixture
def raw_client(raw_files, make_client):
    return make_client(source=raw_files)


def _move(body: FactsResponse, subject: str, window: int):
    found = [
        f for f in body.facts if f.kind == "move" and f.subject == subject and f.window == window
    ]
    assert found, f"no {window}-session move for {subject}"
    return found[0]


def test_rut_five_session_record_since_april_2020(raw_client, raw_files):
    r = raw_client.get("/api/facts", params={"subject": "RUT", "asof": "2024-07-16"})
    assert r.status_code == 200, r.text
    body = FactsResponse.model_validate(r.json())
    fact = _move(body, "RUT", 5)
    close = raw_files.frames["RUT"]["close"]
    expected = close.loc["2024-07-16"] / close.loc["2024-07-09"] - 1  # five sessions
    assert fact.value == pytest.approx(expected * 100, rel=1e-9)
    assert fact.value == pytest.approx(11.5, abs=0.1)  # the published +11.5%
    assert fact.record is not None
    assert fact.record.direction == "high"
    assert fact.record.since == dt.date(2020, 4, 29)
    assert "Apr 29, 2020" in fact.text


def test_rut_best_day_since_november_2022_with_spx(raw_client):
    params = [("subject", "RUT"), ("versus", "SPX"), ("asof", "2023-11-14"), ("window", "1")]
    body = FactsResponse.model_validate(raw_client.get("/api/facts", params=params).json())
    rut = _move(body, "RUT", 1)
    assert rut.value == pytest.approx(5.4, abs=0.1)
    assert rut.record is not None and rut.record.since == dt.date(2022, 11, 10)
    spx = _move(body, "SPX", 1)
    assert spx.value == pytest.approx(1.9, abs=0.1)
    assert any(f.kind == "spread" and f.versus == "SPX" for f in body.facts)


def test_weekend_asof_uses_friday(raw_client):
    body = raw_client.get("/api/facts", params={"subject": "RUT", "asof": "2024-07-13"}).json()
    assert body["asof"] == "2024-07-12"
    assert "Jul 13, 2024 is a Saturday" in body["note"]


def test_sessions_match_the_raw_file(raw_client, raw_files):
    body = raw_client.get("/api/sessions", params={"symbol": "RUT"}).json()
    idx = raw_files.frames["RUT"]["close"].dropna().index
    assert body["first"] == idx[0].date().isoformat() == "1987-09-10"
    assert len(body["dates"]) == len(idx)


def test_study_five_straight_gains_over_one_percent(raw_client, raw_files):
    params = {"subject": "RUT", "condition": "ret>1%", "length": 5, "asof": "2024-07-16"}
    r = raw_client.get("/api/study", params=params)
    assert r.status_code == 200, r.text
    body = StudyResponse.model_validate(r.json())
    streak = [f for f in body.facts if f.kind == "streak"]
    assert streak and streak[0].value >= 5
    # independent count: sessions 2024-07-10..16 each rose more than 1%
    ret = raw_files.frames["RUT"]["close"].pct_change().loc["2024-07-10":"2024-07-16"]
    assert len(ret) == 5 and (ret > 0.01).all()
    assert body.episodes and body.episodes[-1]["date"] == "2024-07-16"


def test_bad_inputs_on_real_data_never_500(raw_client):
    cases = [
        {"subject": "RUT", "asof": "1980-01-01"},
        {"subject": "RUT", "asof": "2024-02-30"},
        {"subject": "RUT", "versus": "ZZZ"},
        {"subject": "RUT", "window": "2520"},  # allowed: ten years of sessions
    ]
    for params in cases:
        r = raw_client.get("/api/facts", params=params)
        assert r.status_code < 500, (params, r.text)
    assert raw_client.get("/api/facts", params=cases[-1]).status_code == 200


def test_default_source_has_the_same_record(make_client):
    """The app over the default source (store or bundled dataset)."""
    client = make_client()
    r = client.get("/api/facts", params={"subject": "RUT", "asof": "2024-07-16", "window": 5})
    if r.status_code == 404:
        pytest.skip("no RUT in the default source")
    body = FactsResponse.model_validate(r.json())
    fact = _move(body, "RUT", 5)
    assert fact.value == pytest.approx((2263.67 / 2029.47 - 1) * 100, abs=2e-2)  # SOURCES.md
    assert fact.record is not None and fact.record.since == dt.date(2020, 4, 29)
