"""An advisory file lock beside the store: one writer at a time, readers wait for writers.

DuckDB lets one process write *or* several processes read a database file. Every
rotascope process takes this lock first (shared for reading, exclusive for writing),
so a reader waits while an import runs instead of failing, and two imports serialise.
After ``timeout`` seconds of waiting :class:`~rotascope.errors.StoreBusyError` is raised.

Examples
--------
>>> import tempfile, pathlib
>>> lock = pathlib.Path(tempfile.mkdtemp()) / "x.lock"
>>> with store_lock(lock, exclusive=True, timeout=1.0):
...     pass
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rotascope.errors import RotascopeError, StoreBusyError

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows: no inter-process lock, DuckDB's own lock only
    fcntl = None  # type: ignore[assignment]

__all__ = ["DEFAULT_TIMEOUT", "default_timeout", "store_lock"]

#: Seconds a process waits for the store before giving up.
DEFAULT_TIMEOUT = 30.0


def default_timeout() -> float:
    """Seconds to wait for the store: ``$ROTASCOPE_LOCK_TIMEOUT`` or :data:`DEFAULT_TIMEOUT`.

    Examples
    --------
    >>> default_timeout() >= 0
    True
    """
    raw = os.environ.get("ROTASCOPE_LOCK_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not value >= 0 or value == float("inf"):
        raise RotascopeError(
            f"ROTASCOPE_LOCK_TIMEOUT must be a number of seconds >= 0, not {raw!r}"
        )
    return value


@contextmanager
def store_lock(path: Path, *, exclusive: bool, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the lock file ``path`` (shared or exclusive) for the ``with`` block.

    Parameters
    ----------
    path : Path
        Lock file (created if missing).
    exclusive : bool
        True for writers, False for readers.
    timeout : float
        Seconds to wait before raising :class:`StoreBusyError`.
    """
    if fcntl is None:  # pragma: no cover
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    deadline = time.monotonic() + timeout
    delay = 0.005
    try:
        while True:
            try:
                fcntl.flock(fd, mode)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"store is busy (another rotascope process is "
                        f"{'using' if exclusive else 'writing to'} it); retry in a moment"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.1)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
