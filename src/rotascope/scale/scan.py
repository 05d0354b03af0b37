"""The record scan on Dask: :func:`dask_scan`, the same answer as the local scan.

The universe is split into partitions of symbols. Two passes, each one task per partition:

1. read and prepare every series of the partition (the local scan's own preparation:
   midnight dates, compounded factor returns, the move kind) and return its dates and
   how many series have a value on each; the client merges these into the union
   calendar and picks the as-of session exactly as the local scan does;
2. align the partition's series on that calendar (the whole universe's rows, so a
   window counts the same rows as locally), run the compiled kernel
   (:func:`rotascope.measures.scan_kernels.records_asof`) and return the partition's
   records; the client concatenates them and sorts them as the local scan does.

The series of a partition are either kept on the workers between the passes (``hold``)
or read again in the second pass (the default for a Parquet folder, so a universe larger
than the cluster's memory streams through it). Every series is read only up to the as-of
date, as locally.

Examples
--------
>>> import numpy as np, pandas as pd
>>> idx = pd.bdate_range("2020-01-01", periods=600, name="date")
>>> close = pd.Series(1.001 ** np.arange(600.0), index=idx)
>>> close.iloc[-1] *= 1.5
>>> out = dask_scan(["UP"], windows=(1, 5), loader={"UP": close}.__getitem__,
...                 workers=1, processes=False)  # doctest: +SKIP
>>> out[["symbol", "window", "rank", "out_of"]].values.tolist()  # doctest: +SKIP
[['UP', 1, 1, 599], ['UP', 5, 1, 595]]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from rotascope.scale.engine import cluster_client

if TYPE_CHECKING:
    from rotascope.data.port import DataSource

__all__ = ["dask_scan", "partition"]

Loader = Callable[[str], pd.Series]


@dataclass(frozen=True)
class _Part:
    """Prepared series of one partition (dates, values, kind per symbol)."""

    names: list[str]
    columns: list[tuple[np.ndarray, np.ndarray]]
    kinds: list[int]
    scales: list[float]


def partition(names: Sequence[str], size: int) -> list[list[str]]:
    """Split ``names`` into consecutive partitions of at most ``size`` symbols.

    Examples
    --------
    >>> partition(["A", "B", "C"], 2)
    [['A', 'B'], ['C']]
    """
    size = max(1, int(size))
    return [list(names[i : i + size]) for i in range(0, len(names), size)]


def _one_thread() -> None:
    """Compiled kernels run on one thread inside a task: Dask gives the parallelism."""
    import numba

    numba.set_num_threads(1)


def _prepare_part(names: list[str], loader: Loader, cutoff: np.datetime64 | None) -> _Part:
    from rotascope.products.scan import _prepare

    columns, kinds, scales = [], [], []
    for name in names:
        stamps, values, kind, scale = _prepare(loader(name), name)
        if cutoff is not None:
            n = np.searchsorted(stamps, cutoff, side="right")
            stamps, values = stamps[:n], values[:n]
        columns.append((stamps, values))
        kinds.append(kind)
        scales.append(scale)
    return _Part(names, columns, kinds, scales)


def _calendar(part: _Part) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The partition's dates, and the count of series with a value on each date.

    Most series of a universe share a calendar: a series whose dates equal the union so
    far costs one comparison, not a merge.
    """
    if not part.columns:
        empty = np.array([], dtype="datetime64[ns]")
        return empty, empty, np.array([], dtype=np.int64)
    union = part.columns[0][0]
    for stamps, _ in part.columns[1:]:
        if not np.array_equal(stamps, union):
            union = np.union1d(union, stamps)
    counts = np.zeros(union.shape[0], dtype=np.int64)
    for stamps, values in part.columns:
        valued = ~np.isnan(values)
        if np.array_equal(stamps, union):
            counts += valued
        else:
            np.add.at(counts, np.searchsorted(union, stamps[valued]), 1)
    return union, union, counts


def _calendar_of(names: list[str], loader: Loader, cutoff: np.datetime64 | None) -> Any:
    return _calendar(_prepare_part(names, loader, cutoff))


