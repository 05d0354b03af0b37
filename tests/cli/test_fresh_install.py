"""On a fresh install (an empty store) the README's examples run on the bundled dataset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rotascope.cli.app import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_breadth_and_valuation_examples_exit_0(
    rotascope_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "breadth", "--asof", "2024-07-25", "--json")
    assert code == 0, err
    facts = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    f200 = next(f for f in facts if f["window"] == 200)
    assert f200["asof"] == "2024-07-25" and f200["details"]["universe"] == "SP500"
    assert "precomputed" in err  # it says where the numbers come from
    code, out, err = run(capsys, "valuation", "SPX", "--asof", "2024-07-31")
    assert code == 0, err
    assert "bundled dataset" in out and "CAPE" in out
    assert not (rotascope_home / "rotascope.duckdb").exists()  # nothing was written


def test_short_names_follow_what_is_stored(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "facts", "RF", "--asof", "2024-07-16", "--json")
    assert code == 0, err
    subjects = {json.loads(line)["subject"] for line in out.splitlines() if line.startswith("{")}
    assert subjects == {"ff:RF"}  # only the factor is there: RF means it
    stock = tmp_path / "RF.csv"
    stock.write_text("Date,Close\n2024-07-15,19.1\n2024-07-16,20.2\n")
    assert run(capsys, "data", "import", str(stock))[0] == 0
    code, out, err = run(capsys, "facts", "RF", "--asof", "2024-07-16", "-w", "1", "--json")
    assert code == 0, err
    moves = [json.loads(x) for x in out.splitlines() if x.startswith("{")]
    move = next(f for f in moves if f["kind"] == "move")
    assert move["subject"] == "RF" and move["value"] == pytest.approx((20.2 / 19.1 - 1) * 100)
