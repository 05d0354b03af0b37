"""One small Dask cluster for the scale tests: 2 workers, threads of this process."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("distributed")


@pytest.fixture(scope="session")
def dask_client() -> Iterator[Any]:
    """A ``LocalCluster`` with 2 single-threaded workers (processes=False: cheap to start)."""
    from rotascope.scale import cluster_client

    with cluster_client(workers=2, processes=False) as client:
        yield client
