"""``GET /api/fedwatch``: the same result as ``rotascope fedwatch --json``; errors are 4xx."""

from __future__ import annotations

from fedwatch_cases import DATES, DFF, futures_file
from rotascope.data import MemorySource
from rotascope.products.fedwatch import fedwatch


def test_fedwatch_answers_as_the_product(make_client) -> None:  # type: ignore[no-untyped-def]
    source = MemorySource({"DFF": DFF}, futures=futures_file(DATES))
    client = make_client(source=source)
    r = client.get("/api/fedwatch", params={"asof": "2024-09-13"})
    assert r.status_code == 200, r.text
    body = r.json()
    want = fedwatch(source, "2024-09-13").to_dict()
    assert body["facts"] == want["facts"] and body["asof"]["session"] == "2024-09-13"
    assert [f["details"]["meeting"] for f in body["facts"]][:1] == ["2024-09-18"]


def test_fedwatch_errors_are_json_4xx(make_client) -> None:  # type: ignore[no-untyped-def]
    empty = make_client(source=MemorySource({"DFF": DFF}))
    r = empty.get("/api/fedwatch")
    assert r.status_code == 422 and "no fed funds futures prices" in r.json()["message"]
    client = make_client(source=MemorySource({"DFF": DFF}, futures=futures_file(DATES)))
    r = client.get("/api/fedwatch", params={"asof": "2030-01-01"})
    assert r.status_code == 422 and "Traceback" not in r.text
    body = r.json()
    assert (body["error"], body["param"]) == ("bad_date", "asof")
    assert "after the last fed funds futures data (2024-09-13)" in body["message"]
