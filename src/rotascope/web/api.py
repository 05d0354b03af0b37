"""The JSON API routes (``/api/...``), documented by FastAPI at ``/docs``.

Every route validates its inputs at the boundary, then asks the
:class:`~rotascope.web.service.Service` for a cached result computed off the event loop.
Responses are serialised once and cached as bytes; ``response_model`` documents their
schema.

Examples
--------
>>> router = build_router()
>>> sorted(r.path for r in router.routes)[:3]
['/api/facts', '/api/fedwatch', '/api/health']
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from rotascope.asof import AsOf
from rotascope.kinds.fact import Fact
from rotascope.symbols import display_name, info
from rotascope.web import schemas
from rotascope.web.imports import handle_import
from rotascope.web.payloads import (
    fact_models,
    json_response,
    pack,
    report_payload,
    rows,
    send,
)
from rotascope.web.service import Service

__all__ = ["DEFAULT_VERSUS", "SYMBOL_RE", "build_router"]

#: Comparison series of ``/api/report`` when none is given (as ``rotascope report``).
DEFAULT_VERSUS = ("SPX", "NDX")
SYMBOL_RE = r"^[A-Za-z0-9^._=\-]{1,24}$"
Column = Literal["open", "high", "low", "close", "adj_close", "volume", "dividends"]


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": schemas.ErrorModel} for code in codes}


_INPUT = (404, 414, 422, 503)

SubjectQ = Annotated[str, Query(pattern=SYMBOL_RE, max_length=24, description="e.g. RUT")]
VersusQ = Annotated[
    list[str],
    Query(max_length=5, description="Comparison symbols, repeated: versus=SPX&versus=NDX"),
]
AsofQ = Annotated[
    str | None,
    Query(
        max_length=40,
        description="YYYY-MM-DD or 'latest'; a non-session uses the session before (a note "
        "says so); a date after the data is an error",
    ),
]
DateQ = Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD")]


def build_router() -> APIRouter:
    """Create the ``/api`` router; routes reach the service through ``request.app.state``."""
    router = APIRouter(prefix="/api")

    def svc(request: Request) -> Service:
        return request.app.state.service

    @router.get("/health", response_model=schemas.HealthResponse, tags=["meta"])
    async def health(request: Request) -> schemas.HealthResponse:
        """Liveness, data version, cache counters and which features are wired."""
        s = svc(request)
        b = s.backend
        return schemas.HealthResponse(
            status="ok",
            data_version=s.data_version(),
            cache_entries=len(s.cache),
            cache_hits=s.cache.hits,
            cache_misses=s.cache.misses,
            features={
                "facts": True,
                "report": True,
                "study": True,
                "import_file": b.import_file is not None,
            },
            allow_import=s.allow_import,
        )

    @router.get(
        "/symbols", response_model=schemas.SymbolsResponse, tags=["data"], responses=_errors(503)
    )
    async def symbols(request: Request) -> Response:
        """Every loadable symbol with its name, first and last date, and source."""
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
                        source=_source(s, sym),
                    )
                )
            body = schemas.SymbolsResponse(data_version=s.data_version(), symbols=out)
            return pack(body.model_dump_json().encode())

        return json_response(request, await s.run(("symbols-json",), work))

    @router.get(
        "/sessions",
        response_model=schemas.SessionsResponse,
        tags=["data"],
        responses=_errors(*_INPUT),
    )
    async def sessions(request: Request, symbol: SubjectQ) -> Response:
        """The dates ``symbol`` has a close for (limits the page's date picker)."""
        s = svc(request)

        def work() -> tuple[bytes, bytes | None]:
            sym = s.check_symbol(symbol, "symbol")
            idx = s.sessions(sym)
            body = schemas.SessionsResponse(
                symbol=sym,
                first=idx[0].date(),
                last=idx[-1].date(),
                dates=[d.date() for d in idx],
            )
            return pack(body.model_dump_json().encode())

        return json_response(request, await s.run(("sessions-json", symbol.upper()), work))

    @router.get(
        "/series/{symbol}",
        response_model=schemas.SeriesResponse,
        tags=["data"],
        responses=_errors(*_INPUT),
    )
    async def series(
        request: Request,
        symbol: Annotated[str, _path_symbol()],
        start: DateQ = None,
        end: DateQ = None,
        column: Column = "close",
    ) -> Response:
        """One column of a series between ``start`` and ``end`` (inclusive)."""
        s = svc(request)

        def work() -> tuple[bytes, bytes | None]:
            sym = s.check_symbol(symbol, "symbol")
            lo, hi = s.check_date(start, "start"), s.check_date(end, "end")
            data = s.backend.load(sym, column=column, start=lo, end=hi).sort_index()
            dates = [d.date() for d in data.index]
            values = [float(v) if math.isfinite(v) else None for v in data.astype(float)]
            body = schemas.SeriesResponse(
                symbol=sym,
                name=display_name(sym),
                column=column,
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                dates=dates,
                values=values,
            )
            return pack(body.model_dump_json().encode())

        key = ("series", symbol.upper(), start, end, column)
        return json_response(request, await s.run(key, work))

    @router.get(
        "/facts",
        response_model=schemas.FactsResponse,
        tags=["facts"],
        responses=_errors(*_INPUT),
    )
    async def facts(
        request: Request,
        subject: SubjectQ,
        versus: VersusQ = [],  # noqa: B006 - FastAPI reads the default, never mutates it
        asof: AsofQ = None,
        window: Annotated[
            list[int], Query(max_length=10, description="Sessions, 1..2520, repeated")
        ] = [],  # noqa: B006
    ) -> Response:
        """Facts (moves, records, spreads, ratios, drawdowns) for a subject and pairs."""
        s = svc(request)
        key = ("facts", subject.upper(), tuple(versus), asof, tuple(window))

        def work() -> tuple[bytes, bytes | None]:
            base, sub, vs, when = _pair(s, subject, versus, asof)
            wins = s.check_windows(window)
            found = s.backend.facts(sub, versus=vs, asof=when, windows=wins)
            notes = [n.text for n in getattr(found, "notes", when.notes)]
            base = {**base, "notes": notes}
            body = schemas.FactsResponse(**base, windows=wins, facts=fact_models(list(found)))
            return pack(body.model_dump_json().encode())

        return json_response(request, await s.run(key, work))

    @router.get("/fedwatch", tags=["facts"], responses=_errors(*_INPUT))
    async def fedwatch(request: Request, asof: AsofQ = None) -> Response:
        """Rate-cut odds: each coming FOMC meeting's odds from the stored fed funds
        futures prices (as ``rotascope fedwatch --json``; docs/fedwatch.md)."""
        s = svc(request)

        def work() -> tuple[bytes, bytes | None]:
            from rotascope.products.fedwatch import fedwatch as odds

            return pack(odds(s.backend.source, asof).to_json().encode())

        return json_response(request, await s.run(("fedwatch", asof), work))

    @router.get(
        "/report",
        response_model=schemas.ReportResponse,
        tags=["report"],
        responses=_errors(*_INPUT),
    )
    async def report(
        request: Request,
        subject: SubjectQ = "RUT",
        versus: VersusQ = [],  # noqa: B006
        asof: AsofQ = None,
    ) -> Response:
        """The scored facts with their scores, the narrative and the charts' figure JSON."""
        s = svc(request)
        key = ("report-json", subject.upper(), tuple(versus), asof)

        def work() -> tuple[bytes, bytes | None]:
            base, rep = _report_obj(s, subject, versus, asof)
            return pack(report_payload(rep, base).model_dump_json().encode())

        return json_response(request, await s.run(key, work))

    @router.get(
        "/report.html",
        tags=["report"],
        response_class=Response,
        responses={
            200: {
                "content": {"text/html": {}},
                "description": "Self-contained HTML report (download)",
            },
            **_errors(*_INPUT),
        },
    )
    async def report_html(
        request: Request,
        subject: SubjectQ = "RUT",
        versus: VersusQ = [],  # noqa: B006
        asof: AsofQ = None,
    ) -> Response:
        """Download the self-contained HTML report for the same inputs as ``/api/report``."""
        s = svc(request)
        key = ("report-html", subject.upper(), tuple(versus), asof)

        def work() -> tuple[bytes, bytes | None, str]:
            base, rep = _report_obj(s, subject, versus, asof)
            name = f"rotascope-{base['subject']}-{base['asof'].isoformat()}.html"
            return (*pack(str(rep.to_html()).encode("utf-8")), name)

        raw, gz, name = await s.run(key, work)
        disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
        return send(request, (raw, gz), "text/html; charset=utf-8", disposition)

    @router.get(
        "/study",
        response_model=schemas.StudyResponse,
        tags=["facts"],
        responses=_errors(*_INPUT),
    )
    async def study(
        request: Request,
        subject: SubjectQ,
        condition: Annotated[
            str,
            Query(
                max_length=40,
                pattern=r"^[A-Za-z0-9:<>%.=\-+ ]+$",
                description="ret>1%, ret<-1%, beats:NDX, above:200",
            ),
        ],
        length: Annotated[int, Query(ge=1, le=250, description="Run length in sessions")] = 5,
        asof: AsofQ = None,
    ) -> Response:
        """A streak: current run, earlier episodes of the same length, what followed."""
        s = svc(request)
        key = ("study", subject.upper(), condition, length, asof)

        def work() -> tuple[bytes, bytes | None]:
            sub = s.check_symbol(subject, "subject")
            when = s.resolve_asof(sub, asof)
            m = re.match(r"^\s*beats\s*:\s*(\S+)\s*$", condition)
            if m:
                s.check_symbol(m.group(1), "condition")
            res = s.backend.study(sub, condition=condition, length=length, asof=when.session)
            body = schemas.StudyResponse(
                subject=sub,
                condition=condition,
                length=length,
                asof=when.session.date(),
                requested_asof=when.requested.date() if when.requested is not None else None,
                note=_note(when),
                data_version=s.data_version(),
                facts=fact_models([f for f in res.facts if isinstance(f, Fact)]),
                episodes=rows(res.episodes),
                stats=rows(res.stats),
            )
            return pack(body.model_dump_json().encode())

        return json_response(request, await s.run(key, work))

    @router.post(
        "/import",
        response_model=schemas.ImportResponse,
        tags=["data"],
        responses=_errors(403, 413, 415, 422, 503),
        openapi_extra={
            "requestBody": {
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["file"],
                            "properties": {
                                "file": {"type": "string", "format": "binary"},
                                "symbol": {"type": "string"},
                                "column": {"type": "string"},
                            },
                        }
                    }
                }
            }
        },
    )
    async def import_(request: Request) -> schemas.ImportResponse:
        """Import an uploaded file (multipart field ``file``) into the local store.

        Only when the server was started with ``--allow-import``; file contents only
        (no server paths), one transaction, size-limited.
        """
        return await handle_import(request, svc(request))

    return router


