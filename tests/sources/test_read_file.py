"""Every shared data file reads with the right symbol, row count and values.

Expectations come from the raw files themselves, read here with plain pandas / regexes
(independently of rotascope's readers), and from figures published in SOURCES.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rotascope.sources import COLUMNS, read_file

pytestmark = pytest.mark.realdata

YF_ETFS = ["IWM", "SPY", "QQQ", "MDY", "VTI", "TLT", "IEF", "HYG"]
DIV_ETFS = ["RSP", "IWD", "IWF", "IJR"]
HISTORY_ETFS = ["IWN", "IWO"]
FRED = ["DGS10", "DGS2", "DFII10", "VIXCLS", "BAMLH0A0HYM2", "FEDFUNDS", "CPIAUCSL", "DTWEXBGS",
        "T10Y2Y", "DFF"]  # fmt: skip

# file -> (expected symbols, format)
CSV_FILES: dict[str, tuple[str, str]] = {
    "indices/GSPC_close.csv": ("SPX", "single_column"),
    "indices/RUT_close.csv": ("RUT", "single_column"),
    "indices/RUT_ohlc.csv": ("RUT", "yahoo"),
    "indices/SPX_ohlc.csv": ("SPX", "yfinance_multiheader"),
    "indices/NDX_ohlc.csv": ("NDX", "yfinance_multiheader"),
    **{f"etfs/{t}.csv": (t, "yfinance_multiheader") for t in YF_ETFS},
    **{f"etfs/{t}.csv": (t, "ohlc_dividends") for t in DIV_ETFS},
    **{f"etfs/{t}.csv": (t, "yfinance_history") for t in HISTORY_ETFS},
    **{
        f"fred/{t}.csv": (f"fred:{t}", "single_column" if t == "FEDFUNDS" else "fred") for t in FRED
    },
}
# file -> (expected ids, edition: the CRSP vintage of the preamble, else of the file name,
# else the month of the last row)
FRENCH_FILES: dict[str, tuple[list[str], str]] = {
    "french/F-F_Research_Data_Factors_daily.CSV": (
        ["ff:MKT-RF", "ff:SMB", "ff:HML", "ff:RF"],
        "202403",
    ),
    "french/F-F_Research_Data_Factors_daily_202604.csv": (
        ["ff:MKT-RF", "ff:SMB", "ff:HML", "ff:RF"],
        "202604",
    ),
    "french/F-F_Research_Data_5_Factors_2x3_daily.CSV": (
        ["ff5:MKT-RF", "ff5:SMB", "ff5:HML", "ff5:RMW", "ff5:CMA", "ff5:RF"],
        "202412",
    ),
    "french/F-F_Momentum_Factor_daily.csv": (["ff:MOM"], "202604"),
    "french/Portfolios_Formed_on_ME.CSV": (
        [
            f"ffm:ME_{x}"
            for x in ["LO30", "MED40", "HI30", "LO20", "QNT2", "QNT3", "QNT4", "HI20", "LO10"]
            + [f"DEC{i}" for i in range(2, 10)]
            + ["HI10"]
        ],
        "202412",  # no preamble: the month of the last row
    ),
}


def raw_table(path: Path) -> tuple[pd.DataFrame, str]:
    """Plain-pandas read of a CSV file: (frame with a 'date' text column, primary column)."""
    head = path.read_text().splitlines()[:4]
    if head[0].startswith("Price,"):
        skip = [i for i, line in enumerate(head) if i and not line[:4].isdigit()]
        df = pd.read_csv(path, skiprows=skip, dtype={"Price": str}).rename(
            columns={"Price": "date"}
        )
        return df, "Close"
    df = pd.read_csv(path, dtype=str)
    df = df.rename(columns={df.columns[0]: "date"})
    value = "Close" if "Close" in df.columns else df.columns[1]
    df[value] = pd.to_numeric(df[value])
    return df.dropna(subset=[value]), value


@pytest.mark.parametrize("name", sorted(CSV_FILES))
def test_csv_file_symbol_rows_and_values(shared_data: Path, name: str) -> None:
    path = shared_data / name
    symbol, fmt = CSV_FILES[name]
    [series] = read_file(path)
    assert series.symbol == symbol
    assert series.format == fmt
    raw, value = raw_table(path)
    assert series.rows == len(raw)
    frame = series.frame
    assert frame.index.name == "date" and frame.index.is_monotonic_increasing
    assert frame.index.is_unique and frame.index.tz is None
    assert set(frame.columns) <= set(COLUMNS)
    assert all(frame[c].dtype == np.float64 for c in frame.columns)
    for i in (0, len(raw) // 2, len(raw) - 1):
        day = pd.Timestamp(str(raw["date"].iloc[i])[:10])
        assert frame.loc[day, "close"] == pytest.approx(float(raw[value].iloc[i]), rel=1e-12)


@pytest.mark.parametrize("name", sorted(FRENCH_FILES))
def test_french_file_symbols_rows_and_values(shared_data: Path, name: str) -> None:
    path = shared_data / name
    lines = path.read_text().splitlines()
    first = next(i for i, x in enumerate(lines) if re.match(r"\s*\d{6,8}\s*,", x))
    end = next((i for i in range(first, len(lines)) if not lines[i].strip()), len(lines))
    labels = [x.strip() for x in lines[first - 1].split(",")[1:]]
    rows = [[float(v) for v in x.split(",")[1:]] for x in lines[first:end]]
    keys = [x.split(",")[0].strip() for x in lines[first:end]]
    series = read_file(path)
    ids, edition = FRENCH_FILES[name]
    assert [s.symbol for s in series] == ids
    assert {s.edition for s in series} == {edition}
    crsp = re.search(r"using the (\d{6}) CRSP database", "\n".join(lines[:first]))
    assert crsp is None or crsp.group(1) == edition
    kept = [j for j, _ in enumerate(labels) if any(r[j] != -99.99 for r in rows)]
    assert len(kept) == len(series)
    for j, s in zip(kept, series, strict=True):
        assert s.unit == "pct_return" and s.label == labels[j]
        present = [(k, r[j]) for k, r in zip(keys, rows, strict=True) if r[j] not in (-99.99, -999)]
        assert s.rows == len(present)
        for k, v in (present[0], present[-1]):
            day = (
                pd.Timestamp(k) if len(k) == 8 else pd.Timestamp(k + "01") + pd.offsets.MonthEnd(0)
            )
            assert s.frame.loc[day, "close"] == pytest.approx(v / 100, abs=1e-12)


def test_russell_2000_published_closes(shared_data: Path) -> None:
    for name in ("RUT_ohlc.csv", "RUT_close.csv"):
        close = read_file(shared_data / "indices" / name)[0].frame["close"]
        assert round(close["2024-07-16"], 2) == 2263.67
        assert round(close["2024-07-09"], 2) == 2029.47
        # SOURCES.md: on Nov 14 2023 the Russell 2000 rose 5.44% on the day.
        assert close.pct_change()["2023-11-14"] == pytest.approx(0.0544, abs=5e-5)


def test_etf_layouts(shared_data: Path) -> None:
    iwf = read_file(shared_data / "etfs" / "IWF.csv")[0].frame
    # Raw line: 2024-07-31,89.0675, 89.8975, 88.735, 89.5475, 88.8902, 5712800, 0.0 (SOURCES.md's
    # "Close 89.07" is the open); prices are after the 4-for-1 split.
    assert round(iwf.loc["2024-07-31", "open"], 2) == 89.07
    assert round(iwf.loc["2024-07-31", "close"], 2) == 89.55
    assert (iwf["adj_close"] <= iwf["close"] * (1 + 1e-9)).all()  # dividends only in adj
    assert iwf["dividends"].gt(0).sum() > 40
    iwm = read_file(shared_data / "etfs" / "IWM.csv")[0].frame
    # The first value column ("Price") is the dividend-adjusted close.
    assert iwm.loc["2000-05-26", "adj_close"] == pytest.approx(32.83599090576172)
    assert iwm.loc["2000-05-26", "close"] == pytest.approx(45.71875)


def test_yfinance_history_layout(shared_data: Path) -> None:
    [iwn] = read_file(shared_data / "etfs" / "IWN.csv")
    f = iwn.frame
    assert f.index[0] == pd.Timestamp("2000-07-28")  # local date of 2000-07-28 00:00-04:00
    assert (f["close"] == f["adj_close"]).all()
    assert f.index[-1] == pd.Timestamp("2025-12-26")
    assert any("partial session" in w and "2025-12-26" in w for w in iwn.warnings)


def test_fred_blank_holidays_are_dropped(shared_data: Path) -> None:
    [cpi] = read_file(shared_data / "fred" / "CPIAUCSL.csv")
    assert pd.Timestamp("2025-10-01") not in cpi.frame.index
    assert cpi.frame.loc["2025-11-01", "close"] == 325.031
    [t10y2y] = read_file(shared_data / "fred" / "T10Y2Y.csv")
    assert (t10y2y.frame["close"] < 0).any()  # spreads may be negative


def test_constituent_close_takes_symbol_from_file_name(shared_data: Path) -> None:
    path = shared_data / "constituents" / "closes" / "BRK-B.csv"
    [s] = read_file(path)
    raw = pd.read_csv(path)
    assert s.symbol == "BRK-B" and s.rows == len(raw) and s.format == "single_column"
    assert s.frame["close"].iloc[-1] == raw["Close"].iloc[-1]


def test_symbol_override_and_column_choice(shared_data: Path) -> None:
    [s] = read_file(shared_data / "indices" / "RUT_close.csv", symbol="r2k", column="adj_close")
    assert s.symbol == "RUT"  # R2K is an alias
    assert list(s.frame.columns) == ["adj_close"]
    [s] = read_file(shared_data / "constituents" / "closes" / "AAPL.csv", symbol="apple")
    assert s.symbol == "APPLE"
