"""The :class:`Provider` protocol and the raw-response cache providers share."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, runtime_checkable

import pandas as pd

from rotascope.config import home
from rotascope.sources.parsed import ParsedSeries

__all__ = ["Provider", "cache_dir", "cache_validated", "looks_like_html"]


@runtime_checkable
class Provider(Protocol):
    """A live source of daily series.

    ``fetch`` downloads, validates with the same checks as file import, and returns
    series ready for :meth:`rotascope.store.Store.import_series`; it raises
    :class:`~rotascope.errors.ProviderError` for network trouble and
    :class:`~rotascope.errors.DataError` for content that is not what was expected.
    """

    name: str

    def handles(self, symbol: str) -> bool:
        """True when this provider serves ``symbol``."""
        ...

    def fetch(
        self, symbol: str, *, start: pd.Timestamp | None = None, end: pd.Timestamp | None = None
    ) -> list[ParsedSeries]:
        """Download ``symbol`` (between ``start`` and ``end`` when given)."""
        ...


def cache_dir(provider: str) -> Path:
    """Folder where a provider keeps its raw responses (under the rotascope home)."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", provider.lower())
    path = home() / "cache" / safe
    path.mkdir(parents=True, exist_ok=True)
    return path


def looks_like_html(body: bytes) -> bool:
    """True when a body that should be CSV or JSON is an HTML page (an error page)."""
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml"))


def cache_validated(
    path: Path, body: bytes, read: Callable[[Path], list[ParsedSeries]]
) -> list[ParsedSeries]:
    """Read a downloaded ``body`` with ``read``; only if that succeeds, cache it at ``path``.

    The last good cached copy is never replaced by a download that does not read.
    """
    tmp = path.with_name("download." + path.name)
    tmp.write_bytes(body)
    try:
        series = read(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)
    return series
