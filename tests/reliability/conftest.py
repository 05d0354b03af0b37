"""Reliability tests: write the session's tallies for benchmarks/reliability.py."""

from __future__ import annotations

import warnings

import pytest
from reliability_support import write_tally

warnings.filterwarnings("ignore", message=".*httpx2.*")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Dump the counts of what was tried (only when ROTASCOPE_RELIABILITY_STATS is set)."""
    write_tally()
