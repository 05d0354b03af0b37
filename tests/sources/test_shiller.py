"""Shiller ie_data reader: the YYYY.1 October quirk, header, blanks, NA, notes row."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rotascope.errors import DataError
from rotascope.sources.shiller import (
    SHILLER_COLUMNS,
    is_shiller,
    normalize_shiller_frame,
    parse_shiller_date,
    parse_shiller_text,
    read_shiller,
    shiller_frame,
    shiller_series,
)

HEADER = (
    '"Stock Market Data",,,,,,,,,,,,,,,,,,,,,\n'
    'Date,P,D,E,CPI,Fraction,"Rate GS10",Price,Dividend,Price,Earnings,Earnings,CAPE,,'
    '"TR CAPE",,Yield,Returns,Returns,"Real Return","Real Return",Returns\n'
)


def _row(token: str, year: int, month: int, price: float, earnings: str = "5") -> str:
    frac = year + (month - 0.5) / 12
    cells = [token, str(price), "1", earnings, "100", repr(frac), "4", *["1"] * 5, "NA", "", "NA"]
    cells += ["", "0.01", "1.0", "1.0", "", "", ""]
    return ",".join(cells) + "\n"


def _text(*rows: str, notes: bool = True) -> str:
    tail = ',"Oct price is Oct 2nd close",,,,,,,,,,,,,,,,,,,,\n' if notes else ""
    return HEADER + "".join(rows) + tail


def raw_shiller_rows(path: Path) -> dict[str, list[str]]:
    """Data rows of the raw file keyed by the date *text* (independent of the reader)."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    start = next(i for i, r in enumerate(rows) if r and r[0] == "Date") + 1
    return {r[0]: r for r in rows[start:] if r and r[0]}


# --- synthetic text -----------------------------------------------------------------


def test_september_and_october_tokens_are_distinct_months() -> None:
    text = _text(
        _row("2023.09", 2023, 9, 4409.0),
        _row("2023.1", 2023, 10, 4269.0),
        _row("2023.11", 2023, 11, 4460.0),
    )
    df = parse_shiller_text(text, path="s.csv")
    assert list(df.index.strftime("%Y-%m-%d")) == ["2023-09-30", "2023-10-31", "2023-11-30"]
    assert df["price"].tolist() == [4409.0, 4269.0, 4460.0]
    assert list(df.columns) == list(SHILLER_COLUMNS)
    assert df.index.name == "date"
    assert math.isnan(df["cape"].iloc[0])  # NA
    assert math.isnan(df["tr_cape"].iloc[0])


def test_blank_recent_earnings_are_nan_and_notes_row_is_dropped() -> None:
    text = _text(_row("2025.06", 2025, 6, 6000.0), _row("2025.07", 2025, 7, 6300.0, earnings=""))
    df = parse_shiller_text(text)
    assert len(df) == 2
    assert df["earnings"].iloc[0] == 5.0
    assert math.isnan(df["earnings"].iloc[1])


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("2023.01", (2023, 1)),
        ("2023.1", (2023, 10)),
        ("2023.10", (2023, 10)),
        ("1871.12", (1871, 12)),
    ],
)
def test_parse_date_tokens(token: str, expected: tuple[int, int]) -> None:
    assert parse_shiller_date(token, path="f", line=3) == expected


@pytest.mark.parametrize(
    "token", ["2023.2", "2023.13", "2023.00", "2023", "23.01", "2023.011", "x"]
)
def test_bad_date_tokens_name_the_line(token: str) -> None:
    with pytest.raises(DataError) as err:
        parse_shiller_date(token, path="f.csv", line=42)
    assert err.value.line == 42 and err.value.path == "f.csv"


@given(st.integers(1800, 2100), st.integers(1, 12))
def test_dates_written_as_numbers_round_trip(year: int, month: int) -> None:
    # how a spreadsheet writes YYYY.MM as a number: trailing zero of October dropped
    token = repr(round(year + month / 100, 2))
    assert parse_shiller_date(token, path=None, line=1) == (year, month)


def test_out_of_sequence_month_is_an_error_with_its_line() -> None:
    text = _text(_row("2023.09", 2023, 9, 1.0), _row("2023.11", 2023, 11, 1.0))
    with pytest.raises(DataError) as err:
        parse_shiller_text(text, path="s.csv")
    assert err.value.line == 4
    assert "does not follow" in str(err.value)


def test_date_contradicting_fraction_column_is_an_error() -> None:
    # "2023.1" read as October but Fraction says January: a file saved with floats
    bad = _row("2023.1", 2023, 1, 1.0)
    with pytest.raises(DataError, match="Fraction") as err:
        parse_shiller_text(_text(bad))
    assert err.value.line == 3


