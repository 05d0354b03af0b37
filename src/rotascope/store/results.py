"""What an import did: :class:`SeriesImport` per series, :class:`ImportResult` per call.

Examples
--------
>>> SeriesImport("RUT", "RUT.csv", rows=3, new_rows=3, status="new").changed
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["Conflict", "ImportResult", "SeriesImport"]


@dataclass(frozen=True)
class Conflict:
    """A stored value that differs from the file's value on the same date."""

    date: dt.date
    column: str
    stored: float
    new: float


@dataclass(frozen=True)
class SeriesImport:
    """What importing one series did.

    Attributes
    ----------
    symbol, source : str
        Store key (``RUT``, ``ff:SMB@202604``) and file.
    rows : int
        Rows in the file.
    new_rows : int
        Dates added to the store.
    conflicts : int
        Overlapping dates whose values differ (by more than :data:`REL_TOL`) from the
        stored ones of the same series (kept unless ``replace``; for an edition, the
        reason it was refused).
    examples : tuple of Conflict
        The first few conflicts (or differences from the other edition).
    updated_rows : int
        Stored rows changed (blanks filled, or values replaced).
    status : {"new", "extended", "updated", "unchanged", "edition", "refused", "replaced"}
        Summary: ``edition`` = a new edition kept apart from the stored ones;
        ``refused`` = the same edition with different values, nothing written;
        ``replaced`` = the stored edition(s) replaced (``replace=True``).
    warnings : tuple of str
        The reader's warnings.
    edition : str
        The series' edition (``""`` when it has none).
    other_edition : str
        For ``edition`` and ``replaced``: the stored edition compared with.
    differs : int
        For ``edition`` and ``replaced``: overlapping values that differ from it.
    removed_rows : int
        For ``replaced``: stored dates the new data do not have.
    """

    symbol: str
    source: str
    rows: int
    new_rows: int
    status: str
    conflicts: int = 0
    examples: tuple[Conflict, ...] = ()
    updated_rows: int = 0
    warnings: tuple[str, ...] = ()
    edition: str = ""
    other_edition: str = ""
    differs: int = 0
    removed_rows: int = 0

    @property
    def changed(self) -> bool:
        """True when the store changed for this series."""
        return self.status not in ("unchanged", "refused")


@dataclass(frozen=True)
class ImportResult:
    """Outcome of one :meth:`Store.import_series` call (one transaction)."""

    series: tuple[SeriesImport, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        """True when anything in the store changed."""
        return any(s.changed for s in self.series)

    @property
    def new_rows(self) -> int:
        """Total dates added."""
        return sum(s.new_rows for s in self.series)

    @property
    def conflicts(self) -> int:
        """Total conflicting values."""
        return sum(s.conflicts for s in self.series)

    @property
    def refused(self) -> tuple[SeriesImport, ...]:
        """Series refused (an edition whose values differ from the stored copy)."""
        return tuple(s for s in self.series if s.status == "refused")
