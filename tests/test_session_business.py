"""The items panel's part of the meeting session (``session.business``) without an app: the current
item, items typed on one line, points filed by prefix, resolutions and votes, exemption, closing
time, voting members and the quorum news."""

from __future__ import annotations

import datetime as dt

import pytest

from minutes_tui.agenda import AgendaItem, CommitteeRules
from minutes_tui.model import BOARD_LAYOUT, Attendee, ModelError
from minutes_tui.session import MeetingSession
from minutes_tui.session.business import parse_vote_entry, parse_votes, resolution_line, split_item
from minutes_tui.store import StoreError

TODAY = dt.date(2025, 7, 14)  # a Monday
SERIES = "Skills and Employment Board"


pytestmark = pytest.mark.both_backends


@pytest.fixture
def session(store):
    meeting = store.create_meeting(
        series=SERIES, title="Board", date=TODAY, time="10:00", layout=BOARD_LAYOUT
    )
    store.set_committee_rules(SERIES, CommitteeRules(quorum=3))
    for text in ("1 Declarations of interest", "2 Minutes of the last meeting", "8 Skills alliance"):
        number, title = split_item(text)
        store.add_agenda_item(meeting.id, AgendaItem(number, title))
    s = MeetingSession(store, meeting.id, today=lambda: TODAY)
    s.load()
    return s


def saved_items(session: MeetingSession) -> list[tuple]:
    """The items as the database holds them: number, title, minute, points, resolutions, exempt."""
    return [
        (
            i.number,
            i.title,
            i.minute,
            [p.text for p in i.points],
            [(r.outcome, r.text) for r in i.resolutions],
            i.exempt,
        )
        for i in session.store.agenda_items(session.meeting_id)
    ]


def memory_items(session: MeetingSession) -> list[tuple]:
    return [
        (
            i.number,
            i.title,
            i.minute,
            [p.text for p in i.points],
            [(r.outcome, r.text) for r in i.resolutions],
            i.exempt,
        )
        for i in session.meeting.agenda
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("8.1 Budget monitoring", ("8.1", "Budget monitoring")),
        ("Item 8: Budget", ("8", "Budget")),
        ("8a) Budget", ("8a", "Budget")),
        ("12. Any other business", ("12", "Any other business")),
        ("Budget monitoring", ("", "Budget monitoring")),
        ("2025 budget", ("2025", "budget")),
    ],
)
def test_an_item_typed_on_one_line_splits_into_number_and_title(typed, expected):
    assert split_item(typed) == expected


def test_votes_are_typed_as_three_numbers():
    assert parse_votes("6 0 1") == (6, 0, 1)
    assert parse_votes("for 6, against 0, abstain 1") == (6, 0, 1)
    assert parse_votes("6/2") == (6, 2, None)
    assert parse_votes("") == (None, None, None)
    for bad in ("six", "1 2 3 4", "-1 0 0"):
        with pytest.raises(ModelError):
            parse_votes(bad)


def test_a_recorded_vote_is_typed_after_the_counts():
    assert parse_vote_entry("4 1 0 recorded: Cllr Nolan, Cllr Dennett and Cllr Shah") == (
        (4, 1, 0),
        ["Cllr Nolan", "Cllr Dennett", "Cllr Shah"],
    )
    assert parse_vote_entry("Recorded: Nolan; Okafor") == ((None, None, None), ["Nolan", "Okafor"])
    assert parse_vote_entry("6 0 1") == ((6, 0, 1), [])
    assert parse_vote_entry("") == ((None, None, None), [])
    with pytest.raises(ModelError):
        parse_vote_entry("six recorded: Nolan")


def test_items_are_added_edited_moved_and_deleted_with_minute_numbers_following(session):
    agenda = session.business
    added = agenda.add_item("9 Sale of the Crawley site")
    assert (added.number, added.title, added.minute) == ("9", "Sale of the Crawley site", "4")
    agenda.retitle(added.id, "Sale of the Crawley depot")
    assert agenda.move_item(added.id, -1)
    assert [i.minute for i in session.meeting.agenda] == ["1", "2", "3", "4"]
    assert [i.title for i in session.meeting.agenda][2] == "Sale of the Crawley depot"
    assert not agenda.move_item(session.meeting.agenda[0].id, -1)  # already first
    agenda.delete_item(session.meeting.agenda[0].id)
    assert [i.minute for i in session.meeting.agenda] == ["1", "2", "3"]
    assert memory_items(session) == saved_items(session)
    with pytest.raises(ModelError):
        agenda.add_item("   ")


