"""N-session returns (moves) of a series.

A window counts **rows** of the series, which are sessions: the five-session return
to ``t`` is ``close[t] / close[t - 5 rows] - 1``. Pass a series that holds one value
per session (the store does); a session missing from the series widens the window
silently, so callers check gaps with :func:`rotascope.calendar.session_gaps`.

How a move is measured depends on what the series holds (``how``):

``"pct"``
    prices and levels: ``x[t] / x[t-N] - 1`` (a fraction, 0.115 = 11.5%).
``"diff"``
    yields in percent: ``x[t] - x[t-N]`` in percentage points (x100 for basis points).
``"compound"``
    daily returns as fractions (factors): ``prod(1 + r) - 1`` over the last N rows.

NaN policy: NaN values are dropped before shifting (``dropna=True``) so a blank
holiday row in a FRED file does not create two NaN moves; the result is reindexed
to the input index (NaN on the dropped rows).

Examples
--------
>>> import pandas as pd
>>> s = pd.Series([100.0, 110.0, 99.0], index=pd.date_range("2024-01-01", periods=3))
>>> [round(float(v), 4) for v in window_returns(s, 1).dropna()]
[0.1, -0.1]
>>> round(float(window_returns(s, 2).iloc[-1]), 4)
-0.01
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

__all__ = ["DEFAULT_WINDOWS", "MoveKind", "returns_table", "window_returns", "window_starts"]

#: Default windows in sessions: a day, a week, a month, a quarter, a year.
DEFAULT_WINDOWS: tuple[int, ...] = (1, 5, 21, 63, 252)

MoveKind = Literal["pct", "diff", "compound"]


def _check_window(window: int) -> int:
    w = int(window)
    if w < 1 or w != window:
        raise ValueError(f"window must be a positive whole number of sessions, got {window!r}")
    return w


def window_returns(values: pd.Series, window: int, *, how: MoveKind = "pct") -> pd.Series:
    """Move over ``window`` sessions ending at every date.

    Parameters
    ----------
    values : pandas.Series
        Closes (``pct``), yields (``diff``) or daily fractional returns (``compound``),
        in date order.
    window : int
        Number of sessions (rows), >= 1.
    how : {"pct", "diff", "compound"}
        See the module docstring.

    Returns
    -------
    pandas.Series
        Same index and name as ``values``; NaN for the first ``window`` rows.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.Series([0.1, 0.1], index=pd.date_range("2024-01-01", periods=2))
    >>> round(float(window_returns(r, 2, how="compound").iloc[-1]), 4)
    0.21
    """
    w = _check_window(window)
    clean = values.dropna().astype("float64")
    if how == "pct":
        out = clean / clean.shift(w) - 1.0
    elif how == "diff":
        out = clean - clean.shift(w)
    elif how == "compound":
        logs = np.log1p(clean)
        out = np.expm1(logs.rolling(w, min_periods=w).sum())
    else:
        raise ValueError(f"how must be 'pct', 'diff' or 'compound', got {how!r}")
    out = out.reindex(values.index)
    out.name = values.name
    return out


def window_starts(values: pd.Series, window: int) -> pd.Series:
    """Base date of the ``window``-session move ending at every date.

    Returns
    -------
    pandas.Series of datetime64
        ``index[t - window]`` for each row ``t`` (NaT for the first rows). For
        ``how="compound"`` moves the first return counted is the row after it.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([1.0, 2.0, 3.0], index=pd.date_range("2024-01-01", periods=3))
    >>> window_starts(s, 2).iloc[-1].date().isoformat()
    '2024-01-01'
    """
    w = _check_window(window)
    clean = values.dropna()
    dates = pd.Series(clean.index, index=clean.index).shift(w)
    return dates.reindex(values.index)


def returns_table(
    values: pd.Series, windows: Iterable[int] = DEFAULT_WINDOWS, *, how: MoveKind = "pct"
) -> pd.DataFrame:
    """Moves over several windows, one column per window.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([100.0, 110.0, 121.0], index=pd.date_range("2024-01-01", periods=3))
    >>> returns_table(s, (1, 2)).iloc[-1].round(2).tolist()
    [0.1, 0.21]
    """
    return pd.DataFrame({int(w): window_returns(values, w, how=how) for w in windows})
