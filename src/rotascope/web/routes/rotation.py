"""``/api/rotation``: the rotation dashboard (size, style, equal weight, quality and
momentum over one window).

Examples
--------
>>> [r.path for r in router().routes]
['/rotation']
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from rotascope.web.payloads import fact_models, json_response, pack, rows
from rotascope.web.product_schemas import RotationResponse
from rotascope.web.routes.common import AsofQ, Work, date_fields, errors, svc

__all__ = ["router"]


def router() -> APIRouter:
    """The rotation route (mounted under ``/api``)."""
    r = APIRouter()

    @r.get("/rotation", response_model=RotationResponse, tags=["products"], responses=errors())
    async def rotation(
        request: Request,
        asof: AsofQ = None,
        window: Annotated[
            int, Query(ge=1, le=2520, description="Sessions per window (21 = about a month)")
        ] = 21,
    ) -> Response:
        """Spread (or factor return) and record of every rotation gauge over one window,
        the most unusual first; gauges without data are listed as skipped."""
        s = svc(request)

        def prepare() -> Work:
            day = s.check_date(asof, "asof", latest=True)

            def work() -> tuple[bytes, bytes | None]:
                from rotascope.products.rotation import rotation as dashboard

                res = dashboard(s.source, day, window)
                body = RotationResponse(
                    **date_fields(res.asof, res.notes, res.data_version),  # type: ignore[arg-type]
                    window=res.window, facts=fact_models(res.facts), rows=rows(res.to_frame()),
                    missing=list(res.missing), skipped=list(res.skipped),
                )  # fmt: skip
                return pack(body.model_dump_json().encode())

            return ("rotation", day, window), work

        return json_response(request, await s.answer(("rotation", asof, window), prepare))

    return r