def _path_symbol() -> Any:
    from fastapi import Path as PathParam

    return PathParam(pattern=SYMBOL_RE, max_length=24, description="e.g. RUT")


def _source(s: Service, sym: str) -> str | None:
    return s.backend.source_of(sym)


def _note(when: AsOf) -> str | None:
    return " ".join(n.text for n in when.notes) or None


def _pair(
    s: Service, subject: str, versus: list[str], asof: str | None
) -> tuple[dict[str, Any], str, list[str], AsOf]:
    sub = s.check_symbol(subject, "subject")
    vs = s.check_versus(sub, versus)
    when = s.resolve_asof(sub, asof)
    base = {
        "subject": sub,
        "versus": vs,
        "asof": when.session.date(),
        "requested_asof": when.requested.date() if when.requested is not None else None,
        "note": _note(when),
        "notes": [n.text for n in when.notes],
        "data_version": s.data_version(),
    }
    return base, sub, vs, when


def _report_obj(
    s: Service, subject: str, versus: list[str], asof: str | None
) -> tuple[dict[str, Any], Any]:
    if not versus:  # the report's default pairs, as on the command line
        known = s.known_symbols()
        sub = s.check_symbol(subject, "subject")
        versus = [v for v in DEFAULT_VERSUS if v in known and v != sub]
    base, sub, vs, when = _pair(s, subject, versus, asof)
    rep = s.cached_sync(
        ("report-obj", sub, tuple(vs), when.session),
        lambda: s.backend.report(sub, versus=vs, asof=when),
    )
    notes = getattr(rep, "notes", None)
    if notes:
        base = {**base, "notes": list(dict.fromkeys([*base["notes"], *map(str, notes)]))}
    return base, rep
