"""The write side of the local data: import files of every kind, remove, undo, check,
update.

The :class:`~rotascope.data.port.DataSource` port only reads. Front ends that change the
local data (``rotascope data ...``, its shortcuts, the web upload) call these functions,
which own the store, so nothing above ``data/`` opens it.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "ABC.csv").write_text("Date,Close\\n2024-01-02,10\\n2024-01-03,11\\n")
>>> files, skipped = read_paths([d])
>>> [(f.kind, [s.symbol for s in f.series]) for f in files], skipped
([('series', ['ABC'])], [])
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from rotascope.errors import DataError
from rotascope.sources import UnrecognisedFormatError
from rotascope.sources.detect import ParsedFile, read_any
from rotascope.sources.parquet import is_export
from rotascope.store import CheckReport, FilesImport, ImportResult, Store, import_files

__all__ = [
    "DOCUMENT_SUFFIXES",
    "SUFFIXES",
    "check",
    "expand_paths",
    "import_parsed",
    "read_paths",
    "remove",
    "store_path",
    "undo",
    "update_all",
    "update_symbols",
    "versions",
]

#: What a folder gives: every file with one of these suffixes (recursively, sorted).
SUFFIXES = (".csv", ".txt")
#: Files that are documentation, never data (skipped with a note even when named).
DOCUMENT_SUFFIXES = (".md", ".rst", ".html", ".pdf", ".json", ".py", ".zip", ".xlsx", ".xls")


def expand_paths(paths: Iterable[Path]) -> list[tuple[Path, bool]]:
    """Files to import, each with True when it was found inside a folder.

    Files are taken as given; folders give every ``.csv``/``.txt`` inside them (recursively,
    sorted, hidden files left out).

    Examples
    --------
    >>> expand_paths([])
    []
    """
    out: list[tuple[Path, bool]] = []
    for p in paths:
        p = Path(p)
        if is_export(p):  # a Parquet folder from `data export --parquet`: read whole
            out.append((p, False))
        elif p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.suffix.lower() in SUFFIXES
                and f.is_file()
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                raise DataError("no .csv or .txt files in this folder", path=p)
            out.extend((f, True) for f in found)
        else:
            out.append((p, False))  # read_any reports missing files, loops, devices...
    return out


def read_paths(
    paths: Iterable[Path],
    *,
    symbol: str | None = None,
    column: str | None = None,
    universe: str | None = None,
    progress: Callable[[Path, int, int], None] | None = None,
    exclude: Collection[Path] = (),
) -> tuple[list[ParsedFile], list[str]]:
    """Read files and folders of any kind; return what was read and what was skipped.

    Files inside a folder that rotascope cannot read, and documentation files, are
    skipped (each with the reason); any other file named explicitly must be readable.

    Raises
    ------
    DataError
        A bad file (naming file and line), bad options, or nothing readable at all.
    """
    if column is not None and column not in ("close", "adj_close"):
        raise DataError(f"--column must be close or adj_close, not {column!r}")
    files = [(f, inside) for f, inside in expand_paths(paths) if f not in exclude]
    if symbol is not None and len(files) > 1:
        raise DataError("--symbol applies to one file; import the files one by one")
    parsed: list[ParsedFile] = []
    skipped: list[str] = []
    for i, (f, in_folder) in enumerate(files):
        if progress is not None:
            progress(f, i, len(files))
        if f.suffix.lower() in DOCUMENT_SUFFIXES and f.is_file():
            skipped.append(f"{f}: not a data file ({f.suffix} document)")
            continue
        try:
            parsed.append(read_any(f, symbol=symbol, column=column, universe=universe))
        except UnrecognisedFormatError as exc:
            if not in_folder:
                raise
            skipped.append(f"{f}: {exc.message}")
    if not parsed:
        raise DataError("no data in the files given (nothing rotascope reads)")
    return parsed, skipped


def import_parsed(files: list[ParsedFile], *, replace: bool = False) -> FilesImport:
    """Store what :func:`read_paths` read, in one transaction (see :mod:`rotascope.store.files`)."""
    return import_files(Store(), files, replace=replace)


def remove(symbol: str) -> int:
    """Delete a stored series (every edition unless ``@EDITION``); return the rows removed."""
    return Store().remove(symbol)


def undo(symbol: str) -> Any:
    """Put back the newest saved version of a series (what an import replaced); return
    the :class:`~rotascope.store.versions.UndoResult`.

    Raises
    ------
    DataError
        No saved version of ``symbol``.
    """
    return Store().undo(symbol)


def versions(symbol: str | None = None) -> list[Any]:
    """Saved versions (:class:`~rotascope.store.versions.Version`), newest first."""
    return Store().versions(symbol)


def check() -> CheckReport:
    """Verify the store (duplicates, metadata, checksums)."""
    return Store().check()


def store_path() -> Path:
    """The store file."""
    return Store().path


def update_symbols(
    symbols: Iterable[str],
    *,
    provider: str | None = None,
    offline: bool = False,
    replace: bool = False,
    status: Callable[[str, str], Any] | None = None,
) -> ImportResult:
    """Download ``symbols`` (all of them first), then import them in one transaction.

    ``status(symbol, provider)`` is called before each download (a spinner, say).
    """
    import rotascope.sources.providers as providers
    from rotascope.symbols import series_id

    series: list[Any] = []
    for sym in symbols:
        if any(s.symbol == series_id(sym) for s in series):
            continue  # already came with an earlier download (Ken French files hold several)
        source = providers.provider_for(sym, name=provider, offline=offline)
        if status is not None:
            status(sym, source.name)
        series.extend(source.fetch(sym))
    return Store().import_series(series, replace=replace)


def update_all(
    *,
    offline: bool = False,
    replace: bool = False,
    restart: bool = False,
    progress: Callable[[Any, int, int], None] | None = None,
) -> tuple[Any, list[Any], list[tuple[str, str]]]:
    """Bring every stored and bundled series current (see :mod:`rotascope.store.update`).

    Returns
    -------
    (report, jobs, skipped)
        The :class:`~rotascope.store.update.UpdateReport`, the jobs planned and the
        series no provider serves (id, reason).
    """
    import rotascope.sources.providers as providers
    from rotascope.data.local import LocalSource
    from rotascope.store.update import plan_update, run_update

    store = Store()
    inventory = LocalSource(store).inventory()
    jobs, skipped = plan_update(inventory)
    report = run_update(
        jobs,
        store,
        provider_for=lambda *a, **k: providers.provider_for(*a, **k),
        replace=replace,
        offline=offline,
        restart=restart,
        last_before=dict(zip(inventory["id"], inventory["last"], strict=True)),
        progress=progress,
    )
    return report, jobs, skipped
