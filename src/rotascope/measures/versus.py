"""A against B since a date and between two dates, on common sessions.

"Down 15% since its July 31 high, against 3.9% for the S&P 500"; "from late October to
Christmas, +26% against +16%". Both returns run over the **same two sessions**:

- the series are aligned on their common sessions (:func:`~rotascope.measures.align`);
- the data is cut at ``asof`` first (nothing later is looked at);
- **snapping**: ``start`` and ``end`` each snap to the last common session on or
  before them, so the base is the close *on* the start date when both series traded
  that day, else the close before it (a chart from ``start`` to ``end``). The result
  keeps the dates asked for and the sessions used (``start_moved``/``end_moved``);
- a start before the first common session gives NaN returns (no base), never a
  silently later base;
- ``gap`` is A's return minus B's, a fraction difference (0.10 = 10 points), so
  ``gap(A, B) == -gap(B, A)``.

Examples
--------
>>> import pandas as pd
>>> idx = pd.to_datetime(["2024-07-31", "2024-08-01", "2024-08-02"])
>>> a = pd.Series([100.0, 95.0, 85.0], index=idx)
>>> b = pd.Series([50.0, 49.0, 48.05], index=idx)
>>> r = pair_return_since(a, b, pd.Timestamp("2024-07-31"))
>>> round(r.a_return, 3), round(r.b_return, 3), round(r.gap, 3)
(-0.15, -0.039, -0.111)
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
)
from rotascope.measures.relative import align

__all__ = ["PairReturn", "pair_return_between", "pair_return_since"]


@dataclass(frozen=True)
class PairReturn(FrameResult):
    """A's and B's returns between the same two common sessions.

    Attributes
    ----------
    start_asked, end_asked : pandas.Timestamp
        The dates asked for (``end_asked`` is the as-of date for "since").
    start, end : pandas.Timestamp or NaT
        The common sessions used: the last common session on or before each date
        asked. ``start`` is NaT when no common session is that early.
    a_return, b_return : float
        ``close[end] / close[start] - 1`` for A and for B (fractions; NaN without a base).
    a_start, a_end, b_start, b_end : float
        The four closes.
    sessions : int
        Common sessions from ``start`` (excluded) to ``end`` (included); 0 without a base.
    missing_a, missing_b : int
        Sessions in the span where only B (resp. only A) has a value: left out of
        the alignment, reported rather than filled.
    label : str
        ``"since 2024-07-31"`` or ``"2024-10-25..2024-12-24"``.
    """

    start_asked: pd.Timestamp
    end_asked: pd.Timestamp
    start: pd.Timestamp
    end: pd.Timestamp
    a_return: float
    b_return: float
    a_start: float
    a_end: float
    b_start: float
    b_end: float
    sessions: int
    missing_a: int
    missing_b: int
    label: str

    @property
    def gap(self) -> float:
        """``a_return - b_return`` (a fraction difference: 0.10 = 10 points)."""
        return self.a_return - self.b_return

    @property
    def relative(self) -> float:
        """Change of the ratio A/B over the span: ``(1 + a) / (1 + b) - 1``."""
        return (1.0 + self.a_return) / (1.0 + self.b_return) - 1.0

    @property
    def start_moved(self) -> bool:
        """True when the base session is not the start date asked for."""
        return bool(pd.isna(self.start) or self.start != self.start_asked)

    @property
    def end_moved(self) -> bool:
        """True when the last session is not the end date asked for."""
        return bool(pd.isna(self.end) or self.end != self.end_asked)

    def to_frame(self) -> pd.DataFrame:
        """Two rows (``a``, ``b``): start, end, the two closes and the return.

        Examples
        --------
        >>> import pandas as pd
        >>> idx = pd.date_range("2024-01-01", periods=2)
        >>> a, b = pd.Series([1.0, 1.1], index=idx), pd.Series([1.0, 1.0], index=idx)
        >>> pair_return_since(a, b, idx[0]).to_frame()["return"].round(2).tolist()
        [0.1, 0.0]
        """
        return pd.DataFrame(
            {
                "start": [self.start, self.start],
                "end": [self.end, self.end],
                "start_close": [self.a_start, self.b_start],
                "end_close": [self.a_end, self.b_end],
                "return": [self.a_return, self.b_return],
            },
            index=pd.Index(["a", "b"], name="series"),
        )


def _last_on_or_before(index: pd.DatetimeIndex, when: pd.Timestamp) -> int:
    """Position of the last date ``<= when`` in a sorted index, ``-1`` if none."""
    return int(index.searchsorted(when, side="right")) - 1


def pair_return_between(
    a: pd.Series,
    b: pd.Series,
    start: pd.Timestamp,
    end: pd.Timestamp,
    asof: pd.Timestamp | None = None,
) -> PairReturn:
    """A's and B's returns from the close on ``start`` to the close on ``end``.

    Parameters
    ----------
    a, b : pandas.Series
        Closes (or levels) in date order.
    start, end : pandas.Timestamp
        The span; each snaps to the last common session on or before it.
    asof : pandas.Timestamp, optional
        Data after it is ignored; ``end`` must not be after it.

    Returns
    -------
    PairReturn

    Raises
    ------
    MeasureInputError
        When ``end`` is before ``start`` or after ``asof``.

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.to_datetime(["2024-10-25", "2024-11-29", "2024-12-24"])
    >>> a = pd.Series([100.0, 120.0, 126.0], index=idx)
    >>> b = pd.Series([100.0, 110.0, 116.0], index=idx)
    >>> r = pair_return_between(a, b, pd.Timestamp("2024-10-27"), pd.Timestamp("2024-12-24"))
    >>> r.start.date().isoformat(), round(r.a_return, 2), round(r.b_return, 2), r.start_moved
    ('2024-10-25', 0.26, 0.16, True)
    """
    check_sorted(a, "a")
    check_sorted(b, "b")
    s, e = as_timestamp(start, "start"), as_timestamp(end, "end")
    if e < s:
        raise MeasureInputError(f"end {e.date()} is before start {s.date()}; swap them")
    label = f"{s.date().isoformat()}..{e.date().isoformat()}"
    if asof is not None:
        cut = as_timestamp(asof, "asof")
        if e > cut:
            raise MeasureInputError(
                f"end {e.date()} is after the as-of date {cut.date()}; end the span on or before it"
            )
        a, b = a.loc[:cut], b.loc[:cut]
    return _between(a, b, s, e, label)


def _between(
    a: pd.Series, b: pd.Series, s: pd.Timestamp, e: pd.Timestamp, label: str
) -> PairReturn:
    al = align(a.loc[:e], b.loc[:e])
    common = al.common
    i_end = _last_on_or_before(common, e)
    i_start = _last_on_or_before(common, s)
    nan = float("nan")
    if i_end < 0 or i_start < 0:
        end_date = common[i_end] if i_end >= 0 else pd.NaT
        a_end = float(al.a.iloc[i_end]) if i_end >= 0 else nan
        b_end = float(al.b.iloc[i_end]) if i_end >= 0 else nan
        return PairReturn(s, e, pd.NaT, end_date, nan, nan, nan, a_end, nan, b_end, 0, 0, 0, label)
    av, bv = al.a.to_numpy(dtype=np.float64), al.b.to_numpy(dtype=np.float64)
    d0, d1 = common[i_start], common[i_end]
    inside_a = ((al.only_a > d0) & (al.only_a <= d1)).sum()
    inside_b = ((al.only_b > d0) & (al.only_b <= d1)).sum()
    return PairReturn(
        start_asked=s,
        end_asked=e,
        start=d0,
        end=d1,
        a_return=float(av[i_end] / av[i_start] - 1.0),
        b_return=float(bv[i_end] / bv[i_start] - 1.0),
        a_start=float(av[i_start]),
        a_end=float(av[i_end]),
        b_start=float(bv[i_start]),
        b_end=float(bv[i_end]),
        sessions=i_end - i_start,
        missing_a=int(inside_b),
        missing_b=int(inside_a),
        label=label,
    )


def pair_return_since(
    a: pd.Series, b: pd.Series, since: pd.Timestamp, asof: pd.Timestamp | None = None
) -> PairReturn:
    """A's and B's returns from the close on ``since`` to the last common session.

    The end is the last common session on or before ``asof`` (the last one of the
    data when ``asof`` is ``None``).

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.date_range("2024-01-01", periods=3)
    >>> a, b = pd.Series([1.0, 2.0, 3.0], index=idx), pd.Series([1.0, 1.0, 1.5], index=idx)
    >>> r = pair_return_since(a, b, idx[1], asof=idx[2])
    >>> r.label, round(r.gap, 2)
    ('since 2024-01-02', 0.0)
    """
    check_sorted(a, "a")
    check_sorted(b, "b")
    s = as_timestamp(since, "since")
    if asof is None:
        last = min(a.dropna().index.max(), b.dropna().index.max())
        e = as_timestamp(last) if not pd.isna(last) else s
    else:
        e = as_timestamp(asof, "asof")
    if e < s:
        raise MeasureInputError(f"since {s.date()} is after the as-of date {e.date()}")
    return _between(a.loc[:e], b.loc[:e], s, e, f"since {s.date().isoformat()}")
