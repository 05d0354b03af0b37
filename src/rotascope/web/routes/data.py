"""Routes about the data themselves: health, symbols, a symbol's sessions, one series.

Examples
--------
>>> sorted(r.path for r in router().routes)
['/health', '/series/{symbol}', '/sessions', '/symbols']
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request, Response

from rotascope.errors import RotascopeError
from rotascope.symbols import display_name, info
from rotascope.web import schemas
from rotascope.web.payloads import json_response, pack
from rotascope.web.routes.common import SYMBOL_RE, DateQ, SubjectQ, Work, errors, svc
from rotascope.web.service import Service

__all__ = ["FEATURES", "router"]

Column = Literal["open", "high", "low", "close", "adj_close", "volume", "dividends"]

#: What the server offers (``/api/health``), one entry per view of the page.
FEATURES: tuple[str, ...] = (
    "facts", "report", "market", "rotation", "scan", "study", "breadth", "valuation",
    "factors", "fedwatch", "import_file",
)  # fmt: skip


def _origin(s: Service, sym: str) -> str | None:
    try:
        return s.source.info(sym).origin
    except RotascopeError:
        return None


def router() -> APIRouter:
    """The data routes (mounted under ``/api``)."""
    r = APIRouter()

    @r.get("/health", response_model=schemas.HealthResponse, tags=["meta"], responses=errors())
    async def health(request: Request) -> schemas.HealthResponse:
        """Liveness, data version, cache counters and what the server offers (``fedwatch``
        is false until fed funds futures prices are stored)."""
        s = svc(request)
        return schemas.HealthResponse(
            status="ok",
            data_version=s.data_version(),
            cache_entries=len(s.cache),
            cache_hits=s.cache.hits,
            cache_misses=s.cache.misses,
            features={**dict.fromkeys(FEATURES, True), "fedwatch": s.has_futures()},
            allow_import=s.allow_import,
        )

    @r.get("/symbols", response_model=schemas.SymbolsResponse, tags=["data"], responses=errors())
    async def symbols(request: Request) -> Response:
        """Every loadable symbol with its name, unit, first and last date, and source."""
        s = svc(request)

        def work() -> tuple[bytes, bytes | None]:
            out = []
            for sym in s.known_symbols():
                idx = s.sessions(sym)
                out.append(
                    schemas.SymbolModel(
                        symbol=sym,
                        name=display_name(sym),
                        unit=info(sym).unit,
                        first=idx[0].date() if len(idx) else None,
                        last=idx[-1].date() if len(idx) else None,
                        source=_origin(s, sym),
                    )
                )
            body = schemas.SymbolsResponse(data_version=s.data_version(), symbols=out)
            return pack(body.model_dump_json().encode())

        return json_response(request, await s.run(("symbols-json",), work))

    @r.get(
        "/sessions",
        response_model=schemas.SessionsResponse,
        tags=["data"],
        responses=errors(404),
    )
    async def sessions(request: Request, symbol: SubjectQ) -> Response:
        """The dates ``symbol`` has a value for (limits the page's date picker)."""
        s = svc(request)

        def prepare() -> Work:
            sym = s.check_symbol(symbol, "symbol")

            def work() -> tuple[bytes, bytes | None]:
                idx = s.sessions(sym)
                body = schemas.SessionsResponse(
                    symbol=sym, first=idx[0].date(), last=idx[-1].date(),
                    dates=[d.date() for d in idx],
                )  # fmt: skip
                return pack(body.model_dump_json().encode())

            return ("sessions", sym), work

        return json_response(request, await s.answer(("sessions", symbol), prepare))

    @r.get(
        "/series/{symbol}",
        response_model=schemas.SeriesResponse,
        tags=["data"],
        responses=errors(404),
    )
    async def series(
        request: Request,
        symbol: Annotated[
            str, Path(pattern=SYMBOL_RE, max_length=40, description="A symbol, e.g. RUT")
        ],
        start: DateQ = None,
        end: DateQ = None,
        column: Column = "close",
    ) -> Response:
        """One column of a series between ``start`` and ``end`` (inclusive; ``start``
        after ``end`` is a 422)."""
        s = svc(request)

        def prepare() -> Work:
            sym = s.check_symbol(symbol, "symbol")
            lo, hi = s.check_range(start, end, ("start", "end"))

            def work() -> tuple[bytes, bytes | None]:
                data = s.source.series(sym, column).loc[lo:hi].sort_index()
                dates = [d.date() for d in data.index]
                values = [float(v) if math.isfinite(v) else None for v in data.astype(float)]
                body = schemas.SeriesResponse(
                    symbol=sym, name=display_name(sym), column=column,
                    first=dates[0] if dates else None, last=dates[-1] if dates else None,
                    dates=dates, values=values,
                )  # fmt: skip
                return pack(body.model_dump_json().encode())

            return ("series", sym, lo, hi, column), work

        raw = ("series", symbol, start, end, column)
        return json_response(request, await s.answer(raw, prepare))

    return r
