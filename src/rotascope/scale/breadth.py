"""Breadth on Dask: :func:`dask_breadth`, the same answer as :mod:`rotascope.measures.breadth`.

Closes and membership become Dask arrays of (dates x members) split into blocks of
dates. Each block is counted on a worker with the local measure's own code, given the
rows before it that its window needs (``window - 1`` rows for highs and lows, one row
for advancers and returns), so every count is the local count.

The moving average of :func:`~rotascope.measures.breadth.above_average` comes from
running sums over the whole history; a block starts its running sums from the previous
block's last sums (one small chained task per block), so each sum is the very number
the local pass adds up, bit for bit, and the averages compare the same way. The
advance/decline line is the running total of the per-date net counts (integers).

Examples
--------
>>> import numpy as np, pandas as pd
>>> idx = pd.bdate_range("2024-01-01", periods=30)
>>> closes = pd.DataFrame(np.arange(60.0).reshape(30, 2) + 1, index=idx, columns=["A", "B"])
>>> members = pd.DataFrame(True, index=idx, columns=closes.columns)
>>> out = dask_breadth(closes, members, "above_average", window=5, block=10,
...                    workers=1, processes=False)  # doctest: +SKIP
>>> out["share"].iloc[-1]  # doctest: +SKIP
1.0
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from rotascope.scale.engine import cluster_client

__all__ = ["MEASURES", "dask_breadth"]

#: Breadth measures :func:`dask_breadth` runs, with their default window.
MEASURES: dict[str, int | None] = {
    "above_average": 200,
    "new_highs_lows": 252,
    "advance_decline": None,
    "equal_weight_returns": None,
}


def _frame(block: np.ndarray, index: pd.DatetimeIndex, columns: pd.Index) -> pd.DataFrame:
    return pd.DataFrame(block, index=index, columns=columns)


def _prefix(closes: np.ndarray, carry: tuple[np.ndarray, np.ndarray] | None) -> Any:
    """Running sums of values and of value counts through this block, from ``carry``."""
    valid = ~np.isnan(closes)
    vals = np.where(valid, closes, 0.0)
    if carry is not None:  # start from the previous block's last sums: same additions
        vals = np.vstack([carry[0][None, :], vals])
        valid = np.vstack([carry[1][None, :], valid.astype(np.int64)])
    cs = np.cumsum(vals, axis=0)
    cn = np.cumsum(valid, axis=0)
    if carry is not None:
        cs, cn = cs[1:], cn[1:]
    return cs, cn


def _last(sums: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    return sums[0][-1].copy(), sums[1][-1].copy()


def _above_block(
    closes: list[np.ndarray],
    members: np.ndarray,
    sums: list[tuple[np.ndarray, np.ndarray]],
    skip: int,
    start: int,
    window: int,
    index: pd.DatetimeIndex,
    columns: pd.Index,
) -> pd.DataFrame:
    """:func:`~rotascope.measures.breadth.above_average` for one block of dates.

    ``closes`` and ``sums`` cover the block and the blocks before it that the window
    reaches; the block's own rows start at row ``skip`` of them, and at row ``start`` of
    the whole history.
    """
    from rotascope.measures.breadth import _counts

    c = np.concatenate(closes, axis=0)
    cs = np.concatenate([s for s, _ in sums], axis=0)
    cn = np.concatenate([n for _, n in sums], axis=0)
    rows = np.arange(skip, c.shape[0])
    total = cs[rows].copy()
    count = cn[rows].copy()
    back = rows - window
    far = (back + (start - skip)) >= 0  # the window starts inside the history
    total[far] -= cs[back[far]]
    count[far] -= cn[back[far]]
    with np.errstate(invalid="ignore", divide="ignore"):
        average = np.where(count >= window, total / window, np.nan)
    own = c[skip:]
    has = ~np.isnan(own)
    eligible = ~np.isnan(average) & has
    with np.errstate(invalid="ignore"):
        above = own > average
    return _counts(above, eligible, members, has, index)


def _local_block(
    measure: str,
    closes: list[np.ndarray],
    members: list[np.ndarray],
    window: int | None,
    index: pd.DatetimeIndex,
    columns: pd.Index,
    skip: int,
) -> pd.DataFrame | pd.Series:
    """A local breadth measure on the block and the rows before it, trimmed to the block."""
    from rotascope.measures import breadth

    cf = _frame(np.concatenate(closes, axis=0), index, columns)
    mf = _frame(np.concatenate(members, axis=0), index, columns)
    fn = getattr(breadth, measure)
    out = fn(cf, mf, window=window) if window is not None else fn(cf, mf)
    return out.iloc[skip:]


def _first_block(bounds: list[tuple[int, int]], k: int, rows: int) -> int:
    """Index of the first block holding any of the ``rows`` rows before block ``k``."""
    start = max(0, bounds[k][0] - rows)
    return next(i for i, (_, e) in enumerate(bounds) if e > start)


def dask_breadth(
    closes: Any,
    members: Any,
    measure: str = "above_average",
    *,
    window: int | None = None,
    block: int | None = None,
    dates: Any = None,
    tickers: Any = None,
    scheduler: str | None = None,
    client: Any = None,
    workers: int | None = None,
    processes: bool = True,
) -> pd.DataFrame | pd.Series:
    """A breadth measure of :mod:`rotascope.measures.breadth`, computed in blocks of dates on Dask.

    Parameters
    ----------
    closes, members : pandas.DataFrame or dask.array.Array
        (dates x tickers) closes and the same-shaped membership mask, as for the local
        measures; Dask arrays (e.g. read from Parquet, larger than memory) need
        ``dates`` and ``tickers``.
    measure : str
        ``above_average``, ``new_highs_lows``, ``advance_decline`` or
        ``equal_weight_returns``.
    window : int, optional
        For ``above_average`` (default 200) and ``new_highs_lows`` (default 252).
    block : int, optional
        Dates per block (default: about four blocks per worker).
    dates, tickers : sequence, optional
        Row and column labels when ``closes`` and ``members`` are Dask arrays.
    scheduler, client, workers, processes
        As for :func:`rotascope.scale.dask_scan`.

    Returns
    -------
    pandas.DataFrame or pandas.Series
        Equal to the local measure's result (``assert_frame_equal`` holds exactly).

    Examples
    --------
    See the module docstring.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    if closes.shape != members.shape:
        raise ValueError(
            f"closes {closes.shape} and members {members.shape} must have the same shape"
        )
    default = MEASURES[measure]
    win = default if window is None else int(window)
    if win is not None and win <= 0:
        raise ValueError(f"window must be positive, got {win}")
    with cluster_client(scheduler, client=client, workers=workers, processes=processes) as cl:
        import dask
        import dask.array as da

        n_workers = max(1, len(cl.scheduler_info().get("workers", {})) or 1)
        n = closes.shape[0]
        size = max(1, block or -(-n // (4 * n_workers)))
        if isinstance(closes, pd.DataFrame):
            index, columns = closes.index, closes.columns
            c = da.from_array(closes.to_numpy(dtype=np.float64), chunks=(size, -1))
            m = da.from_array(members.to_numpy(dtype=bool), chunks=(size, -1))
        else:
            if dates is None or tickers is None:
                raise ValueError("give dates= and tickers= with Dask arrays of closes and members")
            index, columns = pd.DatetimeIndex(dates), pd.Index(tickers)
            if (len(index), len(columns)) != tuple(closes.shape):
                raise ValueError(f"dates x tickers must match the arrays' shape {closes.shape}")
            c = closes.astype(np.float64).rechunk((size, -1))
            m = members.astype(bool).rechunk((size, -1))
        c_blocks = list(c.to_delayed().ravel())
        m_blocks = list(m.to_delayed().ravel())
        edges = np.cumsum((0, *c.chunks[0]))
        bounds = [(int(edges[i]), int(edges[i + 1])) for i in range(len(c_blocks))]
        pieces = []
        if measure == "above_average":
            assert win is not None
            sums, carry = [], None
            for cb in c_blocks:
                s = dask.delayed(_prefix)(cb, carry)
                sums.append(s)
                carry = dask.delayed(_last)(s)
            for k, (s0, e0) in enumerate(bounds):
                first = _first_block(bounds, k, win)
                pieces.append(
                    dask.delayed(_above_block)(
                        c_blocks[first : k + 1],
                        m_blocks[k],
                        sums[first : k + 1],
                        s0 - bounds[first][0],
                        s0,
                        win,
                        index[s0:e0],
                        columns,
                    )
                )
        else:
            back = win - 1 if measure == "new_highs_lows" and win is not None else 1
            for k, (s0, e0) in enumerate(bounds):
                first = _first_block(bounds, k, back)
                lo = bounds[first][0]
                pieces.append(
                    dask.delayed(_local_block)(
                        measure,
                        c_blocks[first : k + 1],
                        m_blocks[first : k + 1],
                        win if measure == "new_highs_lows" else None,
                        index[lo:e0],
                        columns,
                        s0 - lo,
                    )
                )
        parts = dask.compute(*pieces, scheduler=cl.get) if pieces else ()
    return _assemble(measure, list(parts), index, columns, win)


def _assemble(
    measure: str,
    parts: list[Any],
    index: pd.Index,
    columns: pd.Index,
    win: int | None,
) -> pd.DataFrame | pd.Series:
    from rotascope.measures import breadth

    if not parts:  # no dates: the local measure on the empty frames
        fn = getattr(breadth, measure)
        empty = pd.DataFrame(np.empty((0, len(columns))), index=index, columns=columns)
        mask = empty.astype(bool)
        return fn(empty, mask, window=win) if win is not None else fn(empty, mask)
    out = pd.concat(parts)
    if measure == "advance_decline":
        out["line"] = np.cumsum(out["net"].to_numpy())
    return out
