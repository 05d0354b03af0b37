"""User-supplied events: ``rotascope events import FILE``.

An event file is a CSV with a header and at least ``date`` (YYYY-MM-DD) and ``kind``
(any word: ``cpi``, ``fomc``, ``earnings``, ``election``...), optionally ``label``,
``reference``, ``schedule`` (``scheduled``/``unscheduled``) and ``note``. Lines starting
with ``#`` are comments.

Imported events are kept in ``events.csv`` inside :func:`rotascope.config.home`
(the DuckDB store did not exist yet when this was written; the file is the store of
record for user events). Importing the same date and kind again replaces the row.

Examples
--------
>>> import_events("my_events.csv")  # doctest: +SKIP
1
>>> user_events()["kind"].tolist()  # doctest: +SKIP
['election']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from rotascope.config import home
from rotascope.errors import DataError
from rotascope.events.table import COLUMNS, read_events

__all__ = ["import_events", "user_events", "user_events_path"]


def user_events_path() -> Path:
    """Where imported events are kept (``<home>/events.csv``)."""
    return home() / "events.csv"


def user_events() -> pd.DataFrame:
    """Events the user has imported (empty frame with :data:`COLUMNS` if none)."""
    path = user_events_path()
    if not path.is_file():
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS}).astype(
            {"date": "datetime64[ns]"}
        )
    return read_events(path.read_text(encoding="utf-8"), origin=str(path), source="user")


def import_events(file: str | Path) -> int:
    """Validate an event file and add its rows to the user's events.

    Parameters
    ----------
    file : str or Path
        CSV with ``date`` and ``kind`` columns (see the module docstring).

    Returns
    -------
    int
        Number of rows imported.

    Raises
    ------
    DataError
        When the file is missing, empty or has a bad row (the message names the line).
    """
    path = Path(file)
    if not path.is_file():
        raise DataError("event file not found", path=path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError("event file is not UTF-8 text", path=path) from exc
    new = read_events(text, origin=str(path), source="user")
    if new.empty:
        raise DataError("event file has no rows", path=path)
    old = user_events()
    both = pd.concat([old, new], ignore_index=True) if not old.empty else new
    both = both.drop_duplicates(["date", "kind"], keep="last")
    both = both.sort_values(["date", "kind"], kind="stable")
    out = both.drop(columns=["source"]).copy()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    target = user_events_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".csv.tmp")
    out.to_csv(tmp, index=False)
    tmp.replace(target)
    return len(new)
