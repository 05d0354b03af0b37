"""What the published-figure tests read, with plain pandas and no rotascope code.

From the raw files of ``../shared/data`` when the folder is beside the project (see its
SOURCES.md); otherwise from the bundled dataset (``src/rotascope/datasets/data``), which
is built from those same files and checked against them by ``tests/datasets`` whenever
they are present. A test that needs what the bundle lacks (intraday highs and lows, the
S&P 500 members' closes, the 2024 edition of the French factors, a raw file's own
layout) calls :func:`need_raw`, which skips it with a reason that the end-of-run summary
line counts.

Examples
--------
>>> data = PublishedData()
>>> round(float(data.close("RUT").loc["2024-07-16"]), 2)
2263.67
"""

from __future__ import annotations

import gzip
import io
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NoReturn

import pandas as pd
import pytest

__all__ = [
    "ABSENT",
    "ORIGIN",
    "RAW",
    "SHARED_DATA",
    "PublishedData",
    "bundled_csv",
    "need_raw",
]

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
#: Whether the raw files are at hand.
RAW = SHARED_DATA.is_dir()
ORIGIN = "../shared/data" if RAW else "bundled dataset"
ABSENT = "../shared/data is absent"


def need_raw(what: str) -> NoReturn:
    """Skip the calling test: ``what`` is only in the raw files, not in the bundle."""
    pytest.skip(f"{ABSENT} (the bundled dataset has no {what})")


@cache
def bundled_csv(name: str) -> pd.DataFrame:
    """A bundled ``csv.gz`` (index ``date``) read with plain pandas."""
    raw = (resources.files("rotascope.datasets") / "data" / name).read_bytes()
    frame = pd.read_csv(io.BytesIO(gzip.decompress(raw)), index_col="date", parse_dates=True)
    frame.index = pd.DatetimeIndex(frame.index, name="date").as_unit("ns")
    return frame


def _dated(frame: pd.DataFrame) -> pd.DataFrame:
    frame.index = pd.DatetimeIndex(pd.to_datetime(frame.index), name="date").as_unit("ns")
    return frame.rename(columns={"Close": "close", "Adj Close": "adj_close"})


# -- the raw readers (each file's own layout; SOURCES.md) -----------------------------


def _raw_index(symbol: str) -> pd.DataFrame:
    ind = SHARED_DATA / "indices"
    if symbol == "RUT":  # Yahoo CSV, 1987-09-10 .. 2024-08-02
        return _dated(pd.read_csv(ind / "RUT_ohlc.csv", index_col="Date"))
    # yfinance multi-header (Price/Ticker/Date rows, then data)
    return _dated(pd.read_csv(ind / f"{symbol}_ohlc.csv", skiprows=[1, 2], index_col=0))


def _raw_etf(symbol: str) -> pd.DataFrame:
    """Close and adjusted (total-return) close of an ETF file, by the file's layout."""
    path = SHARED_DATA / "etfs" / f"{symbol}.csv"
    head = path.read_text().splitlines()[0]
    if head.startswith("Date,Open,High,Low,Close,AdjClose"):  # RSP, IWD, IWF, IJR
        raw = pd.read_csv(path, index_col="Date")[["Close", "AdjClose"]]
        raw.columns = ["close", "adj_close"]
    elif head.startswith("Price,"):  # yfinance multi-header: the first value column adjusted
        raw = pd.read_csv(
            path, header=None, skiprows=4, usecols=[0, 1, 2], names=["date", "adj_close", "close"]
        ).set_index("date")
    else:  # IWN, IWO: yfinance history(), fully adjusted Close, dates with a UTC offset
        raw = pd.read_csv(path, index_col="Date")[["Close"]]
        raw.columns = ["adj_close"]
    raw.index = raw.index.astype(str).str.slice(0, 10)
    return _dated(raw.astype(float))


def _raw_fred(name: str) -> pd.Series:
    """A FRED file (``observation_date,NAME``, ``date,value`` or ``date,dff``), blanks dropped."""
    raw = pd.read_csv(SHARED_DATA / "fred" / f"{name}.csv", index_col=0)
    values = pd.to_numeric(raw.iloc[:, 0], errors="coerce")
    values.index = pd.DatetimeIndex(pd.to_datetime(values.index), name="date").as_unit("ns")
    return values.dropna().rename(name)


