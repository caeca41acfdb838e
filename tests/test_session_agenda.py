"""The meeting session's agenda items (what the app's items panel uses), without an app."""

from __future__ import annotations

import datetime as dt

import pytest

from minutes_tui.agenda import AgendaItem, CommitteeRules
from minutes_tui.model import BOARD_LAYOUT, Attendee
from minutes_tui.session import MeetingSession
from minutes_tui.store import Conflict, Store

MEETING_DAY = dt.date(2025, 7, 14)


pytestmark = pytest.mark.both_backends


@pytest.fixture
def session(store):
    meeting = store.create_meeting(series="Board", title="Board", date=MEETING_DAY, layout=BOARD_LAYOUT)
    s = MeetingSession(store, meeting.id, today=lambda: dt.date(2025, 12, 1))
    s.load()
    return s


def same_as_saved(session: MeetingSession) -> None:
    saved = session.store.get_meeting(session.meeting_id)
    assert session.meeting.agenda == saved.agenda
    assert [(a.id, a.item_id) for a in session.meeting.actions] == [(a.id, a.item_id) for a in saved.actions]


def test_items_added_moved_and_deleted_keep_their_minute_numbers_in_step(session):
    first = session.add_agenda_item(AgendaItem("1", "Apologies"))
    second = session.add_agenda_item(AgendaItem("2", "Budget"))
    session.add_agenda_item(AgendaItem("0", "Welcome"), 0)
    assert [(i.minute, i.title) for i in session.agenda] == [
        ("1", "Welcome"),
        ("2", "Apologies"),
        ("3", "Budget"),
    ]
    assert session.move_agenda_item(second.id, -2)
    assert [i.title for i in session.agenda] == ["Budget", "Welcome", "Apologies"]
    assert not session.move_agenda_item(second.id, -1)
    session.delete_agenda_item(first.id)
    assert [(i.minute, i.title) for i in session.agenda] == [("1", "Budget"), ("2", "Welcome")]
    assert session.item_after(None).title == "Budget"
    assert session.item_after(second.id).title == "Welcome"
    assert session.item_after(session.agenda[-1].id) is None
    assert session.counts()["items"] == 2
    same_as_saved(session)


def test_points_file_under_their_item_and_undo(session):
    item = session.add_agenda_item(AgendaItem("8", "Crawley site", recommendations=["That the site be sold"]))
    session.add_attendee(Attendee("Alison Plant"))
    point = session.add_item_point(item.id, "A: instruct agents @Alison due:+1w")
    assert (
        session.file_item_point(item.id, session.add_item_point(item.id, "Members asked about timing").id)
        is None
    )
    filed = session.file_item_point(item.id, point.id)
    assert filed is not None and filed.kind == "action"
    (action,) = session.meeting.actions
    assert (action.item_id, action.owner, action.due) == (item.id, "Alison Plant", dt.date(2025, 7, 21))
    assert [p.text for p in session.agenda_item(item.id).points] == ["Members asked about timing"]
    same_as_saved(session)
    session.undo_item_filing(filed)
    assert session.meeting.actions == []
    assert [p.text for p in session.agenda_item(item.id).points][0].startswith("A: instruct agents")
    decided = session.add_item_point(item.id, "D: That the site be sold to the highest bidder")
    session.file_item_point(item.id, decided.id)
    resolution = session.approve_as_recommended(item.id)
    assert [r.text for r in session.agenda_item(item.id).resolutions] == [
        "That the site be sold to the highest bidder",
        "That the site be sold",
    ]
    session.update_resolution(item.id, resolution.id, outcome="approved as amended", votes_for=5)
    assert session.agenda_item(item.id).resolutions[1].votes_for == 5
    same_as_saved(session)


def test_a_point_changed_in_another_window_keeps_both(tmp_path):
    mine, theirs = Store.open(tmp_path / "shared.db"), Store.open(tmp_path / "shared.db")
    try:
        meeting = mine.create_meeting(title="Board", layout=BOARD_LAYOUT)
        item = mine.add_agenda_item(meeting.id, AgendaItem("1", "Budget"))
        point = mine.add_item_point(item.id, "first words")
        session = MeetingSession(mine, meeting.id)
        session.load()
        theirs.update_item_point(point.id, "their words")
        session.update_item_point(item.id, point.id, "my words")
        assert [p.text for p in session.agenda_item(item.id).points] == ["their words", "my words"]
        assert session.take_notices()
        theirs.update_agenda_item(item.id, title="Budget 2025/26")
        with pytest.raises(Conflict):
            session.update_agenda_item(item.id, title="Budget (revised)")
        assert session.agenda_item(item.id).title == "Budget 2025/26"
        theirs.add_agenda_item(meeting.id, AgendaItem("2", "Added elsewhere"))
        assert session.changed_elsewhere()
        assert "items" in session.refresh(set())
        assert [i.title for i in session.agenda] == ["Budget 2025/26", "Added elsewhere"]
    finally:
        mine.close()
        theirs.close()


def test_the_quorum_as_the_header_shows_it(session, store):
    assert session.quorum_now() == (0, 0, None)
    store.set_committee_rules("Board", CommitteeRules(quorum=2))
    for name, arrived in (("Nolan", ""), ("Okafor", "10:30")):
        store.add_attendee(session.meeting_id, Attendee(name, voting=True, arrived=arrived))
    store.update_meeting(session.meeting_id, time="10:00")
    session.load()
    assert session.quorum_now() == (1, 2, False)
    assert session.quorum_now("10:45") == (2, 2, True)
