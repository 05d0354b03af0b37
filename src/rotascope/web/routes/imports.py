"""``POST /api/import``: store an uploaded file (only with ``--allow-import``, a write
token and this server's own origin; see :mod:`rotascope.web.guard` and
:mod:`rotascope.web.imports`).

Examples
--------
>>> [r.path for r in router().routes]
['/import']
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from rotascope.web import schemas
from rotascope.web.imports import FIELDS, handle_import
from rotascope.web.routes.common import errors, svc

__all__ = ["router"]

_FORM = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary"},
        "symbol": {"type": "string"},
        "column": {"type": "string", "enum": ["close", "adj_close"]},
        "replace": {
            "type": "string",
            "enum": ["true", "false"],
            "description": "true to replace (or hide) a series already there; the old "
            "values stay recoverable with `rotascope data undo SYMBOL`",
        },
    },
}


def router() -> APIRouter:
    """The import route (mounted under ``/api``)."""
    r = APIRouter()

    @r.post(
        "/import",
        response_model=schemas.ImportResponse,
        tags=["data"],
        responses=errors(400, 403, 409, 413, 415),
        openapi_extra={"requestBody": {"content": {"multipart/form-data": {"schema": _FORM}}}},
    )
    async def import_(request: Request) -> schemas.ImportResponse:
        """Import an uploaded file (multipart field ``file``) into the local store.

        Only when the server was started with ``--allow-import``, from this server's
        page or a local client carrying the write token; file contents only (no server
        paths), one transaction, size-limited. A series already stored or bundled is
        neither replaced nor hidden unless ``replace=true`` (409 otherwise); what it
        replaced comes back with ``rotascope data undo SYMBOL``.
        """
        return await handle_import(request, svc(request))

    assert tuple(_FORM["properties"]) == FIELDS  # type: ignore[arg-type]
    return r
