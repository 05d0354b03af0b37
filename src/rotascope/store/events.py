"""Imported events in the store (``events`` table), beside the bundled CPI/FOMC calendar.

Importing an event with the same date and kind as a stored one replaces it.

Examples
--------
>>> import tempfile, pathlib
>>> load_events(Store(pathlib.Path(tempfile.mkdtemp()) / "s.duckdb")).empty
True
"""

from __future__ import annotations

import duckdb
import pandas as pd

from rotascope.sources.events import EVENT_COLUMNS
from rotascope.store.database import Store

__all__ = ["load_events", "save_events", "write_events"]

_STORED = ("date", "kind", "label", "reference", "schedule", "note", "source")


def write_events(con: duckdb.DuckDBPyConnection, events: pd.DataFrame, source: str = "") -> int:
    """Add events through ``con`` (same date and kind replaces); return how many."""
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(events["date"]).dt.date,
            **{
                c: events[c].astype(str) for c in ("kind", "label", "reference", "schedule", "note")
            },
            "source": source,
        }
    ).drop_duplicates(["date", "kind"], keep="last")
    con.register("incoming_events", frame)
    try:
        con.execute(
            "DELETE FROM events e WHERE EXISTS (SELECT 1 FROM incoming_events i "
            "WHERE i.date = e.date AND i.kind = e.kind)"
        )
        con.execute(f"INSERT INTO events SELECT {', '.join(_STORED)} FROM incoming_events")
    finally:
        con.unregister("incoming_events")
    return len(frame)


def save_events(store: Store, events: pd.DataFrame, source: str = "") -> int:
    """Add events in one transaction (see :func:`write_events`)."""
    with store._writer() as con:
        return write_events(con, events, source)


def load_events(store: Store) -> pd.DataFrame:
    """Stored events with the calendar columns (``source`` = ``user``), sorted by date."""
    empty = pd.DataFrame({c: pd.Series(dtype="object") for c in EVENT_COLUMNS}).astype(
        {"date": "datetime64[ns]"}
    )
    with store._reader() as con:
        if con is None:
            return empty
        df = con.execute(
            "SELECT date, kind, label, reference, schedule, note FROM events ORDER BY date, kind"
        ).df()
    if df.empty:
        return empty
    df["date"] = pd.to_datetime(df["date"]).astype("datetime64[ns]")
    df["source"] = "user"
    return df[list(EVENT_COLUMNS)].reset_index(drop=True)
