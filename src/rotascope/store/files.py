"""Store files of every kind in one transaction: :func:`import_files`.

Series (price, rate, factor, Shiller and valuation files) are merged by
:func:`rotascope.store.versions.merge_saving` (what ``replace`` overwrites is saved for
``rotascope data undo``); membership spells and member lists
replace their universe's stored copy; events are added (same date and kind replaces);
fed funds futures prices are merged by :func:`rotascope.store.futures.write_futures`
(a file whose prices differ from the stored ones is refused unless ``replace``).
Everything a ``rotascope data import`` command read is written at once, or nothing is.

Examples
--------
>>> import tempfile, pathlib
>>> from rotascope.sources.detect import read_any
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "sp500_spells.csv").write_text("ticker,start_date,end_date\\nA,2000-06-05,\\n")
>>> res = import_files(Store(d / "s.duckdb"), [read_any(d / "sp500_spells.csv")])
>>> [(t.kind, t.universe, t.rows, t.added) for t in res.tables]
[('membership', 'SP500', 1, 1)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rotascope.sources.detect import ParsedFile
from rotascope.store.database import Store
from rotascope.store.events import write_events
from rotascope.store.futures import write_futures
from rotascope.store.importer import ImportResult
from rotascope.store.universe import write_constituents, write_membership
from rotascope.store.versions import merge_saving

__all__ = ["FilesImport", "TableImport", "import_files"]


@dataclass(frozen=True)
class TableImport:
    """What storing one membership, member-list or events file did.

    Attributes
    ----------
    source : str
        The file.
    kind : {"membership", "constituents", "events", "futures"}
    universe : str
        The index (``""`` for events and futures).
    rows : int
        Rows in the file.
    added, removed : int
        Rows that were not stored before / stored rows the file replaced away
        (membership and member lists are replaced as a whole).
    conflicts : int
        Futures: stored prices that differ from the file's.
    status : str
        Futures: ``new``, ``extended``, ``unchanged``, ``refused`` (conflicting prices,
        nothing written) or ``replaced``; ``""`` for the other kinds.
    examples : tuple of (date, contract, stored, new)
        Futures: the first few conflicting prices.
    """

    source: str
    kind: str
    universe: str
    rows: int
    added: int = 0
    removed: int = 0
    conflicts: int = 0
    status: str = ""
    examples: tuple[tuple[str, str, float, float], ...] = ()


@dataclass(frozen=True)
class FilesImport:
    """Outcome of :func:`import_files`: the series merged and the tables written."""

    series: ImportResult = field(default_factory=ImportResult)
    tables: tuple[TableImport, ...] = ()

    @property
    def changed(self) -> bool:
        """True when anything in the store changed."""
        return self.series.changed or any(
            t.added or t.removed or t.status == "replaced" for t in self.tables
        )

    @property
    def refused(self) -> tuple[TableImport, ...]:
        """Files refused as a whole (futures prices that differ from the stored ones)."""
        return tuple(t for t in self.tables if t.status == "refused")


def import_files(
    store: Store, files: Sequence[ParsedFile], *, replace: bool = False
) -> FilesImport:
    """Write everything ``files`` hold into ``store`` in one transaction.

    Parameters
    ----------
    store : Store
    files : sequence of ParsedFile
        From :func:`rotascope.sources.detect.read_any`, in the order given by the user
        (series of the same key are merged in that order).
    replace : bool
        Let conflicting values and other editions be replaced (see
        :mod:`rotascope.store.importer`).
    """
    series = [s for f in files for s in f.series]
    tables: list[TableImport] = []
    with store._writer() as con:
        result = merge_saving(con, series, replace=replace) if series else ImportResult(())
        for f in files:
            if f.table is None:
                continue
            if f.kind == "events":
                n = write_events(con, f.table, f.path)
                tables.append(TableImport(f.path, "events", "", n, n, 0))
                continue
            if f.kind == "futures":
                fut = write_futures(con, f.table, f.path, replace=replace)
                tables.append(
                    TableImport(f.path, "futures", "", fut.rows, fut.added, 0,
                                fut.conflicts, fut.status, fut.examples)
                )  # fmt: skip
                continue
            write = write_membership if f.kind == "membership" else write_constituents
            change = write(con, f.universe, f.table, f.path)
            tables.append(
                TableImport(f.path, f.kind, f.universe, change.rows, change.added, change.removed)
            )
    return FilesImport(result, tuple(tables))
