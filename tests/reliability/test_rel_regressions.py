"""Regression tests for the bugs the reliability work found (one per fix)."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from reliability_support import synthetic

from rotascope.errors import DataError, RotascopeError, StoreBusyError
from rotascope.sources import read_file
from rotascope.store import Store
from rotascope.store._lock import store_lock


def test_dates_outside_the_nanosecond_range_are_refused_not_wrapped(tmp_path: Path) -> None:
    """Year 1000 used to be stored as 2169-02-08 (a silent int64 wrap-around)."""
    for text, line in (
        ("Date,Close\n2024-01-02,1\n1000-01-02,2\n", 3),
        ("Date,Close\n01/02/3000,1\n", 2),
        ("Date,Close\n20240102,1\n30000102,1\n", 3),
        ("Date,Close\n202401,1\n226204,1\n", 3),  # month end past 2262-04-11
    ):
        p = tmp_path / "X.csv"
        p.write_text(text)
        with pytest.raises(DataError, match="cannot read date") as err:
            read_file(p)
        assert err.value.line == line


def test_dates_at_the_edges_of_the_range_still_read(tmp_path: Path) -> None:
    p = tmp_path / "EDGE.csv"
    p.write_text("Date,Close\n1677-09-22,1\n2262-04-11,2\n")
    [s] = read_file(p)
    assert [str(d.date()) for d in s.frame.index] == ["1677-09-22", "2262-04-11"]


def test_decode_error_line_counts_cr_only_endings(tmp_path: Path) -> None:
    p = tmp_path / "CR.csv"
    p.write_bytes(b"Date,Close\r2024-01-02,1\r2024-01-03,\xa32\r")
    with pytest.raises(DataError, match="UTF-8") as err:
        read_file(p)
    assert err.value.line == 3


def test_unclosed_quote_and_quoted_line_break_name_the_line(tmp_path: Path) -> None:
    p = tmp_path / "Q.csv"
    p.write_text('Date,Close\n2024-01-02,1\n2024-01-03,"2\n')
    with pytest.raises(DataError) as err:
        read_file(p)
    assert err.value.line == 3
    p.write_text('Date,Close\n2024-01-02,1\n"2024-01-03,2\n2024-01-04",3\n')
    with pytest.raises(DataError, match="quoted line breaks") as err:
        read_file(p)
    assert err.value.line == 3


def test_extreme_values_raise_no_numpy_warning(tmp_path: Path) -> None:
    p = tmp_path / "HUGE.csv"
    p.write_text("Date,Close\n2024-01-02,1e-300\n2024-01-03,1.7976931348623157e308\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        [s] = read_file(p)
    assert s.frame["close"].iloc[-1] == np.finfo(np.float64).max


def test_lock_timeout_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ROTASCOPE_LOCK_TIMEOUT", "0.2")
    store = Store(tmp_path / "rotascope.duckdb")
    assert store.timeout == 0.2
    assert Store(tmp_path / "x.duckdb", timeout=5).timeout == 5  # explicit wins
    with store_lock(store.lock_path, exclusive=True), pytest.raises(StoreBusyError, match="retry"):
        store.import_series([synthetic("AAA", 3)])
    monkeypatch.setenv("ROTASCOPE_LOCK_TIMEOUT", "soon")
    with pytest.raises(RotascopeError, match="ROTASCOPE_LOCK_TIMEOUT"):
        Store(tmp_path / "rotascope.duckdb")
    monkeypatch.delenv("ROTASCOPE_LOCK_TIMEOUT")
    assert Store(tmp_path / "rotascope.duckdb").timeout == 30.0


def test_damaged_french_zip_is_a_data_error(rotascope_home: Path) -> None:
    """A zip whose member data is damaged used to raise zlib.error / EOFError."""
    import io
    import zipfile

    import httpx
    import respx

    from rotascope.sources.providers import FrenchProvider, HttpFetcher
    from rotascope.sources.providers.french import BASE

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("F.csv", ",Mkt-RF,SMB,HML,RF\n20240327,0.88,0.21,-0.10,0.021\n" * 50)
    good = bytearray(buf.getvalue())
    for pos in (35, 40, 45, 60):  # inside the deflated member, central directory intact
        bad = bytes(good[:pos]) + bytes([good[pos] ^ 0xFF]) + bytes(good[pos + 1 :])
        with respx.mock() as mock:
            mock.get(url__startswith=BASE).mock(return_value=httpx.Response(200, content=bad))
            with pytest.raises(DataError):
                FrenchProvider(fetcher=HttpFetcher("Ken French")).fetch("SMB")


def test_yahoo_timestamps_outside_the_range_are_refused() -> None:
    """Timestamps past 2262 used to wrap around to the 1700s silently."""
    import json

    from rotascope.sources.providers.yahoo import parse_chart_json

    doc = {"chart": {"error": None, "result": [{
        "timestamp": [10**10, 10**10 + 86400],
        "indicators": {"quote": [{"close": [1.0, 2.0]}]},
    }]}}  # fmt: skip
    with pytest.raises(DataError, match="layout"):
        parse_chart_json(json.dumps(doc).encode(), "RUT", "u")
    doc["chart"]["result"][0]["indicators"]["quote"][0]["close"] = [1.0]  # lists disagree
    with pytest.raises(DataError, match="layout"):
        parse_chart_json(json.dumps(doc).encode(), "RUT", "u")


@pytest.mark.parametrize("value", ["-5", "nan", "Wed, 21 Oct 2015 07:28:00 GMT"])
def test_odd_retry_after_values_do_not_crash_the_sleep(value: str) -> None:
    import httpx

    from rotascope.sources.providers import HttpFetcher, RetryPolicy

    waits: list[float] = []
    fetcher = HttpFetcher("X", policy=RetryPolicy(attempts=2, max_wait=3), sleep=waits.append)
    wait = fetcher._wait(0, httpx.Response(429, headers={"Retry-After": value}))
    assert 0 <= wait <= 3


def test_french_zip_with_a_bad_directory_offset_is_a_data_error(rotascope_home: Path) -> None:
    """An end record pointing past its directory used to raise 'negative seek value'."""
    import io
    import struct
    import zipfile

    import httpx
    import respx

    from rotascope.sources.providers import FrenchProvider, HttpFetcher
    from rotascope.sources.providers.french import BASE

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("F.csv", ",Mkt-RF,SMB,HML,RF\n20240327,0.88,0.21,-0.10,0.021\n")
    raw = bytearray(buf.getvalue())
    end = raw.rfind(b"PK\x05\x06")
    (offset,) = struct.unpack_from("<I", raw, end + 16)
    struct.pack_into("<I", raw, end + 16, offset + 256)
    with respx.mock() as mock:
        mock.get(url__startswith=BASE).mock(return_value=httpx.Response(200, content=bytes(raw)))
        with pytest.raises(DataError, match="zip"):
            FrenchProvider(fetcher=HttpFetcher("Ken French")).fetch("SMB")