def _records_of(
    part: _Part, dates: np.ndarray, wins: tuple[int, ...], min_years: float
) -> tuple[pd.DataFrame, list[str], bool]:
    """The local scan's records for one partition, on the universe's calendar ``dates``.

    Returns the records, the symbols with no value on the last date, and whether any
    record existed before the ``min_years`` filter (it decides the empty frame's dtypes).
    """
    from rotascope.measures.scan_kernels import records_asof
    from rotascope.products.scan import _frame

    _one_thread()
    last = dates[-1]
    matrix = np.full((dates.shape[0], len(part.names)), np.nan, order="F")
    for j, (stamps, vals) in enumerate(part.columns):
        n = np.searchsorted(stamps, last, side="right")
        stamps, vals = stamps[:n], vals[:n]
        if np.array_equal(stamps, dates):
            matrix[:, j] = vals
        else:
            matrix[np.searchsorted(dates, stamps), j] = vals
    kind_arr = np.asarray(part.kinds, dtype=np.int64)
    rec = records_asof(matrix, wins, kind_arr, row=-1)
    frame = _frame(
        part.names,
        wins,
        kind_arr,
        np.asarray(part.scales, dtype=np.float64),
        pd.DatetimeIndex(dates, name="date"),
        rec,
        min_years,
    )
    no_value = np.isnan(matrix[-1])
    skipped = [n for n, skip in zip(part.names, no_value, strict=True) if skip]
    return frame, skipped, bool((~np.isnan(rec.value)).any())


def _load_records_of(
    names: list[str],
    loader: Loader,
    cutoff: np.datetime64 | None,
    dates: np.ndarray,
    wins: tuple[int, ...],
    min_years: float,
) -> tuple[pd.DataFrame, list[str], bool]:
    return _records_of(_prepare_part(names, loader, cutoff), dates, wins, min_years)


def _gather(client: Any, futures: Any) -> Any:
    """Results of ``futures``; a worker without rotascope is one clear error."""
    from rotascope.scale.engine import SchedulerError

    try:
        return client.gather(futures)
    except ImportError as exc:  # raised on a worker, re-raised here
        raise SchedulerError(
            f"a Dask worker cannot import {exc.name or 'rotascope'}: install "
            "'rotascope[dask]' (the same version as here) on every worker"
        ) from None