#: Factor -> (French file, its column, the bundled file): daily percent in the files.
FRENCH = {
    "SMB": ("F-F_Research_Data_Factors_daily_202604.csv", "SMB", "ff_SMB_202604.csv.gz"),
    "HML": ("F-F_Research_Data_Factors_daily_202604.csv", "HML", "ff_HML_202604.csv.gz"),
    "MKT-RF": (
        "F-F_Research_Data_Factors_daily_202604.csv",
        "Mkt-RF",
        "ff_MKT-RF_202604.csv.gz",
    ),
    "RF": ("F-F_Research_Data_Factors_daily_202604.csv", "RF", "ff_RF_202604.csv.gz"),
    "MOM": ("F-F_Momentum_Factor_daily.csv", "Mom", "ff_MOM_202604.csv.gz"),
    "RMW": ("F-F_Research_Data_5_Factors_2x3_daily.CSV", "RMW", "ff5_RMW_202412.csv.gz"),
    "CMA": ("F-F_Research_Data_5_Factors_2x3_daily.CSV", "CMA", "ff5_CMA_202412.csv.gz"),
}


def french_file(path: Path) -> pd.DataFrame:
    """Any Ken French daily file: rows whose key is ``YYYYMMDD``, percent -> fractions,
    ``-99.99`` / ``-999`` (missing) -> NaN."""
    rows: list[list[object]] = []
    header: list[str] = []
    last_text: list[str] = []
    for line in path.read_text().splitlines():
        cells = [c.strip() for c in line.split(",")]
        if len(cells[0]) == 8 and cells[0].isdigit():
            header = header or last_text
            rows.append([cells[0], *map(float, cells[1:])])
        elif len(cells) > 1:
            last_text = cells[1:]  # the header is the last such line before the data
    frame = pd.DataFrame(rows, columns=["date", *header]).set_index("date")
    frame.index = pd.DatetimeIndex(pd.to_datetime(frame.index, format="%Y%m%d"), name="date")
    return frame.where(frame > -99.0) / 100.0


class PublishedData:
    """Daily series of the published figures, from the raw files or the bundled dataset.

    Attributes
    ----------
    origin : str
        ``"../shared/data"`` (the raw files) or ``"bundled dataset"``.
    frames : dict of str to DataFrame
        ``RUT``, ``SPX``, ``NDX`` -> ``close`` (the raw files add ``adj_close`` and, for
        the indexes, the OHLC columns); ``IWM``, ``SPY`` -> ``close``, ``adj_close``.
        Further ETFs are read on demand by :meth:`load`.
    """

    def __init__(self) -> None:
        self.origin = ORIGIN
        self.frames: dict[str, pd.DataFrame] = {}
        for symbol in ("RUT", "SPX", "NDX", "IWM", "SPY"):
            self._frame(symbol)

    def _frame(self, symbol: str) -> pd.DataFrame:
        if symbol not in self.frames:
            if not RAW:
                self.frames[symbol] = bundled_csv(f"{symbol}.csv.gz")
            elif symbol in ("RUT", "SPX", "NDX"):
                self.frames[symbol] = _raw_index(symbol)
            else:
                self.frames[symbol] = _raw_etf(symbol)
        return self.frames[symbol]

    def close(self, symbol: str) -> pd.Series:
        """The closes of ``symbol`` named by it (DatetimeIndex ``date``). RUT from the raw
        files is ``RUT_ohlc.csv`` (to 2024-08-02); the bundled RUT extends it to 2025-09-24
        with ``RUT_close.csv``."""
        return self.load(symbol, "close")

    def load(self, symbol: str, column: str = "close") -> pd.Series:
        """A ``loader(symbol, column)`` for engines and reports; ETFs' ``adj_close`` is the
        total-return close."""
        frame = self._frame(symbol)
        return frame[column].astype("float64").dropna().rename(symbol)

    def fred(self, name: str) -> pd.Series:
        """A FRED daily series (``DGS10``, ``DGS2``, ``DFF``) without its blank holidays;
        the bundled DFF keeps NYSE sessions only (tests/datasets/test_bundled_dff.py)."""
        if RAW:
            return _raw_fred(name)
        return bundled_csv(f"fred_{name}.csv.gz")["close"].astype("float64").rename(name)

    def french(self, factor: str) -> pd.Series:
        """A Fama-French daily factor as fractions: SMB, HML, MKT-RF, RF (202604 edition),
        MOM (202604), RMW and CMA (the 5-factor file, 202412)."""
        file, column, bundled = FRENCH[factor]
        if RAW:
            return _french(file)[column].dropna().rename(factor)
        return bundled_csv(bundled)["close"].astype("float64").dropna().rename(factor)


@cache
def _french(file: str) -> pd.DataFrame:
    return french_file(SHARED_DATA / "french" / file)
