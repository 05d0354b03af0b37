"""CAPE and the following decade's real return: forward returns and the OLS model.

Pure functions on pandas objects; no I/O.

Forward real return
    built from Shiller's real price ``rp`` and real dividend ``rd`` (annualised, so
    ``rd/12`` is paid each month): total-return index ``R_t = R_{t-1} (rp_t + rd_t/12) /
    rp_{t-1}`` and ``((R_{t+12k} / R_t) ** (1/k)) - 1``.
Regression
    OLS of that return on starting CAPE or 1/CAPE, fitted only on windows that ended by
    the as-of date, with Newey-West standard errors for the overlapping windows.

Examples
--------
>>> import numpy as np, pandas as pd
>>> i = pd.date_range("2000-01-31", periods=25, freq="ME")
>>> f = pd.DataFrame({"real_price": 100 * 1.01 ** np.arange(25), "real_dividend": 0.0}, i)
>>> round(float(forward_real_return(f, years=1).iloc[0]), 4)
0.1268
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal

import numpy as np
import pandas as pd

from rotascope._typing import DateLike
from rotascope.measures.valuation import history_asof

__all__ = [
    "Predictor",
    "ReturnRegression",
    "cape_return_regression",
    "forward_real_return",
]

Predictor = Literal["auto", "cape", "inverse_cape"]


@dataclass(frozen=True)
class ReturnRegression:
    """OLS of the following ``years``-year annualised real return on starting valuation.

    Attributes
    ----------
    predictor : {"cape", "inverse_cape"}
        Regressor chosen (``auto`` picks the higher R²).
    intercept, slope : float
        ``y = intercept + slope * x`` (y as a fraction per year).
    r2, r2_cape, r2_inverse : float
        R² of the chosen fit and of both candidates.
    n : int
        Starting months used (overlapping windows).
    first, last : pandas.Timestamp
        First and last starting month used (the last window ends by ``asof``).
    resid_sd : float
        Residual standard deviation.
    hac_lags : int
        Newey-West lags used for the standard errors (overlap = 12 * years - 1).
    asof_date : pandas.Timestamp
        Month of the valuation the implied figure uses.
    x0 : float
        CAPE at ``asof_date``.
    implied : float
        Fitted annualised real return for ``x0``.
    ci_low, ci_high : float
        Confidence band for the *mean* return at ``x0`` (HAC standard error).
    pi_low, pi_high : float
        Prediction interval for one decade's return at ``x0``.
    level : float
        Confidence level of both intervals (0.95).
    """

    predictor: str
    intercept: float
    slope: float
    r2: float
    r2_cape: float
    r2_inverse: float
    n: int
    first: pd.Timestamp
    last: pd.Timestamp
    resid_sd: float
    hac_lags: int
    asof_date: pd.Timestamp
    x0: float
    implied: float
    ci_low: float
    ci_high: float
    pi_low: float
    pi_high: float
    level: float
    years: int


def forward_real_return(frame: pd.DataFrame, *, years: int = 10) -> pd.Series:
    """Following ``years``-year annualised real total return at every month.

    Uses ``real_price`` and ``real_dividend`` (see the module docstring). The value at
    month ``t`` needs data up to ``t + 12 * years`` months: it is NaN where that is
    missing, and it is only *known* at the end of the window.

    Returns
    -------
    pandas.Series
        Fractions per year, named ``fwd_real_return_{years}y``.
    """
    rp = frame["real_price"].to_numpy(dtype=np.float64)
    rd = frame["real_dividend"].to_numpy(dtype=np.float64)
    growth = np.zeros(rp.size)
    growth[1:] = np.log((rp[1:] + rd[1:] / 12.0) / rp[:-1])
    bad = np.isnan(growth)
    cum = np.cumsum(np.where(bad, 0.0, growth))
    nbad = np.cumsum(bad)
    k = 12 * years
    out = np.full(rp.size, np.nan)
    if rp.size > k:
        ok = nbad[k:] == nbad[:-k]  # no missing month inside (t, t + k]
        out[:-k] = np.where(ok, np.expm1((cum[k:] - cum[:-k]) / years), np.nan)
    return pd.Series(out, index=frame.index, name=f"fwd_real_return_{years}y")


def _ols(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    X = np.column_stack([np.ones_like(x), x])
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ beta
    r2 = 1.0 - float(resid @ resid) / float(((y - y.mean()) ** 2).sum())
    return beta, resid, r2


def _hac_cov(x: np.ndarray, resid: np.ndarray, lags: int) -> np.ndarray:
    """Newey-West (Bartlett) covariance of OLS coefficients."""
    X = np.column_stack([np.ones_like(x), x])
    u = X * resid[:, None]
    S = u.T @ u
    for lag in range(1, min(lags, len(x) - 1) + 1):
        w = 1.0 - lag / (lags + 1.0)
        G = u[lag:].T @ u[:-lag]
        S += w * (G + G.T)
    bread = np.linalg.inv(X.T @ X)
    return bread @ S @ bread


def cape_return_regression(
    frame: pd.DataFrame,
    *,
    asof: DateLike | None = None,
    years: int = 10,
    start: DateLike = "1881-01-01",
    predictor: Predictor = "auto",
    level: float = 0.95,
) -> ReturnRegression:
    """Regress the following ``years``-year real return on starting CAPE, as of a date.

    Only windows that have ended by ``asof`` enter the fit (no look-ahead); the implied
    figure uses the CAPE of the last month on or before ``asof``. Standard errors are
    Newey-West with ``12 * years - 1`` lags because overlapping windows make plain OLS
    errors far too small. The band is for the *mean* return given CAPE; the prediction
    interval is for one decade (residual variance added).

    Parameters
    ----------
    frame : pandas.DataFrame
        Shiller-like monthly frame with ``cape``, ``real_price``, ``real_dividend``.
    asof : date-like, optional
    years : int
        Horizon (default 10).
    start : date-like
        First starting month (CAPE exists from 1881).
    predictor : {"auto", "cape", "inverse_cape"}
        ``auto`` keeps the regressor with the higher R².
    level : float
        Confidence level of both intervals.

    Returns
    -------
    ReturnRegression
    """
    cape = history_asof(frame["cape"], asof)
    end = cape.index[-1]
    fwd = forward_real_return(frame, years=years)
    last_start = end - pd.DateOffset(months=12 * years)
    data = pd.DataFrame({"cape": frame["cape"], "y": fwd}).loc[pd.Timestamp(start) : last_start]
    data = data.dropna()
    if len(data) < 24:
        raise ValueError(f"too few complete {years}-year windows before {end.date()}")
    c = data["cape"].to_numpy()
    y = data["y"].to_numpy()
    fits = {"cape": _ols(c, y), "inverse_cape": _ols(1.0 / c, y)}
    choice = predictor
    if choice == "auto":
        choice = "cape" if fits["cape"][2] >= fits["inverse_cape"][2] else "inverse_cape"
    beta, resid, r2 = fits[choice]
    x = c if choice == "cape" else 1.0 / c
    lags = 12 * years - 1
    cov = _hac_cov(x, resid, lags)
    x0 = float(cape.iloc[-1])
    v0 = np.array([1.0, x0 if choice == "cape" else 1.0 / x0])
    implied = float(v0 @ beta)
    se_mean = math.sqrt(float(v0 @ cov @ v0))
    resid_sd = float(np.sqrt(resid @ resid / (len(y) - 2)))
    se_pred = math.sqrt(resid_sd**2 + se_mean**2)
    z = NormalDist().inv_cdf(0.5 + level / 2)
    return ReturnRegression(
        predictor=choice,
        intercept=float(beta[0]),
        slope=float(beta[1]),
        r2=r2,
        r2_cape=fits["cape"][2],
        r2_inverse=fits["inverse_cape"][2],
        n=len(y),
        first=pd.Timestamp(data.index[0]),
        last=pd.Timestamp(data.index[-1]),
        resid_sd=resid_sd,
        hac_lags=lags,
        asof_date=pd.Timestamp(end),
        x0=x0,
        implied=implied,
        ci_low=implied - z * se_mean,
        ci_high=implied + z * se_mean,
        pi_low=implied - z * se_pred,
        pi_high=implied + z * se_pred,
        level=level,
        years=years,
    )
