"""The FastAPI application: JSON API, the page, and its assets (no external CDN).

:func:`create_app` takes its data as a :class:`~rotascope.data.port.DataSource`
(default :func:`rotascope.data.default_source`); every route answers with a product
(:mod:`rotascope.products`) over it, through one :class:`~rotascope.web.service.Service`
(one cache, one thread pool).

Examples
--------
>>> from fastapi.testclient import TestClient
>>> import pandas as pd
>>> from rotascope.data import MemorySource
>>> s = pd.Series([1.0, 2.0], index=pd.DatetimeIndex(["2024-07-15", "2024-07-16"]))
>>> app = create_app(source=MemorySource({"RUT": s}))
>>> client = TestClient(app, base_url="http://127.0.0.1")
>>> client.get("/api/sessions", params={"symbol": "RUT"}).json()["last"]
'2024-07-16'
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rotascope._version import version
from rotascope.data.port import DataSource
from rotascope.web.errors import error_response, install_error_handlers
from rotascope.web.guard import Guard, new_token
from rotascope.web.routes import build_router
from rotascope.web.service import Limits, Service

__all__ = ["create_app", "plotly_js"]

log = logging.getLogger("rotascope.web")

#: Content-Security-Policy of the page: everything from this server, nothing else.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class URLLimit:
    """Reject over-long URLs (414 JSON) and too many query parameters (422 JSON)."""

    def __init__(self, app: ASGIApp, *, max_url: int, max_params: int = 40) -> None:
        self.app = app
        self.max_url = max_url
        self.max_params = max_params

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            qs: bytes = scope.get("query_string", b"")
            size = len(scope.get("raw_path") or scope["path"].encode()) + len(qs) + 1
            if size > self.max_url:
                resp = error_response(
                    414,
                    "uri_too_long",
                    f"the URL is {size} bytes; at most {self.max_url} are accepted",
                    valid={"max_url_bytes": self.max_url},
                )
                await resp(scope, receive, send)
                return
            if qs.count(b"&") + 1 > self.max_params:
                resp = error_response(
                    422,
                    "too_many_parameters",
                    f"more than {self.max_params} query parameters",
                    valid={"max_parameters": self.max_params},
                )
                await resp(scope, receive, send)
                return
        await self.app(scope, receive, send)


class HeadAsGet:
    """Answer ``HEAD`` as ``GET`` without the body (the same status and headers)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def no_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, no_body)


class SecurityHeaders:
    """Add nosniff / referrer headers everywhere and the CSP on the page (pure ASGI)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        page = path in ("/", "/docs") or path.startswith("/static")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if page:
                    headers.setdefault("Content-Security-Policy", PAGE_CSP)
                    headers.setdefault("X-Frame-Options", "DENY")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _static_dir() -> str:
    return str(resources.files("rotascope.web") / "static")


@lru_cache(maxsize=1)
def plotly_js() -> tuple[bytes, str]:
    """The plotly.js bundle the report inlines (:mod:`rotascope.render.plotlyjs`), and
    its ETag."""
    from rotascope.render import plotlyjs

    return plotlyjs.script().encode("utf-8"), plotlyjs.etag()


def create_app(
    *,
    allow_import: bool = False,
    source: DataSource | None = None,
    importer: Callable[..., Any] | None = None,
    limits: Limits | None = None,
    cache_size: int = 2048,
    workers: int = 4,
    allowed_hosts: Sequence[str] = (),
    token: str | None = None,
) -> FastAPI:
    """Build the rotascope web app.

    Parameters
    ----------
    allow_import : bool
        Enable ``POST /api/import`` (uploads into the local store). Off by default.
    source : DataSource, optional
        Where the data come from; default :func:`rotascope.data.default_source`.
    importer : callable, optional
        ``importer(path, *, symbol, column)`` stores an upload (default
        :func:`rotascope.products.imports.import_upload`, one store transaction).
    limits : Limits, optional
        Request bounds (versus count, windows, URL length, upload size, timeout).
    cache_size : int
        Entries of the one answer cache.
    workers : int
        Threads for heavy work.
    allowed_hosts : sequence of str
        Host names accepted besides loopback (see :mod:`rotascope.web.guard`).
    token : str, optional
        The write token state-changing requests must carry in ``X-Rotascope-Token``
        (default: a new random one, kept in ``app.state.token``).

    Returns
    -------
    fastapi.FastAPI
    """
    lim = limits or Limits()
    if source is None:
        from rotascope.data import default_source

        source = default_source()
    service = Service(
        source, limits=lim, cache_size=cache_size, workers=workers,
        allow_import=allow_import, importer=importer,
    )  # fmt: skip

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        service.shutdown()

    app = FastAPI(
        title="rotascope",
        version=version(),
        description=(
            "Facts about market rotations — moves, records, spreads, ratios, drawdowns, "
            "streaks — for any series or pair as of any date. Errors are JSON: "
            "`{error, message, param, valid}`."
        ),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.service = service
    app.state.token = token or new_token()
    install_error_handlers(app)
    app.include_router(build_router())

    @app.get("/", include_in_schema=False)
    async def index() -> Response:
        resp = FileResponse(f"{_static_dir()}/index.html", media_type="text/html")
        resp.headers["Cache-Control"] = "no-cache"
        return resp

    @app.get("/docs", include_in_schema=False)
    async def docs() -> Response:
        """The API reference, rendered from /openapi.json by a local script (no CDN)."""
        return FileResponse(f"{_static_dir()}/docs.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    async def plotly(request: Request) -> Response:
        from rotascope.render import plotlyjs

        body, etag = plotly_js()
        headers = {
            "ETag": etag,
            "Cache-Control": "public, max-age=86400",
            "Vary": "Accept-Encoding",
        }
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        if "gzip" in request.headers.get("accept-encoding", ""):  # stored compressed
            headers["Content-Encoding"] = "gzip"
            return Response(
                plotlyjs.gzipped(), media_type="application/javascript", headers=headers
            )
        return Response(body, media_type="application/javascript", headers=headers)

    app.mount("/static", StaticFiles(directory=_static_dir()), name="static")

    app.add_middleware(HeadAsGet)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(URLLimit, max_url=lim.max_url)
    app.add_middleware(Guard, allowed_hosts=tuple(allowed_hosts), token=app.state.token)
    return app
