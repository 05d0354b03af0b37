"""The fact engine's context and long-view parts, as a mixin of :class:`FactEngine`.

:class:`ContextMixin` adds to the engine the facts that put a move in context —
streaks with what followed them, CPI/FOMC-day moves, yield changes and rate betas —
and the year-window routes: factor facts (SMB, HML...) and long-run pair gaps. Each
part is cached per as-of session through the engine's ``_memo``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from rotascope.calendar import parse_date
from rotascope.errors import AsOfError, DataError, UnknownSymbol
from rotascope.facts.fact import Fact
from rotascope.facts.series import DEFAULT_YEARS, AsOf, Loader, SeriesData
from rotascope.symbols import canonical, info

__all__ = ["ContextMixin"]


class ContextMixin:
    """Context, factor and long-run facts for :class:`~rotascope.facts.engine.FactEngine`."""

    _loader: Loader

    def _memo(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:  # pragma: no cover
        raise NotImplementedError

    def series(self, symbol: str, basis: str = "price") -> SeriesData:  # pragma: no cover
        raise NotImplementedError

    def context(
        self,
        main: SeriesData,
        pairs: Sequence[SeriesData],
        when: AsOf,
        windows: Sequence[int] = (1, 5, 21),
    ) -> list[Fact]:
        """Streak, catalyst and rates facts as of ``when`` (each part cached per session).

        Only values dated on or before ``when.used`` are looked at. A yield gets its
        bp changes over ``windows`` with records (kind ``rates``); a price series its
        current >1% streak with what followed earlier ones, its CPI/FOMC-day move, and
        per price pair the event-day spread and the rate-beta gap to the 10-year yield.
        See :mod:`rotascope.facts.catalyst_facts`.
        """
        from rotascope.facts import catalyst_facts as cf
        from rotascope.facts.rates_facts import yield_facts

        day = when.used
        close = main.values.loc[:day]
        if main.is_yield:
            key = ("ctx_yield", main.symbol, day, tuple(windows))
            return list(self._memo(key, lambda: yield_facts(close, windows=windows)))
        if info(main.symbol).unit != "price":
            return []
        key = ("ctx", main.symbol, main.basis, day)
        out = list(
            self._memo(
                key,
                lambda: (
                    cf.streak_context(close, basis=main.basis)
                    + cf.event_context(close, basis=main.basis)
                ),
            )
        )
        yields = self._context_yields()
        for data in pairs:
            if info(data.symbol).unit != "price":
                continue
            other = data.values.loc[:day]
            b = main.basis if main.basis == data.basis else "price"

            def build(other: pd.Series = other, b: str = b) -> list[Fact]:
                y = None if yields is None else yields.loc[:day]
                return cf.event_context(close, other, basis=b) + cf.rates_context(
                    close, other, y, basis=b
                )

            out += self._memo(("ctx_pair", main.symbol, data.symbol, main.basis, day), build)
        return out

    def _context_yields(self) -> pd.Series | None:
        try:
            return self.series("DGS10").values.rename("DGS10")
        except (UnknownSymbol, DataError):
            return None

    def factor_facts(
        self, symbol: str, years: Sequence[str] = (), asof: Any = None, *, drawdown: bool = True
    ) -> list[Fact]:
        """Year-window, rank and drawdown facts of a factor (cached per as-of date).

        With no ``years``, the :data:`DEFAULT_YEARS` that fit in the history are used.
        See :func:`rotascope.facts.factor_facts.factor_facts`.
        """
        from rotascope.facts.factor_facts import factor_facts

        sym = canonical(symbol)
        cut = None if asof is None else parse_date(asof, "asof")

        def build() -> list[Fact]:
            kw = {"asof": cut, "loader": self._loader, "drawdown": drawdown}
            if years:
                return factor_facts(sym, windows=years, **kw)
            out: list[Fact] = []
            for w in DEFAULT_YEARS:  # skip windows longer than the history
                with contextlib.suppress(AsOfError):
                    out += factor_facts(sym, windows=(w,), **{**kw, "drawdown": False})
            return out + (factor_facts(sym, windows=(), **kw) if drawdown else [])

        return list(self._memo(("factor_facts", sym, tuple(years), cut, drawdown), build))

    def long_run_facts(
        self, subject: str, versus: str, years: Sequence[str], asof: Any = None
    ) -> list[Fact]:
        """Long-horizon total-return gaps of a pair, ranked among all windows (cached).

        See :func:`rotascope.facts.longrun_facts.relative_facts`.
        """
        from rotascope.facts.longrun_facts import relative_facts

        a, b = canonical(subject), canonical(versus)
        cut = None if asof is None else parse_date(asof, "asof")
        key = ("long_run", a, b, tuple(years), cut)
        return list(
            self._memo(
                key, lambda: relative_facts(a, b, windows=years, asof=cut, loader=self._loader)
            )
        )
