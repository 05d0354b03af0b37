"""rotascope: measure market rotations and state the facts about them.

The public API is listed in ``__all__``: plain functions that read the local store (with
the bundled dataset as fallback) unless given a ``source``
(:class:`~rotascope.data.port.DataSource`). Each calls the product of its name in
:mod:`rotascope.products` (the same functions the command line, the report and the web
app call) and returns its result: facts, tables, the as-of and the notes. Heavy modules
(numba kernels, plotly) load on first use, so ``import rotascope`` stays fast and has no
side effects.

Examples
--------
>>> import rotascope
>>> rut = rotascope.load("RUT", asof="2024-07-16")
>>> round(float(rut.iloc[-1]), 2)
2263.67
>>> fs = rotascope.facts("RUT", asof="2024-07-16", windows=(5,))
>>> fs[0].text
'The Russell 2000 rose 11.5% in the five sessions to Jul 16, 2024, its biggest five-session gain since Apr 29, 2020.'
>>> round(fs[0].value, 2), fs[0].unit
(11.54, 'pct')
"""  # noqa: E501

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

from rotascope.errors import (
    AsOfError,
    DataError,
    ProviderError,
    RotascopeError,
    StoreBusyError,
    UnknownSymbol,
)

if TYPE_CHECKING:
    import pandas as pd

    from rotascope.data.port import DataSource
    from rotascope.kinds.factset import FactSet
    from rotascope.products.breadth import BreadthResult
    from rotascope.products.factors import FactorResult
    from rotascope.products.fedwatch import FedWatchResult
    from rotascope.products.rotation import RotationDashboard
    from rotascope.products.scan import ScanResult
    from rotascope.products.study import StudyResult
    from rotascope.products.valuation import ValuationResult
    from rotascope.render.build import Report

#: public name -> (module, attribute); loaded on first access
_LAZY: dict[str, tuple[str, str]] = {
    "Fact": ("rotascope.kinds.fact", "Fact"),
    "Record": ("rotascope.kinds.fact", "Record"),
    "FactSet": ("rotascope.kinds.factset", "FactSet"),
    "FactEngine": ("rotascope.kinds.engine", "FactEngine"),
    "streak_study": ("rotascope.kinds.streak", "streak_study"),
    "Store": ("rotascope.store", "Store"),
    "read_file": ("rotascope.sources", "read_file"),
}

__all__ = [
    "AsOfError",
    "DataError",
    "Fact",
    "FactEngine",
    "FactSet",
    "ProviderError",
    "Record",
    "RotascopeError",
    "Store",
    "StoreBusyError",
    "UnknownSymbol",
    "__version__",
    "breadth",
    "decade_table",
    "factor_facts",
    "factor_pair",
    "factors",
    "facts",
    "fedwatch",
    "load",
    "market_story",
    "read_file",
    "report",
    "rotation_dashboard",
    "scan",
    "streak_study",
    "study",
    "symbols",
    "valuation",
]

_SOURCES: dict[str | None, Any] = {}
_SOURCES_LOCK = threading.Lock()


def _source(source: DataSource | None) -> DataSource:
    """``source``, or the default one for this ``ROTASCOPE_HOME`` (kept, so its engine's
    whole-history measures are reused across calls)."""
    if source is not None:
        return source
    from rotascope.data import default_source

    home = os.environ.get("ROTASCOPE_HOME")
    with _SOURCES_LOCK:
        if home not in _SOURCES:
            _SOURCES[home] = default_source()
        return _SOURCES[home]  # type: ignore[no-any-return]


