"""Read any file rotascope knows, whatever it holds: :func:`read_any`.

``rotascope data import`` takes files and folders in any order; each file is sniffed
from its first lines and read by the reader of its kind:

============== ========================================================= ======================
kind           recognised by                                             goes to (store)
============== ========================================================= ======================
series         a dated CSV: Yahoo, yfinance, FRED, one-value columns,    ``prices`` (one series
               Ken French text files                                     per column)
shiller        Shiller's ``ie_data`` export (a ``Date,P,D,E`` line)      ``prices``, namespace
                                                                         ``shiller``
valuation      ``date,symbol,metric,value[,basis]``                      ``prices``, namespace
                                                                         ``val``
membership     ``ticker,start_date,end_date`` (index membership spells) ``membership``
constituents   ``Symbol,Security,GICS Sector,...`` (members, sectors)    ``constituents``
events         ``date,kind[,label,...]`` (an event calendar)             ``events``
futures        ``date,contract,price`` (fed funds futures prices)        ``futures``
============== ========================================================= ======================

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "sp500_members.csv"
>>> _ = p.write_text("ticker,start_date,end_date\\nAAPL,1982-11-30,\\n")
>>> f = read_any(p)
>>> f.kind, f.universe, len(f.table)
('membership', 'SP500', 1)
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from rotascope.errors import DataError
from rotascope.sources._io import read_lines
from rotascope.sources.constituents import is_constituents, read_constituents
from rotascope.sources.events import is_events, read_events
from rotascope.sources.futures import is_futures, read_futures
from rotascope.sources.membership import read_membership
from rotascope.sources.parquet import is_export, read_export
from rotascope.sources.parsed import ParsedSeries
from rotascope.sources.reader import read_series_lines
from rotascope.sources.shiller import is_shiller, parse_shiller_text, shiller_series
from rotascope.sources.valuation_csv import is_valuation_csv, read_valuation_csv

__all__ = ["FileKind", "ParsedFile", "guess_universe", "read_any", "sniff"]

FileKind = Literal[
    "series", "shiller", "valuation", "membership", "constituents", "events", "futures"
]

_MEMBERSHIP = ("ticker", "start_date", "end_date")
_UNIVERSES = {"SP500": re.compile(r"(?i)(s&?p[ _-]?500|spx|sp500)")}


@dataclass(frozen=True)
class ParsedFile:
    """One file read and checked, ready to be stored.

    Attributes
    ----------
    path : str
        The file.
    kind : str
        One of :data:`FileKind`.
    series : tuple of ParsedSeries
        For ``series``, ``shiller`` and ``valuation`` files.
    table : pandas.DataFrame or None
        Membership spells, the member list, the events or the futures prices
        (``date``, ``contract``, ``price``), for those kinds.
    universe : str
        The index a membership or member list belongs to (``SP500``).
    warnings : tuple of str
        Things worth telling the user.
    """

    path: str
    kind: FileKind
    series: tuple[ParsedSeries, ...] = ()
    table: pd.DataFrame | None = None
    universe: str = ""
    warnings: tuple[str, ...] = field(default=())


def _header(lines: list[str]) -> list[str]:
    for line in lines[:50]:
        if line.strip() and not line.lstrip().startswith("#"):
            cells = next(csv.reader([line.lstrip("\ufeff")]), [])
            return [c.strip().lower() for c in cells]
    return []


def sniff(lines: list[str]) -> FileKind:
    """The kind of a file from its decoded lines (``series`` when nothing else fits)."""
    if is_shiller(lines):
        return "shiller"
    header = _header(lines)
    if is_valuation_csv(header):
        return "valuation"
    if tuple(header[:3]) == _MEMBERSHIP:
        return "membership"
    if is_futures(header):
        return "futures"
    if is_events(header):
        return "events"
    if is_constituents(header):
        return "constituents"
    return "series"


def guess_universe(path: str | Path, header: list[str] | None = None) -> str | None:
    """The universe a membership or member file is for, from its name (``sp500_...``).

    The S&P 500 table layout (``Symbol,Security,GICS Sector``) also says ``SP500``.
    """
    stem = Path(path).stem
    for name, pattern in _UNIVERSES.items():
        if pattern.search(stem):
            return name
    if header is not None and {"symbol", "security", "gics sector"} <= set(header):
        return "SP500"
    return None


def _universe(path: Path, lines: list[str], universe: str | None) -> str:
    if universe:
        name = universe.strip().upper()
        if not re.fullmatch(r"[A-Z0-9_]{1,32}", name):
            raise DataError(f"universe name {universe!r}: use letters, digits and _ (e.g. SP500)")
        return name
    found = guess_universe(path, _header(lines))
    if found is None:
        raise DataError(
            "cannot tell which index this file is for; pass --universe NAME (e.g. SP500)",
            path=path,
        )
    return found


def read_any(
    path: str | Path,
    *,
    symbol: str | None = None,
    column: str | None = None,
    universe: str | None = None,
) -> ParsedFile:
    """Read one file of any kind rotascope knows (see the module docstring).

    Parameters
    ----------
    path : str or Path
        The file.
    symbol : str, optional
        Id for a one-series file (``--symbol``); refused for other kinds.
    column : {"close", "adj_close"}, optional
        Where a one-value series goes (series files only).
    universe : str, optional
        Index name for membership and member files (default: guessed from the name).

    Raises
    ------
    DataError
        Anything wrong with the file (naming file and line);
        :class:`~rotascope.sources.reader.UnrecognisedFormatError` when it is no kind
        rotascope reads.
    """
    p = Path(path)
    if is_export(p):  # a Parquet folder written by `rotascope data export --parquet`
        if symbol is not None:
            raise DataError("--symbol applies to series files; this is a Parquet export", path=p)
        return ParsedFile(str(p), "series", tuple(read_export(p)))
    lines = read_lines(p)
    kind = sniff(lines)
    if symbol is not None and kind != "series":
        raise DataError(f"--symbol applies to series files; this is a {kind} file", path=p)
    if kind == "series":
        series = read_series_lines(lines, str(p), symbol=symbol, column=column)
        return ParsedFile(str(p), "series", tuple(series))
    if kind == "shiller":
        frame = parse_shiller_text("\n".join(lines), path=p)
        return ParsedFile(str(p), "shiller", tuple(shiller_series(frame, p)))
    if kind == "valuation":
        return ParsedFile(str(p), "valuation", tuple(read_valuation_csv(p)))
    if kind == "events":
        return ParsedFile(str(p), "events", table=read_events(p))
    if kind == "futures":
        parsed = read_futures(p)
        return ParsedFile(str(p), "futures", table=parsed.frame, warnings=parsed.warnings)
    name = _universe(p, lines, universe)
    if kind == "membership":
        return ParsedFile(str(p), "membership", table=read_membership(p), universe=name)
    return ParsedFile(str(p), "constituents", table=read_constituents(p), universe=name)