def _merge_calendars(parts: Iterable[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> Any:
    union = np.array([], dtype="datetime64[ns]")
    pieces_s, pieces_c = [], []
    for every, stamps, counts in parts:
        union = np.union1d(union, every) if union.size else every
        pieces_s.append(stamps)
        pieces_c.append(counts)
    totals = np.zeros(union.shape[0], dtype=np.int64)
    for stamps, counts in zip(pieces_s, pieces_c, strict=True):
        np.add.at(totals, np.searchsorted(union, stamps), counts)
    return union, totals


def dask_scan(
    symbols: Sequence[str] | None = None,
    asof: object = None,
    windows: Iterable[int] | None = None,
    min_years: float = 1.0,
    loader: Loader | None = None,
    *,
    source: DataSource | None = None,
    scheduler: str | None = None,
    client: Any = None,
    parquet: str | None = None,
    partition_size: int | None = None,
    hold: bool | None = None,
    workers: int | None = None,
    processes: bool = True,
) -> pd.DataFrame:
    """:func:`rotascope.products.scan.scan` on a Dask cluster: same parameters, same DataFrame.

    Parameters
    ----------
    symbols, asof, windows, min_years, loader
        As for :func:`rotascope.products.scan.scan`. A ``loader`` given here is sent to
        the workers (with cloudpickle) and called there; without one, series are read
        from ``parquet`` on the workers, or else from ``source`` on this machine and sent
        to the workers.
    source : DataSource, optional
        Where series come from when neither ``loader`` nor ``parquet`` is given (default:
        :func:`rotascope.data.default_source`).
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``); without it (and
        without ``client``) a ``LocalCluster`` runs for the call.
    client : distributed.Client, optional
        An existing client to use (not closed).
    parquet : str, optional
        A folder written by ``rotascope data export --parquet`` (a path or URL every
        worker can read); ``symbols`` defaults to every symbol in it.
    partition_size : int, optional
        Symbols per task (default: about four tasks per worker, at most 500).
    hold : bool, optional
        Keep the prepared series on the workers between the two passes (default: yes,
        except for ``parquet``, which is read again in the second pass).
    workers, processes
        Size and kind of the local cluster when one is started.

    Returns
    -------
    pandas.DataFrame
        Exactly what :func:`rotascope.products.scan.scan` returns for the same universe, with
        the same ``attrs`` (``skipped``, ``asof``).

    Raises
    ------
    DaskMissingError
        dask is not installed (``pip install 'rotascope[dask]'``).
    AsOfError, UnknownSymbol, DataError
        As the local scan.
    """
    from rotascope.calendar import parse_date
    from rotascope.errors import AsOfError
    from rotascope.products.scan import DEFAULT_WINDOWS, _check_windows
    from rotascope.symbols import canonical

    wins = _check_windows(DEFAULT_WINDOWS if windows is None else windows)
    if not min_years >= 0:
        raise ValueError(f"min_years must be zero or more, got {min_years!r}")
    remote = loader
    if remote is None and parquet is not None:
        from rotascope.data.parquet import ParquetSeries

        remote = ParquetSeries(parquet)
        if symbols is None:
            symbols = remote.symbols()
        if hold is None:
            hold = False
    local = None
    if remote is None:
        if source is None:
            from rotascope.data import default_source

            source = default_source()
        local = source.series
        if symbols is None:
            symbols = list(source.symbols())
    if symbols is None:
        raise ValueError("give the symbols to scan when a loader is given")
    names = list(dict.fromkeys(canonical(s) for s in symbols))
    cutoff = None if asof is None else parse_date(asof, "asof").to_datetime64()
    hold = True if hold is None else hold
    with cluster_client(scheduler, client=client, workers=workers, processes=processes) as cl:
        n_workers = max(1, len(cl.scheduler_info().get("workers", {})) or 1)
        size = partition_size or min(500, max(1, math.ceil(len(names) / (4 * n_workers))))
        groups = partition(names, size)
        if local is not None:  # read here, hand each partition to the cluster
            parts = [cl.scatter(_prepare_part(g, local, cutoff), hash=False) for g in groups]
            cals = cl.map(_calendar, parts, pure=False)
        elif hold:
            parts = cl.map(_prepare_part, groups, loader=remote, cutoff=cutoff, pure=False)
            cals = cl.map(_calendar, parts, pure=False)
        else:
            parts = []
            cals = cl.map(_calendar_of, groups, loader=remote, cutoff=cutoff, pure=False)
        union, counts = _merge_calendars(_gather(cl, cals))
        if union.size == 0:
            if cutoff is not None:
                raise AsOfError(f"no series has a value on or before {pd.Timestamp(cutoff).date()}")
            raise AsOfError("no series of the universe has a value")  # as the local scan
        if cutoff is None and len(names) > 1:
            last = int(np.flatnonzero(counts >= max(1, (3 * len(names) + 3) // 4))[-1])
            union = union[: last + 1]
        [dates] = cl.scatter([union], broadcast=True)
        if parts:
            results = cl.map(
                _records_of, parts, dates=dates, wins=wins, min_years=min_years, pure=False
            )
        else:
            results = cl.map(
                _load_records_of,
                groups,
                loader=remote,
                cutoff=cutoff,
                dates=dates,
                wins=wins,
                min_years=min_years,
                pure=False,
            )
        pieces = _gather(cl, results)
    full = [f for f, _, _ in pieces if len(f)]
    if full:
        frame = pd.concat(full, ignore_index=True)
    else:  # no record: the empty frame of a partition that had some before the filter
        frame = next((f for f, _, had in pieces if had), pieces[0][0])
    frame = frame.sort_values(
        ["years_back", "symbol", "window"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)
    frame.attrs["skipped"] = [n for _, skipped, _ in pieces for n in skipped]
    frame.attrs["asof"] = pd.Timestamp(union[-1])
    return frame


def dask_scan_result(
    source: DataSource,
    symbols: Sequence[str] | None = None,
    asof: Any = None,
    windows: Iterable[int] | None = None,
    min_years: float = 1.0,
    *,
    scheduler: str | None = None,
    client: Any = None,
) -> Any:
    """:func:`dask_scan` over ``source``, as the local scan's result object
    (:class:`~rotascope.products.scan.ScanResult`: records, as-of, notes).

    Examples
    --------
    >>> callable(dask_scan_result)
    True
    """
    from rotascope.asof import AsOf, Note
    from rotascope.products.scan import ScanResult

    frame = dask_scan(
        symbols, asof=asof, windows=windows, min_years=min_years, source=source,
        scheduler=scheduler, client=client,
    )  # fmt: skip
    skipped = tuple(frame.attrs.get("skipped", ()))
    session = pd.Timestamp(frame.attrs["asof"])
    notes: list[Note] = []
    if skipped:
        notes.append(
            Note(
                "skipped",
                f"{len(skipped)} series have no value on the as-of date and were skipped: "
                f"{', '.join(skipped)}.",
            )
        )
    when = AsOf(session=session, requested=None if asof is None else session, data_end=session)
    return ScanResult(frame, skipped, float(min_years), when, tuple(notes), source.version())
