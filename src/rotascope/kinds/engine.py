"""The fact engine: every fact about a series or a pair, as of a date, from a data source.

:meth:`FactEngine.facts` runs the builders of the registered kinds
(:mod:`rotascope.kinds.registry`) scope by scope: the factor years of a factor subject,
each series' facts (the subject, then each comparison series), each pair's facts, the
context (streaks, catalysts, rate betas) and the long-run gaps of year windows. It
returns a :class:`~rotascope.kinds.factset.FactSet` with the as-of, the notes (as-of
moved, basis fallback, sessions a pair lacks) and the data version.

Whole-history measures are computed once per data source and version
(:class:`~rotascope.kinds.memo.Memo`): keep one engine alive (:func:`engine_for` does) to
reuse them across dates.

Examples
--------
>>> import pandas as pd
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2024-01-01", periods=30, name="date")
>>> src = MemorySource({"AAA": pd.Series([100.0] * 25 + [101, 103, 105, 108, 110.0], idx)})
>>> fs = facts(src, "AAA", windows=(5,))
>>> [f.kind for f in fs]  # doctest: +NORMALIZE_WHITESPACE
['move', 'scoped_record', 'period', 'drawdown', 'week_to_date', 'turning_point',
 'record_close', 'record_count', 'streak', 'event_study']
>>> fs[0].text
'AAA rose 10.0% in the five sessions to Feb 9, 2024, the biggest five-session gain on record (since Jan 2024).'
"""  # noqa: E501

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pandas as pd

from rotascope._typing import Basis
from rotascope.asof import AsOf, Note, parse_date, resolve_asof
from rotascope.data.port import DataSource
from rotascope.errors import AsOfError
from rotascope.kinds.context import DEFAULT_YEARS, Context, Span
from rotascope.kinds.fact import Fact
from rotascope.kinds.factset import FactSet
from rotascope.kinds.memo import Memo, SeriesData
from rotascope.kinds.registry import kinds_in
from rotascope.kinds.windows import WindowError, split_windows
from rotascope.measures.returns import DEFAULT_WINDOWS
from rotascope.measures.scoreboard import DEFAULT_PERIODS, Scoreboard, scoreboard
from rotascope.symbols import info
from rotascope.wording import fmt_date, name

__all__ = [
    "DEFAULT_WINDOWS",
    "DEFAULT_YEARS",
    "FactEngine",
    "WindowError",
    "engine_for",
]

#: Sessions missing in one series of a pair listed in a note.
_SHOWN_GAPS = 5


