"""Detect a file's format and read it: :func:`read_file`.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "RUT_close.csv"
>>> _ = p.write_text("Date,^RUT\\n2024-07-09,2029.47\\n2024-07-16,2263.67\\n")
>>> [s] = read_file(p)
>>> s.symbol, s.format, float(s.frame["close"].iloc[-1])
('RUT', 'single_column', 2263.67)
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Literal

from rotascope.errors import DataError
from rotascope.sources._io import read_lines
from rotascope.sources.csvfiles import DATE_NAMES, read_dated_csv, read_yfinance_multiheader
from rotascope.sources.french import is_french, read_french
from rotascope.sources.parquet import is_export, read_export
from rotascope.sources.parsed import ParsedSeries
from rotascope.symbols import info, series_id, split_id, ticker_id

__all__ = [
    "FORMATS",
    "UnrecognisedFormatError",
    "detect_format",
    "read_file",
    "read_series_lines",
]

#: Format names :func:`read_file` can report.
FORMATS: tuple[str, ...] = (
    "yahoo",
    "ohlc_dividends",
    "yfinance_history",
    "yfinance_multiheader",
    "single_column",
    "fred",
    "french",
)


class UnrecognisedFormatError(DataError):
    """A file that is not any of the dated formats rotascope reads (folder imports skip it)."""


def detect_format(lines: list[str]) -> tuple[str, int]:
    """Return ``(family, header_line)`` for decoded ``lines``.

    ``family`` is ``"yfinance_multiheader"``, ``"dated_csv"`` or ``"french"``; the
    precise format name comes with the parsed series.
    """
    first = next((i for i, x in enumerate(lines) if x.strip()), 0)
    head = lines[first].lstrip("\ufeff")
    key = head.split(",", 1)[0].strip().lower().replace("_", "").replace(" ", "")
    if key == "price" and "," in head:
        return "yfinance_multiheader", first
    if key in DATE_NAMES and "," in head:
        return "dated_csv", first
    if is_french(lines):
        return "french", 0
    raise UnrecognisedFormatError(
        "unrecognised format: expected a header starting with Date (Yahoo, FRED), "
        "yfinance 'Price,...' rows, or a Ken French data library CSV",
        path=None,
        line=first + 1,
    )


def read_file(
    path: str | os.PathLike[str],
    *,
    symbol: str | None = None,
    column: Literal["close", "adj_close"] | None = None,
) -> list[ParsedSeries]:
    """Read one data file, detecting its format.

    Parameters
    ----------
    path : str or PathLike
        The file.
    symbol : str, optional
        Symbol to use instead of the one found in the file (files with one series only).
    column : {"close", "adj_close"}, optional
        For single-value files, the column the value goes into (default ``close``).
        For files with both, both are kept; asking for ``adj_close`` on a file without
        an adjusted close is an error.

    Returns
    -------
    list of ParsedSeries
        One per symbol in the file (most files hold one).

    Raises
    ------
    DataError
        Anything wrong with the file, naming the file, line and problem.
    """
    if is_export(path):  # a Parquet folder written by `rotascope data export --parquet`
        return read_export(path)
    return read_series_lines(read_lines(Path(path)), str(Path(path)), symbol=symbol, column=column)


def read_series_lines(
    lines: list[str],
    name: str,
    *,
    symbol: str | None = None,
    column: Literal["close", "adj_close"] | str | None = None,
) -> list[ParsedSeries]:
    """:func:`read_file` on lines already read (``name`` is the file, for messages)."""
    col = column or "close"
    if col not in ("close", "adj_close"):
        raise DataError(f"column must be 'close' or 'adj_close', not {column!r}", path=name)
    try:
        family, header = detect_format(lines)
    except UnrecognisedFormatError as exc:
        raise UnrecognisedFormatError(exc.message, path=name, line=exc.line) from None
    if family == "yfinance_multiheader":
        series = read_yfinance_multiheader(lines[header:], name, column=col)
        if header:  # leading blank lines shift line numbers; re-read with them kept
            series = read_yfinance_multiheader(lines, name, column=col)
    elif family == "dated_csv":
        series = read_dated_csv(lines, name, column=col, header_line=header)
    else:
        series = read_french(lines, name, column=col)
    if symbol is not None:
        if len(series) != 1:
            found = ", ".join(s.symbol for s in series)
            raise DataError(
                f"file holds {len(series)} series ({found}); --symbol applies to one-series files",
                path=name,
            )
        series = [_renamed(series[0], symbol)]
    return series


def _renamed(s: ParsedSeries, symbol: str) -> ParsedSeries:
    """``s`` under the id the user asked for (``--symbol``), with the matching unit.

    A name with a namespace is taken as written (``fred:DGS10``); a price file gives a
    ticker (``--symbol RF`` on ``Date,Close`` is the stock, never the factor); anything
    else goes through the registry (``--symbol DGS10`` on a FRED file is ``fred:DGS10``).
    """
    if split_id(symbol)[0]:
        sid = series_id(symbol)
    elif s.unit == "price" and s.format != "fred":
        sid = ticker_id(symbol)
    else:
        sid = series_id(symbol)
    known = info(sid)
    registered = known.name != known.symbol
    unit = known.unit if registered and s.format != "french" else s.unit
    return dataclasses.replace(s, symbol=sid, unit=unit)
