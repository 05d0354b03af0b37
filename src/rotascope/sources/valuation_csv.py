"""User valuation series: a small CSV layout, its reader, and where imported series live.

Layout (UTF-8, one observation per line, header required, columns in any order,
lines starting with ``#`` ignored)::

    date,symbol,metric,value,basis
    2024-07-31,RUT,pe_forward,24.1,ex_negative
    2024-07,SPX,pe_trailing,27.98,

``date``
    ``YYYY-MM-DD``, or ``YYYY-MM`` for a monthly value (stored at the month end).
``symbol``
    Any spelling the symbol registry knows (``^GSPC`` -> ``SPX``).
``metric``
    One of :data:`METRICS`: ``pe_trailing``, ``pe_forward``, ``cape``, ``price_sales``,
    ``price_book`` (ratios, must be positive), ``earnings``, ``earnings_forward``
    (per share, may be negative), ``dividends`` (per share, not negative), ``price``.
``value``
    A number; a blank or ``NA`` value skips the row with a warning.
``basis`` (optional)
    A free label that tells two versions of one metric apart (``operating``,
    ``gaap``, ``ex_negative``...); letters, digits and ``_`` only.

Each (symbol, metric, basis) becomes one :class:`~rotascope.sources.parsed.ParsedSeries`
with the id ``val:SYMBOL:METRIC[:BASIS]`` (``val:RUT:PE_FORWARD``), value in ``close``,
unit ``level``, format ``valuation``, label = the metric; :func:`split_valuation_symbol`
gives the parts back. Storing and loading them is the store's job
(:mod:`rotascope.store.valuations`); the data port serves them
(:meth:`rotascope.data.DataSource.valuation`).

Examples
--------
>>> valuation_symbol("^RUT", "pe_forward")
'RUT:PE_FORWARD'
>>> valuation_symbol("SPX", "earnings", "operating")
'SPX:EARNINGS:OPERATING'
>>> valuation_id("SPX", "cape")
'val:SPX:CAPE'
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from rotascope.errors import DataError
from rotascope.sources._io import read_lines
from rotascope.sources.parsed import ParsedSeries, finish_series
from rotascope.symbols import canonical

__all__ = [
    "METRICS",
    "RATIO_METRICS",
    "is_valuation_csv",
    "read_valuation_csv",
    "split_valuation_symbol",
    "valuation_id",
    "valuation_symbol",
]

#: Ratio metrics (must be positive).
RATIO_METRICS: tuple[str, ...] = ("pe_trailing", "pe_forward", "cape", "price_sales", "price_book")
#: Every metric the layout accepts.
METRICS: tuple[str, ...] = (
    *RATIO_METRICS,
    "earnings",
    "earnings_forward",
    "dividends",
    "price",
)
_REQUIRED = ("date", "symbol", "metric", "value")
_BASIS = re.compile(r"^[a-z0-9_]*$")
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def valuation_symbol(subject: str, metric: str, basis: str = "") -> str:
    """Name of a valuation series: ``SUBJECT:METRIC[:BASIS]`` in upper case."""
    parts = [canonical(subject), metric.upper()]
    if basis:
        parts.append(basis.upper())
    return ":".join(parts)


def valuation_id(subject: str, metric: str, basis: str = "") -> str:
    """Id of a stored valuation series: ``val:SUBJECT:METRIC[:BASIS]``."""
    return "val:" + valuation_symbol(subject, metric, basis)


def split_valuation_symbol(symbol: str) -> tuple[str, str, str]:
    """Inverse of :func:`valuation_symbol`: ``(subject, metric, basis)``, lower-case parts.

    A ``val:`` prefix is accepted.

    Examples
    --------
    >>> split_valuation_symbol("val:SPX:EARNINGS:OPERATING")
    ('SPX', 'earnings', 'operating')
    """
    if symbol[:4].lower() == "val:":
        symbol = symbol[4:]
    subject, _, rest = symbol.partition(":")
    metric, _, basis = rest.partition(":")
    if not subject or metric.lower() not in METRICS:
        raise ValueError(f"{symbol!r} is not SUBJECT:METRIC[:BASIS] with a known metric")
    return subject, metric.lower(), basis.lower()


def is_valuation_csv(header: Sequence[str]) -> bool:
    """True when a header (lower-case cells) has the valuation layout's columns."""
    return all(c in header for c in _REQUIRED)


