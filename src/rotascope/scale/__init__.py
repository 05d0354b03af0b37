"""Scale out on Dask: the record scan and breadth for universes beyond one machine.

Dask is an optional extra (``pip install 'rotascope[dask]'``); it is imported only when
a function here runs, so ``import rotascope`` (and ``import rotascope.scale``) stay light.
Without it the functions raise :class:`DaskMissingError`, naming the extra.

- :func:`dask_scan`: :func:`rotascope.products.scan.scan` with series partitioned by symbol.
- :func:`dask_breadth`: :mod:`rotascope.measures.breadth` with dates partitioned in blocks.
- :func:`cluster_client`: a client for a scheduler address, or a local cluster.

See ``docs/scale.md`` for running against a real cluster.

Examples
--------
>>> import rotascope.scale as scale
>>> sorted(scale.__all__)[:2]
['DaskMissingError', 'SchedulerError']
"""

from __future__ import annotations

from rotascope.scale.breadth import MEASURES, dask_breadth
from rotascope.scale.engine import DaskMissingError, SchedulerError, cluster_client, require_dask
from rotascope.scale.scan import dask_scan, dask_scan_result

__all__ = [
    "MEASURES",
    "DaskMissingError",
    "SchedulerError",
    "cluster_client",
    "dask_breadth",
    "dask_scan",
    "dask_scan_result",
    "require_dask",
]