def test_the_current_item_starts_first_and_moves_no_further_than_the_ends(session):
    agenda = session.business
    assert agenda.current.title == "Declarations of interest"
    assert agenda.step(-1) == (agenda.current, False)
    item, moved = agenda.step(1)
    assert moved and item.title == "Minutes of the last meeting"
    agenda.step(1)
    assert agenda.step(1)[1] is False
    assert agenda.current.title == "Skills alliance"


def test_reopened_the_current_item_is_the_last_one_minuted(session, store):
    second = session.meeting.agenda[1]
    session.business.add_point(second.id, "Approved as a correct record")
    again = MeetingSession(store, session.meeting_id, today=lambda: TODAY)
    again.load()
    assert again.business.current.id == second.id


def test_points_are_saved_under_their_item_and_prefixes_file_actions_and_resolutions(session):
    agenda = session.business
    session.add_attendee(Attendee("Priya", "Cogent SSC"))
    item = agenda.current
    point = agenda.add_point(item.id, "Members asked about the employer offer")
    agenda.update_point(point.id, "Members asked whether alliances share one employer offer")
    action_point = agenda.add_point(item.id, "A: Circulate the timetable @pri due:fri")
    outcome = agenda.file_point(action_point.id)
    assert outcome.filed is not None and "Action" in outcome.message
    action = session.meeting.actions[-1]
    assert (action.text, action.owner, action.due, action.item_id) == (
        "Circulate the timetable",
        "Priya",
        dt.date(2025, 7, 18),
        item.id,
    )
    assert session.store.get_meeting(session.meeting_id).actions[-1].item_id == item.id
    decision = agenda.add_point(item.id, "D: That the Board notes the report")
    outcome = agenda.file_point(decision.id)
    assert "RESOLVED – That the Board notes the report" in outcome.message
    plain = agenda.add_point(item.id, "Nothing to file here")
    assert agenda.file_point(plain.id).filed is None
    assert memory_items(session)[0][3:5] == (
        ["Members asked whether alliances share one employer offer", "Nothing to file here"],
        [("approved", "That the Board notes the report")],
    )
    assert memory_items(session) == saved_items(session)
    agenda.undo_filing(outcome.filed)
    assert memory_items(session)[0][3] == [
        "Members asked whether alliances share one employer offer",
        "D: That the Board notes the report",
        "Nothing to file here",
    ]
    assert memory_items(session) == saved_items(session)


def test_a_malformed_prefix_stays_a_point_and_says_why(session):
    agenda = session.business
    point = agenda.add_point(agenda.current.id, "A: Draft the offer due:someday")
    outcome = agenda.file_point(point.id)
    assert outcome.filed is None and outcome.problem and outcome.message
    assert memory_items(session) == saved_items(session)


def test_resolutions_votes_and_approved_as_recommended(session):
    agenda = session.business
    item = session.meeting.agenda[2]
    with pytest.raises(StoreError, match="no recommendation"):
        agenda.approve_as_recommended(item.id)
    session.store.update_agenda_item(item.id, recommendations=["That the Board NOTES the proposals."])
    session.load()
    resolution = agenda.approve_as_recommended(item.id)
    assert (resolution.outcome, resolution.text) == ("approved", "That the Board NOTES the proposals.")
    agenda.update_resolution(resolution.id, outcome="noted", text="That the Board notes the proposals.")
    voted = agenda.set_votes(resolution.id, "6 0 1")
    assert (
        resolution_line(voted)
        == "NOTED – That the Board notes the proposals.  (for 6, against 0, abstaining 1)"
    )
    deferred = agenda.add_resolution(item.id, "deferred", "That funding   be deferred.")
    assert deferred.text == "That funding be deferred."
    with pytest.raises(ModelError):
        agenda.set_votes(deferred.id, "many")
    agenda.delete_resolution(deferred.id)
    assert memory_items(session) == saved_items(session)
    saved = session.store.get_agenda_item(item.id).resolutions[0]
    assert (saved.votes_for, saved.votes_against, saved.abstentions) == (6, 0, 1)


