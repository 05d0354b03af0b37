"""Index membership spells: ``ticker,start_date,end_date`` (blank end = still a member).

Tickers are normalised to the spelling of the per-stock close files (``BRK.B`` ->
``BRK-B``).

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "spells.csv"
>>> text = "ticker,start_date,end_date\\nBRK.B,2010-02-16,\\nAAL,1996-01-02,1997-01-15\\n"
>>> _ = p.write_text(text)
>>> read_membership(p)["ticker"].tolist()
['BRK-B', 'AAL']
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from rotascope.errors import DataError
from rotascope.sources._io import read_lines

__all__ = ["normalise_ticker", "read_membership"]

_HEADER = ("ticker", "start_date", "end_date")


def normalise_ticker(ticker: str) -> str:
    """Upper case, class-share dot as a dash (``brk.b`` -> ``BRK-B``)."""
    return ticker.strip().upper().replace(".", "-")


def read_membership(path: str | Path) -> pd.DataFrame:
    """Read and validate a membership spells file.

    Returns
    -------
    DataFrame
        Columns ``ticker`` (str), ``start`` and ``end`` (Timestamp; ``NaT`` end when
        the spell is open), one row per spell, in file order.

    Raises
    ------
    DataError
        Wrong header, unreadable date, start after end, or no spells.
    """
    p = Path(path)
    lines = read_lines(p)
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    if not rows:
        raise DataError("empty membership file", path=p)
    header = tuple(c.strip().lower() for c in rows[0])
    if header[:3] != _HEADER:
        raise DataError(
            f"expected the header {','.join(_HEADER)}, found {','.join(rows[0])[:80]!r}",
            path=p,
            line=1,
        )
    out: list[tuple[str, pd.Timestamp, pd.Timestamp]] = []
    for n, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 2 or not row[0].strip():
            raise DataError("expected ticker,start_date,end_date", path=p, line=n)
        try:
            start = pd.Timestamp(row[1].strip())
            end = pd.Timestamp(row[2].strip()) if len(row) > 2 and row[2].strip() else pd.NaT
        except ValueError:
            raise DataError(f"cannot read a date in {','.join(row)!r}", path=p, line=n) from None
        if pd.isna(start) or (not pd.isna(end) and end < start):
            raise DataError(f"spell ends before it starts: {','.join(row)!r}", path=p, line=n)
        out.append((normalise_ticker(row[0]), start, end))
    if not out:
        raise DataError("no membership spells (header only?)", path=p)
    return pd.DataFrame(out, columns=["ticker", "start", "end"])
