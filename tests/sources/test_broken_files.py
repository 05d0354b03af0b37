"""Broken input gives one DataError naming the file, the line and the problem."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotascope.errors import DataError
from rotascope.sources import MAX_FILE_BYTES, read_file

YAHOO = "Date,Open,High,Low,Close,Adj Close,Volume\n"
GOOD = "2024-07-09,2035.76,2039.97,2023.92,2029.47,2029.47,3232920000\n"

# name -> (content, expected line or None, words expected in the message)
CASES: dict[str, tuple[bytes, int | None, str]] = {
    "truncated_row": ((YAHOO + GOOD + "2024-07-10,2037.08,2051.75\n").encode(), 3, "truncated"),
    "truncated_last_line": ((YAHOO + GOOD + "2024-07-10,2037.08,2051.7").encode(), 3, "fields"),
    "text_in_price": (b"Date,^RUT\n2024-07-09,2029.47\n2024-07-10,n/a\n", 3, "not a number"),
    "duplicated_date": (b"Date,^RUT\n2024-07-09,1\n2024-07-10,2\n2024-07-09,3\n", 4, "twice"),
    "bad_date": (b"Date,^RUT\n2024-07-09,1\n2024-07-32,2\n", 3, "date"),
    "negative_price": (b"Date,^RUT\n2024-07-09,1\n2024-07-10,-2\n", 3, "positive"),
    "zero_price": ((YAHOO + GOOD.replace("2029.47,2029.47", "0,0")).encode(), 2, "positive"),
    "infinite_price": (b"Date,^RUT\n2024-07-09,inf\n", 2, "finite"),
    "nan_text": (b"Date,^RUT\n2024-07-09,NaN\n", 2, "not a number"),
    "extra_field": (b"Date,^RUT\n2024-07-09,1\n2024-07-10,2,3\n", 3, "fields"),
    "extra_field_first_row": (b"Date,^RUT\n2024-07-09,1,9\n", 2, "fields"),
    "blank_line_inside": (b"Date,^RUT\n2024-07-09,1\n\n2024-07-10,2\n", 3, "blank line"),
    "partial_blank_ohlc": ((YAHOO + GOOD.replace(",2039.97,", ",,")).encode(), 2, "blank"),
    "empty": (b"", None, "empty"),
    "only_blank_lines": (b"\n\n  \n", None, "empty"),
    "header_only": (b"Date,Open,High,Low,Close,Adj Close,Volume\n", 1, "header only"),
    "yf_header_only": (b"Price,Close\nTicker,SPY\nDate,\n", 3, "header only"),
    "utf16_without_bom": ("Date,^RUT\n2024-07-09,1\n".encode("utf-16-le"), 1, "NUL"),
    "binary_garbage": (bytes(range(256)) * 4, 1, "NUL"),
    "binary_without_nul": (bytes(range(128, 256)) * 4, 1, "decode"),
    "latin1": ("Date,Indice é\n2024-07-09,1\n".encode("latin-1"), 1, "decode"),
    "unknown_format": (b"hello world\nthis is not data\n", 1, "unrecognised"),
    "french_blank_value": (b"preamble\n\n,Mkt-RF,SMB\n20240102,  -0.71,\n", 4, "blank"),
    "french_bad_row": (b"preamble\n\n,Mkt-RF\n20240102,  -0.71\n2024010x,  1\n", 5, "YYYYMMDD"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_file_gives_one_clear_error(tmp_path: Path, name: str) -> None:
    content, line, words = CASES[name]
    path = tmp_path / f"{name}.csv"
    path.write_bytes(content)
    with pytest.raises(DataError) as info:
        read_file(path)
    err = info.value
    assert err.path == str(path)
    assert err.line == line
    assert str(path) in str(err)
    if line is not None:
        assert f"line {line}" in str(err)
    assert words.lower() in str(err).lower()


def test_utf16_and_utf8_with_bom_are_read(tmp_path: Path) -> None:
    text = "Date,^RUT\r\n2024-07-09,2029.47\r\n2024-07-16,2263.67\r\n"
    for i, raw in enumerate(
        (codecs.BOM_UTF16_LE + text.encode("utf-16-le"), codecs.BOM_UTF8 + text.encode())
    ):
        path = tmp_path / f"rut{i}.csv"
        path.write_bytes(raw)
        [s] = read_file(path)
        assert s.symbol == "RUT"
        assert s.frame["close"].tolist() == [2029.47, 2263.67]


def test_folder_symlink_loop_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="folder"):
        read_file(tmp_path)
    loop = tmp_path / "loop.csv"
    os.symlink(loop, loop)
    with pytest.raises(DataError, match="loop"):
        read_file(loop)
    with pytest.raises(DataError, match="not found"):
        read_file(tmp_path / "missing.csv")


def test_huge_sparse_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:
        fh.write(b"Date,Close\n")
        fh.truncate(3 * 2**30)  # sparse: costs no disk space
    assert path.stat().st_size > MAX_FILE_BYTES
    with pytest.raises(DataError, match="MB"):
        read_file(path)


def test_dates_out_of_order_are_sorted_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Date,Close\n2024-07-10,2\n2024-07-09,1\n2024-07-11,3\n")
    [s] = read_file(path)
    assert s.frame["close"].tolist() == [1.0, 2.0, 3.0]
    assert any("ascending" in w and "line 3" in w for w in s.warnings)


def test_big_one_day_move_is_a_warning_naming_the_date(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Date,Close\n2024-07-09,100\n2024-07-10,100.5\n2024-07-11,10.05\n")
    [s] = read_file(path)
    assert s.rows == 3
    assert any("2024-07-11" in w and "-90.0%" in w for w in s.warnings)


def test_yields_may_be_zero_or_negative(tmp_path: Path) -> None:
    path = tmp_path / "DGS2.csv"
    path.write_text("observation_date,DGS2\n2011-09-01,0.0\n2011-09-02,\n2011-09-06,-0.01\n")
    [s] = read_file(path)
    assert s.unit == "yield"
    assert s.frame["close"].tolist() == [0.0, -0.01]  # blank holiday dropped


def test_symbol_override_needs_one_series(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("preamble\n\n,Mkt-RF,SMB\n20240102,  -0.71,  -0.20\n")
    with pytest.raises(DataError, match="2 series"):
        read_file(path, symbol="X")


lines = st.lists(
    st.text(alphabet="0123456789-,.:eE +naNxX\t\"'", max_size=40), min_size=0, max_size=8
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(header=st.sampled_from(["Date,Close", "Date,Open,High,Low,Close,Adj Close,Volume",
                               "observation_date,DGS10", ",Mkt-RF,SMB", "Price,Close"]),
       body=lines, crlf=st.booleans())  # fmt: skip
def test_fuzzed_files_raise_only_data_error(
    tmp_path: Path, header: str, body: list[str], crlf: bool
) -> None:
    path = tmp_path / "fuzz.csv"
    sep = "\r\n" if crlf else "\n"
    path.write_text(sep.join([header, *body]) + sep, newline="")
    try:
        series = read_file(path)
    except DataError as exc:
        assert exc.path == str(path)
        return
    for s in series:  # whatever was accepted is clean
        assert s.frame.index.is_unique and s.frame.index.is_monotonic_increasing
        assert not s.frame.isin([float("inf"), float("-inf")]).any().any()
