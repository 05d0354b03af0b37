"""Importer fuzzing: every input imports correctly or raises one DataError naming the file.

Inputs go through :func:`rotascope.sources.read_file` and :meth:`Store.import_series`
exactly as ``rotascope data import`` sends them. For each input:

* the only exception allowed is :class:`~rotascope.errors.DataError`, whose ``path`` is
  the file (and whose ``line`` is the damaged line when one line is to blame);
* it answers within a time bound (a signal alarm turns a hang into a failure);
* after a failure the store file and its WAL are byte-for-byte what they were;
* after a success the store holds exactly the file's values (untouched rows at least).

The unmarked tests run a few dozen cases each; the ``reliability`` ones run hundreds
and the 10^6-row files.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from reliability_support import TALLY, deadline, store_digest, synthetic

from rotascope.errors import DataError
from rotascope.sources import read_file
from rotascope.store import Store

#: Seconds one small input may take (generous: the machine is shared).
BOUND = 30.0
QUICK = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
LONG = settings(QUICK, max_examples=400)

_names = itertools.count()
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le-nobom", "latin-1")
ENDINGS = ("\n", "\r\n", "\r")


class Fuzz:
    """A store (pre-filled with one series) and a folder of inputs for one test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.store = Store(root / "rotascope.duckdb", timeout=60)
        self.store.import_series([synthetic("BASE", 300, seed=1)])

    def path(self, stem: str | None = None, suffix: str = ".csv") -> Path:
        return self.root / f"{stem or f'F{next(_names)}'}{suffix}"

    def attempt(
        self, path: Path, *, bound: float = BOUND, symbol: str | None = None
    ) -> list | DataError:
        """Import ``path``; return the series or the DataError, checking the contract."""
        TALLY["fuzz cases"] += 1
        before = store_digest(self.store.path)
        try:
            with deadline(bound):
                series = read_file(path, symbol=symbol)
                self.store.import_series(series)
        except DataError as exc:
            TALLY["fuzz cases rejected with a DataError"] += 1
            assert exc.path == str(path), f"error does not name the file: {exc}"
            assert str(exc).startswith(str(path))
            assert store_digest(self.store.path) == before, "store changed after a failure"
            return exc
        TALLY["fuzz cases imported"] += 1
        return series


@pytest.fixture
def fuzz(tmp_path: Path) -> Fuzz:
    return Fuzz(tmp_path)


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-le-nobom":
        return text.encode("utf-16-le")
    return text.encode(encoding)


# -- random bytes and random CSV-like text --------------------------------------------

_csv_alphabet = st.sampled_from(
    [*"0123456789,,,,--..:/ eE+\"'\t\x00\xa0é€", "\n", "\r\n", "\r", "nan", "inf", "null"]
)
_headers = st.sampled_from(
    [
        "",
        "Date,Close\n",
        "Date,Open,High,Low,Close,Adj Close,Volume\n",
        "observation_date,XYZ\n",
        "date,value\n",
        "Price,Close,Price\nTicker,AAA,AAA\nDate,,\n",
        "Date,Close,ticker\n",
        "This file was created by CMPT_ME_BEME_RETS using the 202401 CRSP database.\n"
        ",Mkt-RF,SMB,HML,RF\n",
    ]
)
csv_like = st.builds(
    lambda head, body: head + body,
    _headers,
    st.lists(_csv_alphabet, max_size=300).map("".join),
)


def check_any(fuzz: Fuzz, raw: bytes, suffix: str = ".csv") -> None:
    path = fuzz.path(suffix=suffix)
    path.write_bytes(raw)
    out = fuzz.attempt(path)
    if isinstance(out, DataError):
        return
    for s in out:  # what the store holds for a new symbol is what the file said
        assert not s.frame.index.has_duplicates and s.frame.index.is_monotonic_increasing
        stored = fuzz.store.load(s.symbol, columns=list(s.frame.columns))
        if len(stored) == len(s.frame):
            pd.testing.assert_frame_equal(stored, s.frame, check_freq=False, check_names=False)
    assert fuzz.store.check().ok


@given(raw=st.binary(max_size=2000))
@example(raw=b"")
@example(raw=b"\xef\xbb\xbf")
@example(raw=b"\xff\xfe")
@example(raw=b"\n\n\r\n")
@example(raw=b"\x00" * 64)
@QUICK
def test_random_bytes(fuzz: Fuzz, raw: bytes) -> None:
    check_any(fuzz, raw)


