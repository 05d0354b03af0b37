"""The JSON API routes (``/api/...``), documented by FastAPI at ``/docs``.

Every route checks its inputs and makes them canonical (symbols, windows, the as-of
session), then asks the :class:`~rotascope.web.service.Service` for the answer of a
product (:mod:`rotascope.products`) under that canonical key, computed off the event
loop. Answers are serialised once and cached as bytes; ``response_model`` documents
their schema; every answer about facts carries the product's ``notes``.

Examples
--------
>>> router = build_router()
>>> sorted(r.path for r in router.routes)[:3]
['/api/facts', '/api/fedwatch', '/api/health']
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from rotascope.asof import AsOf
from rotascope.errors import RotascopeError
from rotascope.products.report import DEFAULT_VERSUS
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
from rotascope.web.service import OBJECT_BYTES, Service

__all__ = ["DEFAULT_VERSUS", "SYMBOL_RE", "build_router"]

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
BasisQ = Annotated[
    Literal["price", "total_return"],
    Query(description="price (closes) or total_return (adjusted closes, dividends reinvested)"),
]


Work = tuple[tuple[Any, ...], Callable[[], Any]]


def build_router() -> APIRouter:
    """Create the ``/api`` router; routes reach the service through ``request.app.state``."""
    router = APIRouter(prefix="/api")

    def svc(request: Request) -> Service:
        return request.app.state.service

    @router.get("/health", response_model=schemas.HealthResponse, tags=["meta"])
    async def health(request: Request) -> schemas.HealthResponse:
        """Liveness, data version, cache counters and what the server offers."""
        s = svc(request)
        return schemas.HealthResponse(
            status="ok",
            data_version=s.data_version(),
            cache_entries=len(s.cache),
            cache_hits=s.cache.hits,
            cache_misses=s.cache.misses,
            features={"facts": True, "report": True, "study": True, "import_file": True},
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
                        source=_origin(s, sym),
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
        """The dates ``symbol`` has a value for (limits the page's date picker)."""
        s = svc(request)

        def prepare() -> Work:
            sym = s.check_symbol(symbol, "symbol")

            def work() -> tuple[bytes, bytes | None]:
                idx = s.sessions(sym)
                body = schemas.SessionsResponse(
                    symbol=sym,
                    first=idx[0].date(),
                    last=idx[-1].date(),
                    dates=[d.date() for d in idx],
                )
                return pack(body.model_dump_json().encode())

            return ("sessions", sym), work

        return json_response(request, await s.answer(("sessions", symbol), prepare))

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

        def prepare() -> Work:
            sym = s.check_symbol(symbol, "symbol")
            lo, hi = s.check_date(start, "start"), s.check_date(end, "end")

            def work() -> tuple[bytes, bytes | None]:
                data = s.source.series(sym, column).loc[lo:hi].sort_index()
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

            return ("series", sym, lo, hi, column), work

        raw = ("series", symbol, start, end, column)
        return json_response(request, await s.answer(raw, prepare))

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
        basis: BasisQ = "price",
    ) -> Response:
        """Facts (moves, records, spreads, ratios, drawdowns) for a subject and pairs."""
        s = svc(request)

        def prepare() -> Work:
            sub, vs, when = _question(s, subject, versus, asof, basis)
            wins = s.check_windows(window)

            def work() -> tuple[bytes, bytes | None]:
                from rotascope.products.facts import facts as facts_product

                found = facts_product(s.source, sub, vs or None, when, tuple(wins) or None, basis)
                base = _base(s, sub, vs, when, found.notes)
                body = schemas.FactsResponse(**base, windows=wins, facts=fact_models(found))
                return pack(body.model_dump_json().encode())

            return ("facts", sub, tuple(vs), tuple(wins), basis, when), work

        raw = ("facts", subject, tuple(versus), asof, tuple(window), basis)
        return json_response(request, await s.answer(raw, prepare))

    @router.get("/fedwatch", tags=["facts"], responses=_errors(*_INPUT))
    async def fedwatch(request: Request, asof: AsofQ = None) -> Response:
        """Rate-cut odds: each coming FOMC meeting's odds from the stored fed funds
        futures prices (as ``rotascope fedwatch --json``; docs/fedwatch.md)."""
        s = svc(request)

        def prepare() -> tuple[tuple[Any, ...], Callable[[], Any]]:
            from rotascope.products.fedwatch import fedwatch as odds

            day = s.check_date(asof, "asof")  # one bad date is one 422, before any work

            def work() -> tuple[bytes, bytes | None]:
                return pack(odds(s.source, day).to_json().encode())

            return ("fedwatch", day), work

        return json_response(request, await s.answer(("fedwatch", asof), prepare))

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
        basis: BasisQ = "price",
    ) -> Response:
        """The scored facts with their scores, the narrative, the sections, every fact of
        the question, the notes and the charts' figure JSON."""
        s = svc(request)

        def prepare() -> Work:
            sub, vs, when = _report_question(s, subject, versus, asof, basis)

            def work() -> tuple[bytes, bytes | None]:
                rep = _drawn_report(s, sub, vs, when, basis)
                base = _base(s, sub, vs, when, rep.result.notes)
                return pack(report_payload(rep, base).model_dump_json().encode())

            return ("report-json", sub, tuple(vs), basis, when), work

        raw = ("report-json", subject, tuple(versus), asof, basis)
        return json_response(request, await s.answer(raw, prepare))

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
        basis: BasisQ = "price",
    ) -> Response:
        """Download the self-contained HTML report for the same inputs as ``/api/report``."""
        s = svc(request)

        def prepare() -> Work:
            sub, vs, when = _report_question(s, subject, versus, asof, basis)

            def work() -> tuple[bytes, bytes | None, str]:
                rep = _drawn_report(s, sub, vs, when, basis)
                name = f"rotascope-{sub}-{rep.asof.isoformat()}.html"
                return (*pack(str(rep.to_html()).encode("utf-8")), name)

            return ("report-html", sub, tuple(vs), basis, when), work

        asked = ("report-html", subject, tuple(versus), asof, basis)
        raw, gz, name = await s.answer(asked, prepare)
        disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
        return send(request, (raw, gz), "text/html; charset=utf-8", disposition)

    @router.get(
        "/study",
        response_model=schemas.StudyResponse,
        tags=["facts"],
        responses=_errors(400, *_INPUT),
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

        def prepare() -> Work:
            from rotascope.measures.streaks import parse_condition

            sub = s.check_symbol(subject, "subject")
            when = s.resolve_asof(sub, asof)
            m = re.match(r"^\s*beats\s*:\s*(\S+)\s*$", condition)
            if m:
                s.check_symbol(m.group(1), "condition")
            try:
                parse_condition(condition)
            except RotascopeError as exc:
                exc.param = "condition"  # type: ignore[attr-defined]
                raise

            def work() -> tuple[bytes, bytes | None]:
                from rotascope.products.study import study as study_product

                res = study_product(s.source, sub, condition, length, when)
                body = schemas.StudyResponse(
                    subject=sub,
                    condition=condition,
                    length=length,
                    asof=when.session.date(),
                    requested_asof=_requested(when),
                    note=_note(when),
                    notes=res.note_texts(),
                    data_version=res.data_version,
                    facts=fact_models(res.facts),
                    episodes=rows(res.to_frame()),
                    stats=rows(res.stats()),
                )
                return pack(body.model_dump_json().encode())

            return ("study", sub, condition.strip(), length, when), work

        raw = ("study", subject, condition, length, asof)
        return json_response(request, await s.answer(raw, prepare))

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


def _origin(s: Service, sym: str) -> str | None:
    try:
        return s.source.info(sym).origin
    except RotascopeError:
        return None


def _note(when: AsOf) -> str | None:
    return " ".join(n.text for n in when.notes) or None


def _requested(when: AsOf) -> Any:
    return when.requested.date() if when.requested is not None else None


def _question(
    s: Service, subject: str, versus: list[str], asof: str | None, basis: str = "price"
) -> tuple[str, list[str], AsOf]:
    """The canonical subject, comparisons and as-of of a request (validated)."""
    sub = s.check_symbol(subject, "subject")
    vs = s.check_versus(sub, versus)
    return sub, vs, s.resolve_asof(sub, asof, basis)


def _report_question(
    s: Service, subject: str, versus: list[str], asof: str | None, basis: str
) -> tuple[str, list[str], AsOf]:
    if not versus:  # the report's default pairs, as on the command line
        known = s.known_symbols()
        sub = s.check_symbol(subject, "subject")
        versus = [v for v in DEFAULT_VERSUS if v in known and v != sub]
    return _question(s, subject, versus, asof, basis)


def _base(s: Service, sub: str, vs: list[str], when: AsOf, notes: Any) -> dict[str, Any]:
    """The fields every answer about facts shares (``_AsOfMixin``)."""
    return {
        "subject": sub,
        "versus": vs,
        "asof": when.session.date(),
        "requested_asof": _requested(when),
        "note": _note(when),
        "notes": [n.text for n in notes],
        "data_version": s.data_version(),
    }


def _drawn_report(s: Service, sub: str, vs: list[str], when: AsOf, basis: str) -> Any:
    """The drawn report of a question, computed once for its JSON and its HTML."""

    def build() -> Any:
        from rotascope.products.report import report as assemble
        from rotascope.render.build import render_report

        return render_report(assemble(s.source, sub, vs, when, basis=basis))  # type: ignore[arg-type]

    return s.cached(("report", sub, tuple(vs), basis, when), build, size=OBJECT_BYTES)
