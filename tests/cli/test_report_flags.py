"""``rotascope report`` in the shared vocabulary: SUBJECT argument, --json, --quiet, sizes."""

from __future__ import annotations

import json
import re
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
    idx = pd.bdate_range("2012-01-02", "2024-07-16", name="date")
    rng = np.random.default_rng(7)
    data = {
        s: pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(idx)))), index=idx)
        for s in ("RUT", "SPX", "NDX")
    }
    real = build.report

    def fake(*args: object, **kwargs: object) -> object:
        kwargs["source"] = MemorySource(data)
        kwargs["sections"] = ()
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "report", fake)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_subject_is_an_argument_and_the_old_option_still_works(
    synthetic: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(["report", "NDX", "-v", "SPX", "--asof", "2024-07-16"], capsys)
    assert code == 0, err
    new = tmp_path / "rotascope-report-NDX-2024-07-16.html"
    assert new.is_file()
    code, _, err = run(["report", "--subject", "NDX", "-v", "SPX", "--asof", "2024-07-16",
                        "--format", "md"], capsys)  # fmt: skip
    assert code == 0, err
    assert (tmp_path / "rotascope-report-NDX-2024-07-16.md").is_file()


def test_size_is_written_as_people_write_it(
    synthetic: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["report", "--asof", "2024-07-16", "--format", "md"], capsys)
    assert code == 0, err
    path = tmp_path / "rotascope-report-market-2024-07-16.md"  # no SUBJECT: the market
    size = path.stat().st_size
    assert 1_000 < size < 1_000_000  # a Markdown note: kilobytes
    m = re.search(r"Report written to \S+ \(([\d.]+) KB, [\d.]+ s\)", out)
    assert m, out
    assert float(m.group(1)) == pytest.approx(size / 1000, abs=0.05)
    assert "0.0 MB" not in out


def test_json_goes_to_stdout(synthetic: None, capsys) -> None:
    code, out, err = run(["report", "NDX", "--versus", "SPX", "--asof", "2024-07-16",
                          "--json"], capsys)  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["subject"] == "NDX" and data["versus"] == ["SPX"]
    assert data["asof"] == "2024-07-16"


def test_quiet_keeps_stderr_empty(synthetic: None, capsys) -> None:
    code, out, err = run(["report", "--asof", "2024-07-16", "--json", "--quiet"], capsys)
    assert code == 0
    assert err == ""
    assert json.loads(out)["subject"] == "RUT"
    code, _out, loud = run(["report", "--asof", "2024-07-16", "--json"], capsys)
    assert "data: memory" in loud
