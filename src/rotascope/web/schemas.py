"""Pydantic models of the JSON the API returns (documented at ``/docs``).

:class:`FactModel` and :class:`RecordModel` mirror :meth:`rotascope.kinds.fact.Fact.to_dict`
field for field, so a client can rebuild a ``Fact`` with ``Fact.from_dict``.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> f = Fact(kind="move", subject="RUT", asof=dt.date(2024, 7, 16), value=11.5,
...          unit="pct", text="...", window=5)
>>> FactModel.model_validate(f.to_dict()).window
5
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "DatedModel",
    "ErrorModel",
    "FactModel",
    "FactsResponse",
    "HealthResponse",
    "ImportResponse",
    "RecordModel",
    "ReportResponse",
    "ScoredFactModel",
    "SectionModel",
    "SeriesResponse",
    "SessionsResponse",
    "StudyResponse",
    "SymbolModel",
    "SymbolsResponse",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorModel(_Model):
    """Every 4xx/5xx answer: a machine code, a sentence, and what would be valid."""

    error: str = Field(description="Machine code, e.g. unknown_symbol, bad_date, invalid_request")
    message: str = Field(description="What went wrong and how to fix it, in plain words")
    param: str | None = Field(None, description="The query parameter at fault, if one is")
    valid: Any = Field(None, description="What would be accepted (symbols, date range, limits)")


class RecordModel(_Model):
    """How far back a value reaches (see :class:`rotascope.kinds.fact.Record`)."""

    direction: str = Field(description="high or low")
    since: dt.date | None = Field(description="Latest earlier date at least as extreme")
    since_value: float | None
    rank: int = Field(description="1 + number of earlier values strictly more extreme")
    out_of: int = Field(description="Values compared, the current one included")
    history_start: dt.date


class FactModel(_Model):
    """One statement about a series or a pair (see :class:`rotascope.kinds.fact.Fact`)."""

    kind: str
    subject: str
    asof: dt.date
    value: float | None = Field(
        description="In `unit`: pct 11.54 = +11.54%, pp percentage points, bp basis points"
    )
    unit: str
    text: str = Field(description="The sentence, made from the fields by a template")
    versus: str | None = None
    window: int | str | None = Field(None, description="Sessions, or a period label (YTD...)")
    start: dt.date | None = None
    record: RecordModel | None = None
    basis: str = "price"
    label: str = ""
    details: dict[str, Any] = Field(default_factory=dict)


class ScoredFactModel(_Model):
    """A fact with how remarkable the report judged it."""

    fact: FactModel
    score: float
    parts: dict[str, float] = Field(default_factory=dict, description="The score's components")


class SymbolModel(_Model):
    """One loadable series."""

    symbol: str
    name: str
    unit: str = Field(description="price, yield, pct_return or level")
    first: dt.date | None
    last: dt.date | None
    source: str | None = Field(None, description="Store, bundled dataset or file it came from")


class SymbolsResponse(_Model):
    """``GET /api/symbols``."""

    data_version: str
    symbols: list[SymbolModel]


class SeriesResponse(_Model):
    """``GET /api/series/{symbol}``: dates and values of one column."""

    symbol: str
    name: str
    column: str
    first: dt.date | None
    last: dt.date | None
    dates: list[dt.date]
    values: list[float | None]


class SessionsResponse(_Model):
    """``GET /api/sessions``: the dates a symbol has values for (for the date picker)."""

    symbol: str
    first: dt.date
    last: dt.date
    dates: list[dt.date]


class DatedModel(_Model):
    """What every answer about a date carries: the date used, the date asked for, the
    notes and the data version."""

    asof: dt.date = Field(description="Session used (on or before the requested date)")
    requested_asof: dt.date | None = Field(None, description="The date asked for, if any")
    note: str | None = Field(
        None, description="The as-of's own notes (date moved, data stale), as one sentence"
    )
    notes: list[str] = Field(
        default_factory=list,
        description="Everything the reader must be told: as-of moved, stale data, basis "
        "fallback, sessions a pair lacks, pairs or sections left out and why (each once)",
    )
    data_version: str


class _AsOfMixin(DatedModel):
    subject: str
    versus: list[str]


class FactsResponse(_AsOfMixin):
    """``GET /api/facts``."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    windows: list[int]
    since: dt.date | None = Field(None, description="Start of the span `since` asked")
    from_: dt.date | None = Field(None, alias="from", description="Start of the span asked")
    to: dt.date | None = Field(None, description="End of the span asked")
    facts: list[FactModel]


class SectionModel(_Model):
    """One optional section of the report (rotation, streaks, catalysts, breadth...)."""

    name: str
    title: str
    facts: list[FactModel] = Field(default_factory=list)


class ReportResponse(_AsOfMixin):
    """``GET /api/report``: scored facts with scores and chart figures."""

    headline: str | None = None
    paragraphs: list[str] = Field(default_factory=list)
    facts: list[ScoredFactModel]
    charts: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Plotly figure JSON ({data, layout}) by chart name"
    )
    all_facts: list[FactModel] = Field(
        default_factory=list,
        description="Every fact of the question (as /api/facts gives it), scored or not",
    )
    sections: list[SectionModel] = Field(
        default_factory=list, description="The optional sections that had data"
    )


class StudyResponse(DatedModel):
    """``GET /api/study``: a streak, its earlier episodes and what followed them."""

    subject: str
    condition: str
    length: int
    facts: list[FactModel] = Field(default_factory=list)
    episodes: list[dict[str, Any]] = Field(default_factory=list)
    stats: list[dict[str, Any]] = Field(default_factory=list)
    text: str | None = None


class ImportResponse(_Model):
    """``POST /api/import`` (only with ``--allow-import``)."""

    filename: str
    bytes: int
    symbols: list[str] = Field(default_factory=list)
    data_version: str
    detail: Any = None


class HealthResponse(_Model):
    """``GET /api/health``."""

    status: str
    data_version: str
    cache_entries: int
    cache_hits: int
    cache_misses: int
    features: dict[str, bool]
    allow_import: bool
