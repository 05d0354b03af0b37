"""The report's optional sections: rotation, streaks, catalysts, breadth, factors, valuation.

Each section is the product of its own name (:mod:`rotascope.products.rotation`,
:mod:`~rotascope.products.study`, :mod:`~rotascope.products.breadth`,
:mod:`~rotascope.products.factors`, :mod:`~rotascope.products.valuation`) as of the
report's session, so a section says what the command of its name says. A section
appears when its data exist; otherwise the report says why in its notes. Only "no such
data" (:class:`~rotascope.errors.RotascopeError`) is caught; anything else is a bug and
propagates. Charts are drawn by :mod:`rotascope.render.sections` from each section's
``data``.

A report tries the sections that belong to its question (:func:`relevant`): the
factors' long run when small caps or value and growth are compared (the size factor,
the value factor), the S&P 500's breadth and valuation when the S&P 500 is in the
question (or the report is about the market), the rotation dashboard unless the
subject is a yield; streaks and catalyst days always.

Examples
--------
>>> from rotascope.asof import AsOf
>>> from rotascope.data import BundledSource
>>> build_sections((), BundledSource(), subject="RUT", versus=(), asof=AsOf.at("2024-07-16"))
([], [])
>>> relevant("RUT", ("SPX", "NDX"))
('rotation', 'streaks', 'catalysts', 'breadth', 'factors', 'valuation')
>>> relevant("NDX", ("QQQ",)), relevant("DGS10", ("DGS2",))
(('rotation', 'streaks', 'catalysts'), ('streaks', 'catalysts'))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rotascope._typing import Basis
from rotascope.asof import AsOf, Note
from rotascope.data.port import DataSource
from rotascope.errors import RotascopeError
from rotascope.kinds.fact import Fact

__all__ = [
    "FACTOR_SOURCE",
    "SECTIONS",
    "SHILLER_SOURCE",
    "SIZE_SERIES",
    "SP500_SERIES",
    "STYLE_SERIES",
    "Section",
    "build_sections",
    "factors_for",
    "relevant",
]

#: The source lines of the sections' charts (also on the web's factor and valuation views).
FACTOR_SOURCE = "daily factor returns, Kenneth R. French Data Library"
SHILLER_SOURCE = "monthly S&P composite data, Robert Shiller (Yale)"

#: Optional sections tried by default, in page order.
SECTIONS: tuple[str, ...] = (
    "rotation",
    "streaks",
    "catalysts",
    "breadth",
    "factors",
    "valuation",
)

#: Sessions in the rotation dashboard's window (a week, like the report's lead).
ROTATION_WINDOW = 5

#: A current run this long (sessions) or longer gets a streak study.
MIN_STREAK = 3

#: Forward windows (sessions) of the streak studies.
STREAK_HORIZONS: tuple[int, ...] = (21, 63)

#: Series of a question about size (small against large caps): the size factor's.
SIZE_SERIES = frozenset({"RUT", "IWM", "IJR", "IWN", "IWO", "MDY", "SMB", "SMB5"})
#: Series of a question about value against growth: the value factor's.
STYLE_SERIES = frozenset({"IWD", "IWF", "IWN", "IWO", "HML"})
#: Series of a question about the S&P 500: its breadth and valuation.
SP500_SERIES = frozenset({"SPX", "SPY", "RSP", "VTI"})


def factors_for(subject: str, versus: Sequence[str] = ()) -> tuple[str, ...]:
    """The factors whose long run the question is about: the size factor (``SMB``)
    for small caps, the value factor (``HML``) for value and growth.

    Examples
    --------
    >>> factors_for("RUT", ("SPX",)), factors_for("IWD", ("IWF",)), factors_for("NDX")
    (('SMB',), ('HML',), ())
    """
    asked = {subject, *versus}
    out = []
    if asked & SIZE_SERIES:
        out.append("SMB")
    if asked & STYLE_SERIES:
        out.append("HML")
    return tuple(out)


def relevant(subject: str, versus: Sequence[str] = (), *, market: bool = False) -> tuple[str, ...]:
    """The sections of :data:`SECTIONS` that belong to a report on ``subject`` against
    ``versus`` (see the module docstring), in page order."""
    from rotascope.symbols import info

    asked = {subject, *versus}
    keep = {
        "rotation": info(subject).unit != "yield",
        "streaks": True,
        "catalysts": True,
        "breadth": market or bool(asked & SP500_SERIES),
        "factors": bool(factors_for(subject, versus)),
        "valuation": market or bool(asked & SP500_SERIES),
    }
    return tuple(name for name in SECTIONS if keep[name])


@dataclass
class Section:
    """One optional block of the report.

    Attributes
    ----------
    name : str
        Machine name (``catalysts``...).
    title : str
        Heading.
    facts : list of Fact
        Its facts, in the product's order.
    notes : list of Note
        The product's notes (data that end before the report's date...).
    data : dict
        What its charts draw (``decades``: the decade table and the factors drawn;
        ``cape``: the CAPE history and its fact).
    source : str
        The charts' source line.
    """

    name: str
    title: str
    facts: list[Fact] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    source: str = ""


@dataclass(frozen=True)
class _Ask:
    source: DataSource
    subject: str
    versus: tuple[str, ...]
    asof: AsOf
    basis: Basis


def _streaks(q: _Ask) -> Section:
    from rotascope.kinds.engine import engine_for
    from rotascope.measures.streaks import evaluate, parse_condition, streak_state
    from rotascope.products.study import study

    engine = engine_for(q.source)
    close = engine.series(q.subject, q.basis).values.loc[: q.asof.session]
    out: list[Fact] = []
    for spec in ("ret>1%", "ret<-1%", *(f"beats:{v}" for v in q.versus)):
        cond = parse_condition(spec)
        other = engine.series(cond.versus, q.basis).values if cond.versus else None
        if streak_state(evaluate(cond, close, other)).current < MIN_STREAK:
            continue
        r = study(q.source, q.subject, spec, asof=q.asof, basis=q.basis, horizons=STREAK_HORIZONS)
        out += r.facts
    return Section("streaks", "Streaks, and what followed similar runs", out)


def _catalysts(q: _Ask) -> Section:
    from rotascope.kinds.catalyst import catalyst_facts
    from rotascope.kinds.engine import engine_for

    engine = engine_for(q.source)
    cut = q.asof.session
    close = engine.series(q.subject, q.basis).values.loc[:cut]
    events = engine.memo.get(("events",), q.source.events)
    out: list[Fact] = []
    seen: set[str] = set()
    for kind in ("cpi", "fomc"):
        for v in q.versus or (None,):
            vc = engine.series(v, q.basis).values.loc[:cut] if v is not None else None
            for f in catalyst_facts(close, kind, events=events, asof=cut, versus_close=vc):
                if f.text not in seen:
                    seen.add(f.text)
                    out.append(f)
    from rotascope.kinds.fedwatch import facts_near  # the coming meetings' odds, if stored

    out += facts_near(q.source, cut, limit=2)
    return Section("catalysts", "Catalyst days: the latest CPI and FOMC sessions", out)


_FACTOR_TITLES = {
    ("SMB",): "The size factor over the long run (Fama-French)",
    ("HML",): "The value factor over the long run (Fama-French)",
    ("SMB", "HML"): "The size and value factors over the long run (Fama-French)",
}


def _factors(q: _Ask) -> Section:
    from rotascope.products.factors import factor_decades, factors

    wanted = factors_for(q.subject, q.versus) or ("SMB",)
    out: list[Fact] = []
    notes: list[Note] = []
    for sym in wanted:
        r = factors(q.source, sym, asof=q.asof, windows=("1y", "5y", "10y"))
        out += r.facts
        notes += r.notes
    table = factor_decades(q.source, asof=q.asof).frame
    drawn = tuple(s for s in wanted if s in table.columns)
    data = {"decades": (table, drawn)} if not table.empty and drawn else {}
    title = _FACTOR_TITLES.get(wanted, "Factors over the long run (Fama-French)")
    return Section("factors", title, out, notes, data, FACTOR_SOURCE)


def _valuation(q: _Ask) -> Section:
    from rotascope.products.valuation import valuation

    # Shiller months average the month's daily closes: the as-of month is not complete
    # yet, so the last month used is the one before it.
    month = (q.asof.session.to_period("M") - 1).to_timestamp(how="end").normalize()
    r = valuation(q.source, "SPX", asof=AsOf.at(month))
    data: dict[str, Any] = {}
    cape = next((f for f in r.facts if f.label == "cape"), None)
    if cape is not None and r.series and "cape" in r.series:
        data["cape"] = (r.series["cape"], cape)
    return Section("valuation", "Valuation of the S&P 500 (Shiller data)", list(r.facts),
                   list(r.notes), data, SHILLER_SOURCE)  # fmt: skip


def _rotation(q: _Ask) -> Section:
    from rotascope.products.rotation import rotation

    r = rotation(q.source, q.asof, ROTATION_WINDOW)
    title = (
        "Rotation dashboard: size, style, equal weight, quality and momentum "
        f"over {ROTATION_WINDOW} sessions"
    )
    own = [n for n in r.notes if n not in q.asof.notes]
    return Section("rotation", title, list(r.facts), own)


def _breadth(q: _Ask) -> Section:
    from rotascope.products.breadth import breadth

    r = breadth(q.source, q.asof, "SP500")  # DataError when absent
    own = [n for n in r.notes if n not in q.asof.notes]
    return Section("breadth", "Breadth: how many S&P 500 stocks are joining in", list(r.facts),
                   own)  # fmt: skip


_BUILDERS: dict[str, Callable[[_Ask], Section]] = {
    "rotation": _rotation,
    "breadth": _breadth,
    "streaks": _streaks,
    "catalysts": _catalysts,
    "factors": _factors,
    "valuation": _valuation,
}


def build_sections(
    names: Sequence[str],
    source: DataSource,
    *,
    subject: str,
    versus: Sequence[str],
    asof: AsOf,
    basis: Basis = "price",
) -> tuple[list[Section], list[Note]]:
    """Build the named sections that have data; say why the others are missing.

    Parameters
    ----------
    names : sequence of str
        Sections to try, among :data:`SECTIONS`.
    source : DataSource
    subject : str
        Canonical symbol of the report's subject.
    versus : sequence of str
        Canonical comparison symbols.
    asof : AsOf
        The report's as-of; each section uses its own data's last date on or before
        the session (with a note when earlier).
    basis : {"price", "total_return"}

    Returns
    -------
    (sections, notes) : tuple of list of Section and list of Note
        The sections with facts or chart data, and a ``skipped`` note for each section
        left out.

    Raises
    ------
    ValueError
        An unknown section name.
    """
    q = _Ask(source, subject, tuple(versus), asof, basis)
    built: list[Section] = []
    notes: list[Note] = []
    for name in names:
        builder = _BUILDERS.get(name)
        if builder is None:
            raise ValueError(f"unknown section {name!r}; use one of {', '.join(_BUILDERS)}")
        try:
            sec = builder(q)
        except RotascopeError as exc:
            notes.append(Note("skipped", f"{name} section left out: {exc}"))
            continue
        if sec.facts or sec.data:
            built.append(sec)
    return built, notes