class FactEngine:
    """Facts from one data source, with its whole-history measures kept between calls.

    Parameters
    ----------
    source : DataSource
        Where every series comes from.
    """

    def __init__(self, source: DataSource) -> None:
        self.source = source
        self._memo: Memo | None = None
        self._lock = threading.Lock()

    @property
    def memo(self) -> Memo:
        """The memo of the source's current data version (a new one when it changed)."""
        with self._lock:
            if self._memo is None or self._memo.version != self.source.version():
                self._memo = Memo(self.source)
            return self._memo

    def clear(self) -> None:
        """Forget every cached series and measure."""
        with self._lock:
            self._memo = None

    def series(self, symbol: str, basis: Basis = "price") -> SeriesData:
        """``symbol`` on ``basis``, loaded once (see :meth:`Memo.series`)."""
        return self.memo.series(symbol, basis)

    def asof_for(self, subject: str, value: Any, basis: Basis = "price") -> AsOf:
        """Resolve an as-of argument against ``subject``'s dates (the one as-of rule,
        :func:`rotascope.asof.resolve_asof`). For entry points.

        Raises
        ------
        AsOfError
            Not a date, or outside the data (see :func:`~rotascope.asof.resolve_asof`).
        UnknownSymbol
            ``subject`` is not in the source.
        """
        data = self.series(subject, basis)
        return resolve_asof(value, pd.DatetimeIndex(data.values.index), what=data.symbol)

    # ------------------------------------------------------------------ facts
    def facts(
        self,
        subject: str,
        versus: str | Sequence[str] | None = None,
        asof: AsOf | None = None,
        windows: Iterable[int | str] | None = DEFAULT_WINDOWS,
        basis: Basis = "price",
        *,
        context: bool = True,
        since: Any = None,
        from_: Any = None,
        to: Any = None,
    ) -> FactSet:
        """Every fact about ``subject`` (and each pair with ``versus``) as of ``asof``.

        See :func:`facts` for the parameters.
        """
        sessions, years = split_windows(DEFAULT_WINDOWS if windows is None else windows)
        if not sessions and not years:
            sessions = DEFAULT_WINDOWS
        memo = self.memo
        sym = self.source.resolve(subject)  # the data decide what a short name means
        others = _versus_list(versus, sym, self.source.resolve)
        factor = info(sym).unit == "pct_return"
        if years and not factor and not others:
            raise WindowError(
                f"year windows ({', '.join(years)}) apply to factor series (SMB, HML, RMW, "
                f"CMA, MOM, MKT-RF) or to a pair: add --versus, or give {sym}'s windows in "
                "sessions (e.g. 252)"
            )
        main = memo.series(sym, basis)
        when = asof if asof is not None else resolve_asof(None, main.values.index, what=sym)
        day = main.day_on_or_before(when.session)
        if day is None:
            raise AsOfError(
                f"asof {when.session.date()} is before the data for {sym}, which runs from "
                f"{main.first.date()} to {main.last.date()}; pick a date in that range"
            )
        notes: list[Note] = [*when.notes, *main.notes]
        span = _span(since, from_, to, day, main)
        if span is not None and span.start not in main.values.index:
            notes.append(_span_note(main, span))
        loaded = [memo.series(o, basis) for o in others]
        out: list[Fact] = []
        subject_ctx = Context(
            memo, day, main, windows=sessions, years=years, others=tuple(loaded), span=span
        )
        if factor:
            out += _run("factor", subject_ctx)
        pairs: list[tuple[SeriesData, pd.Timestamp]] = []
        if sessions:
            out += _run("series", subject_ctx)
            for data in loaded:
                notes += data.notes
                oday = data.day_on_or_before(day)
                if oday is None:
                    raise AsOfError(
                        f"asof {day.date()} is before the data for {data.symbol}, which runs "
                        f"from {data.first.date()} to {data.last.date()}"
                    )
                if oday != day:
                    notes.append(_moved_note(data.symbol, day, oday))
                out += _run("series", Context(memo, oday, data, windows=sessions, main=False))
                common = memo.common_day(main, data, day)
                if common is not None and not main.is_yield and not data.is_yield:
                    notes += _pair_notes(memo, main, data, day, common)
                    ctx = Context(memo, common, main, data, windows=sessions)
                    out += _run("pair", ctx)
                    if span is not None:
                        out += _run("span", Context(memo, common, main, data, span=span))
                pairs.append((data, day))
            if span is not None and not loaded:
                out += _run("span", Context(memo, day, main, span=span))
            if context:
                out += _run("context", subject_ctx)
                for data, _ in pairs:
                    out += _run("pair_context", Context(memo, day, main, data, windows=sessions))
        for data in loaded if years else ():
            out += _run("long_run", Context(memo, day, main, data, years=years))
        notes += subject_ctx.notes
        return FactSet(tuple(out), when, tuple(dict.fromkeys(notes)), memo.version)

    def scoreboard(
        self,
        symbols: Sequence[str],
        periods: Iterable[str] = DEFAULT_PERIODS,
        *,
        asof: pd.Timestamp | None = None,
        since: pd.Timestamp | None = None,
        basis: Basis = "price",
    ) -> Scoreboard:
        """Returns of several series over several periods (see
        :func:`rotascope.measures.scoreboard.scoreboard`), loaded through this engine.

        Raises
        ------
        UnknownSymbol, AsOfError
            A symbol with no data, or ``asof`` before one's data.
        """
        loaded = {self.source.resolve(s): self.series(s, basis) for s in symbols}
        if asof is not None:
            for data in loaded.values():
                if asof < data.first:
                    raise AsOfError(
                        f"asof {asof.date()} is before the data for {data.symbol}, which "
                        f"runs from {data.first.date()} to {data.last.date()}"
                    )
        return scoreboard(
            {k: v.values for k, v in loaded.items() if not v.is_yield},
            periods,
            asof=asof,
            since=since,
        )


