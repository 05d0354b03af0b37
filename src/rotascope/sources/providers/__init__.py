"""Live data providers (Yahoo, FRED, Ken French) behind one :class:`Provider` protocol.

Downloads are validated by the same code as file imports and stored through the store
in one transaction; raw responses are cached under ``$ROTASCOPE_HOME/cache``.
"""

from __future__ import annotations

from rotascope.errors import RotascopeError
from rotascope.sources.providers.base import Provider, cache_dir, looks_like_html
from rotascope.sources.providers.fred import FredProvider
from rotascope.sources.providers.french import FrenchProvider
from rotascope.sources.providers.http import HttpFetcher, RetryPolicy, is_offline
from rotascope.sources.providers.yahoo import YahooProvider

__all__ = [
    "FredProvider",
    "FrenchProvider",
    "HttpFetcher",
    "Provider",
    "RetryPolicy",
    "YahooProvider",
    "cache_dir",
    "is_offline",
    "looks_like_html",
    "provider_for",
]


def provider_for(symbol: str, *, name: str | None = None, offline: bool = False) -> Provider:
    """Pick the provider for ``symbol`` (or the one called ``name``).

    Examples
    --------
    >>> provider_for("DGS10").name, provider_for("SMB").name, provider_for("IWM").name
    ('fred', 'french', 'yahoo')
    """
    providers: list[Provider] = [
        FrenchProvider(fetcher=HttpFetcher("Ken French", offline=offline)),
        FredProvider(fetcher=HttpFetcher("FRED", offline=offline)),
        YahooProvider(fetcher=HttpFetcher("Yahoo", offline=offline)),
    ]
    if name is not None:
        for p in providers:
            if p.name == name.lower():
                return p
        raise RotascopeError(f"unknown provider {name!r}; choose yahoo, fred or french")
    for p in providers:
        if p.handles(symbol):
            return p
    raise RotascopeError(f"no provider serves {symbol!r}")