def test_bad_number_names_column_and_line() -> None:
    text = _text(_row("2023.09", 2023, 9, 1.0).replace(",1,5,", ",1,abc,", 1))
    with pytest.raises(DataError, match="earnings") as err:
        parse_shiller_text(text, path="s.csv")
    assert err.value.line == 3


def test_missing_header_and_empty_data() -> None:
    with pytest.raises(DataError, match="Date,P,D,E"):
        parse_shiller_text("a,b,c\n1,2,3\n")
    with pytest.raises(DataError, match="no data rows"):
        parse_shiller_text(HEADER)


def test_dated_row_after_notes_row_is_an_error() -> None:
    text = _text(_row("2023.09", 2023, 9, 1.0)) + _row("2023.1", 2023, 10, 1.0)
    with pytest.raises(DataError, match="without a date"):
        parse_shiller_text(text)


def test_normalize_accepts_shiller_header_words() -> None:
    f = pd.DataFrame(
        {
            "Date": ["2024-06-01", "2024-07-01"],
            "P": [5415.1, 5538.0],
            "E": [196.76, 197.93],
            "CAPE": [34.8, 35.4],
            "Rate GS10": [4.31, 4.25],
        }
    )
    df = normalize_shiller_frame(f)
    assert list(df.index.strftime("%Y-%m-%d")) == ["2024-06-30", "2024-07-31"]
    assert {"price", "earnings", "cape", "gs10"} <= set(df.columns)
    assert df["gs10"].iloc[1] == 4.25
    with pytest.raises(DataError, match="earnings"):
        normalize_shiller_frame(pd.DataFrame({"date": ["2024-07-01"], "P": [1.0]}))


def test_columns_become_monthly_series_and_back(tmp_path: Path) -> None:
    p = tmp_path / "ie.csv"
    p.write_text(_text(_row("2023.09", 2023, 9, 7.0), _row("2023.1", 2023, 10, 8.0, "")))
    assert is_shiller(p.read_text().splitlines())
    frame = read_shiller(p)
    series = shiller_series(frame, p)
    by_id = {s.symbol: s for s in series}
    # one series per column with a value; the edition is the last month of the file
    assert {s.edition for s in series} == {"202310"}
    assert by_id["shiller:PRICE"].frame["close"].tolist() == [7.0, 8.0]
    assert by_id["shiller:EARNINGS"].frame.index.tolist() == [pd.Timestamp("2023-09-30")]
    assert "shiller:CAPE" not in by_id  # NA in every row
    back = shiller_frame({s.symbol: s.frame["close"] for s in series})
    assert back["price"].tolist() == [7.0, 8.0] and np.isnan(back["earnings"].iloc[1])


def test_the_library_never_searches_for_a_shiller_file() -> None:
    import rotascope.sources.shiller as mod

    assert not hasattr(mod, "find_shiller") and not hasattr(mod, "SHILLER_SHARED_PATH")


# --- the real file --------------------------------------------------------------------


@pytest.mark.realdata
def test_real_file_september_october_rows(shiller_csv: Path) -> None:
    path = shiller_csv  # the raw file, else the bundled table written back in his layout
    raw = raw_shiller_rows(path)
    df = read_shiller(path)
    assert len(df) == len(raw)  # every data row, notes row dropped
    assert df.index[0] == pd.Timestamp("1871-01-31")
    for token, date in [
        ("2023.09", "2023-09-30"),
        ("2023.1", "2023-10-31"),
        ("2023.01", "2023-01-31"),
        ("2022.1", "2022-10-31"),
    ]:
        assert df.at[pd.Timestamp(date), "price"] == float(raw[token][1])
        assert df.at[pd.Timestamp(date), "earnings"] == float(raw[token][3])
    assert df.at[pd.Timestamp("2023-10-31"), "price"] != df.at[pd.Timestamp("2023-01-31"), "price"]
    assert df.index.is_monotonic_increasing and df.index.is_unique
    # 1871.01 .. 2025.10 without a gap
    assert len(df) == (2025 - 1871) * 12 + 10
    assert np.isnan(df["cape"].loc[:"1880-12-31"]).all()
    assert df["cape"].first_valid_index() == pd.Timestamp("1881-01-31")


@pytest.mark.realdata
def test_real_file_trailing_pe_2022_10_and_2024_07(shiller_csv: Path) -> None:
    path = shiller_csv  # the raw file, else the bundled table written back in his layout
    raw = raw_shiller_rows(path)
    df = read_shiller(path)
    pe = df["price"] / df["earnings"]
    for token, date in [("2022.1", "2022-10-31"), ("2024.07", "2024-07-31")]:
        expected = float(raw[token][1]) / float(raw[token][3])
        assert pe.loc[date] == pytest.approx(expected, rel=1e-15)
    assert round(pe.loc["2022-10-31"], 1) == 20.4
    assert round(pe.loc["2024-07-31"], 1) == 28.0
