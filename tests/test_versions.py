"""Two people, one database: row versions catch a save over someone else's, and
``data_version`` tells an app that another process changed the database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from minutes_tui.model import Action, Attendee
from minutes_tui.store import Conflict, Store
from minutes_tui.store.schema import migrations

pytestmark = pytest.mark.both_backends


@pytest.fixture
def two(tmp_path):
    """Two stores (two apps) on one database file."""
    path = tmp_path / "minutes.db"
    first, second = Store.open(path), Store.open(path)
    yield first, second
    first.close()
    second.close()


def test_a_save_over_a_point_changed_elsewhere_is_refused_and_both_texts_survive(two):
    mine, theirs = two
    meeting = mine.create_meeting(title="Board", date=dt.date(2025, 1, 10))
    turn = mine.add_turn(meeting.id, "JCP", points=["Apprentices"])
    point = turn.points[0]
    assert point.version == 0

    saved = theirs.update_point(point.id, "Apprentices: 40 placed", expected_version=point.version)
    assert saved.version == point.version + 1
    with pytest.raises(Conflict, match="changed elsewhere") as caught:
        mine.update_point(point.id, "Apprentices: 35 placed", expected_version=point.version)
    assert caught.value.current == saved  # what is saved now, for the app to show beside mine
    assert mine.get_point(point.id).text == "Apprentices: 40 placed"
    # Knowing the newer version, the app may save on purpose.
    assert (
        mine.update_point(point.id, "35 or 40?", expected_version=saved.version).version == saved.version + 1
    )
    # Without a version, the later save wins as before.
    assert theirs.update_point(point.id, "40").text == "40"


def test_every_kind_of_row_carries_a_version_checked_on_save(two):
    mine, theirs = two
    meeting = mine.create_meeting(series="Board", title="January", date=dt.date(2025, 1, 10))
    attendee = mine.add_attendee(meeting.id, Attendee("Priya", "Cogent"))
    bullet = mine.add_bullet(meeting.id, "agreed", "Budget agreed")
    turn = mine.add_turn(meeting.id, "JCP")
    action = mine.add_action(meeting.id, Action("Draft offer", "Priya"))
    declaration = mine.add_declaration(meeting.id, attendee.id, "Item 3", "Employed by Cogent")
    header = mine.get_header(meeting.id)
    edits = [
        (lambda v: theirs.update_meeting(meeting.id, title="Jan", expected_version=v), header.version),
        (lambda v: theirs.update_attendee(attendee.id, role="Chair", expected_version=v), attendee.version),
        (
            lambda v: theirs.update_bullet(bullet.id, "Budget agreed in full", expected_version=v),
            bullet.version,
        ),
        (lambda v: theirs.update_turn(turn.id, "DWP", expected_version=v), turn.version),
        (lambda v: theirs.update_action(action.id, owner="Tom", expected_version=v), action.version),
        (
            lambda v: theirs.update_declaration(declaration.id, item="Item 4", expected_version=v),
            declaration.version,
        ),
    ]
    for edit, version in edits:
        assert edit(version).version == version + 1
        with pytest.raises(Conflict) as caught:
            edit(version)
        assert caught.value.current is not None and caught.value.current.version == version + 1
    assert mine.get_header(meeting.id).title == "Jan"
    assert mine.get_action(action.id).owner == "Tom"


def test_a_matters_arising_note_changed_elsewhere_is_a_conflict(two):
    mine, theirs = two
    first = mine.create_meeting(series="Board", title="January", date=dt.date(2025, 1, 10))
    mine.add_action(first.id, Action("Draft offer", "Priya"))
    second = mine.start_next_meeting("Board", title="February")
    carried = second.matters_arising[0]
    saved = theirs.update_carried(carried.id, note="Sent", expected_version=carried.version)
    with pytest.raises(Conflict) as caught:
        mine.update_carried(carried.id, note="Not sent yet", expected_version=carried.version)
    assert caught.value.current == saved and saved.note == "Sent"
    assert mine.carried_actions(second.id)[0].note == "Sent"


def test_data_version_tells_an_app_that_another_process_saved(two):
    mine, theirs = two
    meeting = mine.create_meeting(title="Board")
    seen = mine.data_version()
    mine.add_bullet(meeting.id, "agreed", "my own change")
    assert mine.data_version() == seen  # its own saves are not news
    theirs.add_bullet(meeting.id, "agreed", "from the other app")
    assert mine.data_version() != seen
    seen = mine.data_version()
    assert mine.data_version() == seen


def test_upgrading_from_m009_gives_every_row_a_version(tmp_path):
    path = tmp_path / "minutes.db"
    db = Database(path)
    migrations.apply(db, stop_before="m010_row_versions")
    stamp = "2025-01-10T10:00:00+00:00"
    db.execute("INSERT INTO meetings (id, title, created, updated) VALUES (1, 'Old', ?, ?)", (stamp, stamp))
    db.execute("INSERT INTO bullets (meeting_id, section, text, position) VALUES (1, 'agreed', 'x', 1)")
    db.conn.commit()
    db.close()
    store = Store.open(path)
    try:
        bullet = store.get_meeting(1).sections["agreed"][0]
        assert bullet.version == 0 and store.get_header(1).version == 0
        assert store.update_bullet(bullet.id, "y", expected_version=0).version == 1
        assert store.check() == []
    finally:
        store.close()


def test_upgrading_from_m010_keeps_earlier_approvals_with_no_author(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGNAME", "jhunt")
    path = tmp_path / "minutes.db"
    db = Database(path)
    migrations.apply(db, stop_before="m011_event_authors")
    stamp = "2025-01-10T10:00:00+00:00"
    db.execute(
        "INSERT INTO meetings (id, title, status, created, updated) VALUES (1, 'Old', 'approved', ?, ?)",
        (stamp, stamp),
    )
    db.execute(
        "INSERT INTO meeting_events (meeting_id, event, reason, at) VALUES (1, 'approved', '', ?)", (stamp,)
    )
    db.conn.commit()
    db.close()
    store = Store.open(path)
    try:
        store.reopen_meeting(1, "Typo in the date")
        assert [(e.event, e.by) for e in store.meeting_history(1)] == [
            ("approved", ""),
            ("reopened", "jhunt"),
        ]
        assert store.check() == []
    finally:
        store.close()
