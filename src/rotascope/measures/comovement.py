"""Correlation and beta of two series over a window of daily returns, with records.

"Small caps' correlation with the S&P 500 fell to its lowest on record." On the common
sessions of A and B (:func:`~rotascope.measures.align`), the daily moves are taken
(``how="pct"`` for prices, ``"diff"`` for yields); for every date with ``window``
moves ending on it:

- ``correlation``: Pearson's r of the two moves, computed two-pass per window (each
  window demeaned exactly, so a value depends only on its own window and rounding
  cannot leak from older data) and clipped to [-1, 1]; NaN when either series did not
  move in the window;
- ``beta``: ``cov(A, B) / var(B)``, A's sensitivity to B (NaN when B did not move).

Records of the correlation use the project's rule (:func:`~rotascope.measures.records`):
"the highest 63-session correlation since ...".

Examples
--------
>>> import numpy as np, pandas as pd
>>> idx = pd.date_range("2024-01-01", periods=6)
>>> b = pd.Series([100.0, 101, 99, 102, 100, 103], index=idx)
>>> a = 2 * b - 100  # moves twice as far as b, in percent a bit more
>>> t = rolling_comovement(a, b, 3)
>>> float(t["correlation"].iloc[-1]) > 0.99
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rotascope.measures._common import (
    FrameResult,
    MeasureInputError,
    as_timestamp,
    check_sorted,
    check_window,
    date_or_nat,
)
from rotascope.measures.records import last_record
from rotascope.measures.relative import align
from rotascope.measures.returns import MoveKind

__all__ = ["Comovement", "comovement_at", "rolling_comovement"]


#: Values per block of windows in :func:`_rolling` (bounds its temporary arrays).
_BLOCK = 500_000


def _rolling(x: np.ndarray, y: np.ndarray, w: int) -> tuple[np.ndarray, np.ndarray]:
    """Correlation and beta of every full window of ``w`` moves (NaN where a move is
    missing or B does not move), two-pass per window with NumPy, in blocks of windows."""
    n = x.shape[0]
    corr = np.full(n, np.nan)
    beta = np.full(n, np.nan)
    if n < w:
        return corr, beta
    xs_all = np.lib.stride_tricks.sliding_window_view(x, w)
    ys_all = np.lib.stride_tricks.sliding_window_view(y, w)
    step = max(1, _BLOCK // w)
    for s in range(0, xs_all.shape[0], step):
        xs, ys = xs_all[s : s + step], ys_all[s : s + step]
        ok = ~(np.isnan(xs).any(axis=1) | np.isnan(ys).any(axis=1))
        dx = xs - xs.sum(axis=1, keepdims=True) / w
        dy = ys - ys.sum(axis=1, keepdims=True) / w
        sxx = (dx * dx).sum(axis=1)
        syy = (dy * dy).sum(axis=1)
        sxy = (dx * dy).sum(axis=1)
        moves = ok & (syy > 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            b = np.where(moves, sxy / syy, np.nan)
            r = np.where(moves & (sxx > 0.0), np.clip(sxy / np.sqrt(sxx * syy), -1.0, 1.0), np.nan)
        at = w - 1 + s
        beta[at : at + b.shape[0]] = b
        corr[at : at + r.shape[0]] = r
    return corr, beta


def _moves(values: pd.Series, how: MoveKind) -> np.ndarray:
    x = values.to_numpy(dtype=np.float64)
    out = np.full(x.shape, np.nan)
    if how == "pct":
        out[1:] = x[1:] / x[:-1] - 1.0
    elif how == "diff":
        out[1:] = x[1:] - x[:-1]
    else:
        raise MeasureInputError(f"how must be 'pct' or 'diff', got {how!r}")
    return out


def rolling_comovement(
    a: pd.Series,
    b: pd.Series,
    window: int = 63,
    *,
    how: MoveKind = "pct",
    how_b: MoveKind | None = None,
) -> pd.DataFrame:
    """Correlation and beta of A's and B's daily moves over ``window`` sessions.

    Parameters
    ----------
    a, b : pandas.Series
        Closes (or yields) in date order.
    window : int
        Number of daily moves, >= 2 (default 63, about a quarter).
    how, how_b : {"pct", "diff"}
        How A's (and B's, default the same) daily moves are measured.

    Returns
    -------
    pandas.DataFrame
        Indexed by the common sessions; columns ``correlation`` and ``beta`` (NaN
        until ``window`` moves exist).

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.date_range("2024-01-01", periods=4)
    >>> a = pd.Series([1.0, 1.1, 1.0, 1.1], index=idx)
    >>> b = pd.Series([1.0, 0.9, 1.0, 0.9], index=idx)
    >>> rolling_comovement(a, b, 3)["correlation"].round(2).tolist()[-1]
    -1.0
    """
    check_sorted(a, "a")
    check_sorted(b, "b")
    w = check_window(window, 2)
    al = align(a, b)
    x = _moves(al.a, how)
    y = _moves(al.b, how if how_b is None else how_b)
    corr, beta = _rolling(x, y, w)
    return pd.DataFrame({"correlation": corr, "beta": beta}, index=al.common)


@dataclass(frozen=True)
class Comovement(FrameResult):
    """Correlation and beta on one date, with the correlation's records.

    Attributes
    ----------
    date : pandas.Timestamp
        The last common session used.
    window : int
        Daily moves in the window.
    correlation, beta : float
    high_since, low_since : pandas.Timestamp or NaT
        Latest earlier date with a correlation ``>=`` (resp. ``<=``) today's; NaT =
        the highest (lowest) since the first full window.
    high_rank, low_rank, out_of : int
        Record ranks of the correlation among all earlier full windows.
    history_start : pandas.Timestamp
        First date with a full window.
    """

    date: pd.Timestamp
    window: int
    correlation: float
    beta: float
    high_since: pd.Timestamp
    low_since: pd.Timestamp
    high_rank: int
    low_rank: int
    out_of: int
    history_start: pd.Timestamp

    def to_frame(self) -> pd.DataFrame:
        """One row with every field."""
        row = {k: getattr(self, k) for k in self.__dataclass_fields__}
        return pd.DataFrame([row]).set_index("date")


def comovement_at(
    a: pd.Series,
    b: pd.Series,
    asof: pd.Timestamp | None = None,
    *,
    window: int = 63,
    how: MoveKind = "pct",
    how_b: MoveKind | None = None,
) -> Comovement | None:
    """Correlation and beta as of ``asof``, and how far back the correlation's record goes.

    Returns
    -------
    Comovement or None
        ``None`` when no full window ends on or before ``asof`` or the correlation is
        undefined that day (a series did not move).

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.date_range("2024-01-01", periods=5)
    >>> a = pd.Series([1.0, 1.1, 1.0, 1.1, 1.2], index=idx)
    >>> b = pd.Series([1.0, 1.1, 1.0, 1.1, 1.0], index=idx)
    >>> c = comovement_at(a, b, window=3)
    >>> round(c.correlation, 2), c.high_rank, c.low_rank
    (0.54, 2, 1)
    """
    if asof is not None:
        cut = as_timestamp(asof, "asof")
        a, b = a.loc[:cut], b.loc[:cut]
    table = rolling_comovement(a, b, window, how=how, how_b=how_b)
    corr = table["correlation"].dropna()
    if corr.empty or corr.index[-1] != table.index[-1]:
        return None
    hi = last_record(corr, "high")
    lo = last_record(corr, "low")
    return Comovement(
        date=corr.index[-1],
        window=int(window),
        correlation=float(corr.iloc[-1]),
        beta=float(table["beta"].iloc[-1]),
        high_since=date_or_nat(hi["since"]),
        low_since=date_or_nat(lo["since"]),
        high_rank=int(hi["rank"]),
        low_rank=int(lo["rank"]),
        out_of=int(hi["out_of"]),
        history_start=corr.index[0],
    )
