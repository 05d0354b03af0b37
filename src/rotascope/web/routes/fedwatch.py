"""``/api/fedwatch``: each coming FOMC meeting's odds from stored fed funds futures.

Examples
--------
>>> [r.path for r in router().routes]
['/fedwatch']
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from rotascope.web.payloads import json_response, pack
from rotascope.web.routes.common import AsofQ, Work, errors, svc

__all__ = ["router"]


def router() -> APIRouter:
    """The fedwatch route (mounted under ``/api``)."""
    r = APIRouter()

    @r.get("/fedwatch", tags=["products"], responses=errors())
    async def fedwatch(request: Request, asof: AsofQ = None) -> Response:
        """Rate-cut odds: each coming FOMC meeting's odds from the stored fed funds
        futures prices (as ``rotascope fedwatch --json``; docs/fedwatch.md). Without
        stored prices the answer is a 422 saying how to import them."""
        s = svc(request)

        def prepare() -> Work:
            from rotascope.products.fedwatch import fedwatch as odds

            day = s.check_date(asof, "asof", latest=True)  # one bad date is one 422

            def work() -> tuple[bytes, bytes | None]:
                return pack(odds(s.source, day).to_json().encode())

            return ("fedwatch", day), work

        return json_response(request, await s.answer(("fedwatch", asof), prepare))

    return r
