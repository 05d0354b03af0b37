"""One question, four front ends, one answer: ``rotascope facts --json``, the Python API
(:func:`rotascope.facts`), the web API (``/api/facts``) and the report's JSON state the
same facts, the same numbers and the same notes, in the same words; a date the data
cannot speak of is the same error everywhere.

Every front end reads the same data source (the bundled dataset), so what is compared
is the path from the question to the sentence, not the data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

import rotascope
from rotascope.cli.app import main
from rotascope.data import BundledSource
from rotascope.errors import AsOfError
from rotascope.web.app import create_app

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


#: starlette warns about its httpx client; the web tests ignore it the same way
pytestmark = pytest.mark.filterwarnings("ignore:.*httpx2.*")


@dataclass(frozen=True)
class Case:
    """A question: subject, comparisons, as-of date (None = latest) and basis."""

    subject: str
    versus: tuple[str, ...]
    asof: str | None
    basis: str = "price"
    error: bool = False

    @property
    def id(self) -> str:
        vs = "+".join(self.versus) or "alone"
        return f"{self.subject}-{vs}-{self.asof or 'latest'}-{self.basis}"


CASES = [
    Case("RUT", ("SPX",), "2024-07-16"),  # a session
    Case("RUT", ("SPX", "NDX"), "2024-07-13"),  # a Saturday: the Friday, with a note
    Case("RUT", ("NDX",), "2024-07-04"),  # Independence Day: the session before
    Case("RUT", ("SPX",), "2030-01-01", error=True),  # after the data: one error
    Case("RUT", ("SPX",), "1970-01-02", error=True),  # before the data: one error
    Case("DGS10", (), "2020-10-02"),  # a yield: changes in basis points
    Case("SMB", (), "2024-03-28"),  # a factor: compounded daily returns
    Case("IWN", ("IWF",), "2024-07-16"),  # a ratio pair (small value vs large growth)
    Case("IWM", ("SPY",), "2024-07-16", "total_return"),  # total-return ETF pair
    Case("RUT", ("SPX",), None),  # latest: the data's age is stated
    Case("RUT", ("DGS10",), "2023-11-14"),  # a price vs a yield: no pair facts, and why
    Case("^GSPC", ("RUT",), "2020-03-16"),  # an alias
    Case("RUT", ("SPX",), "2024-07-16", "total_return"),  # price indexes: price used, said
    Case("SPX", ("SMB",), "2025-09-24"),  # the factor's data end earlier; 1950s Saturdays
]


@pytest.fixture(scope="module")
def source() -> BundledSource:
    return BundledSource()


@pytest.fixture(scope="module")
def web(source: BundledSource) -> TestClient:
    from fastapi.testclient import TestClient

    app = create_app(source=source)
    return TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)


@dataclass
class Answer:
    facts: list[dict[str, Any]]
    notes: list[str]
    error: str | None = None


def _cli(case: Case, source: BundledSource, monkeypatch: Any, capsys: Any) -> Answer:
    monkeypatch.setattr("rotascope.data.default_source", lambda: source)
    monkeypatch.setenv("COLUMNS", "5000")  # notes on one line each
    args = ["facts", case.subject, *(a for v in case.versus for a in ("--versus", v))]
    args += [*(["--asof", case.asof] if case.asof else []), "--basis", case.basis, "--json"]
    code = 0
    try:
        main(args)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    if code:
        assert code == 2 and err.startswith("error: "), err
        return Answer([], [], err.removeprefix("error: ").strip())
    facts = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    notes = [line.removeprefix("note: ") for line in err.splitlines() if line.startswith("note:")]
    return Answer(facts, notes)


def _python(case: Case, source: BundledSource) -> Answer:
    try:
        fs = rotascope.facts(
            case.subject, list(case.versus), case.asof, basis=case.basis, source=source
        )
    except AsOfError as exc:
        return Answer([], [], str(exc))
    return Answer([f.to_dict() for f in fs], [n.text for n in fs.notes])


def _web(case: Case, web: TestClient) -> Answer:
    params: list[tuple[str, str]] = [("subject", case.subject), ("basis", case.basis)]
    params += [("versus", v) for v in case.versus]
    params += [("asof", case.asof)] if case.asof else []
    r = web.get("/api/facts", params=params)
    if r.status_code != 200:
        assert r.status_code == 422 and r.json()["error"] == "bad_date", r.text
        return Answer([], [], r.json()["message"])
    body = r.json()
    return Answer(body["facts"], body["notes"])


def _report(case: Case, source: BundledSource) -> tuple[Answer, dict[str, Any]]:
    try:
        rep = rotascope.report(
            case.subject, case.versus, case.asof, basis=case.basis, source=source
        )
    except AsOfError as exc:
        return Answer([], [], str(exc)), {}
    data = json.loads(rep.to_json())
    return Answer(data["all_facts"], data["notes"]), data


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_front_end_gives_the_same_answer(
    case: Case, source: BundledSource, web: TestClient, monkeypatch: Any, capsys: Any
) -> None:
    python = _python(case, source)
    cli = _cli(case, source, monkeypatch, capsys)
    api = _web(case, web)
    report, data = _report(case, source)
    if case.error:
        assert python.error and "asof" in python.error
        assert cli.error == api.error == report.error == python.error
        return
    assert python.error is None and python.facts
    assert cli.facts == python.facts
    assert api.facts == python.facts
    assert report.facts == python.facts
    assert cli.notes == api.notes == python.notes
    # the report's notes: the facts' notes, then what its sections add (left out, older data)
    assert report.notes[: len(python.notes)] == python.notes
    for extra in report.notes[len(python.notes) :]:
        assert extra not in python.notes
    # the facts the report lists are facts of the question, with the same numbers
    extra_keys = ("n", "score", "parts", "reach_years", "folded")
    listed = [{k: v for k, v in item.items() if k not in extra_keys} for item in data["facts"]]
    assert listed and all(f in python.facts for f in listed)


def test_the_cases_cover_what_the_notes_must_say(source: BundledSource) -> None:
    """The cases above reach every kind of note a question about facts can raise."""
    codes: set[str] = set()
    for case in CASES:
        if case.error:
            continue
        fs = rotascope.facts(
            case.subject, list(case.versus), case.asof, basis=case.basis, source=source
        )
        codes |= {n.code for n in fs.notes}
    assert {"moved", "stale", "skipped", "gaps", "basis"} <= codes
