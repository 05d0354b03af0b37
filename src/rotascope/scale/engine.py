"""The Dask side of rotascope: checking the extra is installed, and getting a client.

Dask is optional (``pip install 'rotascope[dask]'``). Nothing here imports it at module
load; :func:`require_dask` does, and turns its absence into one clear error.

Examples
--------
>>> from rotascope.scale.engine import cluster_client
>>> with cluster_client(workers=1, processes=False) as client:  # doctest: +SKIP
...     client.submit(sum, [1, 2]).result()
3
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rotascope.errors import RotascopeError

__all__ = ["DaskMissingError", "SchedulerError", "cluster_client", "require_dask"]

#: What to install for the Dask engine.
EXTRA_HINT = "pip install 'rotascope[dask]'"


class DaskMissingError(RotascopeError):
    """The Dask engine was asked for but dask (with distributed) is not installed."""


class SchedulerError(RotascopeError):
    """The Dask scheduler given cannot be reached."""


def require_dask() -> Any:
    """Import and return ``dask.distributed``, or raise :class:`DaskMissingError`.

    Examples
    --------
    >>> require_dask().__name__  # doctest: +SKIP
    'distributed'
    """
    try:
        import dask
        import dask.array  # noqa: F401
        import distributed
    except ImportError as exc:
        raise DaskMissingError(
            f"the Dask engine needs dask and distributed ({exc.name} is missing); "
            f"install them with: {EXTRA_HINT}"
        ) from None
    return distributed


@contextmanager
def cluster_client(
    scheduler: str | None = None,
    *,
    client: Any = None,
    workers: int | None = None,
    processes: bool = True,
    memory_limit: str | int | None = "auto",
    timeout: float = 10.0,
) -> Iterator[Any]:
    """A ``distributed.Client``: the one given, one connected to ``scheduler``, or a local cluster.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler (``tcp://10.0.0.5:8786``); a ``LocalCluster`` is
        started (and closed on exit) when omitted.
    client : distributed.Client, optional
        Use this client as is (it is not closed on exit).
    workers : int, optional
        Workers of the local cluster (default: one per core), one thread each.
    processes : bool, default True
        Local workers as processes (``False``: threads of this process).
    memory_limit : str or int, optional
        Per local worker (``"1GiB"``); ``"auto"`` splits the machine's memory.
    timeout : float, default 10
        Seconds to wait for the scheduler.

    Raises
    ------
    DaskMissingError
        dask or distributed is not installed.
    SchedulerError
        ``scheduler`` cannot be reached in ``timeout`` seconds.
    """
    distributed = require_dask()
    if client is not None:
        yield client
        return
    if scheduler:
        try:
            remote = distributed.Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise SchedulerError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
                "`dask scheduler` and give its tcp:// address"
            ) from None
        try:
            yield remote
        finally:
            remote.close()
        return
    n = workers if workers is not None else max(1, os.cpu_count() or 1)
    cluster = distributed.LocalCluster(
        n_workers=n,
        threads_per_worker=1,
        processes=processes,
        memory_limit=memory_limit,
        dashboard_address=None,
        silence_logs=40,
    )
    local = distributed.Client(cluster)
    try:
        yield local
    finally:
        local.close()
        cluster.close()