def test_exempt_reason_and_closing_time(session):
    agenda = session.business
    item = session.meeting.agenda[2]
    agenda.set_exempt(item.id, "Exempt –  Part II, paragraph 3")
    assert session.store.get_agenda_item(item.id).exempt == "Exempt – Part II, paragraph 3"
    agenda.set_exempt(item.id, "")
    assert session.store.get_agenda_item(item.id).exempt == ""
    assert agenda.set_closed("1145") == "11:45"
    assert session.store.get_meeting(session.meeting_id).closed == "11:45"
    with pytest.raises(ModelError):
        agenda.set_closed("quarter to")
    assert session.store.get_meeting(session.meeting_id).closed == "11:45"


def test_the_quorum_follows_voting_members_coming_and_going(session):
    agenda = session.business
    members = [session.add_attendee(Attendee(f"Councillor {n}")) for n in ("Nolan", "Dennett", "Okafor")]
    assert agenda.quorum().label == "Quorum 3: no one voting"
    for a in members[:2]:
        agenda.set_voting(a.id, True)
    assert agenda.quorum_news() == ""  # 2 of 2, quorum 3: not quorate, as it was
    assert agenda.quorum().label == "NOT QUORATE 2/2 (quorum 3)"
    agenda.set_voting(members[2].id, True)
    assert agenda.quorum_news() == ""  # flagging a member present is not news, though quorate now
    agenda.set_voting(members[2].id, False)
    session.update_attendee(members[2].id, arrived="10:20")
    agenda.set_voting(members[2].id, True)
    session.update_attendee(members[0].id, left="10:30")
    assert agenda.quorum_news() == (
        "The meeting ceased to be quorate at 10:30, when Councillor Nolan left "
        "(2 of 3 voting members present; the quorum is 3)."
    )
    session.update_attendee(members[0].id, left="")
    session.update_attendee(members[2].id, arrived="")
    agenda.quorum_news()
    session.update_attendee(members[2].id, attendance="apologies")
    agenda.quorum_news()
    session.update_attendee(members[2].id, attendance="present", arrived="10:20")
    assert agenda.quorum().quorate
    assert agenda.quorum_news() == (
        "The meeting became quorate at 10:20, when Councillor Okafor arrived "
        "(3 of 3 voting members present; the quorum is 3)."
    )
    assert agenda.quorum_news() == ""
    session.update_attendee(members[0].id, left="11:20")
    assert agenda.quorum_news() == (
        "The meeting ceased to be quorate at 11:20, when Councillor Nolan left "
        "(2 of 3 voting members present; the quorum is 3)."
    )
    session.update_attendee(members[0].id, left="")
    assert (
        agenda.quorum_news() == "The meeting is now quorate (3 of 3 voting members present; the quorum is 3)."
    )
    session.cycle_attendance(members[1].id)  # present -> apologies: no time to name
    assert (
        agenda.quorum_news()
        == "The meeting is no longer quorate (2 of 3 voting members present; the quorum is 3)."
    )
    assert [a.voting for a in session.store.get_meeting(session.meeting_id).attendees] == [True, True, True]


def test_items_changed_in_another_window_are_taken_in(session, store):
    other = MeetingSession(store, session.meeting_id, today=lambda: TODAY)
    other.load()
    other.business.add_point(other.meeting.agenda[1].id, "Typed in the other window")
    assert "items" in session.refresh(keep=set())
    assert [p.text for p in session.meeting.agenda[1].points] == ["Typed in the other window"]
    other.business.add_item("9 Late item")
    assert session.refresh(keep={"items"}) == set() and session.held == {"items"}  # being edited: later
    assert "items" in session.refresh(keep=set())
    assert session.meeting.agenda[-1].title == "Late item"


@pytest.mark.parametrize(
    "typed, saved",
    [
        ("8", "Item 8: Skills alliance"),
        ("Item 8", "Item 8: Skills alliance"),
        (" item 8. ", "Item 8: Skills alliance"),
        ("Item 8: the alliance contract", "Item 8: the alliance contract"),  # as typed
        ("9", "9"),  # no such item
    ],
)
def test_a_declaration_on_an_item_number_names_the_item(session, typed, saved):
    attendee = session.add_attendee(Attendee("Councillor Nolan"))
    declared = session.add_declaration(attendee.id, typed, "Governor of the college")
    assert declared.item == saved
    changed = session.update_declaration(declared.id, item="2")
    assert changed.item == "Item 2: Minutes of the last meeting"
