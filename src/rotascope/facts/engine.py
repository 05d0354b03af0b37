"""The fact engine: every fact about a series or a pair, as of a date.

Besides moves, periods, drawdowns, spreads and ratios, :meth:`FactEngine.facts` adds
context (streaks with what followed them, CPI/FOMC-day moves, yield changes and rate
betas; ``context=False`` leaves it out) and routes year windows (``"10y"``) to the
factor facts (SMB, HML...) or to long-run pair gaps.

:func:`facts` is the entry point. A :class:`FactEngine` loads each series once and
computes each measure's records **once for the whole history** (the O(n) kernels);
because a record at ``t`` never depends on data after ``t``, any as-of date is then a
row lookup. Keep one engine alive (the report and the web app do) to reuse that work
across calls; :func:`facts` without a loader uses a shared engine that is reset when
the catalog's data version changes.

Examples
--------
>>> import pandas as pd
>>> idx = pd.bdate_range("2024-01-01", periods=30, name="date")
>>> closes = [100.0] * 25 + [101.0, 103.0, 105.0, 108.0, 110.0]
>>> data = {"AAA": pd.Series(closes, index=idx)}
>>> fs = facts("AAA", windows=(5,), loader=lambda sym, col: data[sym])
>>> [f.kind for f in fs]
['move', 'period', 'drawdown', 'streak', 'event_study']
>>> fs[0].text
'AAA rose 10.0% in the five sessions to Feb 9, 2024, the biggest five-session gain on record (since Jan 2024).'
"""  # noqa: E501

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from rotascope._typing import Basis
from rotascope.calendar import parse_date
from rotascope.errors import AsOfError, DataError, UnknownSymbol
from rotascope.facts._context import ContextMixin
from rotascope.facts.fact import Fact
from rotascope.facts.series import (
    COLUMNS,
    DEFAULT_YEARS,
    AsOf,
    Loader,
    Measure,
    SeriesData,
    WindowError,
    bundled_loader,
    clean_series,
    split_windows,
)
from rotascope.measures.relative import align
from rotascope.measures.returns import DEFAULT_WINDOWS, MoveKind, window_returns, window_starts
from rotascope.measures.scoreboard import DEFAULT_PERIODS, Scoreboard, scoreboard
from rotascope.symbols import canonical, info

__all__ = [
    "DEFAULT_WINDOWS",
    "DEFAULT_YEARS",
    "FactEngine",
    "Loader",
    "SeriesData",
    "WindowError",
    "default_engine",
    "facts",
]


