"""Scoreboard: several series over several periods in one table.

Period codes:

- ``"Nd"`` (``"1d"``, ``"5d"``, ``"21d"``): N sessions;
- ``"Nm"`` / ``"Ny"``: N x 21 / N x 252 sessions (``"1y"`` = 252 sessions);
- ``"MTD"``, ``"QTD"``, ``"YTD"``: from the prior period's last close;
- ``"since"``: from the close on the ``since`` date (column ``"since YYYY-MM-DD"``).

Each series is read up to its own last value on or before ``asof``.

Examples
--------
>>> import pandas as pd
>>> idx = pd.to_datetime(["2023-12-29", "2024-01-02", "2024-01-03"])
>>> sb = scoreboard({"A": pd.Series([100.0, 101.0, 110.0], index=idx),
...                  "B": pd.Series([10.0, 10.0, 9.0], index=idx)}, ("1d", "YTD"))
>>> sb.values.round(3).to_dict("index")
{'A': {'1d': 0.089, 'YTD': 0.1}, 'B': {'1d': -0.1, 'YTD': -0.1}}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from rotascope.measures.periods import PERIODS, period_return, return_since

__all__ = ["DEFAULT_PERIODS", "Scoreboard", "parse_period", "scoreboard"]

#: Periods shown when none are asked for.
DEFAULT_PERIODS: tuple[str, ...] = ("1d", "5d", "MTD", "YTD", "1y")

_SESSIONS = {"d": 1, "w": 5, "m": 21, "y": 252}


def parse_period(code: str) -> int | str:
    """Turn a period code into sessions (int) or a calendar label.

    Examples
    --------
    >>> parse_period("5d"), parse_period("1y"), parse_period("ytd")
    (5, 252, 'YTD')
    """
    text = code.strip()
    if text.upper() in PERIODS:
        return text.upper()
    if text.lower() == "since":
        return "since"
    m = re.fullmatch(r"(\d+)\s*([dwmy])", text.lower())
    if not m or int(m.group(1)) < 1:
        raise ValueError(
            f"period {code!r} not understood; use Nd, Nw, Nm, Ny, MTD, QTD, YTD or since"
        )
    return int(m.group(1)) * _SESSIONS[m.group(2)]


@dataclass(frozen=True)
class Scoreboard:
    """Returns of several series over several periods.

    Attributes
    ----------
    values : pandas.DataFrame
        One row per series, one column per period code; fractions (NaN when the
        history is too short).
    starts : pandas.DataFrame
        Date of the base close of each cell.
    asof : dict of str to pandas.Timestamp
        The last session used for each series.
    """

    values: pd.DataFrame
    starts: pd.DataFrame
    asof: dict[str, pd.Timestamp]


def scoreboard(
    series: Mapping[str, pd.Series],
    periods: Iterable[str] = DEFAULT_PERIODS,
    *,
    asof: Any = None,
    since: Any = None,
) -> Scoreboard:
    """Build a :class:`Scoreboard` of price returns.

    Parameters
    ----------
    series : mapping of str to pandas.Series
        Closes (or adjusted closes) by symbol.
    periods : iterable of str
        Period codes (see the module docstring); ``"since"`` needs ``since``.
    asof : date-like, optional
        Last date used (default: each series' last value).
    since : date-like, optional
        Base date for the ``"since"`` column; if given and ``"since"`` is not in
        ``periods``, the column is appended.
    """
    codes = list(periods)
    if since is not None and "since" not in [c.lower() for c in codes]:
        codes.append("since")
    labels: list[str] = []
    parsed: list[int | str] = []
    for c in codes:
        p = parse_period(c)
        if p == "since":
            if since is None:
                raise ValueError("the 'since' period needs a since= date")
            labels.append(f"since {pd.Timestamp(since).date().isoformat()}")
        else:
            labels.append(c)
        parsed.append(p)
    vals: dict[str, list[float]] = {}
    starts: dict[str, list[Any]] = {}
    used: dict[str, pd.Timestamp] = {}
    for sym, s in series.items():
        clean = s.dropna().astype("float64")
        if asof is not None:
            clean = clean.loc[: pd.Timestamp(asof)]
        row_v: list[float] = []
        row_s: list[Any] = []
        if clean.empty:
            vals[sym] = [np.nan] * len(parsed)
            starts[sym] = [pd.NaT] * len(parsed)
            continue
        used[sym] = clean.index[-1]
        for p in parsed:
            if isinstance(p, int):
                if len(clean) > p:
                    row_v.append(float(clean.iloc[-1] / clean.iloc[-1 - p] - 1.0))
                    row_s.append(clean.index[-1 - p])
                else:
                    row_v.append(np.nan)
                    row_s.append(pd.NaT)
            elif p == "since":
                r = return_since(clean, since)
                row_v.append(r.value)
                row_s.append(r.start)
            else:
                r = period_return(clean, p)  # type: ignore[arg-type]
                row_v.append(r.value)
                row_s.append(r.start)
        vals[sym] = row_v
        starts[sym] = row_s
    values = pd.DataFrame.from_dict(vals, orient="index", columns=labels)
    start_df = pd.DataFrame.from_dict(starts, orient="index", columns=labels)
    return Scoreboard(values=values, starts=start_df, asof=used)
