"""Shared fixtures: where the real data live, a temporary rotascope home, and what was checked.

- ``shared_data``: the raw files of ``../shared/data``; tests that need the raw files
  themselves (their layouts, their import) skip when the folder is absent.
- ``published`` (alias ``published_closes``) and ``shiller_csv``: what the
  published-figure tests read. From the raw files when ``../shared/data`` is there;
  otherwise from the bundled dataset (which ``tests/datasets`` checks against the raw
  files whenever they are present), read with plain pandas (``tests/published_data.py``),
  so that a fresh clone still checks every published figure the bundle can carry.
- ``ROTASCOPE_HOME`` is an empty folder of the run's own: the user's store is never read.
- At the end of the run, one line names every real-data test that was skipped.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from published_data import ABSENT, SHARED_DATA, PublishedData, bundled_csv


def shared_data_path() -> Path:
    """Path of ``../shared/data`` beside the project root (may not exist)."""
    return SHARED_DATA


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data folder; skips the test cleanly when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{ABSENT} (the test reads the raw files themselves)")
    return SHARED_DATA


@pytest.fixture(scope="session", autouse=True)
def _no_user_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test reads or writes the user's own store: for the whole run ROTASCOPE_HOME is
    an empty folder of its own (tests that need a store of their own take
    ``rotascope_home``)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ROTASCOPE_HOME", str(tmp_path_factory.mktemp("rotascope-home")))
    yield
    mp.undo()


@pytest.fixture
def rotascope_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty, private ROTASCOPE_HOME for one test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("ROTASCOPE_HOME", str(home))
    return home


# -- the data of the published-figure tests ------------------------------------------


@pytest.fixture(scope="session")
def published() -> PublishedData:
    """Closes, FRED series and French factors from the raw files, else the bundled dataset."""
    return PublishedData()


@pytest.fixture(scope="session")
def published_closes(published: PublishedData) -> PublishedData:
    """The same as ``published`` (its first name)."""
    return published


#: Shiller's ie_data columns: file column (0 = date) of each bundled column.
_SHILLER_FILE_COLUMN = {
    "price": 1, "dividend": 2, "earnings": 3, "cpi": 4, "fraction": 5, "gs10": 6,
    "real_price": 7, "real_dividend": 8, "real_tr_price": 9, "real_earnings": 10,
    "real_tr_earnings": 11, "cape": 12, "tr_cape": 14, "excess_cape_yield": 16,
    "bond_return": 17, "real_bond_return": 18, "fwd_real_stock_10y": 19,
    "fwd_real_bond_10y": 20, "fwd_excess_10y": 21,
}  # fmt: skip


@pytest.fixture(scope="session")
def shiller_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shiller's ie_data CSV: the raw file, else the bundled table written back in his
    layout (``YYYY.MM`` dates with October as ``YYYY.1``, the same header lines)."""
    if SHARED_DATA.is_dir():
        return SHARED_DATA / "fundamentals" / "shiller.csv"
    frame = bundled_csv("shiller.csv.gz")
    path = tmp_path_factory.mktemp("shiller") / "shiller.csv"
    with path.open("w", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["Stock Market Data", *[""] * 21])
        out.writerow(["Date", "P", "D", "E", "CPI", "Fraction", "Rate GS10", "Price", "Dividend",
                      "Price", "Earnings", "Earnings", "CAPE", "", "TR CAPE", "", "Yield",
                      "Returns", "Returns", "Real Return", "Real Return", "Returns"])  # fmt: skip
        for day, row in frame.iterrows():
            cells = [f"{day.year}.1" if day.month == 10 else f"{day.year}.{day.month:02d}"]
            cells += [""] * 21
            for col, j in _SHILLER_FILE_COLUMN.items():
                v = row.get(col, math.nan)
                cells[j] = "NA" if col == "cape" and v != v else ("" if v != v else repr(float(v)))
            out.writerow(cells)
    return path


# -- what was checked: one line for the skipped real-data tests ----------------------


def _reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    if isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).removeprefix("Skipped: ")
    return str(report.longrepr)


def _is_real_data(report: pytest.TestReport | pytest.CollectReport) -> bool:
    return "realdata" in getattr(report, "keywords", {}) or ABSENT in _reason(report)


def _names(reports: list[pytest.TestReport | pytest.CollectReport]) -> str:
    """Node ids, the cases of one parametrized test folded into ``test[N cases]``."""
    tests = Counter(r.nodeid.split("[", 1)[0] for r in reports)
    params = {r.nodeid.split("[", 1)[0] for r in reports if "[" in r.nodeid}
    return ", ".join(
        f"{name}[{n} case{'s' * (n > 1)}]" if name in params else name
        for name, n in sorted(tests.items())
    )


def _why(reports: list[pytest.TestReport | pytest.CollectReport]) -> str:
    reasons = Counter(_reason(r).removeprefix(ABSENT).lstrip(" (").rstrip(")") for r in reports)
    return "; ".join(f"{n} {why or 'as said'}" for why, n in reasons.most_common())


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Name every skipped real-data test in one line (and every other skip in another),
    with the reasons and how many tests each one skipped."""
    seen: dict[str, pytest.TestReport | pytest.CollectReport] = {}
    for r in terminalreporter.stats.get("skipped", []):
        if getattr(r, "when", "collect") in ("setup", "call", "collect"):
            seen.setdefault(r.nodeid, r)
    real = [r for r in seen.values() if _is_real_data(r)]
    other = [r for r in seen.values() if not _is_real_data(r)]
    if real:
        terminalreporter.write_line(
            f"real-data tests skipped ({len(real)}; {ABSENT}: {_why(real)}): {_names(real)}",
            yellow=True,
        )
    elif SHARED_DATA.is_dir():
        terminalreporter.write_line("real-data tests: none skipped (../shared/data present)")
    else:
        terminalreporter.write_line("real-data tests: none skipped (published figures checked "
                                    "on the bundled dataset)")  # fmt: skip
    if other:
        terminalreporter.write_line(
            f"other tests skipped ({len(other)}: {_why(other)}): {_names(other)}", yellow=True
        )
