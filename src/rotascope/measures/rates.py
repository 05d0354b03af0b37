"""Yields: changes in basis points, and how much stock indexes move per basis point.

Yields are in percent (``4.25`` = 4.25%), so a change times 100 is in basis points.
Missing observations (FRED leaves holidays blank) are dropped before differencing: a
window of ``n`` counts ``n`` observed sessions.

The **rate beta** of an index is the slope of its daily return (fraction) on the daily
yield change (bp) over a rolling window: ``cov(r, dy) / var(dy)``. A beta of
``-0.0005`` means the index moves -0.05% per +1 bp, i.e. -0.5% per +10 bp.

Examples
--------
>>> import pandas as pd
>>> y = pd.Series([4.00, 4.10, 3.95, 3.80], index=pd.bdate_range("2024-01-01", periods=4))
>>> yield_change_bp(y, 2).round(1).tolist()
[-5.0, -30.0]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = [
    "BetaGap",
    "beta_gap",
    "daily_returns",
    "rolling_beta",
    "yield_change_bp",
]


def yield_change_bp(yields: pd.Series, window: int = 1, asof: object | None = None) -> pd.Series:
    """Change in basis points over ``window`` observed sessions.

    Parameters
    ----------
    yields : pandas.Series
        Yields in percent, in date order (NaN dropped first).
    window : int
        Observations between the two yields.
    asof : date-like, optional
        Use only values up to this date.

    Returns
    -------
    pandas.Series
        ``(y[t] - y[t - window]) * 100``, starting at the first complete window.
    """
    if int(window) < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    y = yields.dropna().astype("float64")
    if asof is not None:
        y = y.loc[: pd.Timestamp(asof)]  # type: ignore[misc]
    return ((y - y.shift(int(window))) * 100.0).dropna().rename(yields.name)


def daily_returns(close: pd.Series) -> pd.Series:
    """One-session returns of a close series (NaN dropped first)."""
    c = close.dropna().astype("float64")
    return (c / c.shift(1) - 1.0).dropna().rename(close.name)


def rolling_beta(
    returns: pd.Series,
    dy_bp: pd.Series,
    window: int = 252,
    min_periods: int | None = None,
) -> pd.Series:
    """Rolling slope of daily returns on daily yield changes (return per bp).

    Parameters
    ----------
    returns : pandas.Series
        Daily returns (fractions).
    dy_bp : pandas.Series
        Daily yield changes in basis points.
    window : int
        Sessions in each regression (only dates present in both series count).
    min_periods : int, optional
        Fewest paired observations for a value (default: ``window``).

    Returns
    -------
    pandas.Series
        Beta per 1 bp, on the dates both series have; NaN until ``min_periods``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> idx = pd.bdate_range("2024-01-01", periods=50)
    >>> dy = pd.Series(np.sin(np.arange(50)), index=idx) * 5
    >>> r = -0.001 * dy
    >>> round(float(rolling_beta(r, dy, window=20).iloc[-1]), 6)
    -0.001
    """
    both = pd.concat([returns.rename("r"), dy_bp.rename("dy")], axis=1, join="inner").dropna()
    mp = int(window) if min_periods is None else int(min_periods)
    cov = both["r"].rolling(int(window), min_periods=mp).cov(both["dy"])
    var = both["dy"].rolling(int(window), min_periods=mp).var()
    beta = cov / var.where(var > 0)
    return beta.rename(returns.name)


@dataclass(frozen=True)
class BetaGap:
    """Rate betas of two indexes as of one date, and their difference.

    Attributes
    ----------
    asof : pandas.Timestamp
        Last date of the window.
    window : int
        Sessions in the window.
    beta_a, beta_b : float
        Return per 1 bp of yield change (fractions).
    gap : float
        ``beta_a - beta_b`` (fraction per bp).
    per : int
        Basis points the ``*_per`` figures are quoted for.
    """

    asof: pd.Timestamp
    window: int
    beta_a: float
    beta_b: float
    gap: float
    per: int = 10

    @property
    def a_per(self) -> float:
        """Move of A per ``per`` bp (fraction)."""
        return self.beta_a * self.per

    @property
    def b_per(self) -> float:
        """Move of B per ``per`` bp (fraction)."""
        return self.beta_b * self.per

    @property
    def gap_per(self) -> float:
        """Difference per ``per`` bp (fraction points)."""
        return self.gap * self.per


def beta_gap(
    close_a: pd.Series,
    close_b: pd.Series,
    yields: pd.Series,
    window: int = 252,
    asof: object | None = None,
    per: int = 10,
) -> BetaGap:
    """Rate betas of A (e.g. small caps) and B (large caps) and their difference.

    Both betas use the same dates (sessions where A, B and the yield all have a
    value), so the difference compares like with like.

    Parameters
    ----------
    close_a, close_b : pandas.Series
        Closes of the two indexes.
    yields : pandas.Series
        Yield in percent.
    window : int
        Sessions in the regression.
    asof : date-like, optional
        Last date used.
    per : int
        Basis points to quote the sensitivities for (10 -> "per 10 bp").

    Returns
    -------
    BetaGap
    """
    y = yields.dropna().astype("float64")
    frame = pd.concat(
        [close_a.rename("a"), close_b.rename("b"), y.rename("y")], axis=1, join="inner"
    ).dropna()
    if asof is not None:
        frame = frame.loc[: pd.Timestamp(asof)]  # type: ignore[misc]
    ra = frame["a"].pct_change()
    rb = frame["b"].pct_change()
    dy = frame["y"].diff() * 100.0
    ba = rolling_beta(ra.dropna(), dy.dropna(), window)
    bb = rolling_beta(rb.dropna(), dy.dropna(), window)
    if ba.dropna().empty:
        raise ValueError(f"fewer than {window} common sessions for a rate beta")
    a, b = float(ba.iloc[-1]), float(bb.iloc[-1])
    return BetaGap(ba.index[-1], int(window), a, b, a - b, int(per))
