"""``/api/scan``: what set records on a date across every stored series.

Examples
--------
>>> [r.path for r in router().routes]
['/scan']
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from rotascope.symbols import display_name
from rotascope.web.payloads import json_response, pack
from rotascope.web.product_schemas import ScanRecordModel, ScanResponse
from rotascope.web.routes.common import AsofQ, Work, date_fields, errors, svc

__all__ = ["router"]

_DEFAULT = (1, 5, 21, 63, 252)


def router() -> APIRouter:
    """The scan route (mounted under ``/api``)."""
    r = APIRouter()

    @r.get("/scan", response_model=ScanResponse, tags=["products"], responses=errors())
    async def scan(
        request: Request,
        asof: AsofQ = None,
        window: Annotated[
            list[int], Query(max_length=10, description="Sessions, 1..2520, repeated")
        ] = [],  # noqa: B006 - FastAPI reads the default, never mutates it
        min_years: Annotated[
            float, Query(ge=0, le=200, description="Keep records reaching back this far")
        ] = 1.0,
    ) -> Response:
        """Records set on the date by any stored series (a move over each window the
        biggest in at least ``min_years``), the farthest-reaching first."""
        s = svc(request)

        def prepare() -> Work:
            day = s.check_date(asof, "asof", latest=True)
            wins = tuple(s.check_windows(window)) or _DEFAULT

            def work() -> tuple[bytes, bytes | None]:
                from rotascope.products.scan import scan as scan_product

                res = scan_product(s.source, asof=day, windows=wins, min_years=min_years)
                records = [
                    ScanRecordModel(name=display_name(rec["symbol"]), **rec)
                    for rec in res.records()
                ]
                body = ScanResponse(
                    **date_fields(res.asof, res.notes, res.data_version),
                    windows=list(wins), min_years=res.min_years, records=records,
                    skipped=list(res.skipped),
                )  # fmt: skip
                return pack(body.model_dump_json().encode())

            return ("scan", day, wins, min_years), work

        raw = ("scan", asof, tuple(window), min_years)
        return json_response(request, await s.answer(raw, prepare))

    return r
