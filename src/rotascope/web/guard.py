"""Who may talk to the server, and who may change data through it.

Two rules, applied to every request before any route runs (pure ASGI middleware):

1. **Host.** The ``Host`` header must name this machine's loopback (``127.0.0.1``,
   ``localhost``, ``[::1]``, any port) or a host the user allowed
   (``rotascope serve --allow-host NAME``). A page on another site that rebinds its
   own domain name to 127.0.0.1 (DNS rebinding) sends its own name as ``Host`` and is
   refused with 421.
2. **Writes.** A state-changing request (``POST``, ``PUT``, ``PATCH``, ``DELETE``) must
   come from this server's own pages or from no browser at all: an ``Origin`` that is
   not an allowed host, or ``Sec-Fetch-Site: cross-site``, is refused with 403; and it
   must carry the server's write token (``X-Rotascope-Token`` header), which
   ``rotascope serve`` prints at start and which no other site can read.

Examples
--------
>>> host_allowed("127.0.0.1:8000", LOOPBACK), host_allowed("evil.example", LOOPBACK)
(True, False)
>>> host_allowed("[::1]:8000", LOOPBACK), host_allowed("localhost", LOOPBACK)
(True, True)
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from rotascope.web.errors import error_response

__all__ = ["LOOPBACK", "TOKEN_HEADER", "Guard", "host_allowed", "new_token"]

#: Host names that always reach this server.
LOOPBACK: frozenset[str] = frozenset({"127.0.0.1", "localhost", "::1"})

#: Header that carries the write token.
TOKEN_HEADER = "X-Rotascope-Token"

_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def new_token() -> str:
    """A fresh random write token (32 URL-safe characters)."""
    return secrets.token_urlsafe(24)


def _hostname(value: str) -> str | None:
    """The host part of a ``Host`` header value (``[::1]:8000`` -> ``::1``)."""
    value = value.strip().lower()
    if not value or any(c in value for c in "/@?#\\ "):
        return None
    try:
        host = urlsplit("//" + value).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


def host_allowed(value: str | None, allowed: Iterable[str]) -> bool:
    """True when a ``Host`` header value names an allowed host (any port)."""
    if not value:
        return False
    host = _hostname(value)
    return host is not None and host in {h.lower().strip("[]") for h in allowed}


def _origin_allowed(origin: str, allowed: frozenset[str]) -> bool:
    if origin == "null":
        return False
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and (parts.hostname or "") in allowed


class Guard:
    """ASGI middleware enforcing the host and write rules of this module.

    Parameters
    ----------
    app : ASGIApp
        The application to protect.
    allowed_hosts : iterable of str
        Host names accepted besides :data:`LOOPBACK`.
    token : str
        The write token state-changing requests must carry.
    """

    def __init__(self, app: ASGIApp, *, allowed_hosts: Iterable[str] = (), token: str) -> None:
        self.app = app
        self.allowed = frozenset(h.lower().strip("[]") for h in (*LOOPBACK, *allowed_hosts))
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not host_allowed(headers.get("host"), self.allowed):
            resp = error_response(
                421,
                "host_not_allowed",
                "this server answers only requests addressed to 127.0.0.1 or localhost; "
                "start it with `rotascope serve --allow-host NAME` to accept another name",
                param="Host",
            )
            await resp(scope, receive, send)
            return
        if scope["method"] in _WRITES:
            refusal = self._write_refusal(headers)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _write_refusal(self, headers: Headers):  # type: ignore[no-untyped-def]
        origin = headers.get("origin")
        cross = headers.get("sec-fetch-site") == "cross-site"
        if cross or (origin is not None and not _origin_allowed(origin, self.allowed)):
            return error_response(
                403,
                "cross_site",
                "writes are accepted only from this server's own page or a local client, "
                "not from another website",
                param="Origin",
            )
        sent = headers.get(TOKEN_HEADER.lower(), "")
        if not hmac.compare_digest(sent.encode(), self.token.encode()):
            return error_response(
                403,
                "token_required",
                f"writes need the token `rotascope serve` printed at start, in the "
                f"{TOKEN_HEADER} header",
                param=TOKEN_HEADER,
            )
        return None
