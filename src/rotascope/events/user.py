"""User-supplied events: ``rotascope data import FILE`` (or ``rotascope events import FILE``).

An event file is a CSV with a header and at least ``date`` (YYYY-MM-DD) and ``kind``
(any word: ``cpi``, ``fomc``, ``earnings``, ``election``...), optionally ``label``,
``reference``, ``schedule`` (``scheduled``/``unscheduled``) and ``note``. Lines starting
with ``#`` are comments.

Imported events are kept in the local store's ``events`` table; importing the same date
and kind again replaces the row. Events imported by the first release into
``events.csv`` in the rotascope home are still read, and are moved into the store the
next time events are imported.

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

from rotascope.errors import DataError
from rotascope.sources.events import merge_user_events, parse_events, read_events
from rotascope.store import Store
from rotascope.store.events import load_events, write_events

__all__ = ["import_events", "legacy_events_path", "user_events", "user_events_path"]


def legacy_events_path(store: Store | None = None) -> Path:
    """Where the first release kept imported events (``events.csv`` beside the store)."""
    return (store or Store()).path.parent / "events.csv"


def user_events_path() -> Path:
    """Where imported events are kept: the local store file."""
    return Store().path


def _legacy(store: Store) -> pd.DataFrame | None:
    path = legacy_events_path(store)
    if not path.is_file():
        return None
    return parse_events(path.read_text(encoding="utf-8"), origin=str(path), source="user")


def user_events(store: Store | None = None) -> pd.DataFrame:
    """Events the user has imported (empty frame with the calendar columns if none)."""
    store = store or Store()
    stored = load_events(store)
    legacy = _legacy(store)
    if legacy is None or legacy.empty:
        return stored
    return merge_user_events(legacy, stored)  # the store's rows win


def import_events(file: str | Path, store: Store | None = None) -> int:
    """Validate an event file and add its rows to the user's events (one transaction).

    Parameters
    ----------
    file : str or Path
        CSV with ``date`` and ``kind`` columns (see the module docstring).
    store : Store, optional
        Default: the store under ``$ROTASCOPE_HOME``.

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
    new = read_events(path)
    store = store or Store()
    legacy = _legacy(store)
    with store._writer() as con:
        if legacy is not None and not legacy.empty:
            write_events(con, legacy, str(legacy_events_path(store)))
        n = write_events(con, new, str(path))
    if legacy is not None:
        old = legacy_events_path(store)
        old.replace(old.with_name("events.csv.imported"))
    return n
