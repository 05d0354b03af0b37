"""Calendar-period returns: MTD, QTD, YTD, since a date, between two dates.

A period return is measured from the **last close before the period began** (the
prior period's last close): the YTD return on Jul 16, 2024 is
``close[Jul 16, 2024] / close[Dec 29, 2023] - 1``. "Since D" uses the close *on* D (or
the last one before it) as the base, so ``return_between(s, a, b)`` is what a chart
from ``a`` to ``b`` shows.

Examples
--------
>>> import pandas as pd
>>> s = pd.Series([100.0, 104.0, 110.0],
...               index=pd.to_datetime(["2023-12-29", "2024-01-02", "2024-01-03"]))
>>> p = period_return(s, "YTD")
>>> round(p.value, 2), p.start.date().isoformat()
(0.1, '2023-12-29')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

__all__ = [
    "PERIODS",
    "Period",
    "PeriodReturn",
    "period_return",
    "period_returns",
    "return_between",
    "return_since",
]

Period = Literal["MTD", "QTD", "YTD"]
#: Calendar periods and their pandas frequency.
PERIODS: dict[str, str] = {"MTD": "M", "QTD": "Q", "YTD": "Y"}


@dataclass(frozen=True)
class PeriodReturn:
    """A return between two closes.

    Attributes
    ----------
    value : float
        ``end_value / start_value - 1`` (a fraction); NaN when there is no base.
    start, end : pandas.Timestamp or NaT
        Dates of the base close and of the last close.
    start_value, end_value : float
        The two closes.
    label : str
        ``"YTD"``, ``"MTD"``, ``"QTD"``, ``"since 2024-01-31"`` or ``"2024-01-31..2024-07-16"``.
    """

    value: float
    start: pd.Timestamp
    end: pd.Timestamp
    start_value: float
    end_value: float
    label: str

    def to_frame(self) -> pd.DataFrame:
        """One row indexed by ``label``: start, end, the two closes and the return.

        Examples
        --------
        >>> import pandas as pd
        >>> s = pd.Series([100.0, 110.0], index=pd.date_range("2024-01-01", periods=2))
        >>> return_since(s, "2024-01-01").to_frame()["value"].round(2).tolist()
        [0.1]
        """
        return pd.DataFrame(
            [
                {
                    "start": self.start,
                    "end": self.end,
                    "start_value": self.start_value,
                    "end_value": self.end_value,
                    "value": self.value,
                }
            ],
            index=pd.Index([self.label], name="period"),
        )

    def _repr_html_(self) -> str:
        html: str = self.to_frame()._repr_html_()  # type: ignore[operator]
        return html


def _ts(value: Any) -> pd.Timestamp:
    ts = pd.Timestamp(value)
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts.normalize()


def _upto(values: pd.Series, asof: Any) -> pd.Series:
    clean = values.dropna()
    if asof is not None:
        clean = clean.loc[: _ts(asof)]
    return clean


def _check_period(period: str) -> str:
    p = period.upper()
    if p not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, got {period!r}")
    return p


def period_returns(values: pd.Series, period: Period) -> pd.DataFrame:
    """Period-to-date return at every date.

    Parameters
    ----------
    values : pandas.Series
        Closes in date order.
    period : {"MTD", "QTD", "YTD"}

    Returns
    -------
    pandas.DataFrame
        Columns ``value`` (fraction, NaN in the first period of the series, which has
        no prior close) and ``start`` (date of the base close).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([100.0, 110.0, 121.0],
    ...               index=pd.to_datetime(["2024-01-31", "2024-02-01", "2024-02-02"]))
    >>> period_returns(s, "MTD")["value"].round(2).tolist()
    [nan, 0.1, 0.21]
    """
    p = _check_period(period)
    clean = values.dropna().astype("float64")
    idx = pd.DatetimeIndex(clean.index)
    key = idx.to_period(PERIODS[p])
    groups = pd.Series(clean.to_numpy(), index=key)
    last_value = groups.groupby(level=0).last()
    last_date = pd.Series(idx, index=key).groupby(level=0).last()
    base_value = last_value.shift(1).reindex(key).to_numpy()
    base_date = last_date.shift(1).reindex(key).to_numpy()
    out = pd.DataFrame(
        {"value": clean.to_numpy() / base_value - 1.0, "start": base_date}, index=clean.index
    )
    return out.reindex(values.index)


def period_return(values: pd.Series, period: Period, asof: Any = None) -> PeriodReturn:
    """Period-to-date return as of a date (default: the last date).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([100.0, 90.0, 99.0],
    ...               index=pd.to_datetime(["2024-03-28", "2024-04-01", "2024-04-02"]))
    >>> round(period_return(s, "QTD").value, 2)
    -0.01
    """
    p = _check_period(period)
    clean = _upto(values, asof)
    if clean.empty:
        return PeriodReturn(np.nan, pd.NaT, pd.NaT, np.nan, np.nan, p)
    end = clean.index[-1]
    begins = pd.Period(end, PERIODS[p]).start_time
    before = clean.loc[clean.index < begins]
    end_value = float(clean.iloc[-1])
    if before.empty:
        return PeriodReturn(np.nan, pd.NaT, end, np.nan, end_value, p)
    start_value = float(before.iloc[-1])
    return PeriodReturn(
        end_value / start_value - 1.0, before.index[-1], end, start_value, end_value, p
    )


def return_between(values: pd.Series, start: Any, end: Any) -> PeriodReturn:
    """Return from the close on ``start`` to the close on ``end``.

    Each date falls back to the last value on or before it. NaN when ``start`` is
    before the first value.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([100.0, 90.0, 99.0], index=pd.date_range("2024-01-01", periods=3))
    >>> round(return_between(s, "2024-01-02", "2024-01-03").value, 2)
    0.1
    """
    a, b = _ts(start), _ts(end)
    label = f"{a.date().isoformat()}..{b.date().isoformat()}"
    upto_end = _upto(values, b)
    upto_start = upto_end.loc[:a]
    if upto_end.empty or upto_start.empty:
        end_value = float(upto_end.iloc[-1]) if not upto_end.empty else np.nan
        end_date = upto_end.index[-1] if not upto_end.empty else pd.NaT
        return PeriodReturn(np.nan, pd.NaT, end_date, np.nan, end_value, label)
    sv, ev = float(upto_start.iloc[-1]), float(upto_end.iloc[-1])
    return PeriodReturn(ev / sv - 1.0, upto_start.index[-1], upto_end.index[-1], sv, ev, label)


def return_since(values: pd.Series, start: Any, asof: Any = None) -> PeriodReturn:
    """Return from the close on ``start`` to the last close on or before ``asof``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([100.0, 90.0, 99.0], index=pd.date_range("2024-01-01", periods=3))
    >>> return_since(s, "2024-01-01").label
    'since 2024-01-01'
    """
    clean = _upto(values, asof)
    end = clean.index[-1] if not clean.empty else _ts(start)
    r = return_between(clean, start, end)
    return PeriodReturn(
        r.value,
        r.start,
        r.end,
        r.start_value,
        r.end_value,
        f"since {_ts(start).date().isoformat()}",
    )
