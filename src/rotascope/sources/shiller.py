"""Reader for Robert Shiller's monthly S&P composite file (the ``ie_data`` sheet as CSV).

The file has a multi-row Excel header (7 lines in the shared copy, the last one starting
with ``Date,P,D,E,CPI``), dates written as *numbers* ``YYYY.MM`` so that October is
``YYYY.1`` (``2023.1`` is October 2023, ``2023.01`` January 2023), blank recent earnings
and dividends, ``NA`` in the first ten years of CAPE and a trailing notes row.

Dates are read from the raw text, never through ``float`` (which would make
``2023.1 == 2023.10``), and checked against the ``Fraction`` column
(``year + (month - 0.5) / 12``) and against the month sequence.

Each row is dated at the **end of its month** (``2024-07-31`` for ``2024.07``): Shiller's
price is the average of the month's daily closes, so it is known only when the month is
over, and ``asof=2024-07-31`` then includes July. (Earnings are interpolated from
quarterly reports published later still; see ``docs/valuation.md``.)

Columns of the returned frame (float64, NaN where the file is blank or ``NA``):

============================ ==========================================================
``price``                    S&P composite, monthly average of daily closes (P)
``dividend``                 dividends per share, annualised, trailing 12 months (D)
``earnings``                 reported earnings per share, trailing 12 months (E)
``cpi``                      consumer price index
``fraction``                 Shiller's decimal date
``gs10``                     10-year Treasury yield, percent
``real_price``               price in today's dollars
``real_dividend``            dividend in today's dollars
``real_tr_price``            real total-return price (dividends reinvested)
``real_earnings``            earnings in today's dollars
``real_tr_earnings``         real earnings scaled to the total-return price
``cape``                     cyclically adjusted P/E (P / 10-year average real E)
``tr_cape``                  total-return CAPE
``excess_cape_yield``        1/CAPE minus the real 10-year bond yield (Shiller's)
``bond_return``              monthly total bond return (gross, 1.01 = +1%)
``real_bond_return``         real total bond return index
``fwd_real_stock_10y``       Shiller's *following* 10-year annualised real stock return
``fwd_real_bond_10y``        the same for bonds
``fwd_excess_10y``           stock minus bond
============================ ==========================================================

The three ``fwd_*`` columns look ahead by construction; rotascope never uses them in a
measure (it builds its own forward returns, see :mod:`rotascope.measures.valuation`).

Examples
--------
>>> parse_shiller_date("2023.1", path="x.csv", line=9)
(2023, 10)
>>> parse_shiller_date("2023.01", path="x.csv", line=9)
(2023, 1)
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from rotascope.errors import DataError
from rotascope.sources._io import read_lines

__all__ = [
    "SHILLER_COLUMNS",
    "SHILLER_SHARED_PATH",
    "find_shiller",
    "normalize_shiller_frame",
    "parse_shiller_date",
    "parse_shiller_text",
    "read_shiller",
]

#: Output column names, in file order (file columns 14 and 16 are empty and dropped).
SHILLER_COLUMNS: tuple[str, ...] = (
    "price",
    "dividend",
    "earnings",
    "cpi",
    "fraction",
    "gs10",
    "real_price",
    "real_dividend",
    "real_tr_price",
    "real_earnings",
    "real_tr_earnings",
    "cape",
    "tr_cape",
    "excess_cape_yield",
    "bond_return",
    "real_bond_return",
    "fwd_real_stock_10y",
    "fwd_real_bond_10y",
    "fwd_excess_10y",
)
# file column index of each output column (0 is the date)
_FILE_INDEX: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 17, 18, 19, 20, 21)
#: Where the shared copy lives, relative to the project root (``../shared/data/...``).
SHILLER_SHARED_PATH = Path("..") / "shared" / "data" / "fundamentals" / "shiller.csv"
_MISSING = {"", "NA", "N/A", "NAN", "#N/A"}

# Spellings accepted by normalize_shiller_frame (Shiller's own header words and ours).
_ALIASES: Mapping[str, str] = {
    "p": "price",
    "d": "dividend",
    "e": "earnings",
    "rate gs10": "gs10",
    "long interest rate gs10": "gs10",
    "real price": "real_price",
    "real dividend": "real_dividend",
    "real earnings": "real_earnings",
    "p/e10": "cape",
    "tr cape": "tr_cape",
}


def parse_shiller_date(text: str, *, path: str | Path | None, line: int) -> tuple[int, int]:
    """Parse a Shiller ``YYYY.MM`` date token from its raw text.

    Parameters
    ----------
    text : str
        The token as written in the file: ``"2023.09"``, ``"2023.1"`` (October),
        ``"2023.10"`` (October, if a tool kept the zero), ``"2023.11"``.
    path, line : str or Path, int
        Where the token was read, for the error message.

    Returns
    -------
    (year, month) : tuple of int

    Raises
    ------
    DataError
        When the token is not ``YYYY.M`` / ``YYYY.MM`` with a month 1..12.
    """
    token = text.strip()
    year_s, dot, month_s = token.partition(".")
    if not (dot and year_s.isdigit() and len(year_s) == 4 and month_s.isdigit()):
        raise DataError(f"date {text!r} is not YYYY.MM", path=path, line=line)
    if len(month_s) == 1:
        if month_s != "1":
            raise DataError(
                f"date {text!r} is ambiguous: one month digit other than 1 "
                "(only October is written YYYY.1)",
                path=path,
                line=line,
            )
        month = 10
    elif len(month_s) == 2:
        month = int(month_s)
    else:
        raise DataError(f"date {text!r} has more than two month digits", path=path, line=line)
    if not 1 <= month <= 12:
        raise DataError(f"date {text!r} has month {month}", path=path, line=line)
    return int(year_s), month


def _number(cell: str, *, path: str | Path | None, line: int, column: str) -> float:
    s = cell.strip()
    if s.upper() in _MISSING:
        return math.nan
    try:
        return float(s)
    except ValueError:
        raise DataError(f"{column} is not a number: {cell!r}", path=path, line=line) from None


def parse_shiller_text(text: str, *, path: str | Path | None = None) -> pd.DataFrame:
    """Parse the text of a Shiller ``ie_data`` CSV export into a monthly frame.

    Parameters
    ----------
    text : str
        Whole file content.
    path : str or Path, optional
        Shown in error messages.

    Returns
    -------
    pandas.DataFrame
        Index ``date`` (month ends), columns :data:`SHILLER_COLUMNS`, float64.

    Raises
    ------
    DataError
        No ``Date,P,D,E`` header line, a bad date or number, a date out of sequence,
        or a date that contradicts its ``Fraction`` column.
    """
    rows = list(csv.reader(io.StringIO(text)))
    header_at = next(
        (
            i
            for i, r in enumerate(rows)
            if r and r[0].strip() == "Date" and r[1:4] == ["P", "D", "E"]
        ),
        None,
    )
    if header_at is None:
        raise DataError(
            "no header line starting 'Date,P,D,E' (is this Shiller's ie_data export?)", path=path
        )
    dates: list[pd.Timestamp] = []
    values: list[list[float]] = []
    prev: tuple[int, int] | None = None
    for i in range(header_at + 1, len(rows)):
        line = i + 1
        row = rows[i]
        if not row or not row[0].strip():
            # the notes row at the end (first cell empty); nothing may follow it but notes
            if any(r and r[0].strip() for r in rows[i + 1 :]):
                raise DataError("row without a date inside the data", path=path, line=line)
            break
        year, month = parse_shiller_date(row[0], path=path, line=line)
        if prev is not None:
            expected = (prev[0] + prev[1] // 12, prev[1] % 12 + 1)
            if (year, month) != expected:
                raise DataError(
                    f"date {row[0]!r} ({year}-{month:02d}) does not follow {prev[0]}-{prev[1]:02d}",
                    path=path,
                    line=line,
                )
        cells = row + [""] * (22 - len(row))
        vals = [
            _number(cells[j], path=path, line=line, column=name)
            for j, name in zip(_FILE_INDEX, SHILLER_COLUMNS, strict=True)
        ]
        frac = vals[4]
        if not math.isnan(frac) and abs(frac - (year + (month - 0.5) / 12)) > 0.02:
            raise DataError(
                f"date {row[0]!r} read as {year}-{month:02d} but Fraction is {frac}",
                path=path,
                line=line,
            )
        dates.append(pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0))
        values.append(vals)
        prev = (year, month)
    if not dates:
        raise DataError("no data rows after the header", path=path)
    index = pd.DatetimeIndex(dates, name="date").as_unit("ns")
    return pd.DataFrame(np.array(values, dtype=np.float64), index=index, columns=SHILLER_COLUMNS)


def read_shiller(path: str | Path) -> pd.DataFrame:
    """Read Shiller's monthly S&P composite CSV file.

    Parameters
    ----------
    path : str or Path
        The CSV export of the ``ie_data`` sheet.

    Returns
    -------
    pandas.DataFrame
        Monthly frame dated at month ends; see the module docstring for the columns.

    Examples
    --------
    >>> df = read_shiller("../shared/data/fundamentals/shiller.csv")  # doctest: +SKIP
    >>> round(df.loc["2024-07-31", "price"] / df.loc["2024-07-31", "earnings"], 2)  # doctest: +SKIP
    27.98
    """
    p = Path(path)
    return parse_shiller_text("\n".join(read_lines(p)), path=p)


def normalize_shiller_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Bring a Shiller-like monthly frame (e.g. the bundled ``SHILLER`` extract) to our shape.

    Accepts our column names or Shiller's header words (``P``, ``D``, ``E``, ``CPI``,
    ``Rate GS10``, ``CAPE``...), a ``date`` column or a DatetimeIndex; dates are moved to
    month ends. Columns it does not know are kept.

    Parameters
    ----------
    frame : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Sorted by a month-end DatetimeIndex named ``date``; at least ``price`` and
        ``earnings`` columns, float64.

    Raises
    ------
    DataError
        When ``price`` or ``earnings`` cannot be found.

    Examples
    --------
    >>> f = pd.DataFrame({"date": ["2024-07-01"], "P": [5538.0], "E": [197.93]})
    >>> normalize_shiller_frame(f).index[0].date().isoformat()
    '2024-07-31'
    """
    df = frame.copy()
    if "date" in df.columns:
        df = df.set_index("date")
    elif "Date" in df.columns:
        df = df.set_index("Date")
    renamed: dict[str, str] = {}
    for col in df.columns:
        key = str(col).strip()
        low = key.lower()
        if key in SHILLER_COLUMNS:
            continue
        renamed[col] = _ALIASES.get(low, low if low in SHILLER_COLUMNS else key)
    df = df.rename(columns=renamed)
    missing = [c for c in ("price", "earnings") if c not in df.columns]
    if missing:
        raise DataError(f"Shiller frame lacks columns {missing}; has {list(df.columns)}")
    idx = pd.DatetimeIndex(pd.to_datetime(df.index))
    idx = (idx.to_period("M").to_timestamp() + pd.offsets.MonthEnd(0)).as_unit("ns")
    df.index = pd.DatetimeIndex(idx, name="date")
    df = df.sort_index()
    known = [c for c in df.columns if c in SHILLER_COLUMNS]
    df[known] = df[known].apply(pd.to_numeric, errors="coerce").astype("float64")
    return df


