"""Reader for Kenneth R. French Data Library text CSV files.

Layout: free-text preamble, a header (``,Mkt-RF,SMB,HML,RF`` or ``Date,...``), rows keyed
``YYYYMMDD`` (daily) or ``YYYYMM`` (monthly, stored at month end), values in percent,
then a blank line and either a copyright line or further sections. Only the first
section is imported (in ``Portfolios_Formed_on_ME.CSV`` that is the value-weighted
monthly returns); the titles of the others are named in a warning.

Values become fractions (percent / 100) with unit ``pct_return``; ``-99.99`` and
``-999`` mean missing and those dates are left out of the series.

Series ids carry a namespace, so that the same column name in two files never mixes:
``ff:`` for daily files (the 3 research factors, momentum, other daily files), ``ff5:``
for the 5-factor (2x3) file, ``ffm:`` and ``ff5m:`` for monthly files. Factor columns
keep their label (``Mkt-RF`` -> ``ff:MKT-RF``, ``Mom`` -> ``ff:MOM``, the 5-factor
``SMB`` -> ``ff5:SMB``); portfolio files name their columns ``<PREFIX>_<LABEL>`` (``Lo 30``
in ``Portfolios_Formed_on_ME.CSV`` -> ``ffm:ME_LO30``).

Ken French revises history, so every series carries its **edition**: the CRSP vintage
named in the preamble (``This file was created ... using the 202604 CRSP database``),
else a ``_YYYYMM`` suffix of the file name, else the month of the last row.

Examples
--------
>>> lines = ["preamble", "", ",Mkt-RF,SMB", "20240102,  -0.71,  -0.20", "", "Copyright"]
>>> [(s.symbol, s.edition, float(s.frame["close"].iloc[0])) for s in read_french(lines, "F.csv")]
[('ff:MKT-RF', '202401', -0.0071), ('ff:SMB', '202401', -0.002)]
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from rotascope.errors import DataError
from rotascope.sources._table import parse_dates, parse_rows
from rotascope.sources.parsed import ParsedSeries, finish_series

__all__ = ["french_edition", "is_french", "read_french"]

_DATA_ROW = re.compile(r"^\s*(\d{8}|\d{6})\s*,")
_MISSING = (-99.99, -999.0)


def _first_data_row(lines: Sequence[str], limit: int = 60) -> int | None:
    for i, line in enumerate(lines[:limit]):
        if _DATA_ROW.match(line):
            return i
    return None


def is_french(lines: Sequence[str]) -> bool:
    """True when the file looks like a Ken French CSV (header + ``YYYYMM[DD]`` rows)."""
    i = _first_data_row(lines)
    if i is None or i == 0 or "," not in lines[i - 1]:
        return False
    first = lines[i - 1].split(",", 1)[0].strip().lower()
    return first in ("", "date") and (i > 1 or first == "")


_CRSP = re.compile(r"using the (\d{6}) CRSP database", re.I)
_STEM_EDITION = re.compile(r"_(\d{6})$")
_FIVE = {"RMW", "CMA"}


def french_edition(lines: Sequence[str], path: str, last: np.datetime64 | None = None) -> str:
    """The edition of a Ken French file: its CRSP vintage ``YYYYMM``.

    Read from the preamble, else from a ``_YYYYMM`` suffix of the file name, else the
    month of ``last`` (the last date in the file), else ``""``.

    Examples
    --------
    >>> french_edition(["This file was created by using the 202604 CRSP database."], "x.csv")
    '202604'
    """
    for line in lines[:20]:
        m = _CRSP.search(line)
        if m:
            return m.group(1)
    m = _STEM_EDITION.search(Path(path).stem)
    if m:
        return m.group(1)
    if last is not None and not np.isnat(last):
        return str(np.datetime_as_string(last, unit="M")).replace("-", "")
    return ""


def _label_name(label: str) -> str:
    text = label.strip().upper().replace("<=", "LE").replace(">=", "GE")
    return re.sub(r"[^A-Z0-9_-]+", "", text.replace(" ", ""))


def _symbol_namer(labels: Sequence[str], path: str, monthly: bool) -> Callable[[str], str]:
    """``label -> id`` for the columns of one file (see the module docstring)."""
    names = {_label_name(x) for x in labels}
    ns = "ff5" if names & _FIVE else "ff"
    if monthly:
        ns += "m"
    stem = Path(path).stem
    m = re.match(r"(?i)portfolios_formed_on_(\w+?)(?:_daily)?$", stem)
    if m is None and "portfolio" not in stem.lower():
        return lambda label: f"{ns}:{_label_name(label)}"
    prefix = (m.group(1) if m else re.sub(r"\W+", "_", stem)).upper()
    return lambda label: f"{ns}:{prefix}_{re.sub(r'[^A-Z0-9]+', '', _label_name(label))}"


def read_french(lines: Sequence[str], path: str, *, column: str = "close") -> list[ParsedSeries]:
    """Read the first section of a Ken French CSV: one series per column.

    Parameters
    ----------
    lines : sequence of str
        Decoded lines.
    path : str
        File name (messages; ``Portfolios_Formed_on_XX`` files name symbols ``XX_<column>``).
    column : {"close", "adj_close"}
        Column that receives the values.

    Returns
    -------
    list of ParsedSeries
        Daily or monthly returns as fractions, unit ``pct_return``.
    """
    start = _first_data_row(lines)
    if start is None or start == 0:
        raise DataError("no YYYYMMDD data rows found after a header", path=path)
    header = [h.strip() for h in lines[start - 1].split(",")]
    labels = header[1:]
    stop = start
    while stop < len(lines) and _DATA_ROW.match(lines[stop]):
        stop += 1
    rest = [x.strip() for x in lines[stop:] if x.strip()]
    # Anything but a blank line, a section title, its header or a copyright line is an error.
    if stop < len(lines) and lines[stop].strip():
        raise DataError(
            f"expected a row starting with YYYYMMDD, got {lines[stop].strip()[:40]!r}",
            path=path,
            line=stop + 1,
        )
    titles = [x for x in rest if not x.startswith(",") and not re.match(r"\d", x)]
    titles = [t for t in titles if not t.lower().startswith("copyright")]
    names = ["date", *labels]
    rows = parse_rows(lines, start, stop, names, path=path, skip_initial_space=True)
    if np.isnan(rows.values).any():
        i, j = (int(x[0]) for x in np.nonzero(np.isnan(rows.values)))
        raise DataError(f"{labels[j]} is blank", path=path, line=int(rows.lines[i]))
    dates = parse_dates(rows.raw_dates)
    monthly = len(str(rows.raw_dates[0]).strip()) == 6
    namer = _symbol_namer(labels, path, monthly)
    edition = french_edition(lines, path, dates.max() if len(dates) else None)
    warnings = []
    if titles:
        warnings.append(f"imported the first section only; skipped: {'; '.join(titles)}")
    out = []
    for j, label in enumerate(labels):
        v = rows.values[:, j]
        keep = ~np.isin(v, _MISSING)
        symbol = namer(label)
        if not keep.any():
            warnings.append(f"column {label!r} ({symbol}) has no values (all missing); skipped")
            continue
        out.append(
            finish_series(
                symbol,
                dates[keep],
                {column: np.round(v[keep] / 100.0, 12)},
                rows.lines[keep],
                raw_dates=rows.raw_dates[keep],
                path=path,
                fmt="french",
                unit="pct_return",
                label=label,
            )
        )
    if not out:
        raise DataError("no values in any column", path=path)
    return [dataclasses.replace(s, warnings=(*s.warnings, *warnings), edition=edition) for s in out]
