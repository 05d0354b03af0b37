"""The web app's working parts: the data source, one cache, limits and input checks.

Every route asks for a product (:mod:`rotascope.products`) over the app's
:class:`~rotascope.data.port.DataSource`. Inputs are checked and made canonical first
(symbols resolved, ``^GSPC`` and ``SPX`` alike; windows sorted; the as-of resolved to
its session by the one as-of rule), and only then is the cache key made, so equal
questions share one entry. Heavy work runs in a bounded thread pool; each answer is
cached once under ``(canonical inputs, data version)``; identical requests in flight
share one computation; a computation that takes longer than the timeout answers 503
JSON while it finishes in the background and fills the cache for the next request.

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
from pathlib import Path
from typing import Any

import pandas as pd

from rotascope.asof import AsOf, parse_date
from rotascope.data.port import DataSource
from rotascope.errors import AmbiguousSymbol, AsOfError, RotascopeError, UnknownSymbol
from rotascope.kinds.engine import FactEngine, engine_for
from rotascope.products.facts import asof_for
from rotascope.symbols import canonical
from rotascope.web.cache import MISSING, ResultCache
from rotascope.web.errors import WebError

__all__ = ["OBJECT_BYTES", "Limits", "Service"]

#: What a cached Python object (a drawn report with its figures) counts for against the
#: cache's byte bound: 256 MB hold 64 of them besides the serialised answers.
OBJECT_BYTES = 4 * 1024 * 1024

#: ``importer(path, *, symbol, column[, replace])``: stores an uploaded file (one
#: transaction; refuses to replace or hide a series unless ``replace=True``).
Importer = Callable[..., Any]


def _with_param(exc: RotascopeError, param: str, valid: Any) -> RotascopeError:
    exc.param = param  # type: ignore[attr-defined]
    exc.valid = valid  # type: ignore[attr-defined]
    return exc


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
    """The source, the cache, the thread pool and the limits, shared by every route.

    Parameters
    ----------
    source : DataSource
        Where every series comes from.
    limits : Limits
        Request bounds.
    cache_size : int
        Entries of the one LRU cache (also bounded to 256 MB).
    workers : int
        Threads for heavy work.
    allow_import : bool
        Whether ``POST /api/import`` writes to the store.
    importer : callable, optional
        Stores an uploaded file (default
        :func:`rotascope.products.imports.import_upload`).
    """

    def __init__(
        self,
        source: DataSource,
        *,
        limits: Limits | None = None,
        cache_size: int = 2048,
        workers: int = 4,
        allow_import: bool = False,
        importer: Importer | None = None,
    ) -> None:
        if importer is None:
            from rotascope.products.imports import import_upload

            importer = import_upload
        self.source = source
        self.importer = importer
        self.limits = limits or Limits()
        self.cache = ResultCache(cache_size)
        self.executor = ThreadPoolExecutor(workers, thread_name_prefix="rotascope-web")
        self.allow_import = allow_import
        self._inflight: dict[Hashable, Future[Any]] = {}
        self._lock = threading.RLock()
        self._version: tuple[float, str] = (float("-inf"), "")

    @property
    def engine(self) -> FactEngine:
        """The fact engine kept for the source (its memo follows the data version)."""
        return engine_for(self.source)

    # --- data version -------------------------------------------------------------
    def data_version(self) -> str:
        """The data source's version, re-read at most once a second."""
        now = time.monotonic()
        stamp, value = self._version
        if now - stamp > 1.0:
            value = str(self.source.version())
            self._version = (now, value)
        return value

    def invalidate(self) -> None:
        """Forget the data version and every cached answer (after an import)."""
        self._version = (float("-inf"), "")
        self.cache.clear()

    # --- cached, single-flight work ------------------------------------------------
    def cached(self, key: tuple[Any, ...], fn: Callable[[], Any], *, size: int = 0) -> Any:
        """``fn()`` cached under ``key + (data_version,)``, in the calling thread.

        For Python objects two answers share (a drawn report for its JSON and its HTML);
        ``size`` is what the entry counts against the cache's byte bound.
        """
        full = (*key, self.data_version())
        hit = self.cache.get(full)
        if hit is not MISSING:
            return hit
        value = fn()
        self.cache.put(full, value, size=size)
        return value

    async def answer(
        self,
        request: tuple[Any, ...],
        prepare: Callable[[], tuple[tuple[Any, ...], Callable[[], Any]]],
    ) -> Any:
        """Check the inputs, then compute (or fetch) the answer under their canonical key.

        ``prepare()`` runs in the pool: it validates the request and returns the cache
        key of the canonical inputs and the work that computes the answer. A request
        seen before with the same raw parameters (``request``) skips the checks: the
        cache remembers which canonical question it was (errors are never remembered).

        Raises
        ------
        WebError
            503 ``timeout`` when the work takes longer than ``limits.timeout``.
        """
        seen = ("request", *request, self.data_version())
        hit = self.cache.get(seen)
        if hit is MISSING:
            hit = await self._wait(asyncio.wrap_future(self.executor.submit(prepare)))
            self.cache.put(seen, hit)
        key, work = hit
        return await self.run(key, work)

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
        return await self._wait(asyncio.shield(asyncio.wrap_future(cf)))

    async def _wait(self, fut: Any) -> Any:
        try:
            return await asyncio.wait_for(fut, self.limits.timeout)
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

    def import_file(
        self, path: Path, *, symbol: str | None, column: str, replace: bool = False
    ) -> Any:
        """Store an uploaded file through the importer (one transaction); ``replace`` is
        passed only when asked, so an importer may leave it out."""
        extra = {"replace": True} if replace else {}
        return self.importer(path, symbol=symbol, column=column, **extra)

    def has_futures(self) -> bool:
        """Whether fed funds futures prices are stored (cached per data version)."""

        def look() -> bool:
            try:
                return not self.source.futures().empty
            except (RotascopeError, AttributeError):
                return False

        return bool(self.cached(("has-futures",), look))

    # --- input checks (run inside the pool) -------------------------------------------
    def known_symbols(self) -> list[str]:
        """Every loadable symbol, cached per data version."""
        return self.cached(("symbols",), lambda: sorted(self.source.symbols()))  # type: ignore[no-any-return]

    def check_symbol(self, symbol: str, param: str = "symbol") -> str:
        """Return the canonical symbol or raise :class:`UnknownSymbol` (404)."""
        sym = canonical(symbol)
        known = self.known_symbols()
        if sym not in known:
            try:  # a short name of one known series (CMA: ff5:CMA); ambiguous ones list choices
                return self.source.resolve(symbol)
            except AmbiguousSymbol as exc:
                raise _with_param(exc, param, known) from None
            except UnknownSymbol:
                raise _with_param(UnknownSymbol(symbol.strip()[:24], known), param, known) from None
        return sym

    def check_versus(self, subject: str, versus: Sequence[str]) -> list[str]:
        """Canonical, de-duplicated comparison symbols (subject removed; ``none`` and
        blanks name no comparison)."""
        out: list[str] = []
        for v in versus:
            for part in v.split(","):
                if part.strip() and part.strip().lower() != "none":
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

    def sessions(self, symbol: str, basis: str = "price") -> pd.DatetimeIndex:
        """Dates with a value for ``symbol`` (the engine's loaded series, per version)."""
        return pd.DatetimeIndex(self.engine.series(symbol, basis).values.index)  # type: ignore[arg-type]

    def resolve_asof(self, subject: str, asof: str | None, basis: str = "price") -> AsOf:
        """Resolve ``asof`` against ``subject``'s dates by the one as-of rule
        (:func:`rotascope.asof.resolve_asof`, as the facts product does).

        Raises
        ------
        AsOfError
            A malformed date (422), or one before the first or after the last date; the
            error carries ``param`` and ``valid`` (the first and last dates).
        """
        idx = self.sessions(subject, basis)
        valid = {"first": idx[0].date().isoformat(), "last": idx[-1].date().isoformat()}
        value = None if asof is None or not str(asof).strip() else asof
        try:
            if value is not None:
                parse_date(value, "asof")
            return asof_for(self.source, subject, value, basis)  # type: ignore[arg-type]
        except AsOfError as exc:
            if value is not None and "not a date" in str(exc):
                valid = {"format": "YYYY-MM-DD", **valid}
            raise _with_param(exc, "asof", valid) from None

    def check_range(
        self, start: str | None, end: str | None, params: tuple[str, str] = ("from", "to")
    ) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        """Two optional dates in order (422 ``bad_range`` when the first is after the
        second)."""
        lo, hi = self.check_date(start, params[0]), self.check_date(end, params[1])
        if lo is not None and hi is not None and lo > hi:
            raise WebError(
                422,
                "bad_range",
                f"{params[0]} ({lo.date()}) is after {params[1]} ({hi.date()}); give the "
                "earlier date first",
                param=params[0],
                valid={params[0]: f"on or before {hi.date()}"},
            )
        return lo, hi

    def check_date(
        self, value: str | None, param: str, *, latest: bool = False
    ) -> pd.Timestamp | None:
        """Parse an optional date parameter (422 when malformed); with ``latest``, the
        word ``latest`` means no date (the data's last)."""
        if value is None or not value.strip():
            return None
        if latest and value.strip().lower() == "latest":
            return None
        try:
            return parse_date(value, param)
        except AsOfError as exc:
            raise _with_param(exc, param, {"format": "YYYY-MM-DD"}) from None

    def shutdown(self) -> None:
        """Stop the pool (pending work is abandoned)."""
        self.executor.shutdown(wait=False, cancel_futures=True)
