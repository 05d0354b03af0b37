"""Turn products' results into the documented JSON, serialised and compressed once.

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
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from fastapi import Request, Response

from rotascope.kinds.fact import Fact
from rotascope.render.html import figure_json
from rotascope.story.score import ScoredFact
from rotascope.web import schemas

if TYPE_CHECKING:
    from rotascope.render.build import Report

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


def fact_models(facts: Iterable[Fact]) -> list[schemas.FactModel]:
    """Validate facts (``Fact.to_dict()``) against the documented schema."""
    return [schemas.FactModel.model_validate(f.to_dict()) for f in facts]


def _num(x: Any) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return 0.0
    return v if math.isfinite(v) else 0.0


def scored_fact(item: ScoredFact) -> schemas.ScoredFactModel:
    """One of the report's scored facts (:class:`~rotascope.story.score.ScoredFact`)."""
    parts = {str(k): _num(v) for k, v in item.parts.items() if isinstance(v, int | float)}
    return schemas.ScoredFactModel(
        fact=schemas.FactModel.model_validate(item.fact.to_dict()),
        score=_num(item.score),
        parts=parts,
    )


def report_payload(rep: Report, base: dict[str, Any]) -> schemas.ReportResponse:
    """A drawn report as the documented JSON (figures as plotly JSON)."""
    result = rep.result
    return schemas.ReportResponse(
        **base,
        headline=result.narrative.headline.text,
        paragraphs=list(result.narrative.paragraph_texts()),
        facts=[scored_fact(x) for x in result.facts],
        charts={name: json.loads(figure_json(fig)) for name, fig in rep.charts.items()},
        all_facts=fact_models(result.factset),
        sections=[
            schemas.SectionModel(name=sec.name, title=sec.title, facts=fact_models(sec.facts))
            for sec in result.sections
        ],
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
