"""Property: whatever the query string, the API answers JSON with a status below 500
(the real products over a synthetic source)."""

from __future__ import annotations

from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "RUT",
            "spx",
            "NDX",
            "2024-07-16",
            "2024-07-13",
            "0",
            "-1",
            "2520",
            "2521",
            "99999999999999999999",
            "1e3",
            "nan",
            "",
            " ",
            "RUT,SPX",
        ]
    ),
)
params = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "subject",
                "versus",
                "asof",
                "window",
                "start",
                "end",
                "column",
                "condition",
                "length",
                "symbol",
            ]
        ),
        values,
    ),
    max_size=8,
)
paths = st.sampled_from(
    [
        "/api/facts",
        "/api/report",
        "/api/sessions",
        "/api/study",
        "/api/series/RUT",
        "/api/series/%00",
        "/api/symbols",
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(path=paths, query=params)
def test_never_500(stub_catalog, make_client, path, query):
    client = getattr(test_never_500, "_client", None)
    if client is None:
        client = make_client(source=stub_catalog)
        test_never_500._client = client  # type: ignore[attr-defined]
    r = client.get(path + "?" + urlencode(query))
    assert r.status_code < 500 or r.status_code == 503, (path, query, r.text)
    assert r.headers["content-type"].startswith("application/json")
    if r.status_code >= 400:
        assert {"error", "message"} <= set(r.json())
