"""MeetingSession without an app: every change reaches the store and the meeting in memory."""

from __future__ import annotations

import datetime as dt

import pytest

from minutes_tui.model import Action, Attendee
from minutes_tui.session import MeetingSession
from minutes_tui.store import StoreError

TODAY = dt.date(2025, 4, 28)  # a Monday


@pytest.fixture
def session(store):
    meeting = store.create_meeting(series="Skills", title="Workshop")
    s = MeetingSession(store, meeting.id, today=lambda: TODAY)
    s.load()
    return s


def same_as_saved(session: MeetingSession) -> None:
    """The meeting in memory is the meeting in the database."""
    saved = session.store.get_meeting(session.meeting_id)
    m = session.meeting
    assert [(t.id, t.speaker, [p.text for p in t.points]) for t in m.round_robin] == [
        (t.id, t.speaker, [p.text for p in t.points]) for t in saved.round_robin
    ]
    assert {k: [b.text for b in v] for k, v in m.sections.items() if v} == {
        k: [b.text for b in v] for k, v in saved.sections.items() if v
    }
    assert [(a.id, a.text, a.status) for a in m.actions] == [(a.id, a.text, a.status) for a in saved.actions]
    assert [(a.id, a.label, a.attendance) for a in m.attendees] == [
        (a.id, a.label, a.attendance) for a in saved.attendees
    ]


def test_points_of_a_speaker_join_their_turn_and_the_round_robin_counts_them(session):
    first_turn, _ = session.add_point("Cogent", "Trial starts in May")
    turn, point = session.add_point("cogent", "Two employers signed")
    assert turn is first_turn and len(turn.points) == 2
    session.add_point("NWDA", "No change")
    assert session.counts()["round_robin"] == 2
    session.update_point(point.id, "Three employers signed")
    session.move_turn(session.turns[1].id, -1)
    assert [t.speaker for t in session.turns] == ["NWDA", "Cogent"]
    same_as_saved(session)


def test_deleting_a_turns_only_point_deletes_the_turn(session):
    turn, point = session.add_point("Cogent", "Trial")
    assert session.delete_point(point.id) is None
    assert session.turns == []
    same_as_saved(session)


def test_mark_turn_records_no_update_for_a_new_speaker(session):
    turn = session.mark_turn("Cogent", "No update")
    assert [p.text for p in turn.points] == ["No update"]
    assert session.turns == [turn]
    same_as_saved(session)


def test_bullets_attendees_and_actions_follow_each_change(session):
    b = session.add_bullet("agreed", "Budget agreed")
    session.update_bullet("agreed", b.id, "Budget 2025/26 agreed")
    priya = session.add_attendee(Attendee("Priya", "Cogent"))
    assert session.cycle_attendance(priya.id).attendance != priya.attendance
    a = session.add_action(Action("Draft the offer", "Priya"))
    assert session.cycle_action_status(a.id).status != "open"
    same_as_saved(session)
    session.delete_bullet("agreed", b.id)
    session.delete_action(a.id)
    assert session.delete_attendee(priya.id) == []
    same_as_saved(session)


def test_moves_past_either_end_change_nothing(session):
    one = session.add_bullet("agreed", "one")
    two = session.add_bullet("agreed", "two")
    assert not session.move_bullet("agreed", one.id, -1)
    assert session.move_bullet("agreed", two.id, -1)
    assert [b.text for b in session.bullets("agreed")] == ["two", "one"]
    same_as_saved(session)


def test_an_action_typed_in_the_round_robin_is_filed_and_undone(session):
    session.add_attendee(Attendee("Priya", "Cogent"))
    turn, point = session.add_point("Cogent", "A: draft the offer @priya due:fri")
    outcome = session.file_point("round_robin", ("points", point.id), point.text)
    assert outcome.filed is not None and outcome.message.startswith("Filed in Actions: Action")
    assert [(a.text, a.owner, a.due) for a in session.meeting.actions] == [
        ("draft the offer", "Priya", dt.date(2025, 5, 2))
    ]
    assert session.turns[0].points == []
    same_as_saved(session)
    undone = session.undo_filing()
    assert undone is not None and undone.restored is not None
    assert session.meeting.actions == []
    assert [p.text for p in session.turns[0].points] == ["A: draft the offer @priya due:fri"]
    assert session.undo_filing() is None
    same_as_saved(session)


def test_a_decision_typed_in_its_own_section_keeps_its_place(session):
    session.add_bullet("agreed", "first")
    b = session.add_bullet("agreed", "D: the budget")
    session.add_bullet("agreed", "last")
    outcome = session.file_point("agreed", ("bullets", b.id), b.text)
    assert outcome.filed is not None and outcome.filed.target_section == "agreed"
    assert [x.text for x in session.bullets("agreed")] == ["first", "the budget", "last"]
    same_as_saved(session)
    session.undo_filing()
    assert [x.text for x in session.bullets("agreed")] == ["first", "D: the budget", "last"]
    same_as_saved(session)


def test_a_note_is_kept_and_a_malformed_prefix_says_why(session):
    b = session.add_bullet("overview", "Just a note")
    assert session.file_point("overview", ("bullets", b.id), b.text).filed is None
    bad = session.add_bullet("overview", "A: due:someday")
    outcome = session.file_point("overview", ("bullets", bad.id), bad.text)
    assert outcome.filed is None and outcome.problem and outcome.message.startswith("Kept as typed")
    assert [x.text for x in session.bullets("overview")] == ["Just a note", "A: due:someday"]


def test_approved_minutes_refuse_changes_and_the_meeting_says_so(session):
    session.add_bullet("agreed", "Budget agreed")
    session.approve()
    assert session.read_only
    with pytest.raises(StoreError):
        session.add_bullet("agreed", "Too late")
    assert [b.text for b in session.bullets("agreed")] == ["Budget agreed"]
    session.reopen("Typo")
    assert not session.read_only


def test_dropping_a_section_that_holds_turns_is_refused(session):
    session.add_point("Cogent", "Trial")
    layout = tuple(s for s in session.meeting.layout if s.kind != "round_robin")
    with pytest.raises(StoreError):
        session.set_layout(layout, for_series=False)