def _parse_date(text: str, *, path: str, line: int) -> np.datetime64:
    m = _DATE.match(text.strip())
    if not m:
        raise DataError(f"date {text!r} is not YYYY-MM-DD or YYYY-MM", path=path, line=line)
    year, month, day = int(m[1]), int(m[2]), m[3]
    try:
        ts = pd.Timestamp(year, month, int(day) if day else 1)
    except ValueError:
        raise DataError(f"date {text!r} does not exist", path=path, line=line) from None
    if not day:
        ts = ts + pd.offsets.MonthEnd(0)
    return np.datetime64(ts.date(), "ns")


def read_valuation_csv(path: str | Path) -> list[ParsedSeries]:
    """Read a valuation CSV (see the module docstring for the layout).

    Parameters
    ----------
    path : str or Path
        The file.

    Returns
    -------
    list of ParsedSeries
        One per (symbol, metric, basis), in order of first appearance.

    Raises
    ------
    DataError
        With the path and the 1-based line: missing columns, unknown metric, bad date,
        value that is not a number, non-positive ratio, negative dividends, duplicate
        date within one series.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "v.csv"
    >>> _ = p.write_text("date,symbol,metric,value\\n2024-07,RUT,pe_forward,24.1\\n")
    >>> [s.symbol for s in read_valuation_csv(p)]
    ['val:RUT:PE_FORWARD']
    """
    p = str(path)
    lines = read_lines(path)
    numbered = [(i + 1, ln) for i, ln in enumerate(lines) if ln.strip() and not ln.startswith("#")]
    if not numbered:
        raise DataError("no header line", path=p)
    rows = list(csv.reader([ln for _, ln in numbered]))
    head_line = numbered[0][0]
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise DataError(
            f"header lacks {missing}; expected date,symbol,metric,value[,basis]",
            path=p,
            line=head_line,
        )
    col = {name: header.index(name) for name in (*_REQUIRED, "basis") if name in header}
    groups: dict[tuple[str, str, str], dict[str, list[Any]]] = {}
    warnings: list[str] = []
    for (line, _), row in zip(numbered[1:], rows[1:], strict=True):
        if len(row) < len(header):
            row = row + [""] * (len(header) - len(row))
        elif len(row) > len(header):
            raise DataError(f"{len(row)} fields, header has {len(header)}", path=p, line=line)
        subject = canonical(row[col["symbol"]])
        if not subject:
            raise DataError("symbol is empty", path=p, line=line)
        metric = row[col["metric"]].strip().lower()
        if metric not in METRICS:
            raise DataError(
                f"metric {metric!r} is not one of {', '.join(METRICS)}", path=p, line=line
            )
        basis = row[col["basis"]].strip().lower() if "basis" in col else ""
        if not _BASIS.match(basis):
            raise DataError(
                f"basis {basis!r} may hold only letters, digits and _", path=p, line=line
            )
        raw_value = row[col["value"]].strip()
        if raw_value.upper() in ("", "NA", "NAN", "N/A"):
            warnings.append(f"line {line}: no value, row skipped")
            continue
        try:
            value = float(raw_value)
        except ValueError:
            raise DataError(f"value is not a number: {raw_value!r}", path=p, line=line) from None
        if not np.isfinite(value):
            raise DataError(f"value is not finite: {raw_value!r}", path=p, line=line)
        if metric in RATIO_METRICS and value <= 0:
            raise DataError(
                f"{metric} must be positive, got {value:g} (drop periods with negative "
                "earnings, or import earnings instead)",
                path=p,
                line=line,
            )
        if metric == "dividends" and value < 0:
            raise DataError(f"dividends must not be negative, got {value:g}", path=p, line=line)
        g = groups.setdefault((subject, metric, basis), {"d": [], "raw": [], "v": [], "ln": []})
        g["d"].append(_parse_date(row[col["date"]], path=p, line=line))
        g["raw"].append(row[col["date"]])
        g["v"].append(value)
        g["ln"].append(line)
    if not groups:
        raise DataError("no data rows (header only?)", path=p)
    out = []
    for (subject, metric, basis), g in groups.items():
        s = finish_series(
            valuation_id(subject, metric, basis),
            np.array(g["d"], dtype="datetime64[ns]"),
            {"close": np.array(g["v"], dtype=np.float64)},
            np.array(g["ln"], dtype=np.int64),
            raw_dates=g["raw"],
            path=p,
            fmt="valuation",
            unit="level",
            warnings=warnings,
            label=metric,
        )
        out.append(s)
    return out
