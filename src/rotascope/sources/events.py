"""Event calendar files: ``date,kind[,label,reference,schedule,note]`` (CPI, FOMC, your own).

Lines starting with ``#`` are comments; column names are case-insensitive. The bundled
CPI/FOMC calendar (:mod:`rotascope.events.calendar`) and imported files are read by the
same code.

Examples
--------
>>> df = parse_events("date,kind\\n2024-11-05,election\\n", origin="mine.csv", source="user")
>>> df[["kind", "label", "schedule"]].values.tolist()
[['election', 'ELECTION', 'scheduled']]
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from rotascope.errors import DataError
from rotascope.sources._io import read_lines

__all__ = [
    "EVENT_COLUMNS",
    "is_events",
    "merge_user_events",
    "normalize_events",
    "parse_events",
    "read_events",
]

#: Columns of a calendar frame.
EVENT_COLUMNS: tuple[str, ...] = (
    "date",
    "kind",
    "label",
    "reference",
    "schedule",
    "note",
    "source",
)


def is_events(header: Sequence[str]) -> bool:
    """True when a header (lower-case cells) is an event file's: ``date`` and ``kind``."""
    return "date" in header and "kind" in header


def normalize_events(raw: pd.DataFrame, *, origin: str, source: str) -> pd.DataFrame:
    """Validate an events table and give it the calendar columns.

    Parameters
    ----------
    raw : pandas.DataFrame
        Needs ``date`` (ISO) and ``kind``; ``label``, ``reference``, ``schedule`` and
        ``note`` are optional. Column names are case-insensitive.
    origin : str
        File name for error messages.
    source : str
        ``bundled`` or ``user``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EVENT_COLUMNS`, sorted by date then kind.

    Raises
    ------
    DataError
        Missing column, unparseable date or empty kind (with the file line).
    """
    df = raw.rename(columns={c: str(c).strip().lower() for c in raw.columns})
    for col in ("date", "kind"):
        if col not in df.columns:
            raise DataError(
                f"event file needs a {col!r} column (columns: date,kind[,label,note])",
                path=origin,
            )
    dates = pd.to_datetime(df["date"].astype(str).str.strip(), format="%Y-%m-%d", errors="coerce")
    bad = dates.isna()
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(
            f"date {df['date'].iloc[pos]!r} is not YYYY-MM-DD", path=origin, line=pos + 2
        )
    kinds = df["kind"].astype(str).str.strip().str.lower()
    empty = kinds == ""
    if empty.any():
        pos = int(empty.to_numpy().nonzero()[0][0])
        raise DataError("empty event kind", path=origin, line=pos + 2)
    out = pd.DataFrame({"date": dates, "kind": kinds})
    for col in ("label", "reference", "schedule", "note"):
        out[col] = df[col].astype(str).str.strip() if col in df.columns else ""
    out["schedule"] = out["schedule"].where(out["schedule"] != "", "scheduled")
    out["label"] = out["label"].where(out["label"] != "", out["kind"].str.upper())
    out["source"] = source
    return out.sort_values(["date", "kind"], kind="stable").reset_index(drop=True)


def parse_events(text: str, *, origin: str, source: str) -> pd.DataFrame:
    """Parse the text of an event file (see :func:`normalize_events`)."""
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    try:
        raw = pd.read_csv(io.StringIO(body), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"cannot read the event calendar: {exc}", path=origin) from exc
    return normalize_events(raw, origin=origin, source=source)


def read_events(path: str | Path, *, source: str = "user") -> pd.DataFrame:
    """Read and validate an event file.

    Raises
    ------
    DataError
        Missing or unreadable file, a bad row (naming its line), or no rows.
    """
    p = Path(path)
    frame = parse_events("\n".join(read_lines(p)), origin=str(p), source=source)
    if frame.empty:
        raise DataError("event file has no rows", path=p)
    return frame


def merge_user_events(calendar: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """``calendar`` with ``extra`` events added; same date and kind: ``extra`` wins."""
    if extra.empty:
        return calendar
    cal = pd.concat([calendar, extra], ignore_index=True)
    cal = cal.drop_duplicates(["date", "kind"], keep="last")
    return cal.sort_values(["date", "kind"], kind="stable").reset_index(drop=True)
