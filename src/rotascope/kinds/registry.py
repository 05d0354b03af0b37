"""The registry of fact kinds: one :class:`Kind` per kind, registered by its module.

A kind bundles everything rotascope knows about one sort of statement: how to build
it (``builder``), how to say it (``template``: ``render(fact) == fact.text`` always),
its unit, the hints the story's score needs, and whether it may lead a story. The
engine (:mod:`rotascope.kinds.engine`) runs the builders of each ``scope`` in
``order``; adding a kind is one module that calls :func:`register`, plus its tests.

Scopes (what a builder is called with, see :class:`rotascope.kinds.context.Context`):

``series``
    once for the subject and once for each comparison series;
``pair``
    once per (subject, versus) pair, on the pair's last common session;
``context``
    once for the subject (streaks, catalysts: what puts a move in context);
``pair_context``
    once per pair;
``factor``
    once for a factor subject (year windows);
``long_run``
    once per pair when year windows are asked for;
``span``
    once for the subject alone (no comparison series) or once per pair, only when the
    question names a span (``since``, or ``from_``/``to``): ``ctx.span``;
``standalone``
    never by the engine: products call the builder with their own inputs (breadth,
    valuation...).

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> k = Kind("demo", "count", lambda f: f"{f.subject} counted {f.value:.0f}.",
...          builder=lambda ctx: [], description="A demo kind.")
>>> k.template(Fact("demo", "X", dt.date(2024, 1, 2), 3.0, "count", ""))
'X counted 3.'
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from rotascope.kinds.fact import UNITS, Fact

__all__ = ["SCOPES", "Kind", "all_kinds", "get", "kinds_in", "make", "register", "render"]

Scope = Literal[
    "series", "pair", "context", "pair_context", "factor", "long_run", "span", "standalone"
]

#: Where a kind's builder runs (see the module docstring).
SCOPES: tuple[str, ...] = (
    "series",
    "pair",
    "context",
    "pair_context",
    "factor",
    "long_run",
    "span",
    "standalone",
)


@dataclass(frozen=True)
class Kind:
    """Everything about one kind of fact.

    Attributes
    ----------
    name : str
        The kind (``Fact.kind``).
    unit : str
        The unit of every fact of this kind (one of :data:`rotascope.kinds.fact.UNITS`).
    template : callable
        ``template(fact) -> str``: the sentence, from the fact's fields only.
    builder : callable
        ``builder(ctx) -> list[Fact]`` for engine scopes; for ``standalone`` kinds the
        function products call to build them (its own parameters).
    description : str
        One line: what the kind states.
    scope : str
        One of :data:`SCOPES`.
    order : int
        Position among the kinds of its scope (facts come out in this order).
    may_lead : bool
        Whether the story may open with it (its numbers have a lead template).
    overlapping : bool
        Score hint: ``record.out_of`` counts overlapping N-session windows, so the
        record's rarity is capped at the number of independent windows.
    sparse : bool
        Score hint: the record ranks a sampled history (event days, months); its
        reach counts in session-equivalents.
    headline : callable or None
        ``headline(fact) -> str``: the story's headline when this fact leads it (no
        final period; never the fact's sentence word for word). Every kind that
        ``may_lead`` has one.
    reach_from : callable or None
        Score hint: ``reach_from(fact) -> date or None``, the date the news reaches back
        to when it is not the record's ``since`` (a record close reaches back to the
        previous record close; a bear market to the previous one; the start of the
        history when there was none before). ``None`` from the callable: nothing to
        reach back to.
    rarity : callable or None
        Score hint: ``rarity(fact) -> float or None``, how rare the event is in
        ``log10`` of its odds (sessions per such event), for kinds whose record rank
        says nothing (a record close always ranks first).
    recent : bool
        Score hint: the news stays news for a week, as the state it leaves lasts (a
        record close, a bear market, a round number crossed): the market story looks
        back five sessions for facts of this kind. A level's "highest since" is news on
        its day only.
    """

    name: str
    unit: str
    template: Callable[[Fact], str]
    builder: Callable[..., list[Fact]]
    description: str
    scope: Scope = "standalone"
    order: int = 0
    may_lead: bool = False
    overlapping: bool = False
    sparse: bool = False
    headline: Callable[[Fact], str] | None = None
    reach_from: Callable[[Fact], dt.date | None] | None = None
    rarity: Callable[[Fact], float | None] | None = None
    recent: bool = False

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"kind {self.name!r}: unit {self.unit!r} is not one of {UNITS}")
        if self.scope not in SCOPES:
            raise ValueError(f"kind {self.name!r}: scope {self.scope!r} is not one of {SCOPES}")
        if self.may_lead and self.headline is None and self.name not in _STORY_HEADLINES:
            raise ValueError(f"kind {self.name!r} may lead a story: give it a headline")


#: Kinds whose headlines the story writes itself (a move and its margins).
_STORY_HEADLINES = ("move", "spread")

_KINDS: dict[str, Kind] = {}
_LOCK = threading.Lock()


def register(kind: Kind) -> Kind:
    """Add ``kind`` to the registry (again: replaces it) and return it."""
    with _LOCK:
        _KINDS[kind.name] = kind
    return kind


def get(name: str) -> Kind:
    """The registered kind called ``name``.

    Raises
    ------
    KeyError
        Naming the registered kinds.
    """
    try:
        return _KINDS[name]
    except KeyError:
        raise KeyError(f"no fact kind {name!r}; registered: {', '.join(sorted(_KINDS))}") from None


def all_kinds() -> tuple[Kind, ...]:
    """Every registered kind, by scope then order."""
    return tuple(sorted(_KINDS.values(), key=lambda k: (SCOPES.index(k.scope), k.order, k.name)))


def kinds_in(scope: str) -> tuple[Kind, ...]:
    """The kinds of one scope, in order."""
    return tuple(k for k in all_kinds() if k.scope == scope)


def render(fact: Fact) -> str:
    """The sentence of ``fact``, by its kind's template (from its fields only)."""
    return get(fact.kind).template(fact)


def make(kind: str, **fields: Any) -> Fact:
    """A :class:`Fact` of ``kind`` in the kind's unit, its text rendered by the template.

    Raises
    ------
    ValueError
        When ``fields`` give another unit than the kind's.
    """
    k = get(kind)
    unit = fields.setdefault("unit", k.unit)
    if unit != k.unit:
        raise ValueError(f"kind {kind!r} is stated in {k.unit!r}, not {unit!r}")
    fields.setdefault("text", "")
    fact = Fact(kind=kind, **fields)
    return replace(fact, text=k.template(fact))
