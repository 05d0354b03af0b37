"""Intraday bars (one-minute, five-minute...) from the CSV layouts yfinance writes.

Two layouts, both with timestamps that carry their UTC offset
(``2024-07-16 09:30:00-04:00``):

- one header row: ``Datetime,Open,High,Low,Close,Adj Close,Volume`` (older yfinance,
  ``Ticker.history(...).to_csv()``);
- three header rows, ``Price,...`` / ``Ticker,...`` / ``Datetime,,,`` (newer
  ``yfinance.download(...).to_csv()``), one or several tickers.

Each bar keeps its instant (stored in UTC) and its *session*: the calendar date of the
bar in the offset the file gives, so a US bar at 15:59-04:00 belongs to that day's
session whatever the reader's time zone.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "AAPL_1m.csv"
>>> _ = p.write_text("Datetime,Open,High,Low,Close,Adj Close,Volume\\n"
...     "2024-07-16 09:30:00-04:00,1,1,1,1,1,100\\n2024-07-16 09:31:00-04:00,1,2,1,2,2,50\\n")
>>> [b] = read_bars(p)
>>> b.symbol, b.interval, str(b.frame.index[0]), str(b.frame["session"].iloc[0].date())
('AAPL', 60, '2024-07-16 13:30:00+00:00', '2024-07-16')
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rotascope.errors import DataError
from rotascope.sources._io import read_lines

__all__ = ["BAR_COLUMNS", "ParsedBars", "is_intraday", "read_bars"]

#: Value columns of a bar, in storage order.
BAR_COLUMNS: tuple[str, ...] = ("open", "high", "low", "close", "adj_close", "volume")

_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_FIELDS = {
    "open": "open",
    "high": "high",
    "low": "low",
    "close": "close",
    "adjclose": "adj_close",
    "volume": "volume",
}
_TIME_NAMES = ("datetime", "timestamp", "date")


@dataclass(frozen=True)
class ParsedBars:
    """One symbol's intraday bars read from a file.

    Attributes
    ----------
    symbol : str
        Canonical symbol.
    frame : pandas.DataFrame
        Index ``timestamp`` (UTC, sorted, unique); float64 columns among
        :data:`BAR_COLUMNS`, and ``session`` (datetime64 dates, the local trading day).
    interval : int
        Bar length in seconds (the most common step between bars of one session).
    source : str
        The file.
    """

    symbol: str
    frame: pd.DataFrame
    interval: int
    source: str

    @property
    def rows(self) -> int:
        """Number of bars."""
        return len(self.frame)


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def is_intraday(lines: list[str]) -> bool:
    """True when the lines look like intraday bars: a time of day other than midnight.

    Examples
    --------
    >>> is_intraday(["Datetime,Close", "2024-07-16 09:30:00-04:00,1.0"])
    True
    >>> is_intraday(["Date,Close", "2024-07-16,1.0"])
    False
    """
    seen = 0
    for line in lines[:60]:
        first = line.split(",", 1)[0].strip()
        m = _STAMP.match(first)
        if m is None:
            continue
        seen += 1
        if (m.group(1), m.group(2)) != ("00", "00"):
            return True
        if seen > 20:
            break
    return False


def _header(lines: list[str], path: str) -> tuple[list[str], list[str], int]:
    """Field names, ticker per column, and the first data line."""
    first = next((i for i, x in enumerate(lines) if x.strip()), 0)
    fields = [f.strip().lstrip("\ufeff") for f in lines[first].split(",")]
    head = _key(fields[0])
    if head == "price":
        i = first + 1
        tickers = [""] * len(fields)
        while i < len(lines) and _key(lines[i].split(",", 1)[0]) == "ticker":
            tickers = [t.strip() for t in lines[i].split(",")]
            i += 1
        if i < len(lines) and _key(lines[i].split(",", 1)[0]) in _TIME_NAMES:
            i += 1
        if len(tickers) != len(fields):
            raise DataError("Ticker row and Price row have different lengths", path=path)
        return fields, tickers, i
    if head not in _TIME_NAMES:
        raise DataError(
            "not an intraday bar file: expected a header starting with Datetime "
            "(yfinance) or Price/Ticker/Datetime rows",
            path=path,
            line=first + 1,
        )
    return fields, [""] * len(fields), first + 1


def _stamps(raw: pd.Series, path: str, first_line: int) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """UTC instants and local session dates of the raw timestamp strings."""
    text = raw.astype(str).str.strip()
    bad = ~text.str.match(_STAMP.pattern)
    if bad.any():
        k = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataError(
            f"not a timestamp: {text.iloc[k]!r} (expected 2024-07-16 09:30:00-04:00)",
            path=path,
            line=first_line + k,
        )
    offsets = text.str.extract(r"(Z|[+-]\d{2}:?\d{2})$")[0]
    if offsets.isna().any():
        k = int(np.flatnonzero(offsets.isna().to_numpy())[0])
        raise DataError(
            f"timestamp {text.iloc[k]!r} has no UTC offset; intraday bars need one "
            "(as yfinance writes: 2024-07-16 09:30:00-04:00)",
            path=path,
            line=first_line + k,
        )
    utc = pd.to_datetime(text, utc=True, format="ISO8601")
    local_clock = pd.to_datetime(text.str.replace(r"(Z|[+-]\d{2}:?\d{2})$", "", regex=True))
    sessions = local_clock.dt.normalize().to_numpy("datetime64[ns]")
    return pd.DatetimeIndex(utc, name="timestamp"), sessions


def _interval(index: pd.DatetimeIndex, sessions: np.ndarray) -> int:
    if len(index) < 2:
        return 60
    steps = np.diff(index.as_unit("s").asi8)
    same = sessions[1:] == sessions[:-1]
    steps = steps[same & (steps > 0)]
    if steps.size == 0:
        return 60
    values, counts = np.unique(steps, return_counts=True)
    return int(values[np.argmax(counts)])


def read_bars(path: str | os.PathLike[str], *, symbol: str | None = None) -> list[ParsedBars]:
    """Read an intraday bar file (yfinance layouts), one :class:`ParsedBars` per ticker.

    Parameters
    ----------
    path : str or PathLike
        The CSV file.
    symbol : str, optional
        Symbol for a one-ticker file (default: the Ticker row, else the file name).

    Raises
    ------
    DataError
        A missing offset, a bad timestamp or number, duplicate timestamps, or a file
        that is not a bar file, naming the file and line.
    """
    from rotascope.sources.csvfiles import symbol_from_path
    from rotascope.symbols import canonical

    p = Path(path)
    name = str(p)
    lines = read_lines(p)
    fields, tickers, start = _header(lines, name)
    body = "\n".join(line for line in lines[start:] if line.strip())
    if not body:
        raise DataError("header only, no bars", path=name, line=start)
    table = pd.read_csv(io.StringIO(body), header=None, dtype=str, keep_default_na=False)
    if table.shape[1] != len(fields):
        raise DataError(
            f"rows have {table.shape[1]} fields, the header {len(fields)}",
            path=name,
            line=start + 1,
        )
    index, sessions = _stamps(table[0], name, start + 1)
    by_ticker: dict[str, dict[str, int]] = {}
    for j in range(1, len(fields)):
        col = _FIELDS.get(_key(fields[j]))
        if col is not None:
            by_ticker.setdefault(tickers[j], {})[col] = j
    if not any("close" in cols for cols in by_ticker.values()):
        raise DataError("no Close column in this bar file", path=name, line=start)
    if symbol is not None and len(by_ticker) > 1:
        raise DataError("--symbol applies to one-ticker files", path=name)
    order = np.argsort(index.asi8, kind="stable")
    dup = np.diff(index.asi8[order]) == 0
    if dup.any():
        k = int(order[1:][dup][0])
        raise DataError(
            f"timestamp {table[0].iloc[k]} appears twice", path=name, line=start + 1 + k
        )
    out = []
    for ticker, cols in by_ticker.items():
        data = {}
        for col, j in cols.items():
            raw = table[j].str.strip().replace({"": "nan", "null": "nan", "NaN": "nan"})
            values = pd.to_numeric(raw, errors="coerce")
            bad = values.isna() & (raw.str.lower() != "nan")
            if bad.any():
                k = int(np.flatnonzero(bad.to_numpy())[0])
                raise DataError(
                    f"{fields[j]} is not a number: {table[j].iloc[k]!r}",
                    path=name,
                    line=start + 1 + k,
                )
            data[col] = values.to_numpy(dtype=np.float64)
        frame = pd.DataFrame(data, index=index).iloc[order]
        frame = frame[[c for c in BAR_COLUMNS if c in frame.columns]]
        frame["session"] = sessions[order]
        frame = frame[frame["close"].notna()] if "close" in frame else frame
        sym = canonical(symbol or ticker or symbol_from_path(p).split("_")[0])
        out.append(
            ParsedBars(sym, frame, _interval(frame.index, frame["session"].to_numpy()), name)
        )
    return out
