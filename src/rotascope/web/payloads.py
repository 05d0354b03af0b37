"""Turn engine objects into the documented JSON, serialised and compressed once.

Examples
--------
>>> raw, gz = pack(b"{}")
>>> raw, gz is None
(b'{}', True)
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
from typing import Any

from fastapi import Request, Response

from rotascope.kinds.fact import Fact
from rotascope.web import schemas

__all__ = [
    "fact_models",
    "json_response",
    "pack",
    "report_payload",
    "rows",
    "scored_fact",
    "send",
]


def pack(body: bytes) -> tuple[bytes, bytes | None]:
    """A response body and its gzip form, compressed once (in the worker thread)."""
    gz = gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= 1024 else None
    return body, gz


def send(
    request: Request,
    packed: tuple[bytes, bytes | None],
    media_type: str,
    headers: dict[str, str] | None = None,
) -> Response:
    raw, gz = packed
    out = {"Cache-Control": "private, max-age=60", "Vary": "Accept-Encoding", **(headers or {})}
    if gz is not None and "gzip" in request.headers.get("accept-encoding", ""):
        out["Content-Encoding"] = "gzip"
        return Response(gz, media_type=media_type, headers=out)
    return Response(raw, media_type=media_type, headers=out)


def json_response(request: Request, packed: tuple[bytes, bytes | None]) -> Response:
    return send(request, packed, "application/json")


def fact_models(facts: list[Fact]) -> list[schemas.FactModel]:
    """Validate the engine's facts against the documented schema."""
    return [schemas.FactModel.model_validate(f.to_dict()) for f in facts]


def _num(x: Any) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return 0.0
    return v if math.isfinite(v) else 0.0


def scored_fact(item: Any) -> schemas.ScoredFactModel:
    """Map one of the report's scored facts (:class:`~rotascope.story.score.ScoredFact`)
    to the schema."""
    fact, score, parts = item.fact, item.score, item.parts
    parts_dict = {
        str(k): _num(v) for k, v in dict(parts or {}).items() if isinstance(v, int | float)
    }
    return schemas.ScoredFactModel(
        fact=schemas.FactModel.model_validate(fact.to_dict()), score=_num(score), parts=parts_dict
    )


def _figure_json(fig: Any) -> dict[str, Any]:
    if isinstance(fig, dict):
        return json.loads(json.dumps(fig, default=str))
    return json.loads(fig.to_json())


def _text(x: Any) -> str:
    return x if isinstance(x, str) else str(getattr(x, "text", x))


def _texts(report: Any) -> tuple[str | None, list[str]]:
    """Headline and paragraphs from ``report.narrative`` (or plain attributes)."""
    narrative = getattr(report, "narrative", None)
    headline = getattr(report, "headline", None) or getattr(narrative, "headline", None)
    if narrative is not None and hasattr(narrative, "paragraph_texts"):
        paragraphs = list(narrative.paragraph_texts())
    else:
        paragraphs = [_text(p) for p in (getattr(report, "paragraphs", None) or [])]
    return (_text(headline) if headline else None), paragraphs


def report_payload(report: Any, base: dict[str, Any]) -> schemas.ReportResponse:
    """Turn a report object into the documented JSON model."""
    headline, paragraphs = _texts(report)
    charts = {str(k): _figure_json(v) for k, v in dict(getattr(report, "charts", {})).items()}
    return schemas.ReportResponse(
        **base,
        headline=headline,
        paragraphs=paragraphs,
        facts=[scored_fact(x) for x in getattr(report, "facts", [])],
        charts=charts,
    )


def rows(obj: Any) -> list[dict[str, Any]]:
    """A DataFrame / list of dicts / list of dataclasses as JSON-ready rows."""
    if obj is None:
        return []
    if hasattr(obj, "to_dict") and hasattr(obj, "columns"):
        frame = obj.reset_index() if obj.index.name else obj
        obj = frame.to_dict(orient="records")
    out = []
    for r in obj:
        d = r if isinstance(r, dict) else getattr(r, "__dict__", {"value": r})
        out.append(json.loads(json.dumps(d, default=_jsonable)))
    return out


def _jsonable(x: Any) -> Any:
    if isinstance(x, dt.date | dt.datetime) or hasattr(x, "isoformat"):
        return x.isoformat()[:10]
    if hasattr(x, "item"):
        v = x.item()
        return None if isinstance(v, float) and not math.isfinite(v) else v
    return str(x)
