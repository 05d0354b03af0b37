"""The edition rules of an import (see :mod:`rotascope.store.importer`).

A labelled edition is settled before the ordinary merge: a new edition is kept apart
under its own key, the same edition with other values is refused (or replaced), and an
unlabelled copy of the same values takes the label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from rotascope.sources.parsed import COLUMNS, ParsedSeries
from rotascope.store._rows import differs, first_conflicts, insert_new, stage
from rotascope.store.results import Conflict, SeriesImport

__all__ = ["edition_plan", "series_result", "stored_editions"]


@dataclass(frozen=True)
class _Diff:
    """How a series compares with a stored key: differing values, added and removed dates."""

    differs: int
    added: int
    removed: int
    examples: tuple[Conflict, ...]


def _compare(con: duckdb.DuckDBPyConnection, s: ParsedSeries, key: str) -> _Diff:
    """Compare ``s`` with the stored rows of ``key`` (nothing is written)."""
    con.register("cmp_stage", stage([s]))
    try:
        diff = " OR ".join(differs(c) for c in COLUMNS)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE cmp AS SELECT s.symbol, s.date, "
            + ", ".join(f"p.{c} AS p_{c}, s.{c} AS s_{c}" for c in COLUMNS)
            + f", ({diff}) AS conflict FROM cmp_stage s JOIN prices p "
            "ON p.symbol = ? AND p.date = s.date",
            [key],
        )
        [(n_diff, n_common)] = con.execute(
            "SELECT count(*) FILTER (WHERE conflict), count(*) FROM cmp"
        ).fetchall()
        [(n_stored,)] = con.execute(
            "SELECT count(*) FROM prices WHERE symbol = ?", [key]
        ).fetchall()
        examples = first_conflicts(con, "cmp").get(s.key, []) if n_diff else []
        con.execute("DROP TABLE cmp")
    finally:
        con.unregister("cmp_stage")
    return _Diff(
        int(n_diff), s.rows - int(n_common), int(n_stored) - int(n_common), tuple(examples)
    )


def stored_editions(con: duckdb.DuckDBPyConnection, sid: str) -> dict[str, str]:
    """Stored editions of an id: ``{edition: key}``."""
    return dict(con.execute("SELECT edition, symbol FROM series WHERE id = ?", [sid]).fetchall())


def _drop(con: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> None:
    for key in keys:
        con.execute("DELETE FROM prices WHERE symbol = ?", [key])
        con.execute("DELETE FROM series WHERE symbol = ?", [key])


def _relabel(con: duckdb.DuckDBPyConnection, old: str, new: str, edition: str) -> None:
    """Give an unlabelled stored copy the edition label of an identical file."""
    con.execute("UPDATE prices SET symbol = ? WHERE symbol = ?", [new, old])
    con.execute("UPDATE series SET symbol = ?, edition = ? WHERE symbol = ?", [new, edition, old])


def series_result(s: ParsedSeries, status: str, **kw: object) -> SeriesImport:
    return SeriesImport(
        symbol=s.key,
        source=s.source,
        rows=s.rows,
        status=status,
        warnings=s.warnings,
        edition=s.edition,
        **{"new_rows": 0, **kw},  # type: ignore[arg-type]
    )


def edition_plan(
    con: duckdb.DuckDBPyConnection, s: ParsedSeries, *, replace: bool
) -> SeriesImport | None:
    """Settle a labelled edition before the ordinary merge.

    Returns the final result when the series is refused or written here (a replaced
    or relabelled edition is merged by the caller), ``None`` when the ordinary merge
    should handle it.
    """
    eds = stored_editions(con, s.symbol)
    if not eds:
        return None
    if s.edition in eds:  # the same edition again
        d = _compare(con, s, s.key)
        if not d.differs:
            return None  # unchanged, or extends it
        if not replace:
            return series_result(s, "refused", conflicts=d.differs, examples=d.examples)
        _drop(con, [s.key])
        insert_new(con, [s])
        return series_result(
            s,
            "replaced",
            new_rows=d.added,
            updated_rows=d.differs,
            other_edition=s.edition,
            differs=d.differs,
            removed_rows=d.removed,
            examples=d.examples,
        )
    newest = max(eds)
    d = _compare(con, s, eds[newest])
    if set(eds) == {""} and not d.differs:  # an unlabelled copy of the same data
        _relabel(con, eds[""], s.key, s.edition)
        return None
    if replace:
        _drop(con, list(eds.values()))
        insert_new(con, [s])
        return series_result(
            s,
            "replaced",
            new_rows=d.added,
            updated_rows=d.differs,
            other_edition=newest,
            differs=d.differs,
            removed_rows=d.removed,
            examples=d.examples,
        )
    insert_new(con, [s])
    return series_result(
        s,
        "edition",
        new_rows=s.rows,
        other_edition=newest,
        differs=d.differs,
        examples=d.examples,
    )
