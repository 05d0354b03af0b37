r"""The event table's columns and its reader, shared by the bundled calendar and the
user's events (:mod:`rotascope.events.calendar`, :mod:`rotascope.events.user`).

Examples
--------
>>> read_events("date,kind\n2024-07-11,cpi\n", origin="x.csv", source="user")["label"].tolist()
['CPI']
"""

from __future__ import annotations

import io

import pandas as pd

from rotascope.errors import DataError

__all__ = ["COLUMNS", "normalize", "read_events"]

#: Columns of a calendar frame.
COLUMNS: tuple[str, ...] = ("date", "kind", "label", "reference", "schedule", "note", "source")


def read_events(text: str, origin: str, source: str) -> pd.DataFrame:
    """Read an event CSV (lines starting with ``#`` are comments) into the calendar
    columns (see :func:`normalize`)."""
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    try:
        raw = pd.read_csv(io.StringIO(body), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"cannot read the event calendar: {exc}", path=origin) from exc
    return normalize(raw, origin=origin, source=source)


def normalize(raw: pd.DataFrame, *, origin: str, source: str) -> pd.DataFrame:
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
        Columns :data:`COLUMNS`, sorted by date then kind.

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
