"""The fed funds futures layout (``date,contract,price``): read, recognised, refused."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from rotascope.errors import DataError
from rotascope.sources.detect import read_any, sniff
from rotascope.sources.futures import read_futures

GOOD = """# 30-day fed funds futures settlement prices
Date,Contract,Price
2024-09-12,2024-09,94.8150
2024-09-12,2024-10,95.0000

2024-09-13,2024-09,94.8100
2024-09-13,2024-10,94.9900
2024-09-13,2024-10,94.9900
"""


def write(tmp_path: Path, text: str, name: str = "zq.csv") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def test_a_good_file_reads_sorted_and_deduplicated(tmp_path: Path) -> None:
    parsed = read_futures(write(tmp_path, GOOD))
    f = parsed.frame
    assert list(f.columns) == ["date", "contract", "price"]
    assert len(f) == 4  # the repeated identical row is kept once
    assert f["date"].dtype == "datetime64[ns]"
    assert f.iloc[-1].tolist() == [pd.Timestamp("2024-09-13"), "2024-10", 94.99]
    assert parsed.warnings == ()


def test_columns_in_any_order_and_detection(tmp_path: Path) -> None:
    p = write(tmp_path, "price,date,contract\n94.8,2024-09-12,2024-09\n")
    f = read_any(p)
    assert f.kind == "futures" and f.table is not None
    assert f.table.iloc[0].tolist() == [pd.Timestamp("2024-09-12"), "2024-09", 94.8]
    assert sniff(["date,contract,price"]) == "futures"
    assert sniff(["date,kind,label"]) == "events"  # events stay events


def test_expired_contracts_are_left_out_with_a_warning(tmp_path: Path) -> None:
    p = write(tmp_path, "date,contract,price\n2024-09-03,2024-08,94.67\n2024-09-03,2024-09,94.8\n")
    parsed = read_any(p)
    assert parsed.table is not None and parsed.table["contract"].tolist() == ["2024-09"]
    assert "after their contract month ended" in parsed.warnings[0]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("2024-09-12,2024-09,abc", 2, "'abc' is not a number"),
        ("2024-09-12,Sep 2024,94.8", 2, "not a month written YYYY-MM"),
        ("2024-09-12,2024-13,94.8", 2, "not a month written YYYY-MM"),
        ("12/09/2024,2024-09,94.8", 2, "is not YYYY-MM-DD"),
        ("2024-09-12,2024-09,5.33", 2, "write 100 minus the rate"),
        ("2024-09-12,2024-09", 2, "expected 3 cells"),
        ("2024-09-12,2024-09,94.8\n2024-09-12,2024-09,94.9", 3, "priced twice"),
        ("2024-09-12,2024-09,94.8\n\n# note\n2024-02-30,2024-09,94.8", 5, "not YYYY-MM-DD"),
    ],
)
def test_a_bad_row_is_one_error_naming_file_and_line(
    tmp_path: Path, body: str, line: int, message: str
) -> None:
    p = write(tmp_path, "date,contract,price\n" + body + "\n")
    with pytest.raises(DataError, match=message) as exc:
        read_any(p)
    assert exc.value.path == str(p) and exc.value.line == line
    assert str(exc.value).startswith(f"{p}, line {line}: ")


def test_header_only_or_no_live_contract_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no prices of live contracts"):
        read_futures(write(tmp_path, "date,contract,price\n"))
    with pytest.raises(DataError, match="no prices of live contracts"):
        read_futures(write(tmp_path, "date,contract,price\n2024-10-01,2024-09,94.8\n"))