def facts(
    subject: str,
    versus: str | Sequence[str] | None = None,
    asof: Any = None,
    windows: Iterable[int | str] | None = None,
    basis: str = "price",
    *,
    context: bool = True,
    source: DataSource | None = None,
    since: Any = None,
    from_: Any = None,
    to: Any = None,
) -> FactSet:
    """Every fact about ``subject``, and about each pair with ``versus``, as of a date.

    Parameters
    ----------
    subject : str
        Symbol (aliases such as ``^GSPC`` are resolved).
    versus : str or sequence of str, optional
        Other series to compare with.
    asof : date-like or "latest", optional
        Use only data dated on or before it: a non-session moves to the session before
        (a note says so); a date after the data is an error. Default: the latest date.
    windows : iterable of int or str, optional
        Sessions (``5``) and calendar years (``"10y"``; factors and pairs). Default
        1, 5, 21, 63 and 252 sessions.
    basis : {"price", "total_return"}
        Closes or adjusted closes.
    context : bool
        Add streak, event-study, catalyst and rate-beta facts.
    source : DataSource, optional
        Default: the local store with the bundled dataset as fallback.
    since : date-like, optional
        A span from this date to the as-of date: the subject's return since it
        (``pair_return``), against each ``versus`` over the same sessions.
    from_, to : date-like, optional
        A span between two dates (``to`` defaults to the as-of date, and is the as-of
        date when ``asof`` is not given).

    Returns
    -------
    FactSet
        The facts (a sequence), with ``asof``, ``notes`` and ``data_version``
        (:func:`rotascope.products.facts.facts`).
    """
    from rotascope.products.facts import facts as run

    return run(
        _source(source), subject, versus, asof, windows, basis,  # type: ignore[arg-type]
        context=context, since=since, from_=from_, to=to,
    )  # fmt: skip


def report(
    subject: str = "RUT",
    versus: str | Iterable[str] | None = ("SPX", "NDX"),
    asof: Any = None,
    *,
    source: DataSource | None = None,
    **options: Any,
) -> Report:
    """The report for ``subject`` against each ``versus``, drawn (see
    :func:`rotascope.products.report.report` for the options)."""
    from rotascope.render.build import report as build

    return build(subject, versus, asof, source=_source(source), **options)


def scan(
    symbols: Sequence[str] | None = None,
    asof: Any = None,
    windows: Iterable[int] = (1, 5, 21, 63, 252),
    min_years: float = 1.0,
    *,
    source: DataSource | None = None,
) -> ScanResult:
    """Records set on ``asof`` across a universe (see :func:`rotascope.products.scan.scan`;
    the records are ``.frame``)."""
    from rotascope.products.scan import scan as run

    return run(_source(source), symbols, asof, windows, min_years)


def study(
    subject: str,
    condition: str = "ret>1%",
    length: int | None = None,
    asof: Any = None,
    *,
    versus: str | None = None,
    basis: str = "price",
    source: DataSource | None = None,
) -> StudyResult:
    """Runs of a daily condition and what followed them (see
    :func:`rotascope.products.study.study`)."""
    from rotascope.products.study import study as run

    return run(_source(source), subject, condition, length, asof, versus=versus, basis=basis)  # type: ignore[arg-type]


def breadth(
    asof: Any = None, universe: str = "SP500", *, source: DataSource | None = None
) -> BreadthResult:
    """How many of an index's members join a move (see
    :func:`rotascope.products.breadth.breadth`)."""
    from rotascope.products.breadth import breadth as run

    return run(_source(source), asof, universe)


def valuation(
    symbol: str = "SPX",
    asof: Any = None,
    since: Any = None,
    *,
    years: int = 20,
    daily: bool = False,
    source: DataSource | None = None,
) -> ValuationResult:
    """Valuation against history, attribution and the CAPE-implied return (see
    :func:`rotascope.products.valuation.valuation`)."""
    from rotascope.products.valuation import valuation as run

    return run(_source(source), symbol, asof, since, years=years, daily=daily)


def factors(
    symbol: str,
    asof: Any = None,
    windows: Sequence[str | int] = ("1y", "3y", "5y", "10y"),
    *,
    top: int = 5,
    source: DataSource | None = None,
) -> FactorResult:
    """A factor's long windows, ranked, and its drawdown (see
    :func:`rotascope.products.factors.factors`)."""
    from rotascope.products.factors import factors as run

    return run(_source(source), symbol, asof, windows, top=top)


def factor_pair(
    subject: str,
    versus: str,
    windows: Sequence[str | int] = ("10y",),
    asof: Any = None,
    *,
    source: DataSource | None = None,
) -> FactorResult:
    """A pair's long-run total-return gap, ranked (see
    :func:`rotascope.products.factors.factor_pair`)."""
    from rotascope.products.factors import factor_pair as run

    return run(_source(source), subject, versus, windows, asof)


