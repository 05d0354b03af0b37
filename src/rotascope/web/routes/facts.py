"""``/api/facts`` (facts of a subject and its pairs, with a span since or between dates)
and ``/api/study`` (a streak study).

Examples
--------
>>> sorted(r.path for r in router().routes)
['/facts', '/study']
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Query, Request, Response

from rotascope.asof import AsOf
from rotascope.errors import RotascopeError
from rotascope.web import schemas
from rotascope.web.errors import WebError
from rotascope.web.payloads import fact_models, json_response, pack, rows
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
from rotascope.web.service import Service

__all__ = ["question", "router"]

WindowQ = Annotated[list[int], Query(max_length=10, description="Sessions, 1..2520, repeated")]
ConditionQ = Annotated[
    str,
    Query(
        max_length=40,
        pattern=r"^[A-Za-z0-9:<>%.=\-+ ^@_]+$",
        description="ret>1%, ret<-1%, beats:NDX, above:200",
    ),
]


def question(
    s: Service, subject: str, versus: list[str], asof: str | None, basis: str = "price"
) -> tuple[str, list[str], AsOf]:
    """The canonical subject, comparisons and as-of of a request (validated)."""
    sub = s.check_symbol(subject, "subject")
    vs = s.check_versus(sub, versus)
    return sub, vs, s.resolve_asof(sub, asof, basis)


def _span(
    s: Service, sub: str, when: AsOf, basis: str, since: str | None, lo: Any, hi: Any
) -> tuple[Any, Any, Any]:
    """Check a span against the as-of session and the subject's data (422s naming the
    parameter); return ``(since, from, to)`` as timestamps."""
    start = s.check_date(since, "since")
    if start is not None and (lo is not None or hi is not None):
        raise WebError(
            422, "bad_range", "give either since, or from (with to), not both", param="since"
        )
    if hi is not None and lo is None:
        raise WebError(422, "bad_range", "to needs from: give the first date too", param="to")
    day = when.session
    first = s.sessions(sub, basis)[0]
    for param, value in (("since", start), ("from", lo), ("to", hi)):
        if value is None:
            continue
        if value > day:
            raise WebError(
                422, "bad_range",
                f"{param} {value.date()} is after the as-of session {day.date()}; pick an "
                "earlier date (or a later asof)", param=param,
                valid={"first": first.date().isoformat(), "last": day.date().isoformat()},
            )  # fmt: skip
        if value < first:
            raise WebError(
                422, "bad_range",
                f"{param} {value.date()} is before the data for {sub}, which start on "
                f"{first.date()}; pick a later date", param=param,
                valid={"first": first.date().isoformat(), "last": day.date().isoformat()},
            )  # fmt: skip
    return start, lo, hi


def router() -> APIRouter:
    """The facts and study routes (mounted under ``/api``)."""
    r = APIRouter()

    @r.get("/facts", response_model=schemas.FactsResponse, tags=["facts"], responses=errors(404))
    async def facts(
        request: Request,
        subject: SubjectQ,
        versus: VersusQ = [],  # noqa: B006 - FastAPI reads the default, never mutates it
        asof: AsofQ = None,
        window: WindowQ = [],  # noqa: B006
        basis: BasisQ = "price",
        since: Annotated[
            str | None, Query(max_length=40, description="Return since this date (YYYY-MM-DD)")
        ] = None,
        from_: Annotated[
            str | None,
            Query(alias="from", max_length=40, description="Return between `from` and `to`"),
        ] = None,
        to: Annotated[
            str | None,
            Query(max_length=40, description="End of the span (default the as-of date)"),
        ] = None,
    ) -> Response:
        """Facts (moves, records, spreads, ratios, drawdowns...) for a subject and pairs;
        with ``since``, or ``from`` and ``to``, the returns over that span too."""
        s = svc(request)

        def prepare() -> Work:
            lo, hi = s.check_range(from_, to)
            sub, vs, when = question(s, subject, versus, asof if asof else to, basis)
            wins = s.check_windows(window)
            span = _span(s, sub, when, basis, since, lo, hi)

            def work() -> tuple[bytes, bytes | None]:
                from rotascope.products.facts import facts as facts_product

                found = facts_product(
                    s.source, sub, vs or None, when, tuple(wins) or None, basis,  # type: ignore[arg-type]
                    since=span[0], from_=span[1], to=span[2],
                )  # fmt: skip
                base = base_fields(s, sub, vs, when, found.notes)
                body = schemas.FactsResponse(
                    **base, windows=wins, facts=fact_models(found),
                    since=_day(span[0]), from_=_day(span[1]), to=_day(span[2]),
                )  # fmt: skip
                return pack(body.model_dump_json(by_alias=True).encode())

            return ("facts", sub, tuple(vs), tuple(wins), basis, when, *span), work

        raw = ("facts", subject, tuple(versus), asof, tuple(window), basis, since, from_, to)
        return json_response(request, await s.answer(raw, prepare))

    @r.get(
        "/study", response_model=schemas.StudyResponse, tags=["facts"], responses=errors(400, 404)
    )
    async def study(
        request: Request,
        subject: SubjectQ,
        condition: ConditionQ,
        length: Annotated[int, Query(ge=1, le=250, description="Run length in sessions")] = 5,
        asof: AsofQ = None,
    ) -> Response:
        """A streak: the current run, earlier episodes of the same length and what followed
        them; a condition that does not parse is a 400."""
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
                    subject=sub, condition=condition, length=length,
                    **date_fields(when, res.notes, res.data_version),
                    facts=fact_models(res.facts), episodes=rows(res.to_frame()),
                    stats=rows(res.stats()),
                )  # fmt: skip
                return pack(body.model_dump_json().encode())

            return ("study", sub, condition.strip(), length, when), work

        raw = ("study", subject, condition, length, asof)
        return json_response(request, await s.answer(raw, prepare))

    return r


def _day(value: pd.Timestamp | None) -> Any:
    return None if value is None else value.date()
