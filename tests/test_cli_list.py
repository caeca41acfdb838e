"""`minutes list`: every meeting newest first, printed from plain rows in one pass."""

from __future__ import annotations

import datetime as dt

from support.cli import run

from minutes_tui.store import Store


def _archive(path) -> Store:
    store = Store.open(path)
    start = dt.date(2024, 1, 1)
    for n in range(11):  # ids 1..11: two-digit ids are right-aligned
        store.create_meeting(series="Board", title=f"Meeting {n}", date=start + dt.timedelta(days=n % 4))
    store.create_meeting(series="", title="", date=None)
    store.create_meeting(series="Forum\x1b[31m", title="[bold]Red[/]", date=start)
    gone = store.create_meeting(series="Board", title="Deleted", date=start)
    store.delete_meeting(gone.id)
    return store


def test_listing_gives_the_meeting_list_as_plain_rows(tmp_path):
    store = _archive(tmp_path / "m.db")
    try:
        expected = [
            (m.id, m.date.isoformat() if m.date else None, m.series, m.title, m.status)
            for m in store.list_meetings()
        ]
        assert store.listing() == expected
        assert len(expected) == 13 and expected[-1][1] is None
    finally:
        store.close()


def test_list_prints_every_meeting_newest_first_shown_literally(tmp_path):
    store = _archive(tmp_path / "m.db")
    meetings = store.list_meetings()
    store.close()
    lines = run("--db", tmp_path / "m.db", "list").output.splitlines()
    assert len(lines) == 13
    assert lines[0] == f"{meetings[0].id:>2}  2024-01-04  Board  Meeting 7  [draft]"
    assert lines[-1] == "12  ----------  -  (untitled)  [draft]"
    assert " 1  2024-01-01  Board  Meeting 0  [draft]" in lines
    assert "13  2024-01-01  Forum␛[31m  [bold]Red[/]  [draft]" in lines
    assert not any("Deleted" in line for line in lines)