@given(text=csv_like, encoding=st.sampled_from(ENCODINGS))
@example(text="Date,Close\n", encoding="utf-8")
@example(text="Date,Close", encoding="utf-16")
@example(text="Date,Close\r\r\r", encoding="utf-8")
@example(text="Date,Close\n2024-01-02,1\n2024-01-02,1\n", encoding="utf-8")
@QUICK
def test_random_csv_like_text(fuzz: Fuzz, text: str, encoding: str) -> None:
    try:
        raw = encode(text, encoding)
    except UnicodeEncodeError:
        assume(False)
    check_any(fuzz, raw)


@pytest.mark.reliability
@given(raw=st.binary(max_size=4000))
@LONG
def test_random_bytes_long(fuzz: Fuzz, raw: bytes) -> None:
    check_any(fuzz, raw)


@pytest.mark.reliability
@given(text=csv_like, encoding=st.sampled_from(ENCODINGS), suffix=st.sampled_from([".csv", ".txt"]))
@LONG
def test_random_csv_like_text_long(fuzz: Fuzz, text: str, encoding: str, suffix: str) -> None:
    try:
        raw = encode(text, encoding)
    except UnicodeEncodeError:
        assume(False)
    check_any(fuzz, raw, suffix)


# -- valid files, then one corrupted cell ---------------------------------------------

LAYOUTS = ("single", "named", "yahoo", "fred")
CORRUPT = (
    "abc",
    "",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1e309",
    "-1e309",
    "1e308",
    "-5",
    "0",
    "1,5",
    '"',
    '"7"',
    "0x10",
    "1_000",
    "١٢٣",
    "2024-13-45",
    "1000-01-01",
    "3000-01-01",
    "99999999",
    "2024-02-30",
    " 7 ",
    "7e",
    "\t",
)


@st.composite
def valid_files(draw: st.DrawFn) -> dict:
    n = draw(st.integers(1, 40))
    offsets = draw(st.lists(st.integers(0, 5000), min_size=n, max_size=n, unique=True))
    dates = pd.DatetimeIndex(
        sorted(pd.Timestamp("1990-01-01") + pd.Timedelta(days=o) for o in offsets), name="date"
    )
    values = draw(
        st.lists(
            st.one_of(
                st.floats(1e-6, 1e7, allow_nan=False),
                st.sampled_from([1e-300, 1.7976931348623157e308, 123456789012345.67]),
            ),
            min_size=n,
            max_size=n,
        )
    )
    return {
        "dates": dates,
        "values": values,
        "layout": draw(st.sampled_from(LAYOUTS)),
        "encoding": draw(st.sampled_from(ENCODINGS)),
        "ending": draw(st.sampled_from(ENDINGS)),
        "trailing": draw(st.booleans()),
        "shuffle": draw(st.none() | st.integers(0, 2**32 - 1)),  # seed: rows out of order
    }


def row_order(spec: dict) -> list[int]:
    """Original row index of each written row (dates out of order when shuffled)."""
    n = len(spec["values"])
    if spec["shuffle"] is None:
        return list(range(n))
    return [int(i) for i in np.random.default_rng(spec["shuffle"]).permutation(n)]


def render(spec: dict, symbol: str, corrupt: tuple[int, int, str] | None) -> tuple[str, str]:
    """CSV text and file stem for ``spec``; ``corrupt`` = (row, field, text) replaces a cell."""
    layout = spec["layout"]
    header = {
        "single": "Date,Close",
        "named": f"Date,{symbol}",
        "yahoo": "Date,Open,High,Low,Close,Adj Close,Volume",
        "fred": f"observation_date,{symbol}",
    }[layout]
    rows = []
    for i in row_order(spec):
        d, v = spec["dates"][i], spec["values"][i]
        cells = [f"{d:%Y-%m-%d}", repr(float(v))]
        if layout == "yahoo":
            cells = [cells[0], *[cells[1]] * 5, "1000"]
        rows.append(cells)
    if corrupt is not None:
        i, j, text = corrupt
        rows[i][min(j, len(rows[i]) - 1)] = text
    end = spec["ending"]
    body = end.join([header, *(",".join(r) for r in rows)]) + (end if spec["trailing"] else "")
    stem = symbol if layout in ("single", "yahoo") else f"any_{symbol}"
    return body, stem


def expected(spec: dict) -> pd.Series:
    """The close series the file holds, sorted by date."""
    return pd.Series(
        np.asarray(spec["values"], dtype=np.float64), index=spec["dates"].as_unit("ns")
    )


