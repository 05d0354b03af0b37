"""What the web app asks of the rest of rotascope, behind one injectable object.

The app never computes a measure. It asks a :class:`Backend` for series (the catalog),
facts (the fact engine), reports, streak studies and imports. :func:`default_backend`
wires in the real modules lazily, so a module that is missing only disables the
endpoints that need it (they answer 501 JSON). Tests pass stubs instead.

Examples
--------
>>> import pandas as pd
>>> s = pd.Series([1.0, 2.0], index=pd.DatetimeIndex(["2024-07-15", "2024-07-16"]))
>>> b = Backend(load=lambda sym, **kw: s, symbols=lambda: ["RUT"], data_version=lambda: "v1")
>>> b.source_of("RUT") is None
True
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from rotascope.facts.fact import Fact

__all__ = [
    "Backend",
    "FeatureMissingError",
    "StudyResult",
    "default_backend",
    "engine_over",
    "reporter_over",
    "store_importer",
]


class FeatureMissingError(RuntimeError):
    """A backend feature (engine, report, study, import) that is not installed."""

    def __init__(self, feature: str) -> None:
        self.feature = feature
        super().__init__(f"{feature} is not available in this build of rotascope")


def _none(*_args: Any, **_kwargs: Any) -> None:
    return None


@dataclass
class Backend:
    """The functions the web app calls; every one may be replaced by a stub.

    Attributes
    ----------
    load : callable
        ``load(symbol, *, column="close", asof=None, start=None, end=None) -> Series``
        with a DatetimeIndex; raises :class:`~rotascope.errors.UnknownSymbol`.
    symbols : callable
        ``symbols() -> list[str]``: every symbol that can be loaded.
    data_version : callable
        ``data_version() -> str``: changes whenever the data changes (cache key).
    source_of : callable
        ``source_of(symbol) -> str | None``: where a series came from.
    facts : callable or None
        ``facts(subject, *, versus, asof, windows) -> list[Fact]``.
    report : callable or None
        ``report(subject, *, versus, asof) -> Report`` with ``.facts`` (scored),
        ``.charts`` (dict of plotly figures) and ``.to_html()``.
    study : callable or None
        ``study(subject, *, condition, length, asof) -> object`` (see
        :func:`rotascope.web.api.study_payload`).
    import_file : callable or None
        ``import_file(path, *, symbol=None, column="close") -> object``: one
        transaction in the local store.
    """

    load: Callable[..., pd.Series]
    symbols: Callable[[], Sequence[str]]
    data_version: Callable[[], str]
    source_of: Callable[[str], str | None] = field(default=_none)
    facts: Callable[..., list[Fact]] | None = None
    report: Callable[..., Any] | None = None
    study: Callable[..., Any] | None = None
    import_file: Callable[..., Any] | None = None

    def need(self, feature: str) -> Callable[..., Any]:
        """Return the callable for ``feature`` or raise :class:`FeatureMissingError`."""
        fn = getattr(self, feature, None)
        if fn is None:
            raise FeatureMissingError(feature.replace("_", " "))
        return fn


def _optional(module: str, attr: str) -> Callable[..., Any] | None:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    return getattr(mod, attr, None)


def _facts_adapter(engine: Callable[..., list[Fact]]) -> Callable[..., list[Fact]]:
    """Call the engine with the keyword names it understands."""

    def facts(
        subject: str, *, versus: Sequence[str], asof: pd.Timestamp, windows: Sequence[int]
    ) -> list[Fact]:
        kwargs: dict[str, Any] = {"asof": asof}
        if windows:
            kwargs["windows"] = list(windows)
        if not versus:
            return list(engine(subject, versus=None, **kwargs))
        try:
            return list(engine(subject, versus=list(versus), **kwargs))
        except (TypeError, AttributeError):
            # an engine that takes one versus symbol: call once per pair, keep one
            # copy of the subject's own facts
            out: list[Fact] = []
            seen: set[str] = set()
            for other in versus:
                for f in engine(subject, versus=other, **kwargs):
                    key = f.to_json()
                    if key not in seen:
                        seen.add(key)
                        out.append(f)
            return out

    return facts


def _report_adapter(build: Callable[..., Any], loader: Any = None) -> Callable[..., Any]:
    """Call the report builder with explicit versus (the web decides the default)."""

    def report(subject: str, *, versus: Sequence[str], asof: pd.Timestamp) -> Any:
        kwargs: dict[str, Any] = {"versus": tuple(versus), "asof": asof}
        if loader is not None:
            kwargs["loader"] = lambda sym, col: loader.load(sym, column=col)
        return build(subject, **kwargs)

    return report


def reporter_over(loader: Any) -> Callable[..., Any] | None:
    """The real report builder reading through ``loader``."""
    build = _optional("rotascope.report.build", "report")
    return None if build is None else _report_adapter(build, loader)


def store_importer() -> Callable[..., Any] | None:
    """Read an uploaded file and store it in one transaction (``Store.import_series``).

    The stored ``source`` is ``upload:<file name>``, never the temporary path; errors
    name the uploaded file, not where the server kept it.
    """
    try:
        from rotascope.sources.reader import read_file
        from rotascope.store import Store
    except ImportError:
        return None

    def import_file(path: Path, *, symbol: str | None = None, column: str = "close") -> Any:
        from dataclasses import replace

        from rotascope.errors import DataError

        col = column if column in ("close", "adj_close") else None
        try:
            parsed = read_file(path, symbol=symbol, column=col)  # type: ignore[arg-type]
        except DataError as exc:
            raise DataError(exc.message, path=path.name, line=exc.line) from None
        parsed = [replace(s, source=f"upload:{path.name}") for s in parsed]
        result = Store().import_series(parsed)
        try:
            from rotascope import catalog

            catalog.clear_cache()
        except (ImportError, AttributeError):
            pass
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


@dataclass
class StudyResult:
    """What ``/api/study`` shows: facts, the episode table and forward statistics."""

    facts: list[Fact]
    episodes: Any
    stats: list[dict[str, Any]]


def _stats_rows(es: Any) -> list[dict[str, Any]]:
    rows = []
    for h in getattr(es, "horizons", sorted(es.events)):
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


def _study_adapter(load: Callable[..., pd.Series]) -> Callable[..., StudyResult] | None:
    """Streak study over ``load`` (so a stub loader also drives it)."""
    try:
        from rotascope.facts.streak_facts import streak_study, study_facts
        from rotascope.measures.streaks import parse_condition
        from rotascope.symbols import canonical
    except ImportError:
        return None

    def study(subject: str, *, condition: str, length: int, asof: pd.Timestamp) -> StudyResult:
        cond = parse_condition(condition)
        close = load(subject).rename(subject)
        other = load(canonical(cond.versus)) if cond.versus else None
        s = streak_study(close, cond, length=length, asof=asof, versus_close=other)
        return StudyResult(study_facts(s), s.episode_table(), _stats_rows(s.study))

    return study


def engine_over(loader: Any) -> Callable[..., list[Fact]] | None:
    """The real fact engine reading through ``loader`` (rebuilt when its data version changes)."""
    try:
        from rotascope.facts.engine import FactEngine
    except ImportError:
        return None
    held: dict[str, Any] = {"version": None, "engine": None}

    def engine(subject: str, versus: Any = None, asof: Any = None, **kw: Any) -> list[Fact]:
        version = loader.data_version()
        if held["engine"] is None or held["version"] != version:
            held["engine"] = FactEngine(lambda sym, col: loader.load(sym, column=col))
            held["version"] = version
        return held["engine"].facts(subject, versus=versus, asof=asof, **kw)

    return _facts_adapter(engine)


class _Bundled:
    """The bundled dataset as a catalog stand-in (used while ``rotascope.catalog`` is absent)."""

    @staticmethod
    def load(
        symbol: str, *, column: str = "close", asof: Any = None, start: Any = None, end: Any = None
    ) -> pd.Series:
        from rotascope.datasets import bundled_symbols, load_bundled
        from rotascope.errors import UnknownSymbol
        from rotascope.symbols import canonical

        frame = load_bundled(symbol)
        if frame is None or column not in frame:
            raise UnknownSymbol(symbol, bundled_symbols())
        s = frame[column].dropna().rename(canonical(symbol))
        hi = (
            end
            if asof is None
            else asof
            if end is None
            else min(pd.Timestamp(asof), pd.Timestamp(end))
        )
        return s.loc[start:hi]  # type: ignore[misc]

    @staticmethod
    def symbols() -> list[str]:
        from rotascope.datasets import bundled_symbols

        return bundled_symbols()

    @staticmethod
    def data_version() -> str:
        import hashlib
        import json

        from rotascope.datasets import bundled_manifest

        text = json.dumps(bundled_manifest(), sort_keys=True)
        return "bundled-" + hashlib.sha256(text.encode()).hexdigest()[:12]

    @staticmethod
    def source_of(symbol: str) -> str | None:
        from rotascope.datasets import bundled_manifest

        entry = bundled_manifest().get("series", {}).get(symbol, {})
        src = entry.get("source") or entry.get("source_file")
        return f"bundled dataset ({src})" if src else "bundled dataset"


def default_backend() -> Backend:
    """Wire the real catalog, engine, report, study and store import.

    Modules that are not installed leave their feature ``None`` (501 JSON).
    """
    try:
        catalog: Any = importlib.import_module("rotascope.catalog")
    except ImportError:
        catalog = _Bundled()
    engine = _optional("rotascope.facts.engine", "facts")
    build = _optional("rotascope.report.build", "report")
    importer = store_importer()
    return Backend(
        load=catalog.load,
        symbols=catalog.symbols,
        data_version=catalog.data_version,
        source_of=getattr(catalog, "source_of", _none),
        facts=_facts_adapter(engine) if engine else None,
        report=_report_adapter(build) if build else None,
        study=_study_adapter(catalog.load),
        import_file=importer,
    )
