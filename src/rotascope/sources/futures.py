"""30-day fed funds futures prices: ``date,contract,price``, one row per date and contract.

The layout (documented in ``docs/fedwatch.md``)::

    # 30-day fed funds futures settlement prices (CME ZQ)
    date,contract,price
    2024-09-12,2024-09,94.8150
    2024-09-12,2024-10,95.0000

- ``date``: the trading date of the settlement price, ``YYYY-MM-DD``;
- ``contract``: the contract month, ``YYYY-MM`` (the month whose average effective fed
  funds rate the contract settles on);
- ``price``: the price, ``100`` minus the rate in percent (``94.8150`` = 5.185%).

Column names are case-insensitive and may come in any order; lines starting with ``#``
and blank lines are skipped. A row whose date falls after its contract month (a price
quoted after the contract expired) is left out with a warning. Anything else wrong is
one :class:`~rotascope.errors.DataError` naming the file and the line.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "zq.csv"
>>> _ = p.write_text("date,contract,price\\n2024-09-12,2024-09,94.815\\n")
>>> read_futures(p).frame.values.tolist()
[[Timestamp('2024-09-12 00:00:00'), '2024-09', 94.815]]
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from rotascope.errors import DataError
from rotascope.sources._io import read_lines

__all__ = ["FUTURES_COLUMNS", "ParsedFutures", "is_futures", "parse_futures", "read_futures"]

#: Columns of a futures frame (and of the file, in any order).
FUTURES_COLUMNS: tuple[str, ...] = ("date", "contract", "price")

#: Accepted prices: 100 minus a rate between -1% and 50%.
PRICE_RANGE: tuple[float, float] = (50.0, 101.0)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class ParsedFutures:
    """A futures file read and checked.

    Attributes
    ----------
    frame : pandas.DataFrame
        Columns ``date`` (datetime64), ``contract`` (``YYYY-MM``), ``price`` (float),
        sorted by date then contract, one row per (date, contract).
    warnings : tuple of str
        What was left out, and why.
    """

    frame: pd.DataFrame
    warnings: tuple[str, ...] = ()


def is_futures(header: Sequence[str]) -> bool:
    """True when a header (lower-case cells) is a futures file's: date, contract, price.

    Examples
    --------
    >>> is_futures(["date", "contract", "price"]), is_futures(["date", "kind"])
    (True, False)
    """
    return sorted(c for c in header if c) == sorted(FUTURES_COLUMNS)


def _date(text: str, origin: str, line: int) -> pd.Timestamp:
    value = text.strip()
    try:
        if not _DATE.match(value):
            raise ValueError
        return pd.Timestamp(value)
    except ValueError:
        raise DataError(f"date {value!r} is not YYYY-MM-DD", path=origin, line=line) from None


def _contract(text: str, origin: str, line: int) -> str:
    value = text.strip()
    m = _MONTH.match(value)
    if m is None or not 1 <= int(m.group(2)) <= 12:
        raise DataError(
            f"contract {value!r} is not a month written YYYY-MM (e.g. 2024-09 for the "
            "September 2024 contract)",
            path=origin,
            line=line,
        )
    return value


def _price(text: str, origin: str, line: int) -> float:
    value = text.strip()
    try:
        price = float(value)
    except ValueError:
        raise DataError(f"price {value!r} is not a number", path=origin, line=line) from None
    lo, hi = PRICE_RANGE
    if not math.isfinite(price) or not lo <= price <= hi:
        raise DataError(
            f"price {value!r} is not a fed funds futures price: write 100 minus the rate "
            f"(94.67 for 5.33%), between {lo:g} and {hi:g}",
            path=origin,
            line=line,
        )
    return price


def parse_futures(text: str, *, origin: str) -> ParsedFutures:
    """Parse the text of a futures file (see the module docstring).

    Raises
    ------
    DataError
        Wrong header, a bad date, contract or price, the same date and contract twice
        with different prices, or no rows (naming ``origin`` and the line).
    """
    numbered = [
        (n, line) for n, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]  # fmt: skip
    if not numbered:
        raise DataError("futures file has no rows", path=origin)
    head_line, head = numbered[0]
    names = [c.strip().lower() for c in next(csv.reader([head.lstrip("\ufeff")]))]
    if not is_futures(names):
        raise DataError(
            f"expected the header date,contract,price, found {head[:80]!r}",
            path=origin,
            line=head_line,
        )
    pos = {c: names.index(c) for c in FUTURES_COLUMNS}
    seen: dict[tuple[pd.Timestamp, str], tuple[float, int]] = {}
    expired = 0
    for n, line in numbered[1:]:
        cells = next(csv.reader(io.StringIO(line)), [])
        if len(cells) < len(names):
            raise DataError(
                f"expected {len(names)} cells (date,contract,price), found {len(cells)}",
                path=origin,
                line=n,
            )
        day = _date(cells[pos["date"]], origin, n)
        contract = _contract(cells[pos["contract"]], origin, n)
        price = _price(cells[pos["price"]], origin, n)
        if day.to_period("M") > pd.Period(contract, "M"):
            expired += 1
            continue
        key = (day, contract)
        if key in seen and seen[key][0] != price:
            raise DataError(
                f"{contract} on {day.date()} is priced twice: {seen[key][0]:g} on line "
                f"{seen[key][1]} and {price:g} here",
                path=origin,
                line=n,
            )
        seen[key] = (price, n)
    warnings: tuple[str, ...] = ()
    if expired:
        warnings = (
            f"{expired} row(s) priced after their contract month ended were left out "
            "(a contract settles at the end of its month)",
        )
    if not seen:
        raise DataError("futures file has no prices of live contracts", path=origin)
    frame = pd.DataFrame(
        [(d, c, p) for (d, c), (p, _) in seen.items()], columns=list(FUTURES_COLUMNS)
    )
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame = frame.sort_values(["date", "contract"], kind="stable").reset_index(drop=True)
    return ParsedFutures(frame, warnings)


def read_futures(path: str | Path) -> ParsedFutures:
    """Read and validate a futures file (see :func:`parse_futures`)."""
    p = Path(path)
    return parse_futures("\n".join(read_lines(p)), origin=str(p))