def write(fuzz: Fuzz, text: str, stem: str, encoding: str) -> Path | None:
    try:
        raw = encode(text, encoding)
    except UnicodeEncodeError:
        return None
    path = fuzz.path(stem)
    path.write_bytes(raw)
    return path


def check_valid(fuzz: Fuzz, spec: dict) -> None:
    symbol = f"V{next(_names)}"
    text, stem = render(spec, symbol, None)
    path = write(fuzz, text, stem, spec["encoding"])
    assert path is not None
    out = fuzz.attempt(path)
    if spec["encoding"] == "utf-16-le-nobom":  # cannot be told from binary: refused, line 1
        assert isinstance(out, DataError), "UTF-16 without BOM was accepted"
        assert out.line == 1 and "UTF-16" in out.message
        return
    assert not isinstance(out, DataError), f"a valid file was refused: {out}"
    [s] = out
    assert s.symbol in (symbol, f"fred:{symbol}")  # FRED layouts get the fred namespace
    stored = fuzz.store.load(s.symbol)["close"]
    want = expected(spec)
    np.testing.assert_array_equal(stored.index.to_numpy(), want.index.to_numpy())
    np.testing.assert_array_equal(stored.to_numpy(), want.to_numpy())


def check_corrupted(fuzz: Fuzz, spec: dict, row: int, field: int, text: str) -> None:
    symbol = f"C{next(_names)}"
    n = len(spec["values"])
    row %= n
    body, stem = render(spec, symbol, (row, field, text))
    line = row + 2  # the header is line 1
    path = write(fuzz, body, stem, spec["encoding"])
    if path is None:  # "١٢٣" has no Latin-1 form
        return
    out = fuzz.attempt(path)
    if isinstance(out, DataError):
        TALLY["corrupted cells rejected"] += 1
        if spec["encoding"] == "utf-16-le-nobom":  # refused as UTF-16 or as bad UTF-8
            assert out.line in (1, line), out
        else:  # the damaged line is named (duplicates name both lines)
            assert out.line == line or f"line {line}" in out.message, out
        return
    TALLY["corrupted cells accepted"] += 1
    assert spec["encoding"] != "utf-16-le-nobom"
    # Accepted: every untouched row is stored exactly; only the damaged row may differ.
    want = expected(spec)
    damaged = spec["dates"][row_order(spec)[row]]
    stored = fuzz.store.load(out[0].symbol)["close"]
    assert len(stored) in (n, n - 1)
    common = want[want.index != damaged]
    np.testing.assert_array_equal(stored.reindex(common.index).to_numpy(), common.to_numpy())


@given(spec=valid_files())
@settings(QUICK, max_examples=8)
def test_valid_files_import_exactly(fuzz: Fuzz, spec: dict) -> None:
    check_valid(fuzz, spec)


@given(
    spec=valid_files(),
    row=st.integers(0, 100),
    field=st.integers(0, 6),
    text=st.sampled_from(CORRUPT),
)
@settings(QUICK, max_examples=15)
def test_one_corrupted_cell(fuzz: Fuzz, spec: dict, row: int, field: int, text: str) -> None:
    check_corrupted(fuzz, spec, row, field, text)


@pytest.mark.reliability
@given(spec=valid_files())
@LONG
def test_valid_files_import_exactly_long(fuzz: Fuzz, spec: dict) -> None:
    check_valid(fuzz, spec)


@pytest.mark.reliability
@given(
    spec=valid_files(),
    row=st.integers(0, 100),
    field=st.integers(0, 6),
    text=st.sampled_from(CORRUPT) | st.text(max_size=8).filter(lambda t: not set(t) & {"\r", "\n"}),
)
@LONG
def test_one_corrupted_cell_long(fuzz: Fuzz, spec: dict, row: int, field: int, text: str) -> None:
    check_corrupted(fuzz, spec, row, field, text)


# -- named edge cases ---------------------------------------------------------------

