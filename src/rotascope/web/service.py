"""The web app's working parts: limits, input checks, cached work off the event loop.

Heavy work (loading, facts, reports) runs in a bounded thread pool. Each result is
cached under ``(inputs, data_version)``; identical requests in flight share one
computation; a computation that takes longer than the timeout answers 503 JSON while
it finishes in the background and fills the cache for the next request.

Examples
--------
>>> Limits().max_window
2520
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pandas as pd

from rotascope.asof import AsOf, parse_date, resolve_asof
from rotascope.errors import AmbiguousSymbol, AsOfError, UnknownSymbol
from rotascope.symbols import canonical, resolve, series_id
from rotascope.web.backend import Backend
from rotascope.web.cache import MISSING, ResultCache
from rotascope.web.errors import WebError

__all__ = ["Limits", "Service"]


def _parse(value: str, param: str, valid: dict[str, str]) -> pd.Timestamp:
    """:func:`~rotascope.asof.parse_date`, its error carrying ``param`` and ``valid``."""
    try:
        ts = parse_date(value, param)
    except AsOfError as exc:
        exc.param = param  # type: ignore[attr-defined]
        exc.valid = valid  # type: ignore[attr-defined]
        raise
    return ts


@dataclass(frozen=True)
class Limits:
    """Bounds on what one request may ask.

    Attributes
    ----------
    max_versus : int
        Comparison symbols per request.
    max_windows : int
        Windows per request.
    max_window : int
        Longest window in sessions (2520 = about ten years).
    max_url : int
        Longest path + query string, in bytes (longer -> 414).
    max_upload : int
        Largest import upload, in bytes.
    timeout : float
        Seconds a request waits for its computation before answering 503.
    max_length : int
        Longest streak length for ``/api/study``.
    """

    max_versus: int = 5
    max_windows: int = 10
    max_window: int = 2520
    max_url: int = 2048
    max_upload: int = 20 * 1024 * 1024
    timeout: float = 30.0
    max_length: int = 250


class Service:
    """Backend + cache + thread pool + limits, shared by every route.

    Parameters
    ----------
    backend : Backend
        Where data, facts and reports come from.
    limits : Limits
        Request bounds.
    cache_size : int
        Entries of the LRU cache of serialised responses (also bounded to 256 MB).
    workers : int
        Threads for heavy work.
    allow_import : bool
        Whether ``POST /api/import`` writes to the store.
    """

    def __init__(
        self,
        backend: Backend,
        *,
        limits: Limits | None = None,
        cache_size: int = 2048,
        workers: int = 4,
        allow_import: bool = False,
    ) -> None:
        self.backend = backend
        self.limits = limits or Limits()
        self.cache = ResultCache(cache_size)
        #: Python objects (session lists, report objects) by entry count only: kept small.
        self.objects = ResultCache(64)
        self.executor = ThreadPoolExecutor(workers, thread_name_prefix="rotascope-web")
        self.allow_import = allow_import
        self._inflight: dict[Hashable, Future[Any]] = {}
        self._lock = threading.RLock()
        self._version: tuple[float, str] = (float("-inf"), "")

    # --- data version -------------------------------------------------------------
    def data_version(self) -> str:
        """The data source's version, re-read at most once a second."""
        now = time.monotonic()
        stamp, value = self._version
        if now - stamp > 1.0:
            value = str(self.backend.data_version())
            self._version = (now, value)
        return value

    def invalidate(self) -> None:
        """Forget the data version and every cached result (after an import)."""
        self._version = (float("-inf"), "")
        self.cache.clear()
        self.objects.clear()

    # --- cached, single-flight work ------------------------------------------------
    def cached_sync(self, key: tuple[Any, ...], fn: Callable[[], Any]) -> Any:
        """Return ``fn()`` cached under ``key + (data_version,)`` (for use in threads).

        For Python objects (session lists, report objects); a small LRU of 64 entries.
        """
        full = (*key, self.data_version())
        hit = self.objects.get(full)
        if hit is not MISSING:
            return hit
        value = fn()
        self.objects.put(full, value)
        return value

    async def run(self, key: tuple[Any, ...], fn: Callable[[], Any]) -> Any:
        """Compute ``fn()`` in the pool, cached, shared by concurrent callers, with timeout.

        Raises
        ------
        WebError
            503 ``timeout`` when the work takes longer than ``limits.timeout``.
        """
        full = (*key, self.data_version())
        hit = self.cache.get(full)
        if hit is not MISSING:
            return hit
        with self._lock:
            cf = self._inflight.get(full)
            if cf is None:
                cf = self.executor.submit(fn)
                self._inflight[full] = cf
                cf.add_done_callback(lambda f: self._finish(full, f))
        fut = asyncio.wrap_future(cf)
        try:
            return await asyncio.wait_for(asyncio.shield(fut), self.limits.timeout)
        except TimeoutError:
            raise WebError(
                503,
                "timeout",
                f"the computation took longer than {self.limits.timeout:g} s; it continues "
                "in the background, retry in a moment",
                headers={"Retry-After": "5"},
            ) from None

    def _finish(self, key: Hashable, f: Future[Any]) -> None:
        with self._lock:
            self._inflight.pop(key, None)
        if not f.cancelled() and f.exception() is None:
            self.cache.put(key, f.result())

    async def call(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn()`` in the pool without caching (imports)."""
        return await asyncio.wrap_future(self.executor.submit(fn))

    # --- input checks (run inside the pool) -------------------------------------------
    def known_symbols(self) -> list[str]:
        """Every loadable symbol, cached per data version."""
        return self.cached_sync(("symbols",), lambda: sorted(self.backend.symbols()))

    def check_symbol(self, symbol: str, param: str = "symbol") -> str:
        """Return the canonical symbol or raise :class:`UnknownSymbol` (404)."""
        sym = canonical(symbol)
        known = self.known_symbols()
        if sym not in known:
            try:  # a short name of one known series (CMA: ff5:CMA); ambiguous ones list choices
                sid, _ = resolve(symbol, {series_id(k): [""] for k in known})
                return canonical(sid)
            except UnknownSymbol as exc:
                err = exc if isinstance(exc, AmbiguousSymbol) else None
                err = err or UnknownSymbol(symbol.strip()[:24], known)
                err.param = param  # type: ignore[attr-defined]
                raise err from None
        return sym

    def check_versus(self, subject: str, versus: Sequence[str]) -> list[str]:
        """Canonical, de-duplicated comparison symbols (subject removed)."""
        out: list[str] = []
        for v in versus:
            for part in v.split(","):
                if part.strip():
                    sym = self.check_symbol(part, "versus")
                    if sym != subject and sym not in out:
                        out.append(sym)
        if len(out) > self.limits.max_versus:
            raise WebError(
                422,
                "too_many_versus",
                f"{len(out)} comparison symbols; at most {self.limits.max_versus} per request",
                param="versus",
                valid={"max_versus": self.limits.max_versus},
            )
        return out

    def check_windows(self, windows: Sequence[int]) -> list[int]:
        """Sorted unique windows within the limits."""
        out = sorted(set(int(w) for w in windows))
        if len(out) > self.limits.max_windows:
            raise WebError(
                422,
                "too_many_windows",
                f"{len(out)} windows; at most {self.limits.max_windows} per request",
                param="window",
                valid={"max_windows": self.limits.max_windows},
            )
        bad = [w for w in out if not 1 <= w <= self.limits.max_window]
        if bad:
            raise WebError(
                422,
                "bad_window",
                f"window {bad[0]} is out of range; windows count sessions from 1 to "
                f"{self.limits.max_window}",
                param="window",
                valid={"min": 1, "max": self.limits.max_window},
            )
        return out

    def sessions(self, symbol: str) -> pd.DatetimeIndex:
        """Dates with a value for ``symbol`` (its close), cached per data version."""

        def _load() -> pd.DatetimeIndex:
            s = self.backend.load(symbol)
            idx = pd.DatetimeIndex(s.dropna().index).normalize()
            return idx.sort_values().unique()

        return self.cached_sync(("sessions", symbol), _load)

    def resolve_asof(self, subject: str, asof: str | None) -> AsOf:
        """Resolve ``asof`` against ``subject``'s sessions by the one as-of rule
        (:func:`rotascope.asof.resolve_asof`): a non-session moves to the session before,
        with a note.

        Raises
        ------
        AsOfError
            A malformed date (422), or one before the first or after the last session;
            the error carries ``param`` and ``valid`` (the first and last dates).
        """
        idx = self.sessions(subject)
        if len(idx) == 0:
            raise AsOfError(f"{subject} has no data")
        valid = {"first": idx[0].date().isoformat(), "last": idx[-1].date().isoformat()}
        value = None if asof is None or not str(asof).strip() else asof
        if value is not None:
            _parse(value, "asof", {"format": "YYYY-MM-DD", **valid})
        try:
            return resolve_asof(value, idx, what=subject)
        except AsOfError as exc:
            exc.param = "asof"  # type: ignore[attr-defined]
            exc.valid = valid  # type: ignore[attr-defined]
            raise

    def check_date(self, value: str | None, param: str) -> pd.Timestamp | None:
        """Parse an optional date parameter (422 when malformed)."""
        if value is None or not value.strip():
            return None
        return _parse(value, param, {"format": "YYYY-MM-DD"})

    def shutdown(self) -> None:
        """Stop the pool (pending work is abandoned)."""
        self.executor.shutdown(wait=False, cancel_futures=True)
