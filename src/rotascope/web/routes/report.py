"""``/api/report`` (the report of a subject as JSON with chart figures),
``/api/report.html`` (the same as a self-contained download) and ``/api/market`` (the
story of a date across the market, the page's landing view).

Examples
--------
>>> sorted(r.path for r in router().routes)
['/market', '/report', '/report.html']
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from rotascope.asof import AsOf
from rotascope.products.report import DEFAULT_VERSUS
from rotascope.web import schemas
from rotascope.web.payloads import json_response, pack, report_payload, scored_fact, send
from rotascope.web.product_schemas import MarketResponse
from rotascope.web.routes.common import (
    AsofQ,
    BasisQ,
    SubjectQ,
    VersusQ,
    Work,
    base_fields,
    date_fields,
    errors,
    svc,
)
from rotascope.web.routes.facts import question
from rotascope.web.service import OBJECT_BYTES, Service

__all__ = ["report_question", "router"]

SectionName = Literal["rotation", "breadth", "streaks", "catalysts", "factors", "valuation", "none"]
SectionsQ = Annotated[
    list[SectionName],
    Query(
        max_length=7,
        description="Optional sections to build, repeated (default: those that belong to the "
        "subject, as on the command line); sections=none for "
        "none (the page shows each in its own view)",
    ),
]


def report_question(
    s: Service, subject: str, versus: list[str], asof: str | None, basis: str
) -> tuple[str, list[str], AsOf]:
    """The report's question: absent ``versus`` means the report's default pairs, and
    ``versus=none`` (or a blank) means none."""
    if not versus:  # the report's default pairs, as on the command line
        known = s.known_symbols()
        sub = s.check_symbol(subject, "subject")
        versus = [v for v in DEFAULT_VERSUS if v in known and v != sub]
    return question(s, subject, versus, asof, basis)


def _sections(asked: list[str]) -> tuple[str, ...] | None:
    """The sections asked for; None (not asked) lets the report choose those that belong."""
    if not asked:
        return None
    return tuple(dict.fromkeys(x for x in asked if x != "none"))


def _drawn_report(
    s: Service, sub: str, vs: list[str], when: AsOf, basis: str, sections: tuple[str, ...] | None
) -> Any:
    """The drawn report of a question, computed once for its JSON and its HTML."""

    def build() -> Any:
        from rotascope.products.report import report as assemble
        from rotascope.render.build import render_report

        rep = assemble(s.source, sub, vs, when, basis=basis, sections=sections)  # type: ignore[arg-type]
        return render_report(rep)

    key = ("report", sub, tuple(vs), basis, when, sections)
    return s.cached(key, build, size=OBJECT_BYTES)


def router() -> APIRouter:
    """The report and market routes (mounted under ``/api``)."""
    r = APIRouter()

    @r.get("/report", response_model=schemas.ReportResponse, tags=["report"], responses=errors(404))
    async def report(
        request: Request,
        subject: SubjectQ = "RUT",
        versus: VersusQ = [],  # noqa: B006 - FastAPI reads the default, never mutates it
        asof: AsofQ = None,
        basis: BasisQ = "price",
        sections: SectionsQ = [],  # noqa: B006
    ) -> Response:
        """The scored facts with their scores, the narrative, the sections, every fact of
        the question, the notes and the charts' figure JSON. Without ``versus`` the pairs
        are the S&P 500 and the Nasdaq 100; ``versus=none`` asks for none."""
        s = svc(request)
        wanted = _sections(list(sections))

        def prepare() -> Work:
            sub, vs, when = report_question(s, subject, versus, asof, basis)

            def work() -> tuple[bytes, bytes | None]:
                rep = _drawn_report(s, sub, vs, when, basis, wanted)
                base = base_fields(s, sub, vs, when, rep.result.notes)
                return pack(report_payload(rep, base).model_dump_json().encode())

            return ("report-json", sub, tuple(vs), basis, when, wanted), work

        raw = ("report-json", subject, tuple(versus), asof, basis, wanted)
        return json_response(request, await s.answer(raw, prepare))

    @r.get(
        "/report.html",
        tags=["report"],
        response_class=Response,
        responses={
            200: {
                "content": {"text/html": {}},
                "description": "Self-contained HTML report (download)",
            },
            **errors(404),
        },
    )
    async def report_html(
        request: Request,
        subject: SubjectQ = "RUT",
        versus: VersusQ = [],  # noqa: B006
        asof: AsofQ = None,
        basis: BasisQ = "price",
        sections: SectionsQ = [],  # noqa: B006
    ) -> Response:
        """Download the self-contained HTML report for the same inputs as ``/api/report``."""
        s = svc(request)
        wanted = _sections(list(sections))

        def prepare() -> Work:
            sub, vs, when = report_question(s, subject, versus, asof, basis)

            def work() -> tuple[bytes, bytes | None, str]:
                rep = _drawn_report(s, sub, vs, when, basis, wanted)
                name = f"rotascope-{sub.replace(':', '-')}-{rep.asof.isoformat()}.html"
                return (*pack(str(rep.to_html()).encode("utf-8")), name)

            return ("report-html", sub, tuple(vs), basis, when, wanted), work

        asked = ("report-html", subject, tuple(versus), asof, basis, wanted)
        raw, gz, name = await s.answer(asked, prepare)
        disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
        return send(request, (raw, gz), "text/html; charset=utf-8", disposition)

    @r.get("/market", response_model=MarketResponse, tags=["report"], responses=errors())
    async def market(
        request: Request,
        asof: AsofQ = None,
        top: Annotated[int, Query(ge=1, le=50, description="Ranked facts listed")] = 12,
    ) -> Response:
        """The story of a date across the market: every stored series and every pair of
        the rotation dashboard, the most remarkable first, then the rotation (the page's
        landing view; ``rotascope report`` with no subject)."""
        s = svc(request)

        def prepare() -> Work:
            day = s.check_date(asof, "asof", latest=True)

            def work() -> tuple[bytes, bytes | None]:
                from rotascope.products.market import market_story

                story = market_story(s.source, day)
                body = MarketResponse(
                    **date_fields(story.asof_info, story.notes, story.data_version),
                    headline=story.headline or None,
                    paragraphs=list(story.narrative.paragraph_texts()),
                    facts=[scored_fact(x) for x in story.scored[:top]],
                    series=list(story.series),
                    pairs=[list(p) for p in story.pairs],
                )
                return pack(body.model_dump_json().encode())

            return ("market", day, top), work

        return json_response(request, await s.answer(("market", asof, top), prepare))

    return r