EDGES = {
    "zero-byte": b"",
    "header only": b"Date,Close\n",
    "header only CR": b"Date,Close\r",
    "header only UTF-16": "Date,Close\r\n".encode("utf-16"),
    "BOM only": b"\xef\xbb\xbf",
    "blank lines only": b"\n \n\t\n",
    "NaN value": b"Date,Close\n2024-01-02,1\n2024-01-03,NaN\n",
    "inf value": b"Date,Close\n2024-01-02,1\n2024-01-03,inf\n",
    "overflowing value": b"Date,Close\n2024-01-02,1\n2024-01-03,1e999\n",
    "year 1000": b"Date,Close\n1000-01-02,1\n",
    "year 3000": b"Date,Close\n2024-01-02,1\n3000-01-03,1\n",
    "month past 2262": b"Date,Close\n202401,1\n226205,1\n",
    "unclosed quote": b'Date,Close\n2024-01-02,1\n2024-01-03,"2\n2024-01-04,3\n',
    "quoted line break": b'Date,Close\n2024-01-02,1\n"2024-01-03,2\n2024-01-04",3\n',
    "Latin-1 byte": b"Date,Close\r2024-01-02,1\r2024-01-03,\xa32\r",
    "duplicate date": b"Date,Close\n2024-01-02,1\n2024-01-03,2\n2024-01-02,3\n",
}
EDGE_LINES = {
    "NaN value": 3,
    "inf value": 3,
    "overflowing value": 3,
    "year 1000": 2,
    "year 3000": 3,
    "month past 2262": 3,
    "unclosed quote": 3,
    "quoted line break": 3,
    "Latin-1 byte": 3,
    "duplicate date": 4,
}


@pytest.mark.parametrize("name", list(EDGES))
def test_edge_files_are_refused_with_the_line(fuzz: Fuzz, name: str) -> None:
    path = fuzz.path()
    path.write_bytes(EDGES[name])
    out = fuzz.attempt(path)
    assert isinstance(out, DataError), f"{name} was accepted"
    if name in EDGE_LINES:
        assert out.line == EDGE_LINES[name], out


def test_dates_out_of_order_are_sorted(fuzz: Fuzz) -> None:
    path = fuzz.path("ORD")
    path.write_bytes(b"Date,Close\r\n2024-07-16,2263.67\r\n2024-07-09,2029.47\r\n")
    [s] = fuzz.attempt(path)
    assert any("not in ascending order" in w for w in s.warnings)
    stored = fuzz.store.load("ORD")["close"]
    assert list(stored.index.strftime("%Y-%m-%d")) == ["2024-07-09", "2024-07-16"]
    assert stored.tolist() == [2029.47, 2263.67]


def test_failing_store_import_leaves_the_file_unchanged(fuzz: Fuzz) -> None:
    """A file that reads fine but clashes with the store (unit) rolls back to the same bytes."""
    path = fuzz.path("any_BASE")
    path.write_text("observation_date,BASE\n2024-01-02,-1.5\n")  # FRED: fred:BASE, a level
    # under its own name it could not clash (namespaces); named BASE, it meets the price
    out = fuzz.attempt(path, symbol="BASE")
    assert isinstance(out, DataError) and "unit" in out.message


# -- 10^6-row files -----------------------------------------------------------------


@pytest.mark.reliability
def test_million_rows_past_2262_are_refused_in_bounded_time(fuzz: Fuzz) -> None:
    """10^6 daily rows cannot fit 1677-2262: the first impossible date is named."""
    n = 1_000_000
    days = np.datetime64("1700-01-01", "D") + np.arange(n)
    values = (1 + np.arange(n) % 997).astype(str)
    path = fuzz.path("BIG")
    body = np.char.add(np.char.add(np.datetime_as_string(days), ","), values)
    path.write_text("Date,Close\n" + "\n".join(body.tolist()) + "\n")
    out = fuzz.attempt(path, bound=600)
    assert isinstance(out, DataError)
    first_bad = int(np.flatnonzero(days > np.datetime64("2262-04-11"))[0])
    assert out.line == first_bad + 2, out


@pytest.mark.reliability
def test_million_values_import_exactly(fuzz: Fuzz) -> None:
    """200,000 daily rows x 5 series = 10^6 values, stored exactly, within a bound."""
    n, k = 200_000, 5
    days = np.datetime64("1700-01-01", "D") + np.arange(n)
    rng = np.random.default_rng(7)
    values = np.round(rng.uniform(1, 1e6, (n, k)), 6)
    frame = pd.DataFrame(values, columns=[f"M{j}" for j in range(k)])
    frame.insert(0, "Date", np.datetime_as_string(days))
    path = fuzz.path("MANY")
    frame.to_csv(path, index=False, lineterminator="\r\n", float_format="%.17g")
    out = fuzz.attempt(path, bound=600)
    assert not isinstance(out, DataError), out
    assert sorted(s.symbol for s in out) == [f"M{j}" for j in range(k)]
    for j in range(k):
        stored = fuzz.store.load(f"M{j}")["close"]
        assert len(stored) == n
        np.testing.assert_array_equal(stored.to_numpy(), values[:, j])
        assert stored.index[0] == pd.Timestamp("1700-01-01")
