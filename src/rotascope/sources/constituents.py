"""Index member lists with names and sectors (``constituents.csv``): universe metadata.

The common layout is the S&P 500 table of Wikipedia / datasets/s-and-p-500-companies:
``Symbol,Security,GICS Sector,GICS Sub-Industry,...``. Any CSV whose header names a
ticker column (``Symbol``/``Ticker``) and a name (``Security``/``Name``/``Company``) or
sector column (``GICS Sector``/``Sector``) is read. Tickers are normalised to the spelling
of the per-stock close files (``BRK.B`` -> ``BRK-B``).

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "constituents.csv"
>>> _ = p.write_text("Symbol,Security,GICS Sector\\nBRK.B,Berkshire Hathaway,Financials\\n")
>>> read_constituents(p).iloc[0].tolist()
['BRK-B', 'Berkshire Hathaway', 'Financials', '']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from rotascope.errors import DataError
from rotascope.sources._io import read_lines
from rotascope.sources.membership import normalise_ticker

__all__ = ["CONSTITUENT_COLUMNS", "is_constituents", "read_constituents"]

#: Columns of a constituents frame.
CONSTITUENT_COLUMNS: tuple[str, ...] = ("ticker", "name", "sector", "sub_industry")

_TICKER = ("symbol", "ticker")
_NAME = ("security", "name", "company", "company name")
_SECTOR = ("gics sector", "sector")
_SUB = ("gics sub-industry", "sub-industry", "industry")


def _find(header: Sequence[str], names: Sequence[str]) -> int | None:
    return next((header.index(n) for n in names if n in header), None)


def is_constituents(header: Sequence[str]) -> bool:
    """True when a header (lower-case cells) has a ticker column and a name or sector."""
    return _find(header, _TICKER) is not None and (
        _find(header, _NAME) is not None or _find(header, _SECTOR) is not None
    )


def read_constituents(path: str | Path) -> pd.DataFrame:
    """Read a member list: one row per ticker with its name, sector and sub-industry.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CONSTITUENT_COLUMNS` (strings; ``""`` when the file lacks one),
        in file order.

    Raises
    ------
    DataError
        No ticker column, an empty or repeated ticker (naming the line), or no rows.
    """
    p = Path(path)
    rows = list(csv.reader(io.StringIO("\n".join(read_lines(p)))))
    header = [c.strip().lower() for c in rows[0]]
    t = _find(header, _TICKER)
    if t is None or not is_constituents(header):
        raise DataError(
            "expected a header with Symbol (or Ticker) and Security/Name or GICS Sector",
            path=p,
            line=1,
        )
    cols = {"name": _find(header, _NAME), "sector": _find(header, _SECTOR)}
    cols["sub_industry"] = _find(header, _SUB)
    out: list[list[str]] = []
    seen: dict[str, int] = {}
    for n, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        ticker = normalise_ticker(row[t]) if len(row) > t else ""
        if not ticker:
            raise DataError("ticker is empty", path=p, line=n)
        if ticker in seen:
            raise DataError(f"{ticker} appears twice (also on line {seen[ticker]})", path=p, line=n)
        seen[ticker] = n
        cells = [ticker]
        for key in ("name", "sector", "sub_industry"):
            j = cols[key]
            cells.append(row[j].strip() if j is not None and j < len(row) else "")
        out.append(cells)
    if not out:
        raise DataError("no rows after the header", path=p)
    return pd.DataFrame(out, columns=list(CONSTITUENT_COLUMNS))
