"""Valuation measures: level, percentile, records, gaps, yields and CAPE-implied returns.

Pure functions on pandas objects; no I/O. A valuation series is a float Series on a
DatetimeIndex (monthly or daily); NaN is dropped. Every function that looks at history
takes ``asof`` and uses only values dated on or before it.

Percentile
    share of the window's values (the current one included) that are at or below the
    current value: 1.0 = the highest of the window, 1/n = the lowest.
Distance from median
    ``value / median - 1`` over the window ("28% above its 20-year median").
Forward real return
    built from Shiller's real price ``rp`` and real dividend ``rd`` (annualised, so
    ``rd/12`` is paid each month): total-return index ``R_t = R_{t-1} (rp_t + rd_t/12) /
    rp_{t-1}`` and ``((R_{t+12k} / R_t) ** (1/k)) - 1``.

Examples
--------
>>> import pandas as pd
>>> s = pd.Series([10.0, 12.0, 11.0, 15.0],
...               index=pd.date_range("2020-01-31", periods=4, freq="ME", name="date"))
>>> lv = valuation_level(s)
>>> lv.value, lv.percentile, round(lv.vs_median, 4)
(15.0, 1.0, 0.3043)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal

import numpy as np
import pandas as pd

from rotascope._typing import DateLike, Direction
from rotascope.measures.kernels import previous_at_least, previous_at_most, rank_to_date

__all__ = [
    "ReturnRegression",
    "ValuationLevel",
    "ValueRecord",
    "cape_return_regression",
    "earnings_yields",
    "forward_real_return",
    "gap_series",
    "history_asof",
    "valuation_level",
    "value_record",
]

Predictor = Literal["auto", "cape", "inverse_cape"]


@dataclass(frozen=True)
class ValuationLevel:
    """A valuation's level as of a date, against its own history.

    Attributes
    ----------
    date : pandas.Timestamp
        Date of the value used (the last on or before ``asof``).
    value : float
        The value.
    percentile : float
        Share of the window's values at or below ``value`` (0..1, current included).
    median, q10, q90 : float
        Median and 10th/90th percentiles (linear interpolation) of the window.
    vs_median : float
        ``value / median - 1`` (fraction).
    window_start : pandas.Timestamp
        First date in the window.
    n : int
        Values in the window.
    years : int or None
        Window length in years; ``None`` = all history.
    """

    date: pd.Timestamp
    value: float
    percentile: float
    median: float
    q10: float
    q90: float
    vs_median: float
    window_start: pd.Timestamp
    n: int
    years: int | None


@dataclass(frozen=True)
class ValueRecord:
    """How far back a value reaches (see DESIGN.md, *record*).

    Attributes
    ----------
    direction : {"high", "low"}
    since : pandas.Timestamp or None
        Latest earlier date with a value at least as extreme; ``None`` = none.
    since_value : float or None
    rank, out_of : int
    history_start : pandas.Timestamp
    """

    direction: str
    since: pd.Timestamp | None
    since_value: float | None
    rank: int
    out_of: int
    history_start: pd.Timestamp


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


def history_asof(series: pd.Series, asof: DateLike | None = None) -> pd.Series:
    """Non-NaN values dated on or before ``asof``, sorted; raises when none remain."""
    s = series.dropna().sort_index()
    if asof is not None:
        s = s.loc[: pd.Timestamp(asof)]
    if s.empty:
        raise ValueError(f"no value of {series.name or 'the series'} on or before {asof}")
    return s.astype("float64")


def _window(s: pd.Series, years: int | None) -> pd.Series:
    if years is None:
        return s
    start = s.index[-1] - pd.DateOffset(years=years)
    return s.loc[s.index > start]


def valuation_level(
    series: pd.Series, *, asof: DateLike | None = None, years: int | None = None
) -> ValuationLevel:
    """Level, percentile and distance from median of the last value on or before ``asof``.

    Parameters
    ----------
    series : pandas.Series
        Valuation values (e.g. a P/E) on a DatetimeIndex.
    asof : date-like, optional
        Use values dated on or before this; default all.
    years : int, optional
        Compare with the trailing ``years`` years only (dates after ``date - years``);
        default the whole history.

    Returns
    -------
    ValuationLevel
    """
    s = history_asof(series, asof)
    w = _window(s, years)
    x = w.to_numpy()
    v = float(x[-1])
    med = float(np.median(x))
    return ValuationLevel(
        date=pd.Timestamp(w.index[-1]),
        value=v,
        percentile=float(np.count_nonzero(x <= v)) / x.size,
        median=med,
        q10=float(np.quantile(x, 0.1)),
        q90=float(np.quantile(x, 0.9)),
        vs_median=v / med - 1.0 if med != 0 else math.nan,
        window_start=pd.Timestamp(w.index[0]),
        n=int(x.size),
        years=years,
    )


def value_record(
    series: pd.Series, *, asof: DateLike | None = None, direction: Direction = "high"
) -> ValueRecord:
    """Record of the last value on or before ``asof`` against all earlier values.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([3.0, 1.0, 2.0, 5.0, 2.0],
    ...               index=pd.date_range("2024-01-31", periods=5, freq="ME"))
    >>> r = value_record(s, direction="low")
    >>> r.since.date().isoformat(), r.rank, r.out_of
    ('2024-03-31', 2, 5)
    """
    if direction not in ("high", "low"):
        raise ValueError(f"direction must be 'high' or 'low', got {direction!r}")
    s = history_asof(series, asof)
    x = np.ascontiguousarray(s.to_numpy(dtype=np.float64))
    if direction == "high":
        prev = int(previous_at_least(x)[-1])
        greater, seen = rank_to_date(x)
    else:
        prev = int(previous_at_most(x)[-1])
        greater, seen = rank_to_date(-x)
    return ValueRecord(
        direction=direction,
        since=pd.Timestamp(s.index[prev]) if prev >= 0 else None,
        since_value=float(x[prev]) if prev >= 0 else None,
        rank=int(greater[-1]) + 1,
        out_of=int(seen[-1]) + 1,
        history_start=pd.Timestamp(s.index[0]),
    )


def gap_series(a: pd.Series, b: pd.Series) -> pd.Series:
    """Relative gap ``a / b - 1`` on the dates both have (-0.19 = A at a 19% discount).

    Examples
    --------
    >>> import pandas as pd
    >>> i = pd.date_range("2024-01-31", periods=2, freq="ME")
    >>> gap_series(pd.Series([16.2, 15.0], i), pd.Series([20.0, 20.0], i)).round(3).tolist()
    [-0.19, -0.25]
    """
    left, right = a.dropna().align(b.dropna(), join="inner")
    out = left / right - 1.0
    out.name = f"{a.name}/{b.name}" if a.name and b.name else "gap"
    return out.astype("float64")


def earnings_yields(frame: pd.DataFrame) -> pd.DataFrame:
    """Earnings yields against the 10-year Treasury yield (an equity risk premium proxy).

    Parameters
    ----------
    frame : pandas.DataFrame
        Shiller-like monthly frame with ``price``, ``earnings``, ``cape`` and ``gs10``
        (percent).

    Returns
    -------
    pandas.DataFrame
        ``cape_yield`` (1/CAPE), ``trailing_yield`` (E/P), ``bond_yield`` (GS10 as a
        fraction), ``erp_cape`` and ``erp_trailing`` (each yield minus ``bond_yield``;
        fraction points). Nominal bond yield against a real-ish earnings yield: a proxy,
        not a forecast.
    """
    out = pd.DataFrame(index=frame.index)
    out["cape_yield"] = 1.0 / frame["cape"]
    out["trailing_yield"] = frame["earnings"] / frame["price"]
    out["bond_yield"] = frame["gs10"] / 100.0
    out["erp_cape"] = out["cape_yield"] - out["bond_yield"]
    out["erp_trailing"] = out["trailing_yield"] - out["bond_yield"]
    return out


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
