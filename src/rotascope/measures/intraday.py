"""Intraday extremes from high/low columns, labelled as such, beside the close.

Some published figures are intraday ("the S&P 500 fell as much as 4.7% before closing
0.2% lower"). From a frame with ``high``, ``low`` and ``close`` columns (any case), for
the ``window`` sessions ending on the as-of date, measured from the close before the
window (``base``):

- ``up_most = max(high) / base - 1`` ("up as much as"), ``down_most = min(low) / base
  - 1`` ("down as much as"), ``swing = (max(high) - min(low)) / base``, and beside them
  the close-based ``close_move = close / base - 1``;
- the intraday high and low of the window and their level records ("the highest
  intraday level since ..."): ``high_since`` is the latest earlier session (before the
  window) with a high ``>=`` the window's high, NaT for an intraday record; and the
  record close beside it (``close_high_since``);
- records of the moves themselves over every earlier window of the same length, by
  the project's rule (:func:`~rotascope.measures.records`).

NaN policy: a row whose high equals its low carries no intraday range (old index
history is often close-only: high = low = close) and counts as missing; a window
with such a row has no intraday figures.

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"High": [101.0, 103.4], "Low": [99.0, 95.3], "Close": [100.0, 99.8]},
...                  index=pd.date_range("2025-04-04", periods=2))
>>> e = intraday_extremes(f)
>>> round(e.down_most, 3), round(e.up_most, 3), round(e.close_move, 3)
(-0.047, 0.034, -0.002)
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

__all__ = ["IntradayExtremes", "intraday_extremes", "intraday_moves"]


def _columns(frame: pd.DataFrame) -> pd.DataFrame:
    check_sorted(frame, "frame")
    lower = {str(c).lower(): c for c in frame.columns}
    missing = [c for c in ("high", "low", "close") if c not in lower]
    if missing:
        raise MeasureInputError(
            f"frame has no {', '.join(missing)} column; intraday extremes need high, low and close"
        )
    out = pd.DataFrame(
        {k: frame[lower[k]].astype("float64") for k in ("high", "low", "close")}
    ).dropna(subset=["close"])
    flat = out["high"] <= out["low"]
    out.loc[flat, ["high", "low"]] = np.nan
    return out


def intraday_moves(frame: pd.DataFrame, window: int = 1) -> pd.DataFrame:
    """Intraday and close moves over ``window`` sessions ending at every date.

    Returns
    -------
    pandas.DataFrame
        Indexed by the dates with a close; columns ``up_most``, ``down_most``,
        ``swing`` (intraday, NaN when a window row is close-only) and
        ``close_move``, all fractions of the close before the window.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"high": [10.0, 11.0, 12.0], "low": [9.0, 9.5, 10.0],
    ...                   "close": [10.0, 10.0, 11.0]},
    ...                  index=pd.date_range("2024-01-01", periods=3))
    >>> intraday_moves(f, 2)["swing"].round(2).tolist()[-1]
    0.25
    """
    w = check_window(window, 1)
    f = _columns(frame)
    base = f["close"].shift(w)
    hi = f["high"].rolling(w, min_periods=w).max()
    lo = f["low"].rolling(w, min_periods=w).min()
    return pd.DataFrame(
        {
            "up_most": hi / base - 1.0,
            "down_most": lo / base - 1.0,
            "swing": (hi - lo) / base,
            "close_move": f["close"] / base - 1.0,
        }
    )


@dataclass(frozen=True)
class IntradayExtremes(FrameResult):
    """Intraday high and low of a window, beside the closes (all labelled intraday).

    Attributes
    ----------
    date : pandas.Timestamp
        The as-of session (last of the window).
    window : int
    base_date, base : pandas.Timestamp, float
        The close before the window.
    high, high_date, low, low_date : float, pandas.Timestamp
        Intraday extremes of the window (latest date on ties).
    close, close_high, close_high_date, close_low, close_low_date
        The as-of close and the close-based extremes of the window.
    up_most, down_most, swing, close_move : float
        Fractions of ``base`` (see the module docstring).
    high_since, low_since : pandas.Timestamp or NaT
        Latest session before the window with a high ``>= high`` (a low ``<= low``);
        NaT: an intraday record.
    close_high_since, close_low_since : pandas.Timestamp or NaT
        The same for the closes.
    down_since, up_since, swing_since, close_move_since : pandas.Timestamp or NaT
        Records of the moves among earlier windows of the same length:
        ``down_most`` (lows), ``up_most`` and ``swing`` (highs), and ``close_move``
        (in the direction of its sign).
    down_rank, up_rank, swing_rank, out_of : int
    """

    date: pd.Timestamp
    window: int
    base_date: pd.Timestamp
    base: float
    high: float
    high_date: pd.Timestamp
    low: float
    low_date: pd.Timestamp
    close: float
    close_high: float
    close_high_date: pd.Timestamp
    close_low: float
    close_low_date: pd.Timestamp
    up_most: float
    down_most: float
    swing: float
    close_move: float
    high_since: pd.Timestamp
    low_since: pd.Timestamp
    close_high_since: pd.Timestamp
    close_low_since: pd.Timestamp
    down_since: pd.Timestamp
    up_since: pd.Timestamp
    swing_since: pd.Timestamp
    close_move_since: pd.Timestamp
    down_rank: int
    up_rank: int
    swing_rank: int
    out_of: int

    def to_frame(self) -> pd.DataFrame:
        """Rows ``intraday`` and ``close``: high, low, move and their since-dates."""
        return pd.DataFrame(
            {
                "high": [self.high, self.close_high],
                "high_date": [self.high_date, self.close_high_date],
                "high_since": [self.high_since, self.close_high_since],
                "low": [self.low, self.close_low],
                "low_date": [self.low_date, self.close_low_date],
                "low_since": [self.low_since, self.close_low_since],
            },
            index=pd.Index(["intraday", "close"], name="basis"),
        )


def _extreme(values: np.ndarray, highest: bool) -> int:
    """Index of the max/min, latest on ties."""
    rev = values[::-1]
    j = int(np.nanargmax(rev) if highest else np.nanargmin(rev))
    return values.shape[0] - 1 - j


def _since(earlier: pd.Series, value: float, at_least: bool) -> pd.Timestamp:
    hit = earlier >= value if at_least else earlier <= value
    return earlier.index[hit.to_numpy()][-1] if hit.any() else pd.NaT


def intraday_extremes(
    frame: pd.DataFrame, asof: pd.Timestamp | None = None, *, window: int = 1
) -> IntradayExtremes | None:
    """Intraday extremes of the ``window`` sessions to ``asof``, with their records.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``high``, ``low``, ``close`` (any case), dates ascending.
    asof : pandas.Timestamp, optional
        Default the last date.
    window : int
        Sessions in the window (default 1: the as-of session).

    Returns
    -------
    IntradayExtremes or None
        ``None`` when the window has a close-only row or no close before it.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"high": [10.0, 12.0, 11.0], "low": [9.0, 10.0, 10.5],
    ...                   "close": [9.5, 11.0, 10.8]},
    ...                  index=pd.date_range("2024-01-01", periods=3))
    >>> e = intraday_extremes(f, window=2)
    >>> e.high, e.high_date.day, pd.isna(e.high_since), round(e.up_most, 3)
    (12.0, 2, True, 0.263)
    """
    w = check_window(window, 1)
    f = _columns(frame)
    if asof is not None:
        f = f.loc[: as_timestamp(asof, "asof")]
    if len(f) < w + 1:
        return None
    span = f.iloc[-w:]
    if span[["high", "low"]].isna().to_numpy().any():
        return None
    moves = intraday_moves(f, w)
    before = f.iloc[:-w]
    ih, il = _extreme(span["high"].to_numpy(), True), _extreme(span["low"].to_numpy(), False)
    ch, cl = _extreme(span["close"].to_numpy(), True), _extreme(span["close"].to_numpy(), False)
    m = moves.iloc[-1]
    down = last_record(moves["down_most"], "low")
    up = last_record(moves["up_most"], "high")
    swing = last_record(moves["swing"], "high")
    cm_dir = "high" if m["close_move"] >= 0 else "low"
    cm = last_record(moves["close_move"], cm_dir)
    return IntradayExtremes(
        date=f.index[-1],
        window=w,
        base_date=before.index[-1],
        base=float(before["close"].iloc[-1]),
        high=float(span["high"].iloc[ih]),
        high_date=span.index[ih],
        low=float(span["low"].iloc[il]),
        low_date=span.index[il],
        close=float(span["close"].iloc[-1]),
        close_high=float(span["close"].iloc[ch]),
        close_high_date=span.index[ch],
        close_low=float(span["close"].iloc[cl]),
        close_low_date=span.index[cl],
        up_most=float(m["up_most"]),
        down_most=float(m["down_most"]),
        swing=float(m["swing"]),
        close_move=float(m["close_move"]),
        high_since=_since(before["high"].dropna(), float(span["high"].iloc[ih]), True),
        low_since=_since(before["low"].dropna(), float(span["low"].iloc[il]), False),
        close_high_since=_since(before["close"], float(span["close"].iloc[ch]), True),
        close_low_since=_since(before["close"], float(span["close"].iloc[cl]), False),
        down_since=date_or_nat(down["since"]),
        up_since=date_or_nat(up["since"]),
        swing_since=date_or_nat(swing["since"]),
        close_move_since=date_or_nat(cm["since"]),
        down_rank=int(down["rank"]),
        up_rank=int(up["rank"]),
        swing_rank=int(swing["rank"]),
        out_of=int(down["out_of"]),
    )
