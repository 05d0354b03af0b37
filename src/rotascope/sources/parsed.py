"""The result of reading a file: :class:`ParsedSeries`, and the checks every reader shares.

Examples
--------
>>> import numpy as np
>>> s = finish_series(
...     "RUT",
...     np.array(["2024-07-09", "2024-07-10"], dtype="datetime64[ns]"),
...     {"close": np.array([2029.47, 2047.69])},
...     np.array([2, 3]),
...     raw_dates=np.array(["2024-07-09", "2024-07-10"]),
...     path="RUT.csv", fmt="single_column", unit="price",
... )
>>> s.symbol, s.rows, list(s.frame.columns)
('RUT', 2, ['close'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from rotascope.errors import DataError

__all__ = [
    "COLUMNS",
    "JUMP_WARNING",
    "PRICE_COLUMNS",
    "ParsedSeries",
    "finish_series",
]

#: Value columns a series may carry, in storage order.
COLUMNS: tuple[str, ...] = ("open", "high", "low", "close", "adj_close", "volume", "dividends")
#: Columns that hold prices (must be positive for ``unit == "price"``).
PRICE_COLUMNS: tuple[str, ...] = ("open", "high", "low", "close", "adj_close")
#: A one-day move larger than this (as a fraction) in a price series is reported.
JUMP_WARNING = 0.5


@dataclass(frozen=True)
class ParsedSeries:
    """One symbol's daily values read from a file, validated and ready to store.

    Attributes
    ----------
    symbol : str
        The series id: a ticker (``RUT``, ``RF``) or ``namespace:NAME`` (``ff:SMB``,
        ``fred:DGS10``; see :data:`rotascope.symbols.NAMESPACES`).
    frame : pandas.DataFrame
        DatetimeIndex named ``date`` (tz-naive, sorted, unique); float64 columns among
        :data:`COLUMNS`. Single-value series keep their value in ``close`` (or in
        ``adj_close`` when the user asked for it).
    source : str
        The file the series was read from.
    format : str
        Detected format (``yahoo``, ``single_column``, ``yfinance_multiheader``,
        ``ohlc_dividends``, ``yfinance_history``, ``fred``, ``french``).
    unit : str
        ``price``, ``yield``, ``pct_return`` (fractions, 0.01 = 1%) or ``level``.
    warnings : tuple of str
        Things worth telling the user that do not stop the import.
    label : str
        The column label in the file, when it differs from the symbol (``Mkt-RF``).
    edition : str
        The vintage of the data when the provider revises history and labels its
        releases (Ken French's CRSP vintage ``202604``, Shiller's last month
        ``202510``); empty for series that newer files only extend.
    """

    symbol: str
    frame: pd.DataFrame
    source: str
    format: str
    unit: str
    warnings: tuple[str, ...] = ()
    label: str = ""
    edition: str = ""

    @property
    def key(self) -> str:
        """The store key: the id, with ``@edition`` when the series has one."""
        return f"{self.symbol}@{self.edition}" if self.edition else self.symbol

    @property
    def rows(self) -> int:
        """Number of dated rows."""
        return len(self.frame)

    @property
    def first(self) -> pd.Timestamp:
        """First date."""
        return pd.Timestamp(self.frame.index[0])

    @property
    def last(self) -> pd.Timestamp:
        """Last date."""
        return pd.Timestamp(self.frame.index[-1])


def _fmt_date(d: np.datetime64) -> str:
    return str(np.datetime_as_string(d, unit="D"))


def _check_values(
    columns: Mapping[str, npt.NDArray[np.float64]],
    lines: npt.NDArray[np.int64],
    *,
    path: str,
    unit: str,
) -> None:
    for name, values in columns.items():
        bad = np.isinf(values)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise DataError(
                f"{name} is not a finite number ({values[i]})", path=path, line=int(lines[i])
            )
        if unit == "price" and name in PRICE_COLUMNS:
            bad = values <= 0
            what = "price must be positive"
        elif name in ("volume", "dividends"):
            bad = values < 0
            what = f"{name} must not be negative"
        else:
            continue
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise DataError(f"{what}: {name} = {values[i]:g}", path=path, line=int(lines[i]))


def _jump_warnings(dates: npt.NDArray[np.datetime64], values: npt.NDArray[np.float64]) -> list[str]:
    ok = np.flatnonzero(~np.isnan(values))
    if ok.size < 2:
        return []
    v = values[ok]
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):  # 1e308 / 1e-300
        move = v[1:] / v[:-1] - 1.0
    big = np.flatnonzero(np.abs(move) > JUMP_WARNING)
    out = []
    for j in big[:5]:
        d0, d1 = dates[ok[j]], dates[ok[j + 1]]
        out.append(
            f"one-day move of {move[j]:+.1%} on {_fmt_date(d1)} "
            f"({v[j]:g} on {_fmt_date(d0)} -> {v[j + 1]:g}): a split or a unit error?"
        )
    if big.size > 5:
        out.append(f"... and {big.size - 5} more one-day moves over {JUMP_WARNING:.0%}")
    return out


def finish_series(
    symbol: str,
    dates: npt.NDArray[np.datetime64],
    columns: Mapping[str, npt.NDArray[np.float64]],
    lines: npt.NDArray[np.int64],
    *,
    raw_dates: pd.Series | npt.NDArray[np.object_] | Sequence[str],
    path: str,
    fmt: str,
    unit: str,
    warnings: Sequence[str] = (),
    label: str = "",
) -> ParsedSeries:
    """Validate parsed columns and build a :class:`ParsedSeries`.

    Parameters
    ----------
    symbol : str
        Canonical symbol.
    dates : ndarray of datetime64
        One date per row (``NaT`` where the text could not be read).
    columns : mapping of str to ndarray of float64
        Value columns (names from :data:`COLUMNS`), same length as ``dates``.
    lines : ndarray of int
        1-based line number of each row in the file, for error messages.
    raw_dates : array of str
        The date text of each row, for error messages.
    path, fmt, unit : str
        File, format name and unit (see :class:`ParsedSeries`).
    warnings : sequence of str
        Warnings gathered by the reader.
    label : str
        Column label in the file.

    Returns
    -------
    ParsedSeries

    Raises
    ------
    DataError
        No rows, unreadable date, duplicated date, non-finite value, non-positive
        price (``unit == "price"``) or negative volume/dividend.
    """
    warn = list(warnings)
    dates = np.asarray(dates, dtype="datetime64[ns]")
    if dates.size == 0:
        raise DataError(f"no values for {symbol} (no data rows, or every value blank)", path=path)
    nat = np.isnat(dates)
    if nat.any():
        i = int(np.flatnonzero(nat)[0])
        raise DataError(
            f"cannot read date {str(np.asarray(raw_dates, dtype=object)[i]).strip()!r} "
            "(expected YYYY-MM-DD)",
            path=path,
            line=int(lines[i]),
        )
    _check_values(columns, lines, path=path, unit=unit)

    order = np.argsort(dates, kind="stable")
    sd = dates[order]
    dup = np.flatnonzero(sd[1:] == sd[:-1])
    if dup.size:
        a, b = sorted((int(lines[order[dup[0]]]), int(lines[order[dup[0] + 1]])))
        raise DataError(
            f"date {_fmt_date(sd[dup[0]])} appears twice (also on line {a}); "
            "remove one of the rows",
            path=path,
            line=b,
        )
    back = np.flatnonzero(dates[1:] < dates[:-1])
    if back.size:
        i = int(back[0]) + 1
        warn.append(
            f"dates are not in ascending order (line {int(lines[i])}: {_fmt_date(dates[i])} "
            f"after {_fmt_date(dates[i - 1])}); rows sorted by date"
        )
    cols = {k: np.asarray(v, dtype=np.float64)[order] for k, v in columns.items()}
    if unit == "price":
        key = "close" if "close" in cols and not np.isnan(cols["close"]).all() else "adj_close"
        if key in cols:
            warn.extend(_jump_warnings(sd, cols[key]))
    index = pd.DatetimeIndex(sd, name="date")
    frame = pd.DataFrame({k: cols[k] for k in COLUMNS if k in cols}, index=index)
    return ParsedSeries(
        symbol=symbol,
        frame=frame,
        source=path,
        format=fmt,
        unit=unit,
        warnings=tuple(warn),
        label=label,
    )
