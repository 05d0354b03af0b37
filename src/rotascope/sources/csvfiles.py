"""Readers for dated CSV files: Yahoo, single/several value columns, FRED, yfinance layouts.

Each reader takes the decoded lines of one file and returns a list of
:class:`~rotascope.sources.parsed.ParsedSeries`.

Examples
--------
>>> from rotascope.sources.csvfiles import read_dated_csv
>>> [s.symbol for s in read_dated_csv(["Date,^RUT", "2024-07-16,2263.67"], "RUT_close.csv")]
['RUT']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rotascope.errors import DataError
from rotascope.sources._table import Rows, parse_dates, parse_rows
from rotascope.sources.parsed import ParsedSeries, finish_series
from rotascope.symbols import info, series_id, ticker_id

__all__ = ["DATE_NAMES", "read_dated_csv", "read_yfinance_multiheader", "symbol_from_path"]

#: Header names accepted for the date column (compared lower-case, without spaces/_).
DATE_NAMES = frozenset({"date", "observationdate", "datetime", "day", "timestamp"})

_KNOWN: dict[str, str | None] = {
    "open": "open",
    "high": "high",
    "low": "low",
    "close": "close",
    "adjclose": "adj_close",
    "adjustedclose": "adj_close",
    "volume": "volume",
    "dividends": "dividends",
    "stocksplits": None,  # ignored
    "capitalgains": None,  # ignored
}
_GENERIC_VALUE = frozenset({"close", "value", "price", "adjclose", "adj_close", "last"})
_PRICE_NAMES = frozenset({"close", "price", "adjclose", "adjustedclose", "last"})
_STEM_SUFFIX = re.compile(r"[_\-. ](close|closes|ohlc|daily|prices?|data|history)$", re.I)
_YAHOO_NA = ("", "null")
_SINGLE_NA = ("", ".", "null")


def _key(name: str) -> str:
    return re.sub(r"[\s_]+", "", name.strip().lower())


def symbol_from_path(path: str | Path, fmt: str = "") -> str:
    """Guess a series id from a file name (``BRK-B.csv`` -> BRK-B, ``SPY_close.csv`` -> SPY).

    A FRED file (``fmt == "fred"``) gives a ``fred:`` id (``CPIAUCSL.csv`` ->
    ``fred:CPIAUCSL``); anything else a ticker.
    """
    stem = Path(path).stem
    stem = _STEM_SUFFIX.sub("", stem) or stem
    return f"fred:{stem.strip().upper()}" if fmt == "fred" else ticker_id(stem)


def _column_id(name: str, fmt: str) -> str:
    """The id of a value column named ``name`` (``^RUT`` -> RUT, ``FEDFUNDS`` -> fred:FEDFUNDS)."""
    if fmt == "fred":
        return f"fred:{name.strip().upper()}"
    sid = series_id(name)
    return sid if info(name).name != info(name).symbol else ticker_id(name)


def _unit_for(symbol: str, fmt: str, *, prices: bool = False) -> str:
    """Unit of a series: a price layout holds prices, else the registry's unit.

    ``prices`` is True for OHLC layouts and one-value files whose column says Close/Price:
    a stock named like a factor (``RF.csv``, Regions Financial) is a price series with the
    ticker id ``RF``, never the Fama-French ``ff:RF``. FRED series the registry does not
    know are levels (no positivity check).
    """
    if prices:
        return "price"
    known = info(symbol)
    if known.name != known.symbol:  # registered
        return known.unit
    return "level" if fmt == "fred" else "price"


def _last_row_volume_warning(dates: np.ndarray, volume: np.ndarray) -> list[str]:
    """Warn when the last row's volume is far below the recent median (partial session)."""
    v = volume[~np.isnan(volume)]
    if v.size < 21 or v[-1] <= 0:
        return []
    med = float(np.median(v[-21:-1]))
    if med > 0 and v[-1] < 0.5 * med:
        last = np.datetime_as_string(np.max(dates), unit="D")
        return [
            f"last row ({last}) has volume {v[-1]:,.0f}, under half the median of the 20 "
            f"rows before ({med:,.0f}): it may be a partial session"
        ]
    return []


