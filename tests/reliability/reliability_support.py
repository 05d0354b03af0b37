"""Helpers shared by the reliability tests: time bounds, store fingerprints, tallies.

The tallies feed ``benchmarks/reliability.py``: when ``ROTASCOPE_RELIABILITY_STATS`` names
a file, every test adds what it tried (fuzz cases, kills, runs, examples) and the
session writes the totals there as JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from rotascope.sources import ParsedSeries

__all__ = [
    "TALLY",
    "InputHang",
    "deadline",
    "rotascope_cmd",
    "run_cli",
    "store_digest",
    "synthetic",
    "write_tally",
]

#: category -> count, summed over the session (written by :func:`write_tally`).
TALLY: Counter[str] = Counter()


class InputHang(Exception):  # noqa: N818 - reads as "the input hung"
    """One input took longer than its time bound."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`InputHang` if the block runs longer than ``seconds`` (main thread)."""

    def on_alarm(signum: int, frame: object) -> None:
        raise InputHang(f"no answer within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def store_digest(path: Path) -> tuple[str | None, str | None]:
    """SHA-256 of the DuckDB file and of its ``.wal`` (None when absent)."""
    out: list[str | None] = []
    for p in (path, path.with_name(path.name + ".wal")):
        out.append(hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else None)
    return out[0], out[1]


def synthetic(symbol: str, n: int, *, seed: int = 0, start: str = "1990-01-02") -> ParsedSeries:
    """A positive random-walk close series over ``n`` weekdays."""
    rng = np.random.default_rng(seed)
    idx = pd.DatetimeIndex(pd.bdate_range(start, periods=n).as_unit("ns"), name="date")
    close = np.round(100 * np.exp(np.cumsum(rng.normal(0, 0.01, n))), 4)
    frame = pd.DataFrame({"close": close}, index=idx)
    return ParsedSeries(symbol, frame, f"{symbol}.csv", "single_column", "price")


def rotascope_cmd() -> list[str]:
    """The ``rotascope`` command of this interpreter."""
    return [sys.executable, "-c", "from rotascope.cli.app import main; main()"]


def run_cli(
    args: list[str], home: Path, *, env: Mapping[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``rotascope ARGS`` with ``ROTASCOPE_HOME=home``; return the finished process."""
    full = {**os.environ, "ROTASCOPE_HOME": str(home), "COLUMNS": "200", **(env or {})}
    return subprocess.run(
        [*rotascope_cmd(), *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def write_tally() -> None:
    """Add this session's tallies to ``$ROTASCOPE_RELIABILITY_STATS`` (JSON), if set."""
    target = os.environ.get("ROTASCOPE_RELIABILITY_STATS")
    if not target:
        return
    path = Path(target)
    old: dict[str, int] = json.loads(path.read_text()) if path.exists() else {}
    for k, v in TALLY.items():
        old[k] = old.get(k, 0) + v
    path.write_text(json.dumps(old, indent=1, sort_keys=True))


def read_loop(step: int, done: Path, *, with_facts: bool) -> dict[str, list]:
    """Load W0..W2 through the local source until ``done`` exists; report what was seen.

    Series ``Wj`` grows by ``step`` rows per import with values
    ``round(100 * 1.0005**i, 6) * (1 + j)``; any other length or value is a torn read.
    """
    from rotascope.data import LocalSource
    from rotascope.errors import UnknownSymbol

    source = LocalSource()

    seen: list[int] = []
    bad: list[object] = []
    facts_ok = 0
    while True:
        finished = done.exists()
        for j in range(3):
            try:
                s = source.series(f"W{j}")
            except UnknownSymbol:
                seen.append(0)
                continue
            n = len(s)
            want = np.round(100 * 1.0005 ** np.arange(n), 6) * (1 + j)
            if n % step or not np.array_equal(s.to_numpy(), want):
                bad.append([j, n])
            seen.append(n)
        if with_facts and seen[-1]:
            import rotascope

            fs = rotascope.facts("W0", windows=(5,), context=False)
            ends = {str(d.date()) for d in source.series("W0").index[step - 1 :: step]}
            if any(str(f.asof) not in ends for f in fs):
                bad.append(["facts", [str(f.asof) for f in fs]])
            facts_ok += 1
        if finished:
            break
    return {"seen": seen, "bad": bad, "facts": [facts_ok]}