def _span(since: Any, from_: Any, to: Any, day: pd.Timestamp, main: SeriesData) -> Span | None:
    """The span a question names, checked against the as-of session and the data."""
    if since is None and from_ is None and to is None:
        return None
    if since is not None and (from_ is not None or to is not None):
        raise AsOfError("give either --since, or --from (with --to), not both")
    if since is not None:
        start, end, flag = parse_date(since, "--since"), day, True
        what = "since"
    else:
        if from_ is None:
            raise AsOfError("--to needs --from: give the first date of the span too")
        start, flag, what = parse_date(from_, "--from"), False, "from"
        end = day if to is None else parse_date(to, "--to")
        if end > day:
            raise AsOfError(
                f"--to {end.date()} is after the as-of session {day.date()}; end the span on "
                "or before it (or give a later --asof)"
            )
        if end < start:
            raise AsOfError(f"--to {end.date()} is before --from {start.date()}; swap them")
    if start > day:
        raise AsOfError(
            f"--{what} {start.date()} is after the as-of session {day.date()}; pick an earlier date"
        )
    if start < main.first:
        raise AsOfError(
            f"--{what} {start.date()} is before the data for {main.symbol}, which start on "
            f"{main.first.date()}; pick a later date"
        )
    return Span(start, end, flag)


def _span_note(main: SeriesData, span: Span) -> Note:
    base = main.day_on_or_before(span.start)
    assert base is not None
    return Note(
        "moved",
        f"{main.symbol} has no close on {fmt_date(span.start)}; the span starts from its "
        f"last close before it, {fmt_date(base)}.",
    )


def _run(scope: str, ctx: Context) -> list[Fact]:
    out: list[Fact] = []
    for kind in kinds_in(scope):
        out += kind.builder(ctx)
    return out


def _moved_note(symbol: str, day: pd.Timestamp, used: pd.Timestamp) -> Note:
    return Note(
        "moved",
        f"{symbol} has no data on {fmt_date(day)}; its facts use its last data before "
        f"it, {fmt_date(used)}.",
    )


def _pair_notes(
    memo: Memo, a: SeriesData, b: SeriesData, day: pd.Timestamp, common: pd.Timestamp
) -> list[Note]:
    al = memo.alignment(a, b)
    only_a, only_b = al.only_a[al.only_a <= day], al.only_b[al.only_b <= day]
    pair = f"{name(a.symbol)} vs {name(b.symbol)}"
    out: list[Note] = []
    if len(only_a) or len(only_b):
        recent = [d.date().isoformat() for d in (*only_a[-_SHOWN_GAPS:], *only_b[-_SHOWN_GAPS:])]
        out.append(
            Note(
                "gaps",
                f"{pair}: {len(only_a)} sessions only in the first and {len(only_b)} only in "
                "the second were left out of pair measures (never filled in); latest: "
                f"{', '.join(sorted(recent)[-_SHOWN_GAPS:])}.",
            )
        )
    if common != day:
        out.append(
            Note(
                "gaps",
                f"{pair}: the last session both have on or before {fmt_date(day)} is "
                f"{fmt_date(common)}; the pair's facts are as of that date.",
            )
        )
    return out


def _versus_list(
    versus: str | Sequence[str] | None, subject: str, resolve: Callable[[str], str]
) -> list[str]:
    if versus is None:
        return []
    items = [versus] if isinstance(versus, str) else list(versus)
    out: list[str] = []
    for v in items:
        c = resolve(v)
        if c != subject and c not in out:
            out.append(c)
    return out


_ENGINES: OrderedDict[int, FactEngine] = OrderedDict()
_ENGINES_LOCK = threading.Lock()
_MAX_ENGINES = 8


def engine_for(source: DataSource) -> FactEngine:
    """The engine kept for ``source`` (one per source object; its memo follows the
    source's data version). The last few sources' engines are kept."""
    with _ENGINES_LOCK:
        engine = _ENGINES.get(id(source))
        if engine is not None and engine.source is source:
            _ENGINES.move_to_end(id(source))
            return engine
        engine = FactEngine(source)
        _ENGINES[id(source)] = engine
        while len(_ENGINES) > _MAX_ENGINES:
            _ENGINES.popitem(last=False)
        return engine
