"""``rotascope report``: default path, formats, --explain, errors as one red line."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rotascope.cli.app import main
from rotascope.data import MemorySource
from rotascope.render import build


@pytest.fixture
def synthetic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Route the command's report() through a synthetic source (fast, no data files)."""
    idx = pd.bdate_range("2010-01-04", "2024-07-16", name="date")
    rng = np.random.default_rng(11)
    data = {
        s: pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(idx)))), index=idx)
        for s in ("RUT", "SPX", "NDX")
    }
    real = build.report

    def fake(*args, **kwargs):
        kwargs["source"] = MemorySource(data)
        kwargs["sections"] = ()
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "report", fake)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
        raise SystemExit(0)
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_default_path_and_where_it_went(
    synthetic: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["report", "--asof", "2024-07-16"], capsys)
    assert code == 0, err
    path = tmp_path / "rotascope-report-market-2024-07-16.html"  # no SUBJECT: the market
    assert path.is_file() and path.read_text().startswith("<!DOCTYPE html>")
    assert "Report written to rotascope-report-market-2024-07-16.html" in out
    assert "data: memory" in err
    code, out, err = run(["report", "RUT", "--asof", "2024-07-16"], capsys)
    assert code == 0, err
    assert "Report written to rotascope-report-RUT-2024-07-16.html" in out


def test_json_to_stdout_with_explain_on_stderr(synthetic: None, capsys) -> None:
    code, out, err = run(
        ["report", "--asof", "2024-07-16", "--format", "json", "--out", "-", "--explain",
         "--top", "3"], capsys)  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["asof"] == "2024-07-16" and data["versus"] == ["SPX", "NDX"]
    assert data["facts"] and data["market"] is True
    cited = {r for p in data["narrative"]["sentences"] for s in p for r in s["facts"]}
    assert all(f["score"] > 0 or f["n"] in cited for f in data["facts"])  # no filler
    assert "score" in err and "rarity" in err  # the explain table


def test_markdown_file(synthetic: None, tmp_path: Path, capsys) -> None:
    target = tmp_path / "note.md"
    code, _out, err = run(
        ["report", "--subject", "RUT", "--versus", "SPX", "--asof", "2024-07-16",
         "--format", "md", "--out", str(target)], capsys)  # fmt: skip
    assert code == 0, err
    text = target.read_text()
    assert text.startswith("# ") and "[^1]:" in text
    assert "Nasdaq" not in text.split("## Facts")[0]


def test_versus_accepts_a_comma_list(synthetic: None, capsys) -> None:
    code, out, err = run(
        ["report", "--versus", "NDX,SPX", "--asof", "2024-07-16", "--format", "json",
         "--out", "-"], capsys)  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["versus"] == ["NDX", "SPX"]


def test_unknown_symbol_is_one_red_line(synthetic: None, capsys) -> None:
    code, _out, err = run(["report", "--subject", "NOPE", "--asof", "2024-07-16"], capsys)
    assert code == 2
    assert "unknown symbol" in err.lower() or "nope" in err.lower()
    assert "Traceback" not in err


@pytest.mark.realdata
def test_no_arguments_uses_bundled_data_and_latest_date(
    rotascope_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from rotascope.data import LocalSource

    monkeypatch.chdir(tmp_path)
    code, out, err = run(["report"], capsys)
    assert code == 0, err
    written = list(tmp_path.glob("rotascope-report-market-*.html"))
    assert len(written) == 1
    last = LocalSource().series("RUT").index[-1].date().isoformat()
    assert written[0].name == f"rotascope-report-market-{last}.html"
    assert "bundled dataset" in err
    assert f"Report written to {written[0].name}" in out
    # the market's story of the latest bundled date: the Russell 2000's record close
    assert "On Sep 18, the Russell 2000 closed at its first record since November 2021" in err
