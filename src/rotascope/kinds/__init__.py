"""Fact kinds: the :class:`Fact` model, the registry of kinds, the engine and the
:class:`FactSet` it returns.

Each kind is one module that registers its builder, template, unit and score hints
(:mod:`rotascope.kinds.registry`); importing this package registers them all. The
engine (:mod:`rotascope.kinds.engine`) runs them over a data source.

Examples
--------
>>> from rotascope.kinds import all_kinds
>>> "move" in {k.name for k in all_kinds()}
True
"""

from __future__ import annotations

from rotascope.kinds import (  # noqa: F401 - each module registers its kind
    attribution,
    breadth,
    breadth_highs_lows,
    catalyst,
    catalyst_spread,
    correlation,
    drawdown,
    drawdown_vs,
    erp,
    event_study,
    factor,
    factor_decade,
    factor_drawdown,
    fedwatch,
    implied_return,
    intraday,
    leaders,
    level_record,
    long_run,
    move,
    pair_return,
    period,
    rate_beta,
    ratio,
    record_close,
    record_count,
    recovery,
    round_number,
    scoped_record,
    spread,
    streak,
    threshold,
    turning_point,
    valuation,
    valuation_gap,
    week_to_date,
    yield_change,
    yield_period,
)
from rotascope.kinds.fact import UNITS, Fact, Record
from rotascope.kinds.factset import FactSet
from rotascope.kinds.registry import Kind, all_kinds, get, make, register, render

__all__ = [
    "UNITS",
    "Fact",
    "FactSet",
    "Kind",
    "Record",
    "all_kinds",
    "get",
    "make",
    "register",
    "render",
]
