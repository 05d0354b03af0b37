"""``/api/valuation``: a symbol's valuation against its history (Shiller's data for the
S&P 500, stored valuation series for any symbol).

Examples
--------
>>> [r.path for r in router().routes]
['/valuation']
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from rotascope.errors import UnknownSymbol
from rotascope.symbols import canonical
from rotascope.web.payloads import fact_models, json_response, pack
from rotascope.web.product_schemas import ValuationResponse
from rotascope.web.routes.common import SYMBOL_RE, Work, date_fields, errors, svc

__all__ = ["router"]

MonthQ = Annotated[
    str | None,
    Query(max_length=40, description="YYYY-MM-DD or YYYY-MM (monthly data are month-ends)"),
]


def _charts(res: Any) -> dict[str, Any]:
    """The history chart of each multiple with its series (the report's CAPE chart)."""
    from rotascope.products.sections import SHILLER_SOURCE
    from rotascope.render.html import figure_json
    from rotascope.render.sections import CHARTS

    out: dict[str, Any] = {}
    for f in res.facts:
        series = (res.series or {}).get(f.label)
        if f.kind == "valuation" and series is not None and "years" in f.details:
            out[f.label] = json.loads(figure_json(CHARTS["cape"]((series, f), SHILLER_SOURCE)))
    return out


def router() -> APIRouter:
    """The valuation route (mounted under ``/api``)."""
    r = APIRouter()

    @r.get("/valuation", response_model=ValuationResponse, tags=["products"], responses=errors(404))
    async def valuation(
        request: Request,
        symbol: Annotated[
            str,
            Query(
                pattern=SYMBOL_RE,
                max_length=40,
                description="SPX, or a symbol with stored valuation series",
            ),
        ] = "SPX",
        asof: MonthQ = None,
        since: MonthQ = None,
    ) -> Response:
        """Multiples against their history, the return's attribution since a month, the
        CAPE-implied return; a date inside a month uses the month before's end (a note
        says so)."""
        s = svc(request)

        def prepare() -> Work:
            from rotascope.products.valuation import month_or_day

            have = sorted({canonical(x) for x, _, _ in s.source.valuations()} | {"SPX"})
            if canonical(symbol) not in have:
                err = UnknownSymbol(symbol, have)
                err.param = "symbol"  # type: ignore[attr-defined]
                raise err
            day = month_or_day(asof, "asof")
            start = month_or_day(since, "since")

            def work() -> tuple[bytes, bytes | None]:
                from rotascope.products.valuation import valuation as value

                res = value(s.source, symbol, day, start)
                body = ValuationResponse(
                    **date_fields(res.asof, res.notes, res.data_version),
                    symbol=res.subject, where=res.where, facts=fact_models(res.facts),
                    charts=_charts(res),
                )  # fmt: skip
                return pack(body.model_dump_json().encode())

            return ("valuation", symbol.upper(), day, start), work

        raw = ("valuation", symbol, asof, since)
        return json_response(request, await s.answer(raw, prepare))

    return r
