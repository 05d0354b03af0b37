"""Thin a long daily history for an overview chart, keeping its shape and its ends.

A 37-year daily line has 9,300 points for a chart 300 to 600 pixels wide. :func:`thin`
keeps every point of the recent window the report discusses (the last ``keep``
sessions) and, before it, each bucket's first, lowest and highest values (so every
peak and trough still shows), about ``buckets`` buckets in all. The facts' numbers
never come from a thinned line: record markers and the current value are drawn from
the full series.

Examples
--------
>>> import numpy as np, pandas as pd
>>> s = pd.Series(np.sin(np.arange(5000) / 50.0),
...               index=pd.bdate_range("2000-01-03", periods=5000))
>>> t = thin(s, keep=250, buckets=200)
>>> len(t) < 1000, t.index[-250:].equals(s.index[-250:]), bool(t.max() == s.max())
(True, True, True)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["thin"]


def thin(values: pd.Series, *, keep: int = 260, buckets: int = 600) -> pd.Series:
    """``values`` with the older part reduced to first/min/max per bucket.

    Parameters
    ----------
    values : pandas.Series
        A date-ordered series (NaN dropped).
    keep : int
        The last ``keep`` points are kept as they are.
    buckets : int
        Buckets of the older part.

    Returns
    -------
    pandas.Series
        A subset of ``values`` (same index type, date order).
    """
    s = values.dropna()
    old = len(s) - keep
    if old <= 3 * buckets:
        return s
    x = s.to_numpy()[:old]
    size = int(np.ceil(old / buckets))
    picks: set[int] = set()
    for b0 in range(0, old, size):
        part = x[b0 : b0 + size]
        picks.update((b0, b0 + int(np.argmin(part)), b0 + int(np.argmax(part))))
    rows = np.array(sorted(picks) + list(range(old, len(s))))
    return s.iloc[rows]
