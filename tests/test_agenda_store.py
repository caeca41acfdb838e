"""Committee business in the store: agenda items, minute numbers, resolutions, filing, the register."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from minutes_tui.agenda import (
    AgendaItem,
    CommitteeRules,
    Resolution,
    public_version,
    quorum_change_text,
    quorum_changes,
    quorum_statement,
)
from minutes_tui.model import BOARD_LAYOUT, Action, Attendee, Meeting, ModelError, Point
from minutes_tui.prefixes import parse_point
from minutes_tui.store import Conflict, Locked, Store
from minutes_tui.store.schema import migrations

pytestmark = pytest.mark.both_backends
TODAY = dt.date(2025, 7, 14)


def board(store: Store, date: str = "2025-07-14", series: str = "Skills Board") -> Meeting:
    return store.create_meeting(series=series, title="Board", date=date, layout=BOARD_LAYOUT)


def minutes_of(store: Store, meeting: Meeting) -> list[tuple[str, str]]:
    return [(i.minute, i.title) for i in store.agenda_items(meeting.id)]


def test_items_keep_every_field_and_are_numbered_in_meeting_order(store):
    meeting = board(store)
    item = store.add_agenda_item(
        meeting.id,
        AgendaItem(
            "8.1",
            "Regional Skills Alliance",
            paper="SEB/25/07",
            presenter="A. Plant",
            purpose="For decision",
            recommendations=["That the Board NOTES the proposals", "That the Board AGREES the timescale"],
            summary="Six local alliances.",
            exempt="",
            points=[Point("Members asked about one employer offer")],
            resolutions=[Resolution("noted", "That the Board notes the proposals", 6, 0, 1)],
        ),
    )
    assert (item.number, item.purpose, item.minute) == ("8.1", "decision", "1")
    again = store.get_meeting(meeting.id).agenda[0]
    assert again == item
    assert again.recommendations[1] == "That the Board AGREES the timescale"
    assert again.resolutions[0].abstentions == 1
    second = store.add_agenda_item(meeting.id, AgendaItem("2", "Apologies"), 0)
    assert minutes_of(store, meeting) == [("1", "Apologies"), ("2", "Regional Skills Alliance")]
    store.move_agenda_item(second.id, 5)
    assert minutes_of(store, meeting) == [("1", "Regional Skills Alliance"), ("2", "Apologies")]
    store.delete_agenda_item(item.id)
    assert minutes_of(store, meeting) == [("1", "Apologies")]


def test_running_minute_numbers_run_on_through_the_series_year(store):
    store.set_committee_rules("Skills Board", CommitteeRules(numbering="running", first_minute=37))
    june = board(store, "2024-06-12")
    july = board(store, "2024-07-14")
    other = board(store, "2024-07-01", series="Cabinet")
    for title in ("Declarations", "Minutes"):
        store.add_agenda_item(june.id, AgendaItem(title=title))
    store.add_agenda_item(other.id, AgendaItem(title="Elsewhere"))
    store.add_agenda_item(july.id, AgendaItem(title="Declarations"))
    store.add_agenda_item(july.id, AgendaItem(title="Progress report"))
    assert minutes_of(store, june) == [("24/37", "Declarations"), ("24/38", "Minutes")]
    assert minutes_of(store, july) == [("24/39", "Declarations"), ("24/40", "Progress report")]
    assert minutes_of(store, other) == [("1", "Elsewhere")]
    january = board(store, "2025-01-20")
    store.add_agenda_item(january.id, AgendaItem(title="New year"))
    assert minutes_of(store, january) == [("25/37", "New year")]


def test_item_fields_are_checked_and_a_stale_version_is_refused(store):
    meeting = board(store)
    item = store.add_agenda_item(meeting.id, AgendaItem("3", "Budget"))
    with pytest.raises(ModelError, match="purpose"):
        store.update_agenda_item(item.id, purpose="for lunch")
    with pytest.raises(ModelError, match="agenda number"):
        store.update_agenda_item(item.id, number="see the paper attached")
    updated = store.update_agenda_item(item.id, title="Budget 2025/26", expected_version=item.version)
    with pytest.raises(Conflict) as caught:
        store.update_agenda_item(item.id, title="Budget", expected_version=item.version)
    assert caught.value.current.title == "Budget 2025/26" == updated.title
    resolution = store.add_resolution(item.id, Resolution("deferred", "That the item be deferred"))
    with pytest.raises(ModelError, match="votes for"):
        store.update_resolution(resolution.id, votes_for=-1)
    with pytest.raises(ModelError, match="outcome"):
        store.update_resolution(resolution.id, outcome="postponed")
    store.update_resolution(resolution.id, outcome="approved as amended", recorded=["Nolan", "Dennett"])
    assert store.get_resolution(resolution.id).outcome == "approved_as_amended"
    assert store.get_resolution(resolution.id).recorded == ["Nolan", "Dennett"]


def test_approved_as_recommended_copies_the_recommendations(store):
    meeting = board(store)
    item = store.add_agenda_item(meeting.id, AgendaItem("4", "Plan", recommendations=["That A", "That B"]))
    resolution = store.approve_as_recommended(item.id)
    assert (resolution.outcome, resolution.text) == ("approved", "That A\nThat B")
    bare = store.add_agenda_item(meeting.id, AgendaItem("5", "No paper"))
    with pytest.raises(Exception, match="no recommendation"):
        store.approve_as_recommended(bare.id)


def test_points_file_as_actions_under_their_item_or_as_resolutions_and_undo(store):
    meeting = board(store)
    item = store.add_agenda_item(meeting.id, AgendaItem("6", "Crawley site"))
    point = store.add_item_point(item.id, "A: valuation report @Plant due:+2w")
    filed = store.file_item_point(
        item.id, parse_point(point.text, today=TODAY, people=["A. Plant"]), point.id
    )
    assert filed.kind == "action"
    saved = store.get_meeting(meeting.id)
    assert saved.agenda[0].points == []
    assert saved.actions[0].item_id == item.id and saved.actions[0].text == "valuation report"
    restored = store.undo_item_filing(filed)
    assert restored is not None and restored.text == point.text
    assert store.get_meeting(meeting.id).actions == []
    decided = store.file_item_point(
        item.id, parse_point("D: That the site be sold", today=TODAY), restored.id
    )
    assert decided.kind == "resolution"
    assert [(r.outcome, r.text) for r in store.get_agenda_item(item.id).resolutions] == [
        ("approved", "That the site be sold")
    ]


def test_approved_minutes_lock_items_and_keep_each_actions_item(store):
    meeting = board(store)
    item = store.add_agenda_item(meeting.id, AgendaItem("7", "Risks"))
    store.add_action(meeting.id, Action("Update the register", "JH", item_id=item.id))
    store.approve_meeting(meeting.id)
    for change in (
        lambda: store.update_agenda_item(item.id, title="x"),
        lambda: store.add_agenda_item(meeting.id, AgendaItem(title="late")),
        lambda: store.add_resolution(item.id, Resolution()),
        lambda: store.add_item_point(item.id, "late"),
    ):
        with pytest.raises(Locked):
            change()
    assert store.get_meeting(meeting.id).actions[0].item_id == item.id


def test_a_whole_meeting_saves_its_items_and_links_actions_by_place(store):
    meeting = Meeting(series="Board", title="Imported", layout=BOARD_LAYOUT, closed="11:45")
    meeting.agenda = [AgendaItem("1", "First", exempt="Part II"), AgendaItem("2", "Second")]
    meeting.actions = [Action("Plain"), Action("Under second", item_index=1)]
    saved = store.add_meeting(meeting)
    assert [i.minute for i in saved.agenda] == ["1", "2"]
    assert saved.closed == "11:45"
    assert [a.item_id for a in saved.actions] == [None, saved.agenda[1].id]
    copy = store.add_meeting(saved)  # a loaded meeting added again links its own new items
    assert [a.item_id for a in copy.actions] == [None, copy.agenda[1].id]
    assert copy.agenda[0].exempt == "Part II"


def test_the_decision_register_by_series_and_date(store):
    first, second = board(store, "2025-06-12"), board(store, "2025-07-14")
    cabinet = board(store, "2025-07-01", series="Cabinet")
    for meeting, text in ((second, "Later"), (first, "Earlier"), (cabinet, "Elsewhere")):
        item = store.add_agenda_item(meeting.id, AgendaItem("1", f"Item of {text}"))
        store.add_resolution(item.id, Resolution("approved", text, 6, 0, 1))
    assert [d.text for d in store.decisions()] == ["Earlier", "Elsewhere", "Later"]
    assert [d.text for d in store.decisions("Skills Board", dt.date(2025, 7, 1))] == ["Later"]
    store.delete_meeting(second.id)
    assert [d.text for d in store.decisions("Skills Board")] == ["Earlier"]


def test_voting_members_the_closing_time_and_the_quorum(store):
    meeting = board(store)
    store.update_meeting(meeting.id, time="10:00", closed="1145")
    store.set_committee_rules("Skills Board", CommitteeRules(quorum=3, actions_table=False))
    for name, arrived, left in (("Nolan", "", ""), ("Dennett", "", "11:20"), ("Okafor", "10:30", "")):
        store.add_attendee(
            meeting.id, Attendee(name, role="Councillor", voting=True, arrived=arrived, left=left)
        )
    store.add_attendee(meeting.id, Attendee("Plant", role="Head of Skills"))
    saved = store.get_meeting(meeting.id)
    assert saved.closed == "11:45"
    assert saved.rules == CommitteeRules(quorum=3, actions_table=False)
    assert [a.voting for a in saved.attendees] == [True, True, True, False]
    assert quorum_statement(saved, 3) == (
        "The meeting was not quorate (2 of 3 voting members present; the quorum is 3)."
    )
    assert [quorum_change_text(c) for c in quorum_changes(saved, 3)] == [
        "The meeting became quorate at 10:30, when Okafor arrived.",
        "The meeting ceased to be quorate at 11:20, when Dennett left.",
    ]
    with pytest.raises(ModelError, match="time of day"):
        store.update_meeting(meeting.id, closed="quarter to twelve")
    store.approve_meeting(meeting.id)
    following = store.start_next_meeting("Skills Board", date="2025-09-01")
    assert [a.voting for a in following.attendees] == [True, True, True, False]


def test_the_public_version_keeps_only_an_exempt_items_number_title_and_reason(store):
    meeting = board(store)
    secret = store.add_agenda_item(
        meeting.id,
        AgendaItem(
            "9",
            "Sale of the Crawley site",
            paper="SEB/25/09",
            summary="Offer of 2.4m",
            exempt="Exempt – Part II, paragraph 3: commercially sensitive",
            points=[Point("The offer is 2.4m")],
            resolutions=[Resolution("approved", "That the offer be accepted")],
        ),
    )
    store.add_action(meeting.id, Action("Instruct agents at 2.4m", item_id=secret.id))
    store.add_action(meeting.id, Action("Publish the plan"))
    public = public_version(store.get_meeting(meeting.id))
    (item,) = public.agenda
    assert (item.number, item.minute, item.title, item.exempt) == (
        "9",
        "1",
        "Sale of the Crawley site",
        "Exempt – Part II, paragraph 3: commercially sensitive",
    )
    assert (item.paper, item.summary, item.points, item.resolutions) == ("", "", [], [])
    assert [a.text for a in public.actions] == ["Publish the plan"]
    assert store.get_meeting(meeting.id).agenda[0].points  # the saved meeting is untouched


def test_a_database_of_the_previous_version_upgrades(tmp_path):
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m013_committee_business")
    db.execute(
        "INSERT INTO meetings (title, created, updated) VALUES ('Old', '2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00')"
    )
    db.execute("INSERT INTO attendees (meeting_id, name, position) VALUES (1, 'Priya', 1)")
    db.execute("INSERT INTO actions (meeting_id, text, position) VALUES (1, 'Old action', 1)")
    db.conn.commit()
    db.close()
    store = Store.open(path)
    try:
        meeting = store.get_meeting(1)
        assert meeting.attendees[0].voting is False and meeting.closed == "" and meeting.agenda == []
        assert meeting.actions[0].item_id is None
        assert store.add_agenda_item(1, AgendaItem("1", "New")).minute == "1"
    finally:
        store.close()


def test_agenda_items_are_found_by_search_and_survive_a_repair(store):
    meeting = board(store)
    other = board(store, series="Cabinet")
    item = store.add_agenda_item(meeting.id, AgendaItem("9", "Sale of the Crawley site", paper="SEB/25/09"))
    store.add_agenda_item(other.id, AgendaItem("2", "Crawley depot"))
    (hit,) = store.search("Crawley", series="Skills Board")
    assert (hit.kind, hit.item_id, hit.section, hit.label) == ("agenda_items", item.id, "items", "Items")
    assert len(store.search("crawley")) == 2
    store.update_agenda_item(item.id, title="Sale of the Runcorn site")
    assert [h.item_id for h in store.search("Runcorn")] == [item.id]
    assert store.check() == []
    store.repair()
    assert [h.item_id for h in store.search("Runcorn")] == [item.id]
    store.delete_agenda_item(item.id)
    assert store.search("Runcorn") == [] and store.check() == []


def test_numbers_follow_a_change_of_rules_date_or_series_but_approved_ones_stay(store):
    first, second = board(store, "2024-06-12"), board(store, "2024-07-14")
    for meeting in (first, second):
        store.add_agenda_item(meeting.id, AgendaItem(title="Minutes"))
    store.approve_meeting(first.id)
    store.set_committee_rules("Skills Board", CommitteeRules(numbering="running", first_minute=10))
    assert minutes_of(store, first) == [("1", "Minutes")]  # approved: the record does not change
    assert minutes_of(store, second) == [("24/10", "Minutes")]
    store.update_meeting(second.id, date="2025-01-09")
    assert minutes_of(store, second) == [("25/10", "Minutes")]
    store.update_meeting(second.id, series="Cabinet")
    assert minutes_of(store, second) == [("1", "Minutes")]
