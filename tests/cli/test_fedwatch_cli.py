"""``rotascope fedwatch`` end to end on an empty home: CME's worked examples from imported
files, generated files over weeks, the facts of ``rotascope facts DFF``, and errors.

Every expected number is CME's published arithmetic or plain arithmetic on the prices
the test writes (see ``tests/measures/test_fedwatch.py`` and ``fedwatch_cases``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fedwatch_cases import CME_2015, CME_2022, DATES, cut_path, futures_file, write_futures
from rotascope.cli.app import main
from rotascope.data import clear_cache


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    clear_cache()
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def imported(capsys: pytest.CaptureFixture[str], path: Path, text: str) -> None:
    path.write_text(text)
    code, out, err = run(capsys, "data", "import", str(path))
    assert code == 0, err
    assert "futures prices stored" in out


def test_cme_2022_worked_example_from_an_imported_file(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    imported(capsys, tmp_path / "zq_2022-09-12.csv", CME_2022)
    code, out, err = run(capsys, "fedwatch", "--asof", "2022-09-12", "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["rate"] == 2.33 and res["target"] == [2.25, 2.5]  # DFF on Sep 12, 2022
    sep, nov = res["facts"]
    # CME: September FFER(start) 2.29875 (backward from October's 3.06): 75 bp 95.5%
    assert sep["details"]["meeting"] == "2022-09-21"
    assert sep["details"]["moves"] == pytest.approx({"75": 95.5, "100": 4.5})
    assert sep["details"]["hike"] == pytest.approx(100.0)
    # CME: "2 hikes + 0.1103 hikes: Prob(50 bp hike) = 88.97%" at the November meeting
    assert nov["details"]["meeting"] == "2022-11-02"
    assert round(nov["details"]["moves"]["50"], 2) == 88.97
    assert round(nov["details"]["moves"]["75"], 2) == 11.03
    # chained: 0.955 * 0.889655 = 0.849621 at 3.50-3.75 (the most likely range)
    assert nov["details"]["likely"] == "3.50-3.75"
    assert nov["details"]["likely_pct"] == pytest.approx(84.9621, abs=1e-3)
    code, out, err = run(capsys, "fedwatch", "--asof", "2022-09-12")
    assert code == 0, err
    assert "3.00-3.25% (95.5%)" in out and "3.50-3.75% (85.0%)" in out
    assert "The futures put the odds of a hike at the September 21 meeting at 100%" in out
    assert "\x1b[" not in out  # piped: no escape codes


def test_cme_2015_worked_example_from_an_imported_file(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    imported(capsys, tmp_path / "ff_2015.csv", CME_2015)
    code, out, err = run(capsys, "fedwatch", "--asof", "2015-08-14", "--json")
    assert code == 0, err
    (sep,) = json.loads(out)["facts"]  # October's contract is missing: the chain stops
    assert sep["details"]["meeting"] == "2015-09-17"
    assert round(sep["details"]["hike"], 1) == 53.6  # CME: P(hike) = 53.6%
    assert sep["details"]["side"] == "hike" and sep["value"] == pytest.approx(1500 / 28)
    code, out, err = run(capsys, "fedwatch", "--asof", "2015-08-14")
    assert "The futures put the odds of a hike at the September 17 meeting at 54%." in out


def test_generated_prices_over_weeks_and_their_facts(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "zq.csv"
    write_futures(futures_file(DATES), path)
    code, out, err = run(capsys, "data", "import", str(path))
    assert code == 0, err
    code, out, _ = run(capsys, "data", "import", str(path))  # again: nothing changes
    assert "all stored already" in out
    p = cut_path(DATES) * 100
    code, out, err = run(capsys, "fedwatch", "--asof", "2024-09-13")
    assert code == 0, err
    week = p.loc["2024-09-03":"2024-09-06"].iloc[-1]
    assert (
        f"The futures put the odds of a cut at the September 18 meeting at {p.iloc[-1]:.0f}%, "
        f"up from {week:.0f}% a week earlier"
    ) in re.sub(r"\s+", " ", out)
    # the same facts in `rotascope facts DFF` (the effective fed funds rate, bundled)
    code, out, err = run(capsys, "facts", "DFF", "--asof", "2024-09-13", "--json")
    assert code == 0, err
    kinds = [json.loads(line)["kind"] for line in out.splitlines() if line.startswith("{")]
    assert kinds.count("fedwatch") == 3
    # a date without prices (Saturday) moves to the Friday with a note
    code, out, err = run(capsys, "fedwatch", "--asof", "2024-09-14")
    assert code == 0 and "Sep 14, 2024 is a Saturday" in err


def test_no_prices_stored_says_what_it_needs_and_exits_0(
    rotascope_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import rotascope

    code, out, err = run(capsys, "fedwatch")
    text = " ".join(out.split())
    assert code == 0 and "Traceback" not in err
    assert text.startswith("No fed funds futures prices are stored yet")
    dff = rotascope.load("DFF").dropna()  # the bundled effective rate's last value
    assert f"was {dff.iloc[-1]:.2f}% on {dff.index[-1]:%b} {dff.index[-1].day}," in text
    assert "rotascope data import FILE" in text and "date,contract,price" in text
    code, out, _err = run(capsys, "fedwatch", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["facts"] == [] and doc["notes"][0]["code"] == "no_futures"


def test_errors_are_one_line_and_exit_2(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "zq.csv"
    bad.write_text("date,contract,price\n2024-09-12,2024-09,94.8\n2024-09-12,Sept,94.9\n")
    code, _out, err = run(capsys, "data", "import", str(bad))
    assert code == 2 and "Traceback" not in err
    assert f"{bad}, line 3: contract 'Sept' is not a month written YYYY-MM" in " ".join(err.split())
    imported(capsys, tmp_path / "good.csv", CME_2022)
    code, _out, err = run(capsys, "fedwatch", "--asof", "2022-10-03")
    assert code == 2 and "import newer prices" in " ".join(err.split())
