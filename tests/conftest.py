"""Shared fixtures: where the real data live, a temporary rotascope home, and what was checked.

- ``shared_data``: the raw files of ``../shared/data``; tests that need the raw files
  themselves skip when the folder is absent.
- ``published_closes`` and ``shiller_csv``: what the published-figure acceptance tests
  read. From the raw files when ``../shared/data`` is there; otherwise from the bundled
  dataset (which ``tests/datasets/test_bundled.py`` checks against the raw files whenever
  they are present), read with plain pandas, so that a fresh clone still checks every
  published figure.
- At the end of the run, one line names every real-data test that was skipped.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ABSENT = "../shared/data is absent"


def shared_data_path() -> Path:
    """Path of ``../shared/data`` beside the project root (may not exist)."""
    return SHARED_DATA


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data folder; skips the test cleanly when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(ABSENT)
    return SHARED_DATA


@pytest.fixture
def rotascope_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty, private ROTASCOPE_HOME for one test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("ROTASCOPE_HOME", str(home))
    return home


# -- the data of the published-figure tests ------------------------------------------


def _bundled_csv(name: str) -> pd.DataFrame:
    """A bundled ``csv.gz`` read with plain pandas (no rotascope code)."""
    raw = (resources.files("rotascope.datasets") / "data" / name).read_bytes()
    frame = pd.read_csv(io.BytesIO(gzip.decompress(raw)), index_col="date", parse_dates=True)
    frame.index = pd.DatetimeIndex(frame.index, name="date").as_unit("ns")
    return frame


@dataclass
class PublishedCloses:
    """Daily closes of the Russell 2000, S&P 500 and Nasdaq 100, read with plain pandas.

    Attributes
    ----------
    origin : str
        ``"../shared/data"`` (the raw files) or ``"bundled dataset"``.
    frames : dict of str to DataFrame
        ``RUT``, ``SPX``, ``NDX`` -> column ``close`` (and ``adj_close`` from raw files);
        ``IWM``, ``SPY`` -> ``close`` and ``adj_close``.
    """

    origin: str
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)

    def close(self, symbol: str) -> pd.Series:
        """The closes of ``symbol`` named by it (DatetimeIndex ``date``)."""
        return self.frames[symbol]["close"].astype("float64").dropna().rename(symbol)

    def load(self, symbol: str, column: str = "close") -> pd.Series:
        """A ``loader(symbol, column)`` for engines and reports."""
        return self.frames[symbol][column].astype("float64").dropna().rename(symbol)


def _raw_index(raw: pd.DataFrame) -> pd.DataFrame:
    raw.index = pd.DatetimeIndex(pd.to_datetime(raw.index), name="date").as_unit("ns")
    return raw.rename(columns={"Close": "close", "Adj Close": "adj_close"})


@pytest.fixture(scope="session")
def published_closes() -> PublishedCloses:
    """RUT, SPX, NDX, IWM and SPY closes from the raw files, else from the bundled dataset."""
    if SHARED_DATA.is_dir():
        ind = SHARED_DATA / "indices"
        rut = pd.read_csv(ind / "RUT_ohlc.csv", index_col="Date")
        frames = {"RUT": _raw_index(rut)}
        for sym in ("SPX", "NDX"):  # yfinance multi-header: Price/Ticker/Date rows, then data
            frames[sym] = _raw_index(
                pd.read_csv(ind / f"{sym}_ohlc.csv", skiprows=[1, 2], index_col=0)
            )
        for etf in ("IWM", "SPY"):  # Price,Price,Close...: the first value column is adjusted
            raw = pd.read_csv(
                SHARED_DATA / "etfs" / f"{etf}.csv",
                header=None,
                skiprows=4,
                usecols=[0, 1, 2],
                names=["date", "adj_close", "close"],
            )
            raw.index = raw.pop("date").str.slice(0, 10)
            frames[etf] = _raw_index(raw)
        return PublishedCloses("../shared/data", frames)
    return PublishedCloses(
        "bundled dataset",
        {s: _bundled_csv(f"{s}.csv.gz") for s in ("RUT", "SPX", "NDX", "IWM", "SPY")},
    )


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
    frame = _bundled_csv("shiller.csv.gz")
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


def _is_real_data(report: pytest.TestReport) -> bool:
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    return "realdata" in report.keywords or ABSENT in str(reason)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Name every skipped real-data test in one line (and other skips in another)."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if r.when in ("setup", "call")]
    real = sorted({r.nodeid for r in skipped if _is_real_data(r)})
    other = sorted({r.nodeid for r in skipped if not _is_real_data(r)})
    if real:
        terminalreporter.write_line(
            f"real-data tests skipped ({len(real)}; {ABSENT}, or as said): " + ", ".join(real),
            yellow=True,
        )
    elif SHARED_DATA.is_dir():
        terminalreporter.write_line("real-data tests: none skipped (../shared/data present)")
    else:
        terminalreporter.write_line("real-data tests: none skipped (published figures checked "
                                    "on the bundled dataset)")  # fmt: skip
    if other:
        terminalreporter.write_line(f"other tests skipped ({len(other)}): " + ", ".join(other))
