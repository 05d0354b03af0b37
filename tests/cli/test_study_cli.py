"""``rotascope study`` and ``rotascope events`` through Typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from rotascope.cli import events as events_cli
from rotascope.cli import study as study_cli
from rotascope.errors import RotascopeError


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    a = typer.Typer()
    study_cli.register(a)
    events_cli.register(a)
    return a


def test_study_prints_episodes(app: typer.Typer) -> None:
    args = ["study", "RUT", "--condition", "ret>1%", "--length", "5", "--asof", "2024-07-16"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    for d in ["1998-10-20", "2000-01-20", "2009-09-10", "2020-04-28", "2024-07-16"]:
        assert d in r.output
    assert "5th straight session" in r.output
    assert "base mean" in r.output and "bootstrap p" in r.output


def test_study_json(app: typer.Typer) -> None:
    args = ["study", "RUT", "-c", "ret>1%", "-l", "5", "--asof", "2024-07-16", "--json"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    facts = json.loads(r.stdout)
    assert [f["kind"] for f in facts] == ["streak"] + ["event_study"] * 4
    assert facts[0]["value"] == 5


def test_study_bad_condition_is_a_user_error(app: typer.Typer) -> None:
    r = CliRunner().invoke(app, ["study", "RUT", "--condition", "ret=>1"])
    assert isinstance(r.exception, RotascopeError)
    assert "not understood" in str(r.exception)


def test_events_list_and_import(app: typer.Typer, rotascope_home: Path, tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["events", "list", "--kind", "fomc", "--year", "2024", "--json"])
    assert r.exit_code == 0, r.output
    dates = [e["date"] for e in json.loads(r.stdout)]
    assert "2024-07-31" in dates and "2024-09-18" in dates and len(dates) == 8
    f = tmp_path / "e.csv"
    f.write_text("date,kind\n2024-11-05,election\n")
    r = CliRunner().invoke(app, ["events", "import", str(f)])
    assert r.exit_code == 0 and "imported 1" in r.output
    r = CliRunner().invoke(app, ["events", "list", "--kind", "election"])
    assert "2024-11-05" in r.output
    r = CliRunner().invoke(app, ["events", "list", "--kind", "nfp"])
    assert isinstance(r.exception, RotascopeError)