def _blank_rows(
    rows: Rows, fields: Sequence[int], *, path: str, names: Sequence[str], allow_partial: bool
) -> np.ndarray:
    """Return a mask of rows to keep; all-blank rows are dropped, partial blanks raise."""
    vals = rows.values[:, [j - 1 for j in fields]]
    nan = np.isnan(vals)
    all_blank = nan.all(axis=1)
    partial = nan.any(axis=1) & ~all_blank
    if partial.any() and not allow_partial:
        i = int(np.flatnonzero(partial)[0])
        j = int(np.flatnonzero(nan[i])[0])
        raise DataError(f"{names[fields[j]]} is blank", path=path, line=int(rows.lines[i]))
    return ~all_blank


def _series_from_fields(
    rows: Rows,
    mapping: dict[str, int],
    *,
    symbol: str,
    path: str,
    fmt: str,
    names: Sequence[str],
    warnings: list[str],
    dates: np.ndarray | None = None,
) -> ParsedSeries:
    keep = _blank_rows(rows, list(mapping.values()), path=path, names=names, allow_partial=False)
    if not keep.any():
        raise DataError(
            f"no values for {symbol}: every row is blank", path=path, line=int(rows.lines[0])
        )
    dropped = int((~keep).sum())
    if dropped:
        first = int(rows.lines[np.flatnonzero(~keep)[0]])
        warnings.append(f"{dropped} rows without any value skipped (first on line {first})")
    d = parse_dates(rows.raw_dates) if dates is None else dates
    cols = {c: rows.values[keep, j - 1] for c, j in mapping.items()}
    unit = _unit_for(symbol, fmt, prices=True)
    if "volume" in cols:
        warnings.extend(_last_row_volume_warning(d[keep], cols["volume"]))
    return finish_series(
        symbol,
        d[keep],
        cols,
        rows.lines[keep],
        raw_dates=rows.raw_dates[keep],
        path=path,
        fmt=fmt,
        unit=unit,
        warnings=warnings,
    )


def _data_stop(lines: Sequence[str], start: int) -> int:
    stop = len(lines)
    while stop > start and not lines[stop - 1].strip():
        stop -= 1
    return stop


def read_dated_csv(
    lines: Sequence[str], path: str, *, column: str = "close", header_line: int = 0
) -> list[ParsedSeries]:
    """Read a CSV whose header starts with a date column.

    Handles Yahoo (``Date,Open,High,Low,Close,Adj Close,Volume``), ``AdjClose`` +
    ``Dividends`` layouts, yfinance ``history()`` files (``ticker`` column, UTC offsets,
    adjusted prices), FRED (``observation_date,DGS10``, ``date,value``) and one or more
    value columns (``Date,^RUT``; ``Date,Close`` takes its symbol from the file name).

    Parameters
    ----------
    lines : sequence of str
        Decoded lines of the file.
    path : str
        File name (messages, symbol guess).
    column : {"close", "adj_close"}
        Column that receives the value of a single-value file.
    header_line : int
        0-based index of the header line.

    Returns
    -------
    list of ParsedSeries
    """
    header = [h.strip() for h in lines[header_line].split(",")]
    start, stop = header_line + 1, _data_stop(lines, header_line + 1)
    if stop <= start:
        raise DataError("header only, no data rows", path=path, line=header_line + 1)
    keys = [_key(h) for h in header]
    ticker_fields = [j for j, k in enumerate(keys) if k in ("ticker", "symbol") and j > 0]
    known = {j: _KNOWN[k] for j, k in enumerate(keys) if j > 0 and k in _KNOWN}
    others = [j for j in range(1, len(keys)) if j not in known and j not in ticker_fields]
    fred = keys[0] == "observationdate" or (keys[0] == "date" and header[0] == "date")
    warnings: list[str] = []

    valued = [
        j for j in range(1, len(keys)) if j not in ticker_fields and known.get(j, "") is not None
    ]
    if len(valued) == 1 and not ticker_fields:  # Date,Close / Date,^RUT / date,value
        others, known = valued, {}
    if {"close", "adj_close"} & {c for c in known.values() if c} and not others:
        na = _YAHOO_NA
        rows = parse_rows(
            lines, start, stop, header, path=path, na_tokens=na, text_fields=ticker_fields
        )
        mapping = {c: j for j, c in known.items() if c is not None}
        if ticker_fields:
            fmt = "yfinance_history"
            tick = {t for t in rows.texts[ticker_fields[0]] if t}
            if len(tick) != 1:
                raise DataError(
                    f"file mixes several tickers ({', '.join(sorted(tick))})", path=path
                )
            symbol = ticker_id(tick.pop())
            if "adj_close" not in mapping:
                mapping["adj_close"] = mapping["close"]
                warnings.append(
                    "yfinance history(): prices are dividend- and split-adjusted; "
                    "close and adj_close both hold the adjusted close"
                )
        else:
            fmt = "ohlc_dividends" if "dividends" in mapping else "yahoo"
            symbol = symbol_from_path(path)
        if column == "adj_close" and "adj_close" not in mapping:
            raise DataError("no adjusted close column in this file; use --column close", path=path)
        return [
            _series_from_fields(
                rows, mapping, symbol=symbol, path=path, fmt=fmt, names=header, warnings=warnings
            )
        ]

    if not others:
        raise DataError(
            f"no value column in header {lines[header_line]!r}", path=path, line=header_line + 1
        )
    # One or several value columns: one series each.
    rows = parse_rows(lines, start, stop, header, path=path, na_tokens=_SINGLE_NA)
    dates = parse_dates(rows.raw_dates)
    fmt = "fred" if fred else "single_column"
    out = []
    for j in others:
        name = header[j]
        symbol = (
            symbol_from_path(path, fmt)
            if _key(name) in _GENERIC_VALUE or not name
            else _column_id(name, fmt)
        )
        keep = ~np.isnan(rows.values[:, j - 1])
        if not keep.any():
            raise DataError(
                f"no values for {symbol}: every {name or 'value'} is blank",
                path=path,
                line=int(rows.lines[0]),
            )
        warn: list[str] = []
        dropped = int((~keep).sum())
        unit = _unit_for(symbol, fmt, prices=_key(name) in _PRICE_NAMES)
        if dropped and unit == "price":
            first = int(rows.lines[np.flatnonzero(~keep)[0]])
            warn.append(f"{dropped} rows with a blank value skipped (first on line {first})")
        out.append(
            finish_series(
                symbol,
                dates[keep],
                {column: rows.values[keep, j - 1]},
                rows.lines[keep],
                raw_dates=rows.raw_dates[keep],
                path=path,
                fmt=fmt,
                unit=unit,
                warnings=warn,
                label=name,
            )
        )
    return out