def load(
    symbol: str,
    *,
    column: str = "close",
    asof: Any = None,
    start: Any = None,
    end: Any = None,
    source: DataSource | None = None,
) -> pd.Series:
    """One column of ``symbol`` up to ``asof`` (and between ``start`` and ``end``).

    Raises
    ------
    UnknownSymbol
        Naming the symbols there are.
    """
    from rotascope.asof import parse_asof, parse_date

    s = _source(source).series(symbol, column)
    cut = parse_asof(asof)
    if cut is not None and len(s) and cut < s.index[0]:
        from rotascope.errors import AsOfError

        raise AsOfError(
            f"no {s.name} data on or before {cut.date()}; it starts on {s.index[0].date()}"
        )
    lo = None if start is None else parse_date(start, "start")
    hi = None if end is None else parse_date(end, "end")
    if cut is not None:
        hi = cut if hi is None else min(hi, cut)
    return s.loc[lo:hi]


def symbols(*, source: DataSource | None = None) -> list[str]:
    """Every symbol available, sorted."""
    return _source(source).symbols()


def factor_facts(
    symbol: str,
    asof: Any = None,
    windows: Sequence[str | int] = ("1y", "3y", "5y", "10y"),
    *,
    top: int = 5,
    drawdown: bool = True,
    source: DataSource | None = None,
) -> list[Any]:
    """Window, rank and drawdown facts of a factor (the facts of :func:`factors`)."""
    from rotascope.products.factors import factors as run

    return list(run(_source(source), symbol, asof, windows, top=top, drawdown=drawdown).facts)


def decade_table(
    symbols: Iterable[str] | None = None, asof: Any = None, *, source: DataSource | None = None
) -> pd.DataFrame:
    """Compounded factor returns per calendar decade (see
    :func:`rotascope.products.factors.factor_decades`)."""
    from rotascope.products.factors import factor_decades

    return factor_decades(_source(source), symbols, asof).frame


def fedwatch(asof: Any = None, *, source: DataSource | None = None) -> FedWatchResult:
    """The odds fed funds futures put on each coming FOMC meeting, as of a date.

    Reads the futures prices imported with ``rotascope data import FILE`` (columns
    ``date,contract,price``), the effective fed funds rate ``DFF`` and the FOMC calendar
    (see :func:`rotascope.products.fedwatch.fedwatch`).

    Parameters
    ----------
    asof : date-like or "latest", optional
        Use the prices of this day, or of the last day before it with prices (a note
        says so). Default: the last day with prices.
    source : DataSource, optional
        Default: the local store with the bundled dataset as fallback.

    Returns
    -------
    FedWatchResult
        ``facts`` (a FactSet: one sentence per meeting), ``to_frame()`` (the odds of a
        cut, no change and a hike per meeting), ``notes``, ``rate`` and ``target``.

    Examples
    --------
    >>> import rotascope  # doctest: +SKIP
    >>> rotascope.fedwatch("2024-09-13").facts[0].text  # doctest: +SKIP
    'The futures put the odds of a cut at the September 18 meeting at 100%, ...'
    """
    from rotascope.products.fedwatch import fedwatch as run

    return run(_source(source), asof)


def rotation_dashboard(
    asof: Any = None, window: int = 21, *, source: DataSource | None = None
) -> RotationDashboard:
    """The rotation dashboard: its facts (``.facts``, most unusual first), the as-of and
    the notes (see :func:`rotascope.products.rotation.rotation`)."""
    from rotascope.products.rotation import rotation

    return rotation(_source(source), asof, window)


def market_story(asof: Any = None, *, source: DataSource | None = None) -> Any:
    """The story of a date across every series and rotation pair, biggest story first
    (see :func:`rotascope.products.market.market_story`); ``str()`` of it reads it."""
    from rotascope.products.market import market_story as story

    return story(_source(source), asof)


def _version() -> str:
    """The installed distribution's version (pyproject.toml is the one source of truth)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rotascope")
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":  # read on first use: package metadata costs ~20 ms to import
        from rotascope._version import version

        globals()[name] = value = version()
        return value
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'rotascope' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
