"""Valuation CSV layout: parsing at the boundary, errors with lines, store round trip."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotascope.errors import DataError, UnknownSymbol
from rotascope.sources.detect import read_any
from rotascope.sources.valuation_csv import (
    read_valuation_csv,
    split_valuation_symbol,
    valuation_symbol,
)
from rotascope.store import ImportResult, Store, import_files
from rotascope.store.valuations import load_valuation as _load
from rotascope.store.valuations import stored_valuations as _stored


def import_valuation_csv(path: Path, *, replace: bool = False) -> ImportResult:
    """``rotascope data import`` of a valuation file, into the store of ROTASCOPE_HOME."""
    return import_files(Store(), [read_any(path)], replace=replace).series


def load_valuation(*args: str, **kw: str) -> pd.Series:
    return _load(Store(), *args, **kw)


def stored_valuations() -> list[tuple[str, str, str]]:
    return _stored(Store())


def _write(tmp_path: Path, text: str, name: str = "v.csv") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def test_reads_layout_with_comments_basis_and_months(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        "# from my vendor\n"
        "Date,Symbol,Metric,Value,Basis\n"
        "2024-07,^RUT,pe_forward,24.1,ex_negative\n"
        "2024-06,RUT,pe_forward,23.5,ex_negative\n"
        "2024-07-31,GSPC,pe_trailing,27.98,\n",
    )
    got = {s.symbol: s for s in read_valuation_csv(p)}
    assert set(got) == {"val:RUT:PE_FORWARD:EX_NEGATIVE", "val:SPX:PE_TRAILING"}
    rut = got["val:RUT:PE_FORWARD:EX_NEGATIVE"]
    assert rut.frame.index.strftime("%Y-%m-%d").tolist() == ["2024-06-30", "2024-07-31"]
    assert rut.frame["close"].tolist() == [23.5, 24.1]
    assert rut.format == "valuation" and rut.unit == "level" and rut.label == "pe_forward"
    assert any("ascending" in w for w in rut.warnings)
    assert split_valuation_symbol(rut.symbol) == ("RUT", "pe_forward", "ex_negative")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2024-07-31,RUT,pe_fwd,24", "metric"),
        ("2024-07-31,RUT,pe_forward,abc", "not a number"),
        ("2024-07-31,RUT,pe_forward,-3", "positive"),
        ("2024-07-31,RUT,dividends,-1", "negative"),
        ("2024-13-01,RUT,pe_forward,24", "does not exist"),
        ("31/07/2024,RUT,pe_forward,24", "YYYY-MM-DD"),
        ("2024-07-31,RUT,pe_forward,24,Bad Basis", "basis"),
        ("2024-07-31,RUT,pe_forward,24,,extra", "fields"),
        ("2024-07-31,,pe_forward,24", "symbol"),
        ("2024-07-31,RUT,pe_forward,inf", "finite"),
    ],
)
def test_bad_rows_raise_data_error_with_path_and_line(
    tmp_path: Path, row: str, message: str
) -> None:
    p = _write(tmp_path, "date,symbol,metric,value,basis\n2024-06-28,RUT,pe_forward,23\n" + row)
    with pytest.raises(DataError, match=message) as err:
        read_valuation_csv(p)
    assert err.value.line == 3
    assert err.value.path == str(p)


def test_duplicate_date_is_reported_with_both_lines(tmp_path: Path) -> None:
    p = _write(tmp_path, "date,symbol,metric,value\n2024-07,RUT,cape,20\n2024-07-31,RUT,cape,21\n")
    with pytest.raises(DataError, match="twice") as err:
        read_valuation_csv(p)
    assert err.value.line == 3 and "line 2" in str(err.value)


def test_missing_columns_and_header_only(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="header lacks") as err:
        read_valuation_csv(_write(tmp_path, "date,symbol,value\n2024-07,RUT,1\n"))
    assert err.value.line == 1
    with pytest.raises(DataError, match="no data rows"):
        read_valuation_csv(_write(tmp_path, "date,symbol,metric,value\n", "h.csv"))


def test_blank_value_is_skipped_with_a_warning(tmp_path: Path) -> None:
    p = _write(tmp_path, "date,symbol,metric,value\n2024-06,RUT,cape,\n2024-07,RUT,cape,20\n")
    (s,) = read_valuation_csv(p)
    assert s.rows == 1
    assert any("line 2" in w for w in s.warnings)


def test_store_round_trip_conflicts_and_replace(rotascope_home: Path, tmp_path: Path) -> None:
    p = _write(tmp_path, "date,symbol,metric,value\n2024-06,RUT,cape,20\n2024-07,RUT,cape,21\n")
    import_valuation_csv(p)
    s = load_valuation("RUT", "cape")
    assert s.name == "RUT:CAPE"
    assert s.to_dict() == {pd.Timestamp("2024-06-30"): 20.0, pd.Timestamp("2024-07-31"): 21.0}
    assert (rotascope_home / "rotascope.duckdb").is_file()
    revised = _write(tmp_path, "date,symbol,metric,value\n2024-07,RUT,cape,22\n", "b.csv")
    result = import_valuation_csv(revised)
    assert result.conflicts == 1
    assert load_valuation("RUT", "cape").tolist() == [20.0, 21.0]  # kept
    import_valuation_csv(revised, replace=True)
    assert load_valuation("RUT", "cape").tolist() == [20.0, 22.0]
    assert load_valuation("RUT", "cape", asof="2024-07-15").tolist() == [20.0]
    assert stored_valuations() == [("RUT", "cape", "")]
    with pytest.raises(UnknownSymbol, match="RUT:CAPE"):
        load_valuation("RUT", "pe_forward")


def test_bad_file_leaves_store_untouched(rotascope_home: Path, tmp_path: Path) -> None:
    import_valuation_csv(_write(tmp_path, "date,symbol,metric,value\n2024-06,RUT,cape,20\n"))
    bad = _write(
        tmp_path, "date,symbol,metric,value\n2024-07,RUT,cape,21\n2024-08,RUT,cape,x\n", "bad"
    )
    with pytest.raises(DataError):
        import_valuation_csv(bad)
    assert load_valuation("RUT", "cape").tolist() == [20.0]


def test_ordinary_series_are_not_valuations(rotascope_home: Path, tmp_path: Path) -> None:
    from rotascope.sources.parsed import finish_series
    from rotascope.store import Store

    plain = finish_series(
        "RUT",
        np.array(["2024-07-09"], dtype="datetime64[ns]"),
        {"close": np.array([2029.47])},
        np.array([2]),
        raw_dates=["2024-07-09"],
        path="x.csv",
        fmt="single_column",
        unit="price",
    )
    Store().import_series([plain])
    import_valuation_csv(_write(tmp_path, "date,symbol,metric,value\n2024-06,RUT,cape,20\n"))
    assert stored_valuations() == [("RUT", "cape", "")]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.floats(0.5, 500.0, allow_nan=False), min_size=1, max_size=40))
def test_values_survive_write_read_exactly(tmp_path: Path, values: list[float]) -> None:
    dates = pd.date_range("2000-01-31", periods=len(values), freq="ME")
    body = "".join(
        f"{d:%Y-%m-%d},SPX,pe_forward,{v!r}\n" for d, v in zip(dates, values, strict=True)
    )
    (s,) = read_valuation_csv(_write(tmp_path, "date,symbol,metric,value\n" + body))
    assert s.frame["close"].tolist() == values


def test_valuation_symbol_round_trip() -> None:
    assert valuation_symbol("^gspc", "PE_Trailing") == "SPX:PE_TRAILING"
    assert split_valuation_symbol("SPX:PE_TRAILING") == ("SPX", "pe_trailing", "")
    with pytest.raises(ValueError):
        split_valuation_symbol("SPX:VOLUME")
