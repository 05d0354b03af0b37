"""HTTP for providers: short timeouts, bounded retries with backoff, clear errors.

Every provider goes through :class:`HttpFetcher`, so one place decides how long to
wait, when to retry (connection errors, timeouts, HTTP 429 and 5xx) and how to tell
the user what went wrong. Offline mode (``offline=True`` or ``ROTASCOPE_OFFLINE=1``)
never touches the network.

Examples
--------
>>> fetcher = HttpFetcher("FRED", offline=True)
>>> fetcher.get("https://example.invalid/x.csv")
Traceback (most recent call last):
...
rotascope.errors.ProviderError: FRED: offline mode: not fetching https://example.invalid/x.csv. ...
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import httpx

from rotascope.errors import ProviderError

__all__ = ["HttpFetcher", "RetryPolicy", "is_offline"]

USER_AGENT = "rotascope/0.1 (+https://github.com/rotascope/rotascope)"
#: Largest response body accepted (bytes).
MAX_BODY = 50 * 2**20


def is_offline() -> bool:
    """True when ``ROTASCOPE_OFFLINE`` is set to a true value."""
    return os.environ.get("ROTASCOPE_OFFLINE", "").lower() in {"1", "true", "yes"}


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry.

    Attributes
    ----------
    attempts : int
        Total tries, the first included.
    backoff : float
        First wait in seconds; doubles each retry (with up to 25% jitter).
    max_wait : float
        Cap on one wait, also on a server's ``Retry-After``.
    connect_timeout, read_timeout : float
        Seconds before a connection or a read gives up.
    """

    attempts: int = 3
    backoff: float = 0.5
    max_wait: float = 10.0
    connect_timeout: float = 5.0
    read_timeout: float = 20.0


_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class HttpFetcher:
    """GET with retries for one provider.

    Parameters
    ----------
    provider : str
        Name used in error messages (``Yahoo``, ``FRED``, ``Ken French``).
    policy : RetryPolicy
        Timeouts and retries.
    offline : bool
        Refuse to touch the network.
    client : httpx.Client, optional
        Injected client (tests); one is made per call otherwise.
    sleep : callable
        ``time.sleep`` unless a test injects a fake.
    """

    provider: str
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    offline: bool = False
    client: httpx.Client | None = None
    sleep: Callable[[float], None] = time.sleep

    def _wait(self, attempt: int, response: httpx.Response | None) -> float:
        if response is not None and "retry-after" in response.headers:
            try:
                wait = float(response.headers["retry-after"])
            except ValueError:  # an HTTP date: fall back to the backoff
                wait = float("nan")
            if wait == wait:  # negative or NaN waits would crash time.sleep
                return min(max(wait, 0.0), self.policy.max_wait)
        base = self.policy.backoff * 2**attempt
        return min(base * (1 + 0.25 * random.random()), self.policy.max_wait)

    def get(self, url: str, params: Mapping[str, str] | None = None) -> httpx.Response:
        """GET ``url``; return the response or raise :class:`ProviderError`."""
        if self.offline or is_offline():
            raise ProviderError(self.provider, f"offline mode: not fetching {url}")
        timeout = httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout)
        client = self.client or httpx.Client(
            timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=True
        )
        last = "no attempt made"
        try:
            for attempt in range(self.policy.attempts):
                response: httpx.Response | None = None
                try:
                    response = client.get(url, params=params)
                except httpx.TimeoutException:
                    last = f"timed out after {self.policy.read_timeout:g} s"
                except httpx.TransportError as exc:
                    last = f"network error ({type(exc).__name__}: {exc})"
                else:
                    if response.status_code < 400:
                        if len(response.content) > MAX_BODY:
                            raise ProviderError(
                                self.provider, f"response over {MAX_BODY // 2**20} MB from {url}"
                            )
                        return response
                    last = f"HTTP {response.status_code} from {url}"
                    if response.status_code not in _RETRY_STATUS:
                        break
                if attempt + 1 < self.policy.attempts:
                    self.sleep(self._wait(attempt, response))
        finally:
            if self.client is None:
                client.close()
        raise ProviderError(self.provider, f"{last} (after {attempt + 1} attempt(s))")
