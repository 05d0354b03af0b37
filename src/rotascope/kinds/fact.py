"""The :class:`Fact`: one measured statement with the record behind it.

A fact is a frozen dataclass. Its ``text`` is made from its fields by its kind's
registered template (:func:`rotascope.kinds.registry.render`), never written by hand.

**Units.** Every number of a fact reads in the reader's unit, the one ``unit`` names:
``pct`` (``11.54`` is +11.54%), ``pp`` (percentage points: ``9.92``), ``bp`` (basis
points: ``46``), ``level``, ``ratio``, ``count``, ``x`` (a multiple such as a P/E),
``years`` or ``r`` (a correlation coefficient, -1 to 1). ``value``,
``record.since_value`` and the numbers in ``details`` share it; a detail in another unit
says so in its key (``subject_return_pct``, ``gap_pp``).

Examples
--------
>>> import datetime as dt
>>> r = Record(direction="high", since=dt.date(2020, 4, 29), since_value=11.8,
...            rank=3, out_of=9240, history_start=dt.date(1987, 9, 10))
>>> f = Fact(kind="move", subject="RUT", asof=dt.date(2024, 7, 16), window=5,
...          value=11.54, unit="pct", record=r, text="...")
>>> f.to_dict()["record"]["since"]
'2020-04-29'
>>> Fact.from_dict(f.to_dict()) == f
True
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

__all__ = ["UNITS", "Fact", "Record"]

#: Units a fact may carry (see the module docstring).
UNITS: tuple[str, ...] = ("pct", "pp", "bp", "level", "ratio", "count", "x", "years", "r")


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
        The value on ``since``, in the fact's unit.
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
        Name of a registered kind (:func:`rotascope.kinds.registry.all_kinds`):
        ``move``, ``spread``, ``ratio``, ``drawdown``, ``yield_change``...
    subject : str
        Canonical symbol of the series the fact is about.
    asof : datetime.date
        Last session whose data the fact uses.
    value : float
        The measured value, in ``unit`` (``11.54`` for +11.54% when ``unit`` is ``pct``).
    unit : str
        One of :data:`UNITS` (see the module docstring).
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
        behind a spread, episode lists of a streak), in the fact's unit unless their
        key names another one. Never run caveats: those are the notes of the
        :class:`~rotascope.kinds.factset.FactSet`.
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

    def _repr_html_(self) -> str:
        rec = self.record
        since = ""
        if rec is not None:
            since = f"since {rec.since.isoformat()}" if rec.since else "all-time"
            since = f"{since}, rank {rec.rank:,} of {rec.out_of:,}"
        return (
            f"<div class='rotascope-fact'><p>{html.escape(self.text)}</p>"
            f"<small>{html.escape(self.kind)} &middot; {html.escape(self.subject)}"
            f"{' vs ' + html.escape(self.versus) if self.versus else ''} &middot; "
            f"{html.escape(str(self.value))} {html.escape(self.unit)}"
            f"{' &middot; ' + html.escape(since) if since else ''}</small></div>"
        )
