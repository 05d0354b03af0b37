"""The :class:`Fact`: one measured statement with the record behind it.

A fact is a frozen dataclass. Its ``text`` is produced from its fields by a
template (see :mod:`rotascope.facts.text`), never written by hand.

Examples
--------
>>> import datetime as dt
>>> r = Record(direction="high", since=dt.date(2020, 4, 29), since_value=0.118,
...            rank=3, out_of=9240, history_start=dt.date(1987, 9, 10))
>>> f = Fact(kind="move", subject="RUT", asof=dt.date(2024, 7, 16), window=5,
...          value=0.1154, unit="pct", record=r, text="...")
>>> f.to_dict()["record"]["since"]
'2020-04-29'
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

__all__ = ["Fact", "Record"]


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "isoformat") and hasattr(value, "normalize"):  # pandas Timestamp
        return value.date().isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {str(k): _iso(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_iso(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # NumPy scalar
        return _iso(value.item())
    return value


def _date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Record:
    """How far back a value reaches ("the biggest since ...").

    Attributes
    ----------
    direction : {"high", "low"}
        ``high``: compared with earlier values that were at least as large;
        ``low``: at least as small.
    since : datetime.date or None
        Latest earlier date whose value was at least as extreme; ``None`` when no
        earlier value was (the record reaches back to ``history_start``).
    since_value : float or None
        The value on ``since``.
    rank : int
        1 + the number of earlier values strictly more extreme.
    out_of : int
        Number of values compared, the current one included.
    history_start : datetime.date
        First date of the history searched.
    """

    direction: str
    since: dt.date | None
    since_value: float | None
    rank: int
    out_of: int
    history_start: dt.date

    @property
    def is_all_time(self) -> bool:
        """True when no earlier value was as extreme."""
        return self.since is None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (dates as ISO strings)."""
        return {k: _iso(v) for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Record:
        """Inverse of :meth:`to_dict`."""
        return cls(
            direction=data["direction"],
            since=_date(data.get("since")),
            since_value=data.get("since_value"),
            rank=int(data["rank"]),
            out_of=int(data["out_of"]),
            history_start=_date(data["history_start"]),  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class Fact:
    """One statement about a series or a pair, as of a date.

    Attributes
    ----------
    kind : str
        ``move``, ``spread``, ``ratio``, ``drawdown``, ``period``, ``streak``,
        ``event_study``, ``catalyst``, ``rates``, ``factor``, ``breadth``,
        ``valuation`` or ``attribution``.
    subject : str
        Canonical symbol of the series the fact is about.
    asof : datetime.date
        Last session whose data the fact uses.
    value : float
        The measured value, in ``unit`` (fractions for ``pct``: 0.115 = 11.5%).
    unit : str
        ``pct`` (fraction), ``pp`` (fraction points of return difference),
        ``bp``, ``ratio``, ``count``, ``x`` (multiple) or ``years``.
    text : str
        A plain sentence made from the fields by a template.
    versus : str or None
        The other series of a pair.
    window : int or str or None
        Sessions (int) or a period label (``"YTD"``, ``"MTD"``, ``"10y"``...).
    start : datetime.date or None
        First date of the window (the base close).
    record : Record or None
        The record behind the value.
    basis : {"price", "total_return"}
        Whether returns use closes or adjusted closes.
    label : str
        Short machine label, e.g. ``"5-session gain"``.
    details : mapping
        Kind-specific extra numbers (e.g. the subject's and versus' own returns
        behind a spread, episode lists of a streak).
    """

    kind: str
    subject: str
    asof: dt.date
    value: float
    unit: str
    text: str
    versus: str | None = None
    window: int | str | None = None
    start: dt.date | None = None
    record: Record | None = None
    basis: str = "price"
    label: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (dates as ISO strings, NaN as null)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name == "record":
                out["record"] = v.to_dict() if v is not None else None
            else:
                out[f.name] = _iso(v)
        return out

    def to_json(self) -> str:
        """Return the fact as one line of JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fact:
        """Inverse of :meth:`to_dict`."""
        rec = data.get("record")
        return cls(
            kind=data["kind"],
            subject=data["subject"],
            asof=_date(data["asof"]),  # type: ignore[arg-type]
            value=float("nan") if data.get("value") is None else float(data["value"]),
            unit=data["unit"],
            text=data["text"],
            versus=data.get("versus"),
            window=data.get("window"),
            start=_date(data.get("start")),
            record=Record.from_dict(rec) if rec else None,
            basis=data.get("basis", "price"),
            label=data.get("label", ""),
            details=dict(data.get("details") or {}),
        )

    def with_text(self, text: str) -> Fact:
        """Return a copy with another sentence."""
        return replace(self, text=text)

    def __str__(self) -> str:
        return self.text
