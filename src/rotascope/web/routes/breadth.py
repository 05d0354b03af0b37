"""``/api/breadth``: how many of an index's members join a move, with coverage.

Examples
--------
>>> [r.path for r in router().routes]
['/breadth']
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from rotascope.web.errors import WebError
from rotascope.web.payloads import fact_models, json_response, pack, rows
from rotascope.web.product_schemas import BreadthResponse
from rotascope.web.routes.common import AsofQ, Work, date_fields, errors, svc

__all__ = ["router"]


def router() -> APIRouter:
    """The breadth route (mounted under ``/api``)."""
    r = APIRouter()

    @r.get("/breadth", response_model=BreadthResponse, tags=["products"], responses=errors(404))
    async def breadth(
        request: Request,
        asof: AsofQ = None,
        universe: Annotated[
            str,
            Query(pattern=r"^[A-Za-z0-9_.\-]{1,24}$", description="Stored membership, e.g. SP500"),
        ] = "SP500",
    ) -> Response:
        """Share of members above their 50- and 200-day averages, and 52-week highs minus
        lows, as of a date (a note says how many members have no closes)."""
        s = svc(request)

        def prepare() -> Work:
            day = s.check_date(asof, "asof", latest=True)
            have = list(s.source.universes())
            if universe.upper() not in [u.upper() for u in have]:
                raise WebError(
                    404, "unknown_universe",
                    f"no membership stored for {universe!r}; import one with `rotascope data "
                    "import FILE --universe NAME`", param="universe", valid=have,
                )  # fmt: skip

            def work() -> tuple[bytes, bytes | None]:
                from rotascope.products.breadth import breadth as breadth_product

                res = breadth_product(s.source, day, universe.upper())
                body = BreadthResponse(
                    **date_fields(res.asof, res.notes, res.data_version),
                    universe=res.universe, facts=fact_models(res.facts),
                    rows=rows(res.to_frame()), stocks=res.stocks,
                    without_closes=res.without_closes,
                )  # fmt: skip
                return pack(body.model_dump_json().encode())

            return ("breadth", day, universe.upper()), work

        return json_response(request, await s.answer(("breadth", asof, universe), prepare))

    return r