class FactEngine(ContextMixin):
    """Loads series, caches whole-history measures, and builds facts.

    Parameters
    ----------
    loader : callable, optional
        ``loader(symbol, column) -> Series``; default :func:`rotascope.catalog.load`.
    """

    def __init__(self, loader: Loader | None = None) -> None:
        self._loader = loader
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ loading
    def _load_raw(self, symbol: str, column: str) -> pd.Series:
        if self._loader is not None:
            try:
                return self._loader(symbol, column)
            except UnknownSymbol:
                raise
            except KeyError:
                raise UnknownSymbol(symbol) from None
        try:
            from rotascope import catalog  # lazy: the catalog opens the store
        except ImportError:  # pragma: no cover - before the catalog exists
            return bundled_loader(symbol, column)
        return catalog.load(symbol, column=column)

    def _canonical(self, symbol: str) -> str:
        """The canonical symbol; over the default data (no loader given) the data decide
        what a short name means (``RF`` is ``ff:RF`` when no stock RF is stored)."""
        if self._loader is not None:
            return canonical(symbol)
        from rotascope import catalog  # transitional: products will take a DataSource

        return catalog.resolve(symbol)

    def clear(self) -> None:
        """Forget every cached series and measure."""
        with self._lock:
            self._cache.clear()

    def _memo(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        hit = self._cache.get(key)
        if hit is None:
            hit = build()
            with self._lock:
                self._cache[key] = hit
        return hit

    def series(self, symbol: str, basis: Basis = "price") -> SeriesData:
        """Load ``symbol`` on ``basis`` (cached).

        Raises
        ------
        UnknownSymbol
            When the loader does not know the symbol.
        DataError
            When the series holds no values.
        """
        if basis not in COLUMNS:
            raise ValueError(f"basis must be 'price' or 'total_return', got {basis!r}")
        sym = self._canonical(symbol)
        return self._memo(("series", sym, basis), lambda: self._build_series(sym, basis))

    def _build_series(self, sym: str, basis: str) -> SeriesData:
        notes: dict[str, Any] = {}
        used = basis
        raw: pd.Series | None = None
        if basis == "total_return":
            try:
                raw = clean_series(self._load_raw(sym, "adj_close"), sym)
            except UnknownSymbol:
                raise
            except (DataError, KeyError, ValueError):
                raw = None
            if raw is None or raw.empty:
                raw = None
                used = "price"
                notes["basis_fallback"] = f"{sym} has no adjusted close; price used"
        if raw is None:
            raw = clean_series(self._load_raw(sym, "close"), sym)
        if raw.empty:
            raise DataError(f"{sym} has no values")
        unit = info(sym).unit
        how: MoveKind = "pct"
        if unit == "yield":
            how = "diff"
        elif unit == "pct_return":
            raw = np.exp(np.log1p(raw).cumsum()).rename(sym)
            notes["compounded"] = True
        return SeriesData(sym, raw, used, how, notes)

    # ------------------------------------------------------------------ as of
    @staticmethod
    def resolve_asof(data: SeriesData, asof: Any) -> AsOf:
        """The last date of ``data`` on or before ``asof``.

        Raises
        ------
        AsOfError
            When ``asof`` is before the first value.
        """
        if asof is None:
            return AsOf(data.last, None)
        ts = parse_date(asof, "asof")
        if ts < data.first:
            raise AsOfError(
                f"asof {ts.date()} is before the data for {data.symbol}, which runs from "
                f"{data.first.date()} to {data.last.date()}; pick a date in that range"
            )
        pos = int(data.values.index.searchsorted(ts, side="right")) - 1
        return AsOf(data.values.index[pos], ts)

    # ------------------------------------------------------------------ cached measures
    def moves(self, data: SeriesData, window: int) -> dict[str, Any]:
        """Whole-history moves over ``window``; ``["high"]``/``["low"]`` give records.

        Record tables are computed on first access and kept.
        """
        key = ("moves", data.symbol, data.basis, int(window))

        def build() -> Measure:
            r = window_returns(data.values, window, how=data.how)
            return Measure(value=r, start=window_starts(data.values, window))

        return self._memo(key, build)

    def spreads(self, a: SeriesData, b: SeriesData, window: int) -> dict[str, Any]:
        """Whole-history spreads of ``window``-session returns on common sessions."""
        key = ("spread", a.symbol, b.symbol, a.basis, b.basis, int(window))

        def build() -> Measure:
            al = self.alignment(a, b)
            ra = window_returns(al.a, window)
            rb = window_returns(al.b, window)
            return Measure(value=ra - rb, a=ra, b=rb, start=window_starts(al.a, window))

        return self._memo(key, build)

    def alignment(self, a: SeriesData, b: SeriesData) -> Any:
        """:func:`~rotascope.measures.relative.align` of two series (cached)."""
        key = ("align", a.symbol, b.symbol, a.basis, b.basis)
        return self._memo(key, lambda: align(a.values, b.values))

    def ratios(self, a: SeriesData, b: SeriesData) -> dict[str, Any]:
        """Whole-history ratio ``A / B`` with high and low records."""
        key = ("ratio", a.symbol, b.symbol, a.basis, b.basis)

        def build() -> Measure:
            al = self.alignment(a, b)
            return Measure(value=al.a / al.b)

        return self._memo(key, build)

    def drawdowns(self, data: SeriesData) -> dict[str, Any]:
        """Whole-history drawdown from the running high, with low records."""
        key = ("drawdown", data.symbol, data.basis)

        def build() -> Measure:
            v = data.values
            return Measure(value=v / v.cummax() - 1.0)

        return self._memo(key, build)

    def scoreboard(
        self,
        symbols: Sequence[str],
        periods: Iterable[str] = DEFAULT_PERIODS,
        *,
        asof: Any = None,
        since: Any = None,
        basis: Basis = "price",
    ) -> Scoreboard:
        """Returns of several series over several periods (see
        :func:`rotascope.measures.scoreboard.scoreboard`), loaded through this engine.

        Raises
        ------
        UnknownSymbol, AsOfError
            As :meth:`facts`.
        """
        loaded = {canonical(s): self.series(s, basis) for s in symbols}
        cut = None if asof is None else parse_date(asof, "asof")
        if cut is not None:
            for data in loaded.values():
                self.resolve_asof(data, cut)  # raises AsOfError before the data
        return scoreboard(
            {k: v.values for k, v in loaded.items() if not v.is_yield},
            periods,
            asof=cut,
            since=None if since is None else parse_date(since, "since"),
        )

    # ------------------------------------------------------------------ facts
    def facts(
        self,
        subject: str,
        versus: str | Sequence[str] | None = None,
        asof: Any = None,
        windows: Iterable[int | str] | None = DEFAULT_WINDOWS,
        basis: Basis = "price",
        *,
        context: bool = True,
    ) -> list[Fact]:
        """Every fact about ``subject`` (and each pair with ``versus``) as of ``asof``.

        See :func:`facts` for the parameters.
        """
        sessions, years = split_windows(DEFAULT_WINDOWS if windows is None else windows)
        if not sessions and not years:
            sessions = DEFAULT_WINDOWS
        sym = self._canonical(subject)
        others = _versus_list(versus, sym)
        factor = info(sym).unit == "pct_return"
        if years and not factor and not others:
            raise WindowError(
                f"year windows ({', '.join(years)}) apply to factor series (SMB, HML, RMW, "
                f"CMA, MOM, MKT-RF) or to a pair: add --versus, or give {sym}'s windows in "
                "sessions (e.g. 252)"
            )
        out: list[Fact] = []
        if factor:  # the session facts' drawdown stands in for the factor drawdown
            out += self.factor_facts(sym, years, asof, drawdown=not sessions)
        if sessions:
            out += self._session_facts(sym, others, asof, sessions, basis, context)
        for other in others if years else ():
            out += self.long_run_facts(sym, other, years, asof)
        return out

    def _session_facts(
        self,
        sym: str,
        others: list[str],
        asof: Any,
        wins: tuple[int, ...],
        basis: Basis,
        context: bool,
    ) -> list[Fact]:
        from rotascope.facts.moves import series_facts
        from rotascope.facts.pairs import pair_facts

        main = self.series(sym, basis)
        when = self.resolve_asof(main, asof)
        out = series_facts(self, main, when, wins, drawdown=True)
        pairs: list[SeriesData] = []
        for other in others:
            data = self.series(other, basis)
            if when.used < data.first:
                raise AsOfError(
                    f"asof {when.used.date()} is before the data for {data.symbol}, which "
                    f"runs from {data.first.date()} to {data.last.date()}"
                )
            other_when = AsOf(self.resolve_asof(data, when.used).used, when.requested)
            out += series_facts(self, data, other_when, wins, drawdown=False)
            out += pair_facts(self, main, data, when, wins)
            pairs.append(data)
        if context:
            out += self.context(main, pairs, when, wins)
        return out


def _versus_list(versus: str | Sequence[str] | None, subject: str) -> list[str]:
    if versus is None:
        return []
    items = [versus] if isinstance(versus, str) else list(versus)
    out: list[str] = []
    for v in items:
        c = canonical(v)
        if c != canonical(subject) and c not in out:
            out.append(c)
    return out


_DEFAULT: dict[str, Any] = {"engine": None, "version": None}
_DEFAULT_LOCK = threading.Lock()


def default_engine() -> FactEngine:
    """The shared engine over :mod:`rotascope.catalog` (reset when the data change)."""
    version: Any = None
    try:
        from rotascope import catalog

        version = catalog.data_version()
    except Exception:
        version = None
    with _DEFAULT_LOCK:
        if _DEFAULT["engine"] is None or _DEFAULT["version"] != version:
            _DEFAULT["engine"] = FactEngine()
            _DEFAULT["version"] = version
        return _DEFAULT["engine"]


_BY_LOADER: dict[int, tuple[Loader, FactEngine]] = {}
_MAX_LOADERS = 8


def _engine_for(loader: Loader) -> FactEngine:
    with _DEFAULT_LOCK:
        hit = _BY_LOADER.get(id(loader))
        if hit is not None and hit[0] is loader:
            return hit[1]
        if len(_BY_LOADER) >= _MAX_LOADERS:
            _BY_LOADER.pop(next(iter(_BY_LOADER)))
        engine = FactEngine(loader)
        _BY_LOADER[id(loader)] = (loader, engine)
        return engine


def facts(
    subject: str,
    versus: str | Sequence[str] | None = None,
    asof: Any = None,
    windows: Iterable[int | str] | None = DEFAULT_WINDOWS,
    basis: Basis = "price",
    loader: Loader | None = None,
    *,
    context: bool = True,
) -> list[Fact]:
    """Every fact about ``subject``, and about each pair with ``versus``.

    Parameters
    ----------
    subject : str
        Symbol (aliases such as ``^GSPC`` are resolved).
    versus : str or sequence of str, optional
        Other series to compare with.
    asof : date-like, optional
        Use only data on or before this date; a non-session moves to the last session
        before it (``details["asof_requested"]`` keeps the date asked for). Default: the
        last date of the subject's data.
    windows : iterable of int or str, optional
        Session windows of moves and spreads (``5`` or ``"5"``), and calendar-year
        windows (``"10y"``). For a factor series (unit ``pct_return``: SMB, HML, RMW,
        CMA, MOM, MKT-RF) year windows give its window, rank and drawdown facts
        (:func:`rotascope.facts.factor_facts.factor_facts`; 1, 3, 5 and 10 years when
        none is given) and session windows, if any, its compounded moves. For a pair,
        year windows give the long-run total-return gap
        (:func:`rotascope.facts.longrun_facts.relative_facts`). ``None``: the defaults.
    basis : {"price", "total_return"}
        Closes or adjusted closes.
    loader : callable, optional
        ``loader(symbol, column) -> Series``; default :func:`rotascope.catalog.load`.
    context : bool
        Add streak, catalyst and rates facts (kinds ``streak``, ``event_study``,
        ``catalyst``, ``rates``; see :meth:`FactEngine.context`).

    Returns
    -------
    list of Fact
        Factor facts (factor subjects), moves (subject, then each versus), periods
        (YTD, QTD, MTD), the subject's drawdown, then per pair: spreads, the ratio and
        the drawdown vs the pair; then the context facts; then long-run pair gaps.

    Raises
    ------
    UnknownSymbol
        A symbol with no data (the message lists the available ones).
    AsOfError
        ``asof`` is not a date or is before the data begin.
    WindowError
        A window that is neither sessions (``5``) nor years (``10y``), or year windows
        for a price series without ``versus``.
    """
    engine = _engine_for(loader) if loader is not None else default_engine()
    return engine.facts(
        subject, versus=versus, asof=asof, windows=windows, basis=basis, context=context
    )