def find_shiller(file: str | Path | None = None) -> tuple[pd.DataFrame, str]:
    """The Shiller monthly frame from the first place that has it, and where that was.

    Looks, in order, at ``file``; ``../shared/data/fundamentals/shiller.csv`` beside the
    working directory and beside the project root; the bundled ``SHILLER`` extract
    (:func:`rotascope.datasets.load_bundled`).

    Returns
    -------
    (frame, source) : tuple of pandas.DataFrame and str

    Raises
    ------
    DataError
        When ``file`` cannot be read, or nothing is found anywhere.
    """
    if file is not None:
        return read_shiller(file), str(file)
    root = Path(__file__).resolve().parents[3]
    for candidate in (Path.cwd() / SHILLER_SHARED_PATH, root / SHILLER_SHARED_PATH):
        if candidate.is_file():
            return read_shiller(candidate), str(candidate.resolve())
    from rotascope.datasets import load_bundled

    try:
        bundled = load_bundled("SHILLER")
    except (KeyError, ValueError):  # the bundled dataset has no Shiller extract
        bundled = None
    if bundled is not None:
        return normalize_shiller_frame(bundled), "bundled dataset (SHILLER)"
    raise DataError(
        "no Shiller data: pass --file PATH to his ie_data CSV export "
        "(https://shillerdata.com), or install the bundled dataset"
    )
