"""``POST /api/import``: store an uploaded file, only when the server allows it.

Safety rules: the route refuses (403) unless the app was created with
``allow_import=True``; it accepts uploaded *contents* only — a client can never name
a path on the server (the upload's file name is reduced to a safe base name inside a
private temporary folder); the body is limited (413 beyond ``limits.max_upload``,
checked on ``Content-Length`` and again while reading); the store's import runs as
one transaction (:func:`rotascope.products.imports.import_upload`). A series already
stored or bundled is neither replaced nor hidden unless the form says ``replace=true``
(409 ``exists`` otherwise); the values replaced stay recoverable (``rotascope data
undo SYMBOL``).

Examples
--------
>>> safe_name("../../etc/passwd")
'passwd'
>>> safe_name("RUT close (1).csv")
'RUT_close__1_.csv'
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from rotascope.web import schemas
from rotascope.web.errors import WebError

if TYPE_CHECKING:
    from rotascope.web.service import Service

__all__ = ["FIELDS", "handle_import", "safe_name"]

_COLUMNS = ("close", "adj_close")
#: The multipart fields of an upload.
FIELDS: tuple[str, ...] = ("file", "symbol", "column", "replace")


def safe_name(filename: str | None) -> str:
    """A base file name with only ``[A-Za-z0-9._-]`` (keeps the extension for detection)."""
    raw = PureWindowsPath(PurePosixPath(filename or "").name).name
    name = re.sub(r"[^A-Za-z0-9._-]", "_", raw).lstrip(".")[:100]
    return name or "upload.csv"


async def _read_limited(request: Request, limit: int, shown: int) -> bytes:
    declared = request.headers.get("content-length")
    too_big = WebError(
        413,
        "too_large",
        f"upload larger than the limit of {shown} bytes",
        valid={"max_bytes": shown},
    )
    if declared is not None:
        try:
            if int(declared) > limit:
                raise too_big
        except ValueError:
            raise WebError(400, "bad_request", "invalid Content-Length header") from None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


async def handle_import(request: Request, service: Service) -> schemas.ImportResponse:
    """Validate, store and import one uploaded file; see the module docstring."""
    if not service.allow_import:
        raise WebError(
            403,
            "import_disabled",
            "this server does not accept imports; start it with `rotascope serve "
            "--allow-import` to enable POST /api/import",
        )
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith("multipart/form-data"):
        raise WebError(
            415,
            "unsupported_media_type",
            "send the file as multipart/form-data in the field `file`",
            valid={"content_type": "multipart/form-data", "fields": list(FIELDS)},
        )
    # room for the multipart envelope around the file itself
    limit = service.limits.max_upload
    body = await _read_limited(request, limit + 64 * 1024, limit)
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    form = await Request(request.scope, replay).form(max_files=1, max_fields=len(FIELDS))
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise WebError(
                422,
                "invalid_request",
                "multipart field `file` (the file) is missing",
                param="file",
                valid={"fields": list(FIELDS)},
            )
        content = await upload.read()
        if len(content) > service.limits.max_upload:
            raise WebError(
                413,
                "too_large",
                f"upload larger than the limit of {service.limits.max_upload} bytes",
                valid={"max_bytes": service.limits.max_upload},
            )
        if not content:
            raise WebError(422, "empty_file", "the uploaded file is empty", param="file")
        symbol = form.get("symbol")
        symbol = symbol.strip() if isinstance(symbol, str) and symbol.strip() else None
        if symbol is not None and not re.fullmatch(r"[A-Za-z0-9^._=\-]{1,24}", symbol):
            raise WebError(
                422, "invalid_request", "symbol: letters, digits and ^._=- only", param="symbol"
            )
        column = form.get("column") or "close"
        if column not in _COLUMNS:
            raise WebError(
                422,
                "invalid_request",
                f"column must be one of {_COLUMNS}",
                param="column",
                valid=list(_COLUMNS),
            )
        replace = _flag(form.get("replace"))
        name = safe_name(upload.filename)
        with tempfile.TemporaryDirectory(prefix="rotascope-upload-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(content)
            detail = await service.call(
                lambda: service.import_file(
                    path, symbol=symbol, column=str(column), replace=replace
                )
            )
    finally:
        await form.close()
    service.invalidate()
    syms = _symbols_of(detail)
    return schemas.ImportResponse(
        filename=name,
        bytes=len(content),
        symbols=syms,
        data_version=service.data_version(),
        detail=_plain(detail),
    )


def _flag(value: Any) -> bool:
    """The ``replace`` field: ``true``/``false`` (also 1/0, yes/no, on/off; absent false)."""
    if value is None or value == "":
        return False
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    raise WebError(
        422, "invalid_request", "replace must be true or false", param="replace",
        valid=["true", "false"],
    )  # fmt: skip


def _symbols_of(detail: Any) -> list[str]:
    items = detail if isinstance(detail, list | tuple) else [detail]
    out = []
    for it in items:
        sym = getattr(it, "symbol", None) or (it.get("symbol") if isinstance(it, dict) else None)
        if sym:
            out.append(str(sym))
    return out


def _plain(detail: Any) -> Any:
    """A JSON-safe rendering of the store's import result (no paths)."""
    items = detail if isinstance(detail, list | tuple) else [detail]
    out = []
    for it in items:
        if it is None:
            continue
        d = it if isinstance(it, dict) else getattr(it, "__dict__", None)
        if d is None:
            out.append(str(it))
            continue
        out.append(
            {
                str(k): (v if isinstance(v, int | float | str | bool) or v is None else str(v))
                for k, v in d.items()
                if "path" not in str(k)
            }
        )
    return out
