"""Macro event calendar (CPI, FOMC) and user-imported events."""

from rotascope.events.calendar import COLUMNS, bundled_calendar, event_dates, load_calendar
from rotascope.events.user import import_events, user_events, user_events_path

__all__ = [
    "COLUMNS",
    "bundled_calendar",
    "event_dates",
    "import_events",
    "load_calendar",
    "user_events",
    "user_events_path",
]
