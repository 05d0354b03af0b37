"""Match a rotascope fact against an editor's panel :class:`~panel.Expect`.

Shared by the panel's tests of the kinds and of the story: a fact matches when its kind,
series, window, value rounded as a desk prints it and since date (the previous record
for a record close, the peak for a threshold or a recovery, the pivot for a turning
point, the base close for a week to date or a span) are the expected ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from panel import DIGITS, Expect, close, ohlc

from published_data import RAW

__all__ = ["INDEXES", "frames", "matches", "since_of"]

INDEXES = ("SPX", "RUT", "NDX")


def frames() -> dict[str, Any]:
    """The panel's series as a data source holds them: closes, with the files' highs
    and lows where they have them (RUT's close-only extension has none; the bundled
    dataset, used in a clone without the raw files, has closes only)."""
    out: dict[str, Any] = {}
    for symbol in INDEXES:
        closes = close(symbol)
        if not RAW:
            out[symbol] = closes
            continue
        hl = ohlc(symbol).rename(columns=str.lower)[["high", "low"]].reindex(closes.index)
        out[symbol] = hl.assign(close=closes)
    out["DGS10"] = close("DGS10")
    return out


def _iso(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def since_of(f: Any) -> str | None:
    """The date a fact's figure is dated back to, as the panel writes it."""
    d = f.details
    if f.kind == "record_close":
        return _iso(d.get("previous_record"))
    if f.kind in ("threshold", "recovery"):
        return _iso(d.get("peak_date"))
    if f.kind == "round_number":
        return _iso(d.get("since"))
    if f.kind in ("turning_point", "week_to_date", "pair_return"):
        return _iso(f.start)
    if f.kind in ("scoped_record", "record_count"):
        return None
    return None if f.record is None else _iso(f.record.since)


def matches(f: Any, e: Expect) -> bool:
    """Whether fact ``f`` states the figure ``e`` (a turning point's comparison series
    is found among those it names, whatever its lead one)."""
    if f.kind != e.kind or f.subject != e.subject:
        return False
    if e.versus is not None and f.versus != e.versus and f.kind not in ("turning_point",):
        return False
    if e.window is not None and f.window != e.window:
        return False
    if round(f.value, DIGITS[e.unit]) != round(float(e.value), DIGITS[e.unit]):
        return False
    if since_of(f) != e.since:
        return False
    if e.kind == "intraday":
        return f.details.get("field") == e.param
    if e.kind == "threshold":
        return f.details.get("level_pct") == round(float(e.param or 0) * 100)
    if e.kind == "turning_point":
        other = next((v for v in f.details["versus"] if v["symbol"] == e.versus), None)
        return other is not None and round(other["move_pct"], 1) == float(e.param or 0)
    if e.kind == "pair_return":
        return round(f.details["versus_return_pct"], 1) == float(e.param or 0)
    if e.kind == "leaders":
        return f.details["top"][0]["ticker"] == e.param
    return True
