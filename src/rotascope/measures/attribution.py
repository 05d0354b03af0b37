"""Return attribution: how much of a price move came from earnings, the multiple, dividends.

Log decomposition, so the parts add up exactly::

    log(P1/P0) = log(E1/E0) + log(M1/M0) + residual
    log(TR1/TR0) = log(P1/P0) + sum over periods t in (t0, t1] of log(1 + d_t / P_t)

``M`` is the multiple (P/E). When no multiple series is given, ``M = P/E`` on the same
prices and the residual is 0 up to rounding (~1e-16). When the multiple comes from elsewhere (a P/E
series on monthly average prices, a vendor's P/E) or the price dates do not fall on the
earnings months, the residual holds the difference and is reported, never hidden.

The dividend part compounds each period's cash dividend ``d_t`` reinvested at ``P_t``,
the rule behind Shiller's total-return price (``TR_t = TR_{t-1} (P_t + D_t/12) /
P_{t-1}``; pass ``D / 12`` as ``dividends`` for his annualised D).

Simple (not log) figures for sentences are ``exp(part) - 1``; they multiply:
``(1 + earnings) * (1 + multiple) * exp(residual) = 1 + price return``.

Examples
--------
>>> import pandas as pd
>>> i = pd.date_range("2022-10-31", periods=2, freq="21ME")
>>> a = attribute_return(pd.Series([100.0, 150.0], i), pd.Series([5.0, 5.5], i),
...                      i[0], i[1])
>>> round(a.price_return, 4), round(a.earnings_growth, 4), round(a.multiple_change, 4)
(0.5, 0.1, 0.3636)
>>> abs(a.log_price - (a.log_earnings + a.log_multiple + a.log_residual)) < 1e-15
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rotascope._typing import DateLike

__all__ = ["Attribution", "attribute_return"]


@dataclass(frozen=True)
class Attribution:
    """A price (and total) return split into earnings, multiple, dividends and residual.

    Attributes
    ----------
    start, end : pandas.Timestamp
        Requested dates.
    price_start, price_end : pandas.Timestamp
        Dates of the prices used (last on or before ``start`` / ``end``).
    earnings_start, earnings_end : pandas.Timestamp
        Dates of the earnings used.
    p0, p1, e0, e1, m0, m1 : float
        Prices, earnings and multiples at both ends.
    log_price, log_earnings, log_multiple, log_residual : float
        Log parts; ``log_price = log_earnings + log_multiple + log_residual``
        (exact up to floating point).
    log_dividends : float or None
        Log contribution of reinvested dividends; ``None`` when no dividends given.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    price_start: pd.Timestamp
    price_end: pd.Timestamp
    earnings_start: pd.Timestamp
    earnings_end: pd.Timestamp
    p0: float
    p1: float
    e0: float
    e1: float
    m0: float
    m1: float
    log_price: float
    log_earnings: float
    log_multiple: float
    log_residual: float
    log_dividends: float | None = None

    @property
    def price_return(self) -> float:
        """``P1 / P0 - 1``."""
        return math.expm1(self.log_price)

    @property
    def earnings_growth(self) -> float:
        """``E1 / E0 - 1``."""
        return math.expm1(self.log_earnings)

    @property
    def multiple_change(self) -> float:
        """``M1 / M0 - 1``."""
        return math.expm1(self.log_multiple)

    @property
    def residual(self) -> float:
        """``exp(log_residual) - 1``."""
        return math.expm1(self.log_residual)

    @property
    def dividend_contribution(self) -> float | None:
        """``exp(log_dividends) - 1`` (reinvested dividends), or ``None``."""
        return None if self.log_dividends is None else math.expm1(self.log_dividends)

    @property
    def log_total(self) -> float | None:
        """Log total return (price + dividends), or ``None`` without dividends."""
        return None if self.log_dividends is None else self.log_price + self.log_dividends

    @property
    def total_return(self) -> float | None:
        """Total return with dividends reinvested, or ``None``."""
        lt = self.log_total
        return None if lt is None else math.expm1(lt)

    def parts(self) -> dict[str, float]:
        """Log parts by name (``earnings``, ``multiple``, ``dividends``, ``residual``)."""
        out = {"earnings": self.log_earnings, "multiple": self.log_multiple}
        if self.log_dividends is not None:
            out["dividends"] = self.log_dividends
        out["residual"] = self.log_residual
        return out


def _at(series: pd.Series, date: pd.Timestamp, what: str) -> tuple[pd.Timestamp, float]:
    s = series.dropna()
    s = s.loc[:date]
    if s.empty:
        raise ValueError(f"no {what} on or before {date.date()}")
    v = float(s.iloc[-1])
    if not v > 0:
        raise ValueError(f"{what} on {s.index[-1].date()} is {v:g}; logs need positive values")
    return pd.Timestamp(s.index[-1]), v


def attribute_return(
    price: pd.Series,
    earnings: pd.Series,
    start: DateLike,
    end: DateLike,
    *,
    multiple: pd.Series | None = None,
    dividends: pd.Series | None = None,
) -> Attribution:
    """Split the price return from ``start`` to ``end`` into earnings, multiple, dividends.

    Parameters
    ----------
    price : pandas.Series
        Prices on a DatetimeIndex (daily or monthly).
    earnings : pandas.Series
        Earnings per share (trailing or forward, consistently); NaN dropped, the last
        value on or before each date is used. Must be positive at both ends.
    start, end : date-like
        The window; each end uses the last value on or before it.
    multiple : pandas.Series, optional
        A P/E series to use instead of ``price / earnings``; the residual then shows how
        far ``P`` and ``M * E`` disagree.
    dividends : pandas.Series, optional
        Cash dividend paid in each period of ``price`` (per share, same units);
        adds the total-return part.

    Returns
    -------
    Attribution

    Raises
    ------
    ValueError
        ``end`` not after ``start``, or no positive value on or before a date.
    """
    t0, t1 = pd.Timestamp(start), pd.Timestamp(end)
    if not t1 > t0:
        raise ValueError(f"end {t1.date()} must be after start {t0.date()}")
    pd0, p0 = _at(price, t0, "price")
    pd1, p1 = _at(price, t1, "price")
    ed0, e0 = _at(earnings, t0, "earnings")
    ed1, e1 = _at(earnings, t1, "earnings")
    if multiple is None:
        m0, m1 = p0 / e0, p1 / e1
    else:
        m0 = _at(multiple, t0, "multiple")[1]
        m1 = _at(multiple, t1, "multiple")[1]
    lp = math.log(p1 / p0)
    le = math.log(e1 / e0)
    lm = math.log(m1 / m0)
    resid = lp - le - lm  # ~1e-16 when the multiple is P/E itself
    ldiv: float | None = None
    if dividends is not None:
        d, p = dividends.align(price, join="inner")
        mask = (d.index > pd0) & (d.index <= pd1)
        dv = d.to_numpy(dtype=np.float64)[mask]
        pv = p.to_numpy(dtype=np.float64)[mask]
        ok = ~(np.isnan(dv) | np.isnan(pv))
        ldiv = float(np.log1p(dv[ok] / pv[ok]).sum())
    return Attribution(
        start=t0,
        end=t1,
        price_start=pd0,
        price_end=pd1,
        earnings_start=ed0,
        earnings_end=ed1,
        p0=p0,
        p1=p1,
        e0=e0,
        e1=e1,
        m0=m0,
        m1=m1,
        log_price=lp,
        log_earnings=le,
        log_multiple=lm,
        log_residual=resid,
        log_dividends=ldiv,
    )
