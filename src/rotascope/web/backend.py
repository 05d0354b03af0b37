"""What the web app asks of the rest of rotascope, behind one injectable object.

The app never computes a measure. A :class:`Backend` holds the
:class:`~rotascope.data.port.DataSource` (series, symbols, data version) and the work
the routes ask for: facts (the fact engine), reports, streak studies and imports.
:func:`default_backend` wires the real ones over a source; tests replace any of them.

Examples
--------
>>> import pandas as pd
>>> from rotascope.data import MemorySource
>>> s = pd.Series([1.0, 2.0], index=pd.DatetimeIndex(["2024-07-15", "2024-07-16"]))
>>> b = default_backend(MemorySource({"RUT": s}))
>>> b.symbols(), b.source_of("RUT")
(['RUT'], 'memory')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from rotascope.asof import AsOf
from rotascope.data.port import DataSource
from rotascope.errors import RotascopeError
from rotascope.kinds.fact import Fact

__all__ = [
    "Backend",
    "StudyResult",
    "default_backend",
    "engine_over",
    "reporter_over",
    "store_importer",
    "studier_over",
]

#: ``facts(subject, *, versus, asof, windows)`` -> FactSet or list of Fact.
FactsFn = Callable[..., Any]


@dataclass
class Backend:
    """The source and the work the web app calls; every callable may be replaced.

    Attributes
    ----------
    source : DataSource
        Series, symbols and the data version.
    facts : callable
        ``facts(subject, *, versus, asof, windows)`` with ``asof`` an
        :class:`~rotascope.asof.AsOf`; returns a FactSet (or a list of facts).
    report : callable
        ``report(subject, *, versus, asof) -> Report`` with ``.facts`` (scored),
        ``.charts`` (dict of plotly figures) and ``.to_html()``.
    study : callable
        ``study(subject, *, condition, length, asof) -> StudyResult``.
    import_file : callable or None
        ``import_file(path, *, symbol=None, column="close")``: one transaction in the
        local store; ``None`` when imports are not wired.
    """

    source: DataSource
    facts: FactsFn
    report: Callable[..., Any]
    study: Callable[..., Any]
    import_file: Callable[..., Any] | None = field(default=None)

    def load(
        self,
        symbol: str,
        *,
        column: str = "close",
        start: pd.Timestamp | None = None,
        end: pd.Timestamp | None = None,
    ) -> pd.Series:
        """One column of ``symbol`` between ``start`` and ``end`` (inclusive)."""
        return self.source.series(symbol, column).loc[start:end]

    def symbols(self) -> list[str]:
        """Every symbol of the source."""
        return list(self.source.symbols())

    def data_version(self) -> str:
        """The source's data version (part of every cache key)."""
        return str(self.source.version())

    def source_of(self, symbol: str) -> str | None:
        """Where ``symbol``'s values come from, in words."""
        try:
            return self.source.info(symbol).origin
        except RotascopeError:
            return None


def engine_over(source: DataSource) -> FactsFn:
    """The fact engine over ``source`` (its memo follows the source's data version)."""
    from rotascope.kinds.engine import DEFAULT_WINDOWS, engine_for

    def facts(subject: str, *, versus: Sequence[str], asof: AsOf, windows: Sequence[int]) -> Any:
        return engine_for(source).facts(
            subject,
            versus=list(versus) or None,
            asof=asof,
            windows=tuple(windows) or DEFAULT_WINDOWS,
        )

    return facts


def reporter_over(source: DataSource) -> Callable[..., Any]:
    """The report builder over ``source``."""

    def report(subject: str, *, versus: Sequence[str], asof: AsOf) -> Any:
        from rotascope.render.build import report as build

        return build(subject, tuple(versus), asof, source=source)

    return report


@dataclass
class StudyResult:
    """What ``/api/study`` shows: facts, the episode table and forward statistics."""

    facts: list[Fact]
    episodes: Any
    stats: list[dict[str, Any]]


def _stats_rows(es: Any) -> list[dict[str, Any]]:
    rows = []
    for h in es.horizons:
        ev, base = es.events.get(h), es.base.get(h)
        row: dict[str, Any] = {"horizon": int(h)}
        for prefix, st in (("", ev), ("base_", base)):
            if st is None:
                continue
            for name in ("count", "mean", "median", "share_positive", "best", "worst"):
                row[prefix + name] = getattr(st, name, None)
        row["t_stat"] = es.t_stat.get(h)
        row["p_boot"] = es.p_boot.get(h)
        rows.append(row)
    return rows


def studier_over(source: DataSource) -> Callable[..., StudyResult]:
    """The streak study over ``source``."""

    def study(subject: str, *, condition: str, length: int, asof: pd.Timestamp) -> StudyResult:
        from rotascope.kinds._study import streak_study
        from rotascope.kinds.event_study import study_facts
        from rotascope.measures.streaks import parse_condition

        cond = parse_condition(condition)
        close = source.series(subject)
        other = source.series(cond.versus) if cond.versus else None
        s = streak_study(close, cond, length=length, asof=asof, versus_close=other)
        return StudyResult(study_facts(s), s.episode_table(), _stats_rows(s.study))

    return study


def store_importer() -> Callable[..., Any]:
    """Read an uploaded file and store it in one transaction (``Store.import_series``).

    The stored ``source`` is ``upload:<file name>``, never the temporary path; errors
    name the uploaded file, not where the server kept it.
    """

    def import_file(path: Path, *, symbol: str | None = None, column: str = "close") -> Any:
        from dataclasses import replace

        from rotascope.errors import DataError
        from rotascope.sources.reader import read_file
        from rotascope.store import Store

        col = column if column in ("close", "adj_close") else None
        try:
            parsed = read_file(path, symbol=symbol, column=col)  # type: ignore[arg-type]
        except DataError as exc:
            raise DataError(exc.message, path=path.name, line=exc.line) from None
        parsed = [replace(s, source=f"upload:{path.name}") for s in parsed]
        result = Store().import_series(parsed)
        return [
            {
                "symbol": s.symbol,
                "rows": s.rows,
                "new_rows": s.new_rows,
                "status": s.status,
                "conflicts": s.conflicts,
                "warnings": "; ".join(s.warnings),
            }
            for s in result.series
        ]

    return import_file


def default_backend(source: DataSource) -> Backend:
    """The real engine, report, study and store import over ``source``."""
    return Backend(
        source=source,
        facts=engine_over(source),
        report=reporter_over(source),
        study=studier_over(source),
        import_file=store_importer(),
    )
