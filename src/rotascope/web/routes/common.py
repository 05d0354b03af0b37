"""What every route module shares: query parameter types, documented error statuses and
the fields every answer about a date carries.

Examples
--------
>>> sorted(errors(404))
[404, 414, 421, 422, 503]
>>> import re
>>> bool(re.match(SYMBOL_RE, "ff:SMB@202403")), bool(re.match(SYMBOL_RE, "../etc"))
(True, False)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Annotated, Any, Literal

from fastapi import Query, Request

from rotascope.asof import AsOf, Note
from rotascope.web import schemas
from rotascope.web.service import Service

__all__ = [
    "COMMON",
    "SYMBOL_RE",
    "AsofQ",
    "BasisQ",
    "DateQ",
    "SubjectQ",
    "VersusQ",
    "Work",
    "base_fields",
    "date_fields",
    "errors",
    "requested",
    "svc",
]

#: Symbols, aliases and namespaced ids (``RUT``, ``^GSPC``, ``ff:SMB``, ``ff:SMB@202403``).
SYMBOL_RE = r"^[A-Za-z0-9^._=:@\-]{1,40}$"

#: Statuses any route may answer besides its own: an over-long URL (414), a ``Host``
#: that is not this machine (421), too many or malformed parameters (422), a computation
#: over the time limit or a store locked by a writer (503).
COMMON: tuple[int, ...] = (414, 421, 422, 503)

_DESCRIPTIONS = {
    400: "A malformed request (a condition the product does not read, a bad upload form)",
    403: "Refused: imports disabled, a write from another website, or no write token",
    404: "Unknown symbol (the valid ones are listed), or no such data",
    409: "The upload would replace or hide a series already there (send replace=true)",
    413: "Upload too large",
    414: "URL too long",
    415: "Not multipart/form-data",
    421: "The Host header names neither this machine nor an allowed host",
    422: "A bad date, window, range or parameter (what is valid is listed)",
    503: "Computation over the time limit (it finishes in the background), or store busy",
}

#: A route's prepared work: the canonical cache key and the function computing the answer.
Work = tuple[tuple[Any, ...], Callable[[], Any]]


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for ``codes`` and :data:`COMMON`, each the error JSON."""
    return {
        code: {"model": schemas.ErrorModel, "description": _DESCRIPTIONS[code]}
        for code in sorted({*codes, *COMMON})
    }


SubjectQ = Annotated[
    str, Query(pattern=SYMBOL_RE, max_length=40, description="A symbol, e.g. RUT or ff:SMB")
]
VersusQ = Annotated[
    list[str],
    Query(
        max_length=5,
        description="Comparison symbols, repeated: versus=SPX&versus=NDX; versus=none for none",
    ),
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
    Query(
        description="price (closes) or total_return (adjusted closes, dividends reinvested)",
    ),
]


def svc(request: Request) -> Service:
    """The app's one :class:`~rotascope.web.service.Service`."""
    return request.app.state.service  # type: ignore[no-any-return]


def requested(when: AsOf) -> Any:
    """The date asked for, when one was."""
    return when.requested.date() if when.requested is not None else None


def date_fields(when: AsOf, notes: Iterable[Note], data_version: str) -> dict[str, Any]:
    """``asof``, ``requested_asof``, ``note``, ``notes`` and ``data_version`` of an answer."""
    return {
        "asof": when.session.date(),
        "requested_asof": requested(when),
        "note": " ".join(n.text for n in when.notes) or None,
        "notes": list(dict.fromkeys(n.text for n in notes)),
        "data_version": data_version,
    }


def base_fields(
    s: Service, sub: str, vs: Sequence[str], when: AsOf, notes: Iterable[Note]
) -> dict[str, Any]:
    """The fields every answer about a subject's facts shares (``_AsOfMixin``)."""
    return {"subject": sub, "versus": list(vs), **date_fields(when, notes, s.data_version())}
