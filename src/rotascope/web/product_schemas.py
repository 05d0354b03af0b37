"""Pydantic models of the product views' JSON: the market story, the rotation dashboard,
the record scan, breadth, valuation and factors (documented at ``/docs``).

Every model carries the fields of :class:`~rotascope.web.schemas.DatedModel`: the date
used (``asof``), the date asked for, the notes and the data version.

Examples
--------
>>> import datetime as dt
>>> r = ScanRecordModel(symbol="RUT", name="Russell 2000", window=5, asof=dt.date(2024, 7, 16),
...     value=11.54, unit="pct", direction="high", since=dt.date(2020, 4, 29),
...     since_value=12.1, years_back=4.2, rank=22, out_of=9268,
...     history_start=dt.date(1987, 9, 17))
>>> r.window, r.unit
(5, 'pct')
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from rotascope.web.schemas import DatedModel, FactModel, ScoredFactModel, _Model

__all__ = [
    "BreadthResponse",
    "DecadesResponse",
    "FactorsResponse",
    "MarketResponse",
    "RotationResponse",
    "ScanRecordModel",
    "ScanResponse",
    "ValuationResponse",
]

_Figure = dict[str, Any]


class MarketResponse(DatedModel):
    """``GET /api/market``: the story of a date across the market."""

    headline: str | None = Field(None, description="The lead, or None on a quiet session")
    paragraphs: list[str] = Field(default_factory=list)
    facts: list[ScoredFactModel] = Field(
        default_factory=list, description="The most remarkable facts, best first"
    )
    series: list[str] = Field(default_factory=list, description="The series scanned")
    pairs: list[list[str]] = Field(default_factory=list, description="The pairs scanned")


class RotationResponse(DatedModel):
    """``GET /api/rotation``: the rotation dashboard, most unusual gauge first."""

    window: int
    facts: list[FactModel] = Field(description="One per gauge (spread, or factor return)")
    rows: list[dict[str, Any]] = Field(
        description="One per gauge: gauge, subject, versus, value, unit, subject_return, "
        "versus_return, record_since, rank, out_of, reach_years, stale, sentence"
    )
    missing: list[str] = Field(default_factory=list, description="Symbols not in the data")
    skipped: list[str] = Field(default_factory=list, description="Gauges left out, and why")


class ScanRecordModel(_Model):
    """One record a scan found."""

    symbol: str
    name: str
    window: int = Field(description="Sessions of the move")
    asof: dt.date
    value: float | None = Field(description="The move, in `unit` (pct 5.0 = 5%; bp)")
    unit: str
    direction: str = Field(description="high (a gain) or low (a loss)")
    since: dt.date | None = Field(description="Latest earlier move as extreme (None: ever)")
    since_value: float | None
    years_back: float | None = Field(description="How far back the record reaches, in years")
    rank: int
    out_of: int
    history_start: dt.date | None


class ScanResponse(DatedModel):
    """``GET /api/scan``: what set records on the date, the farthest-reaching first."""

    windows: list[int]
    min_years: float
    records: list[ScanRecordModel]
    skipped: list[str] = Field(default_factory=list, description="Series with no value on the date")


class BreadthResponse(DatedModel):
    """``GET /api/breadth``: how many of an index's members join a move."""

    universe: str
    facts: list[FactModel]
    rows: list[dict[str, Any]] = Field(
        description="One per measure: measure, value, unit, highs, lows, members, "
        "with_data, eligible, record_since, sentence"
    )
    stocks: int = Field(description="Members with closes")
    without_closes: int = Field(description="Members of the membership history without closes")


class ValuationResponse(DatedModel):
    """``GET /api/valuation``: multiples against their history, attribution, implied
    return."""

    symbol: str
    where: str = Field(description="Where the valuation data come from")
    facts: list[FactModel]
    charts: dict[str, _Figure] = Field(
        default_factory=dict, description="Plotly figure JSON by chart name"
    )


class FactorsResponse(DatedModel):
    """``GET /api/factors`` (a factor's windows) and ``GET /api/factors/pair`` (a pair's
    long-run gap)."""

    subject: str
    versus: str | None = None
    windows: list[str]
    facts: list[FactModel]


class DecadesResponse(DatedModel):
    """``GET /api/factors/decades``: compounded factor returns per calendar decade."""

    factors: list[str]
    decades: list[dict[str, Any]] = Field(
        description="One per decade: decade, one fraction per factor, partial, through"
    )
    charts: dict[str, _Figure] = Field(default_factory=dict)
