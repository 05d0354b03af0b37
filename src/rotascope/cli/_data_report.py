"""How ``rotascope data import`` (and its shortcuts) report what an import did."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["report_import"]


def _series_table(result: Any, limit: int) -> Table | None:
    rows = list(result.series.series)
    if not rows:
        return None
    interesting = [s for s in rows if s.status not in ("new", "unchanged") or s.conflicts]
    shown = rows if len(rows) <= limit else interesting[:limit]
    title = (
        "Series"
        if len(shown) == len(rows)
        else (f"Series ({len(shown)} of {len(rows)} shown: those not simply new or unchanged)")
    )
    table = Table(title=title)
    for col, justify in (
        ("file", "left"),
        ("series", "left"),
        ("rows", "right"),
        ("new rows", "right"),
        ("differ", "right"),
        ("status", "left"),
    ):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for s in shown:
        status = s.status
        if s.status in ("edition", "replaced") and s.other_edition:
            status += f" (vs {s.other_edition})"
        differ = s.conflicts or s.differs
        table.add_row(
            Path(s.source).name,
            s.symbol,
            f"{s.rows:,}",
            f"{s.new_rows:,}",
            f"{differ:,}" if differ else "",
            status,
        )
    return table if shown else None


def _futures_line(t: Any, out: Console) -> None:
    """What storing one futures file did (refused: the differing prices)."""
    name = Path(t.source).name
    shown = "; ".join(f"{c} on {d} stored {a:g}, file {b:g}" for d, c, a, b in t.examples)
    if t.status == "refused":
        out.print(
            f"[red]refused[/] {name}: {t.conflicts:,} futures prices differ from the stored "
            f"ones, e.g. {shown}; nothing of it was written (--replace to replace them)",
            highlight=False,
        )
        return
    if t.status == "unchanged":
        out.print(f"{name}: {t.rows:,} futures prices, all stored already", highlight=False)
        return
    line = f"{name}: {t.rows:,} futures prices stored ({t.added:,} new"
    if t.status == "replaced":
        line += f", {t.conflicts:,} replaced, e.g. {shown}"
    out.print(line + ")", highlight=False)


def report_import(result: Any, out: Console, *, limit: int = 60) -> None:
    """Print a :class:`~rotascope.store.FilesImport`: a table of the series (only the ones
    not simply new or unchanged when there are more than ``limit``), warnings, conflicts,
    editions kept apart or refused, the universes and events stored, a summary line."""
    table = _series_table(result, limit)
    if table is not None:
        out.print(table)
    seen: set[tuple[str, str]] = set()
    for s in result.series.series:
        for w in s.warnings:
            if (s.source, w) not in seen:
                seen.add((s.source, w))
                out.print(
                    f"[yellow]warning[/] {Path(s.source).name} {s.symbol}: {w}", highlight=False
                )
        shown = "; ".join(
            f"{c.date} {c.column} stored {c.stored:g}, file {c.new:g}" for c in s.examples[:3]
        )
        if s.status == "refused":
            out.print(
                f"[red]refused[/] {s.symbol} ({Path(s.source).name}): the same edition is "
                f"stored with {s.conflicts:,} different values, e.g. {shown}; nothing of it "
                "was written (--replace to replace the stored copy)",
                highlight=False,
            )
        elif s.status == "edition":
            out.print(
                f"[cyan]edition[/] {s.symbol}: kept apart from edition {s.other_edition or '?'}"
                f" ({s.differs:,} overlapping values differ); it is now the default, the "
                f"older one stays as {s.symbol.split('@')[0]}@{s.other_edition}",
                highlight=False,
            )
        elif s.status == "replaced":
            out.print(
                f"[cyan]replaced[/] {s.symbol}: {s.differs:,} values changed, "
                f"{s.new_rows:,} dates added, {s.removed_rows:,} removed",
                highlight=False,
            )
        elif s.conflicts:
            kept = "replaced" if s.updated_rows >= s.conflicts else "stored values kept"
            out.print(
                f"[yellow]conflicts[/] {s.symbol} ({Path(s.source).name}): {s.conflicts:,} "
                f"dates differ ({kept}), e.g. {shown}",
                highlight=False,
            )
    for t in result.tables:
        if t.kind == "futures":
            _futures_line(t, out)
            continue
        what = {"membership": "membership spells", "constituents": "members", "events": "events"}
        where = f" of {t.universe}" if t.universe else ""
        out.print(
            f"{Path(t.source).name}: {t.rows:,} {what[t.kind]}{where} stored "
            f"({t.added:,} new, {t.removed:,} removed)",
            highlight=False,
        )
    res = result.series
    if res.series:
        files = len({s.source for s in res.series})
        line = (
            f"{len(res.series)} series from {files} file(s): {res.new_rows:,} new rows, "
            f"{sum(1 for s in res.series if s.status == 'unchanged')} unchanged"
        )
        editions = sum(1 for s in res.series if s.status == "edition")
        if editions:
            line += f", {editions} new editions kept apart"
        if res.conflicts:
            line += f", {res.conflicts:,} conflicting values"
        out.print(line, highlight=False)
