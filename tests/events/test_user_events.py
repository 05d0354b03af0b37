"""User event import: validation, storage in the rotascope home, merge with the calendar."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from rotascope.errors import DataError
from rotascope.events import event_dates, import_events, load_calendar, user_events


def test_import_and_merge(rotascope_home: Path, tmp_path: Path) -> None:
    f = tmp_path / "mine.csv"
    f.write_text("# my events\nDate,Kind,Label\n2024-11-05,election,US election\n"
                 "2024-07-11,cpi,CPI June 2024 (mine)\n")  # fmt: skip
    assert import_events(f) == 2
    assert (rotascope_home / "rotascope.duckdb").is_file()  # kept in the store
    ue = user_events()
    assert ue["kind"].tolist() == ["cpi", "election"]
    assert (ue["source"] == "user").all()
    assert event_dates("election").tolist() == [pd.Timestamp("2024-11-05")]
    cal = load_calendar()
    row = cal[(cal["date"] == "2024-07-11") & (cal["kind"] == "cpi")]
    assert len(row) == 1 and row["label"].iloc[0] == "CPI June 2024 (mine)"
    # importing the same date and kind again replaces the row
    g = tmp_path / "again.csv"
    g.write_text("date,kind,label\n2024-11-05,election,changed\n")
    import_events(g)
    ue = user_events()
    assert len(ue) == 2
    assert ue.loc[ue["kind"] == "election", "label"].iloc[0] == "changed"


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("when,kind\n2024-01-01,x\n", "'date' column"),
        ("date,kind\n2024-13-01,x\n", "line 2"),
        ("date,kind\n2024-01-02,x\n01/03/2024,x\n", "line 3"),
        ("date,kind\n2024-01-02,\n", "empty event kind"),
        ("date,kind\n", "no rows"),
    ],
)
def test_bad_files(rotascope_home: Path, tmp_path: Path, content: str, match: str) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(content)
    with pytest.raises(DataError, match=match):
        import_events(f)
    assert user_events().empty


def test_missing_file(rotascope_home: Path, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        import_events(tmp_path / "nope.csv")


def test_events_of_the_first_release_are_kept_and_moved_into_the_store(
    rotascope_home: Path, tmp_path: Path
) -> None:
    (rotascope_home / "events.csv").write_text(
        "date,kind,label,reference,schedule,note\n2024-11-05,election,US election,,scheduled,\n"
    )
    assert user_events()["kind"].tolist() == ["election"]  # read where it was
    f = tmp_path / "more.csv"
    f.write_text("date,kind\n2025-01-20,inauguration\n")
    import_events(f)
    assert not (rotascope_home / "events.csv").exists()
    assert (rotascope_home / "events.csv.imported").exists()
    assert user_events()["kind"].tolist() == ["election", "inauguration"]
