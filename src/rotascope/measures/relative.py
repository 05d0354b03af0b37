"""Relative performance of a pair: return spreads and price ratios.

Both series are first **aligned on their common sessions**; sessions present in only
one of them are dropped and reported in :class:`Alignment` (never forward-filled), so a
window of N sessions spans the same N sessions for A and B.

- spread: ``ret_A(N) - ret_B(N)``, a fraction difference (0.10 = 10 percentage
  points), antisymmetric: ``spread(A, B) == -spread(B, A)``.
- ratio: ``A / B`` closes; its change over N sessions is ``ratio[t] / ratio[t-N] - 1``.

Examples
--------
>>> import pandas as pd
>>> idx = pd.date_range("2024-01-01", periods=3)
>>> a = pd.Series([100.0, 110.0, 121.0], index=idx, name="A")
>>> b = pd.Series([50.0, 50.0, 55.0], index=idx, name="B")
>>> [round(float(v), 3) for v in spread(a, b, 1).dropna()]
[0.1, 0.0]
>>> ratio(a, b).round(1).tolist()
[2.0, 2.2, 2.2]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from rotascope.measures.returns import MoveKind, window_returns

__all__ = ["Alignment", "align", "ratio", "ratio_change", "spread", "spread_table"]


@dataclass(frozen=True)
class Alignment:
    """Two series on their common sessions, and what was left out.

    Attributes
    ----------
    a, b : pandas.Series
        The two series restricted to the dates where both have a value.
    only_a : pandas.DatetimeIndex
        Dates where A has a value and B does not (within the common date range).
    only_b : pandas.DatetimeIndex
        Dates where B has a value and A does not (within the common date range).
    """

    a: pd.Series
    b: pd.Series
    only_a: pd.DatetimeIndex
    only_b: pd.DatetimeIndex

    @property
    def common(self) -> pd.DatetimeIndex:
        """The common dates."""
        return pd.DatetimeIndex(self.a.index)


def align(a: pd.Series, b: pd.Series) -> Alignment:
    """Restrict ``a`` and ``b`` to their common dates and list the others.

    Only dates inside the overlap of the two histories are reported as missing, so a
    series that simply starts later is not flagged for every earlier date.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.Series([1.0, 2.0, 3.0], index=pd.date_range("2024-01-01", periods=3))
    >>> b = a.drop(a.index[1])
    >>> al = align(a, b)
    >>> len(al.common), [d.day for d in al.only_a]
    (2, [2])
    """
    ca, cb = a.dropna(), b.dropna()
    common = ca.index.intersection(cb.index).sort_values()
    if len(common):
        lo, hi = common[0], common[-1]
        in_a = ca.index[(ca.index >= lo) & (ca.index <= hi)]
        in_b = cb.index[(cb.index >= lo) & (cb.index <= hi)]
        only_a = pd.DatetimeIndex(in_a.difference(common))
        only_b = pd.DatetimeIndex(in_b.difference(common))
    else:
        only_a = only_b = pd.DatetimeIndex([])
    return Alignment(ca.loc[common], cb.loc[common], only_a, only_b)


def spread(a: pd.Series, b: pd.Series, window: int, *, how: MoveKind = "pct") -> pd.Series:
    """``window``-session return of A minus that of B, on common sessions.

    Returns
    -------
    pandas.Series
        Indexed by the common dates; a fraction difference (0.10 = 10 points).

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.date_range("2024-01-01", periods=2)
    >>> a, b = pd.Series([1.0, 1.2], index=idx), pd.Series([1.0, 1.1], index=idx)
    >>> round(float(spread(a, b, 1).iloc[-1]), 3), round(float(spread(b, a, 1).iloc[-1]), 3)
    (0.1, -0.1)
    """
    al = align(a, b)
    out = window_returns(al.a, window, how=how) - window_returns(al.b, window, how=how)
    out.name = f"{a.name}-{b.name}" if a.name is not None and b.name is not None else None
    return out


def spread_table(
    a: pd.Series, b: pd.Series, windows: tuple[int, ...], *, how: MoveKind = "pct"
) -> pd.DataFrame:
    """Spreads over several windows (one column per window), on common sessions."""
    al = align(a, b)
    return pd.DataFrame(
        {
            int(w): window_returns(al.a, w, how=how) - window_returns(al.b, w, how=how)
            for w in windows
        }
    )


def ratio(a: pd.Series, b: pd.Series) -> pd.Series:
    """Price ratio ``A / B`` on common sessions.

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.date_range("2024-01-01", periods=2)
    >>> ratio(pd.Series([2.0, 3.0], index=idx), pd.Series([1.0, 2.0], index=idx)).tolist()
    [2.0, 1.5]
    """
    al = align(a, b)
    out = al.a / al.b
    out.name = f"{a.name}/{b.name}" if a.name is not None and b.name is not None else None
    return out


def ratio_change(a: pd.Series, b: pd.Series, window: int) -> pd.Series:
    """Change of the ratio ``A / B`` over ``window`` sessions (a fraction).

    Equals ``(1 + ret_A) / (1 + ret_B) - 1`` over the same sessions.

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.date_range("2024-01-01", periods=2)
    >>> a, b = pd.Series([1.0, 1.21], index=idx), pd.Series([1.0, 1.1], index=idx)
    >>> round(float(ratio_change(a, b, 1).iloc[-1]), 3)
    0.1
    """
    return window_returns(ratio(a, b), window)
