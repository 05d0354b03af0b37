"""Turn every error into JSON of one shape (:class:`~rotascope.web.schemas.ErrorModel`).

- :class:`~rotascope.errors.UnknownSymbol` -> 404 listing the valid symbols;
- :class:`~rotascope.errors.AsOfError`, :class:`~rotascope.errors.DataError` -> 422;
- request validation errors (types, ranges) -> 422 naming the parameter and what is valid;
- :class:`~rotascope.errors.SeriesExistsError` -> 409 (an upload would replace a series);
- :class:`WebError` (raised by the web layer: limits, timeouts, disabled import);
- anything else -> 500 ``{"error": "internal", ...}`` without internals; logged.

Examples
--------
>>> err = WebError(413, "too_large", "upload over 20 MB", valid={"max_bytes": 20_000_000})
>>> err.body()["valid"]
{'max_bytes': 20000000}
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rotascope.errors import (
    AsOfError,
    DataError,
    ProviderError,
    RotascopeError,
    SeriesExistsError,
    StoreBusyError,
    UnknownSymbol,
)

__all__ = ["PARAM_HINTS", "WebError", "error_response", "install_error_handlers"]

log = logging.getLogger("rotascope.web")

#: What each query parameter accepts, quoted back in 422 answers.
PARAM_HINTS: dict[str, str] = {
    "subject": "a symbol from /api/symbols, e.g. RUT",
    "symbol": "a symbol from /api/symbols, e.g. RUT",
    "versus": "up to 5 symbols from /api/symbols, repeated: versus=SPX&versus=NDX",
    "asof": "a date YYYY-MM-DD within the subject's sessions (see /api/sessions)",
    "start": "a date YYYY-MM-DD",
    "end": "a date YYYY-MM-DD",
    "window": "whole numbers of sessions from 1 to 2520, at most 10, repeated: window=5",
    "column": "one of open, high, low, close, adj_close, volume, dividends",
    "condition": "ret>1%, ret<-1%, beats:SYMBOL or above:N",
    "length": "a whole number of sessions from 1 to 250",
    "since": "a date YYYY-MM-DD within the subject's data, on or before asof",
    "from": "a date YYYY-MM-DD within the subject's data, on or before `to`",
    "to": "a date YYYY-MM-DD on or before asof, after `from`",
    "basis": "price or total_return",
    "sections": "rotation, breadth, streaks, catalysts, factors, valuation or none, repeated",
    "universe": "a stored membership, e.g. SP500",
    "min_years": "a number of years from 0 to 200",
    "top": "a whole number from 1 to 50",
}


class WebError(Exception):
    """An error raised by the web layer itself, with its HTTP status.

    Parameters
    ----------
    status : int
        HTTP status code.
    error : str
        Machine code (``too_many_versus``, ``timeout``...).
    message : str
        Sentence for the user.
    param : str, optional
        Parameter at fault.
    valid : object, optional
        What would be accepted.
    """

    def __init__(
        self,
        status: int,
        error: str,
        message: str,
        *,
        param: str | None = None,
        valid: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.param = param
        self.valid = valid
        self.headers = headers

    def body(self) -> dict[str, Any]:
        """The JSON body."""
        return {
            "error": self.error,
            "message": self.message,
            "param": self.param,
            "valid": self.valid,
        }


def error_response(
    status: int,
    error: str,
    message: str,
    *,
    param: str | None = None,
    valid: Any = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Build the JSON answer for an error."""
    body = {"error": error, "message": message, "param": param, "valid": valid}
    return JSONResponse(body, status_code=status, headers=headers)


def _param_of(loc: tuple[Any, ...] | list[Any]) -> str | None:
    names = [str(x) for x in loc if isinstance(x, str) and x not in ("query", "path", "body")]
    return names[0] if names else None


def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    parts = []
    param = None
    for e in exc.errors()[:5]:
        p = _param_of(e.get("loc", ()))
        param = param or p
        got = e.get("input")
        got_txt = "" if got is None or isinstance(got, dict) else f" (got {str(got)[:40]!r})"
        parts.append(f"{p or 'request'}: {e.get('msg', 'invalid')}{got_txt}")
    valid = PARAM_HINTS.get(param or "")
    return error_response(
        422, "invalid_request", "; ".join(parts) or "invalid request", param=param, valid=valid
    )


def _unknown_symbol(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, UnknownSymbol)
    return error_response(
        404,
        "unknown_symbol",
        f"unknown symbol {exc.symbol!r}",
        param=getattr(exc, "param", None),
        valid=exc.available,
    )


def _asof(request: Request, exc: Exception) -> JSONResponse:
    return error_response(
        422,
        "bad_date",
        str(exc),
        param=getattr(exc, "param", "asof"),
        valid=getattr(exc, "valid", PARAM_HINTS["asof"]),
    )


def _data(request: Request, exc: Exception) -> JSONResponse:
    return error_response(
        422,
        "bad_data",
        str(exc),
        param=getattr(exc, "param", None),
        valid=getattr(exc, "valid", None),
    )


def _rotascope(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, SeriesExistsError):
        return error_response(
            409, "exists", str(exc), param="replace", valid={"replace": ["true", "false"]}
        )
    if isinstance(exc, StoreBusyError):
        return error_response(503, "store_busy", str(exc), headers={"Retry-After": "5"})
    if isinstance(exc, ProviderError):
        return error_response(502, "provider", str(exc))
    return error_response(
        400,
        "bad_request",
        str(exc),
        param=getattr(exc, "param", None),
        valid=getattr(exc, "valid", None),
    )


def _web(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, WebError)
    return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)


def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    codes = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 414: "uri_too_long"}
    msg = exc.detail if isinstance(exc.detail, str) else "error"
    if exc.status_code == 404:
        msg = f"no such page: {request.url.path[:100]}; the API is listed at /docs"
    return error_response(
        exc.status_code,
        codes.get(exc.status_code, "http_error"),
        msg,
        headers=getattr(exc, "headers", None),
    )


def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.error(
        "internal error on %s %s",
        request.method,
        request.url.path,
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    return error_response(
        500, "internal", "internal error; the server log has the details (this is a bug)"
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler on ``app``."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(UnknownSymbol, _unknown_symbol)
    app.add_exception_handler(AsOfError, _asof)
    app.add_exception_handler(DataError, _data)
    app.add_exception_handler(RotascopeError, _rotascope)
    app.add_exception_handler(WebError, _web)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _internal)