def read_yfinance_multiheader(
    lines: Sequence[str], path: str, *, column: str = "close"
) -> list[ParsedSeries]:
    """Read ``yfinance.download(...).to_csv()`` files (``Price``/``Ticker``/``Date`` rows).

    The first row names the fields; a second ``Price`` in it (ETF files) is the
    dividend-adjusted close. ``Ticker`` rows (possibly repeated) give the symbol of each
    column; files with several tickers give one series per ticker.
    """
    fields = [h.strip() for h in lines[0].split(",")]
    i = 1
    tickers: list[str] | None = None
    while i < len(lines) and lines[i].split(",", 1)[0].strip().lower() == "ticker":
        row = [t.strip() for t in lines[i].split(",")]
        if tickers is not None and row != tickers:
            raise DataError("Ticker rows disagree", path=path, line=i + 1)
        tickers = row
        i += 1
    if i < len(lines) and lines[i].split(",", 1)[0].strip().lower() == "date":
        i += 1
    if tickers is None:
        tickers = ["", *[symbol_from_path(path)] * (len(fields) - 1)]
    if len(tickers) != len(fields):
        raise DataError("Ticker row and Price row have different lengths", path=path, line=2)
    start, stop = i, _data_stop(lines, i)
    if stop <= start:
        raise DataError("header only, no data rows", path=path, line=start)
    names = ["Date", *[f"{f} ({t})" for f, t in zip(fields[1:], tickers[1:], strict=True)]]
    rows = parse_rows(lines, start, stop, names, path=path, na_tokens=_YAHOO_NA)
    dates = parse_dates(rows.raw_dates)
    by_ticker: dict[str, dict[str, int]] = {}
    for j in range(1, len(fields)):
        k = _key(fields[j])
        col = "adj_close" if k == "price" else _KNOWN.get(k)
        if col is None:
            continue
        dest = by_ticker.setdefault(tickers[j], {})
        if col in dest:
            raise DataError(
                f"column {fields[j]!r} appears twice for {tickers[j]}", path=path, line=1
            )
        dest[col] = j
    out = []
    for ticker, mapping in by_ticker.items():
        if column == "adj_close" and "adj_close" not in mapping:
            raise DataError("no adjusted close column in this file; use --column close", path=path)
        out.append(
            _series_from_fields(
                rows,
                mapping,
                symbol=ticker_id(ticker) if ticker else symbol_from_path(path),
                path=path,
                fmt="yfinance_multiheader",
                names=names,
                warnings=[],
                dates=dates,
            )
        )
    return out
