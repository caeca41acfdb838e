"""Capture accelerators in the store: filing and undoing, attendance as it happens,
declarations of interest, point timestamps, stock phrases and round-robin shortcuts."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from minutes_tui.model import BOARD_LAYOUT, Attendee, ModelError, Section
from minutes_tui.prefixes import parse_point, people_of
from minutes_tui.store import NotFound, Store, StoreError
from minutes_tui.store.capture import DEFAULT_STOCK_PHRASES
from minutes_tui.store.schema import migrations

pytestmark = pytest.mark.both_backends

TODAY = dt.date(2026, 4, 28)  # a Tuesday


@pytest.fixture
def meeting(store):
    meeting = store.create_meeting(series="Skills Alliance", title="Workshop", date=TODAY)
    for attendee in (Attendee("Priya", "Cogent SSC"), Attendee("Tom", "LSC"), Attendee("", "JCP")):
        store.add_attendee(meeting.id, attendee)
    return store.get_meeting(meeting.id)


def index_kinds(store: Store) -> list[tuple[str, str]]:
    return [
        (r["kind"], r["text"])
        for r in store.gateway.read("SELECT kind, text FROM search_index ORDER BY rowid")
    ]


# -- typing a meeting with prefixes only ----------------------------------------------------


def test_a_meeting_typed_with_prefixes_fills_the_action_log(store, meeting):
    """What the meeting screen will do on Enter: save the point, parse it, file it."""
    people = people_of(meeting.attendees)
    turn = store.add_turn(meeting.id, "JCP")
    typed = [
        "Vacancies are up 10% on last year",
        "A: Draft the employer offer @pri due:fri",
        "A: Collate provider contacts @tom due:+2w",
        "D: Providers share one employer contact list",
        "A: Ask the Humber group about work trials @JCP due:30/04",
        "A: nothing filed @ due:31/02",
    ]
    for text in typed:
        point = store.add_point(turn.id, text)
        filing = parse_point(text, today=TODAY, people=people)
        if filing.filed:
            store.file_point(meeting.id, filing, ("points", point.id))
    saved = store.get_meeting(meeting.id)
    assert [p.text for p in saved.round_robin[0].points] == [typed[0], typed[-1]]
    assert [b.text for b in saved.sections["agreed"]] == ["Providers share one employer contact list"]
    log = {
        (r.action.text, r.action.owner, r.action.due) for r in store.list_actions(series="Skills Alliance")
    }
    assert log == {
        ("Draft the employer offer", "Priya", dt.date(2026, 5, 1)),
        ("Collate provider contacts", "Tom", dt.date(2026, 5, 12)),
        ("Ask the Humber group about work trials", "JCP", dt.date(2026, 4, 30)),
    }


# -- filing and undoing ---------------------------------------------------------------------


def test_filing_a_saved_point_moves_it_and_undo_puts_it_back(store, meeting):
    turn = store.add_turn(meeting.id, "JCP", points=["first", "A: Draft the offer @Priya due:fri", "third"])
    before = store.get_turn(turn.id)
    point = before.points[1]
    filing = parse_point(point.text, today=TODAY, people=people_of(meeting.attendees))
    filed = store.file_point(meeting.id, filing, ("points", point.id))
    assert filed.kind == "action" and filed.turn_id == turn.id and filed.source == ("points", point.id)
    assert (filed.item.text, filed.item.owner, filed.item.due) == (
        "Draft the offer",
        "Priya",
        dt.date(2026, 5, 1),
    )
    assert [p.text for p in store.get_turn(turn.id).points] == ["first", "third"]
    assert store.action_history(filed.item.id)[0].event == "raised"
    with pytest.raises(NotFound):
        store.get_point(point.id)

    restored = store.undo_filing(filed)
    assert restored == point  # same id, text and timestamp
    assert store.get_turn(turn.id) == before  # and the same place
    assert store.get_meeting(meeting.id).actions == []
    assert ("actions", "Draft the offer Priya") not in index_kinds(store)
    assert ("points", point.text) in index_kinds(store)
    with pytest.raises(StoreError, match="already undone"):
        store.undo_filing(filed)


def test_filing_a_bullet_as_a_decision_and_undo(store, meeting):
    comment = store.add_bullet(meeting.id, "comments", "We agreed to share one list")
    other = store.add_bullet(meeting.id, "comments", "Look at the Humber approach")
    filed = store.file_as_decision(meeting.id, "Share one list", ("bullets", comment.id))
    assert filed.section == "comments" and filed.item.created == comment.created  # when it was said
    saved = store.get_meeting(meeting.id)
    assert [b.text for b in saved.sections["agreed"]] == ["Share one list"]
    assert saved.sections["comments"] == [other]
    assert store.undo_filing(filed) == comment
    saved = store.get_meeting(meeting.id)
    assert saved.sections["comments"] == [comment, other] and saved.sections["agreed"] == []


def test_filing_text_never_saved_and_undo(store, meeting):
    filed = store.file_as_action(meeting.id, "Book the room", "Tom", dt.date(2026, 5, 5))
    assert filed.source is None and filed.turn_id is None
    assert store.get_meeting(meeting.id).actions == [filed.item]
    assert store.undo_filing(filed) is None
    assert store.get_meeting(meeting.id).actions == []


def test_a_note_turned_into_an_action_with_one_key(store, meeting):
    bullet = store.add_bullet(meeting.id, "comments", "Ask the Humber group @JCP")
    filing = parse_point(bullet.text, today=TODAY, people=people_of(meeting.attendees), as_kind="action")
    filed = store.file_point(meeting.id, filing, ("bullets", bullet.id))
    assert (filed.item.text, filed.item.owner) == ("Ask the Humber group", "JCP")
    assert store.get_meeting(meeting.id).sections["comments"] == []


def test_filing_is_one_transaction(store, meeting):
    turn = store.add_turn(meeting.id, "JCP", points=["A: x"])
    point = store.get_turn(turn.id).points[0]
    with pytest.raises(StoreError):
        store.file_as_decision(meeting.id, "x", ("points", point.id), section="no_such_section")
    with pytest.raises(StoreError):
        store.file_as_action(meeting.id, "   ", source=("points", point.id))
    with pytest.raises(NotFound):
        store.file_as_action(meeting.id, "x", source=("points", 999))
    with pytest.raises(StoreError, match="points or bullets"):
        store.file_as_action(meeting.id, "x", source=("actions", 1))
    other = store.create_meeting(title="Other")
    with pytest.raises(StoreError, match="another meeting"):
        store.file_as_action(other.id, "x", source=("points", point.id))
    assert store.get_turn(turn.id).points == [point] and store.get_meeting(meeting.id).actions == []
    with pytest.raises(StoreError, match="Nothing to file: A: needs some text"):
        store.file_point(meeting.id, parse_point("A:", today=TODAY, people=[]))


def test_undo_after_the_turn_was_deleted_keeps_the_action(store, meeting):
    turn = store.add_turn(meeting.id, "JCP", points=["A: x"])
    filed = store.file_as_action(meeting.id, "x", source=("points", turn.points[0].id))
    store.delete_turn(turn.id)
    with pytest.raises(StoreError, match="turn this point came from has been deleted"):
        store.undo_filing(filed)
    assert store.get_meeting(meeting.id).actions == [filed.item]


def test_board_layout_has_no_agreed_section(store):
    board = store.create_meeting(title="Board", layout=BOARD_LAYOUT)
    with pytest.raises(StoreError, match="no 'agreed' section"):
        store.file_as_decision(board.id, "Approved the budget")
    # "items" holds agenda items now: a decision there is a resolution of an item.
    with pytest.raises(StoreError, match="no 'items' section"):
        store.file_as_decision(board.id, "Approved the budget", section="items")
    # A board meeting saved before agenda items kept its decisions as bullets of "items".
    layout = [Section("items", "Items") if s.key == "items" else s for s in BOARD_LAYOUT]
    older = store.create_meeting(title="Board", layout=tuple(layout))
    filed = store.file_as_decision(older.id, "Approved the budget", section="items")
    assert store.get_meeting(older.id).sections["items"] == [filed.item]


def test_approved_minutes_cannot_be_filed_into(store, meeting):
    store.approve_meeting(meeting.id)
    with pytest.raises(StoreError, match="approved"):
        store.file_as_action(meeting.id, "x")


# -- attendance as it happens, declarations ---------------------------------------------------


def test_late_arrival_early_departure_and_substitutes(store, meeting):
    priya = meeting.attendees[0]
    saved = store.update_attendee(priya.id, arrived="10.40", left="1115", on_behalf_of="Helen (NWDA)")
    assert (saved.arrived, saved.left, saved.on_behalf_of) == ("10:40", "11:15", "Helen (NWDA)")
    assert store.get_meeting(meeting.id).attendees[0] == saved
    assert store.update_attendee(priya.id, arrived="").arrived == ""
    with pytest.raises(ModelError, match="not a time of day"):
        store.update_attendee(priya.id, left="quarter past")
    added = store.add_attendee(meeting.id, Attendee("Ravi", "Halton", arrived="9:05"))
    assert added.arrived == "09:05"


def test_next_meeting_starts_without_last_times(store, meeting):
    store.update_attendee(meeting.attendees[0].id, arrived="10:40", on_behalf_of="Helen")
    following = store.start_next_meeting("Skills Alliance", title="Next", date=dt.date(2026, 6, 1))
    assert [(a.arrived, a.on_behalf_of) for a in following.attendees][0] == ("", "")


def test_declarations_of_interest(store, meeting):
    priya, tom = meeting.attendees[:2]
    first = store.add_declaration(meeting.id, priya.id, "Item 4: Budget", "Director of ChemiCol")
    second = store.add_declaration(meeting.id, tom.id, "Item 5", "Governor of Runcorn College")
    assert store.get_meeting(meeting.id).declarations == [first, second]
    changed = store.update_declaration(first.id, text="Non-executive director of ChemiCol")
    assert changed.text == "Non-executive director of ChemiCol" and changed.attendee_id == priya.id
    store.move_declaration(second.id, 0)
    assert [d.id for d in store.declarations(meeting.id)] == [second.id, first.id]
    other = store.create_meeting(title="Other")
    stranger = store.add_attendee(other.id, Attendee("Zed"))
    with pytest.raises(StoreError, match="not at this meeting"):
        store.add_declaration(meeting.id, stranger.id, "Item 1", "x")
    with pytest.raises(StoreError, match="not at this meeting"):
        store.update_declaration(first.id, attendee_id=stranger.id)
    store.delete_attendee(tom.id)  # their declaration goes with them
    assert store.declarations(meeting.id) == [changed]
    store.delete_declaration(first.id)
    assert store.declarations(meeting.id) == []


def test_add_meeting_keeps_declarations_and_times(store, meeting):
    store.update_attendee(meeting.attendees[1].id, left="11:15")
    store.add_declaration(meeting.id, meeting.attendees[1].id, "Item 4", "Governor")
    point_turn = store.add_turn(meeting.id, "LSC", points=["Budget committed"])
    original = store.get_meeting(meeting.id)
    copy = store.get_meeting(store.add_meeting(original).id)
    assert copy.attendees[1].left == "11:15"
    assert copy.declarant(copy.declarations[0]).name == "Tom"
    assert copy.round_robin[0].points[0].created == point_turn.points[0].created


# -- timestamps -------------------------------------------------------------------------------


def test_points_and_bullets_are_timestamped_on_insert(store, meeting):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    point = store.add_point(store.add_turn(meeting.id, "JCP").id, "said")
    bullet = store.add_bullet(meeting.id, "overview", "noted")
    after = dt.datetime.now(dt.UTC)
    for item in (point, bullet):
        assert item.created.tzinfo is not None and before <= item.created <= after
    assert store.update_point(point.id, "said again").created == point.created  # editing keeps it


# -- stock phrases and the round robin ------------------------------------------------------


def test_stock_phrases_per_series_with_defaults(store):
    assert store.stock_phrases("Board") == list(DEFAULT_STOCK_PHRASES)
    assert store.set_stock_phrases("Board", ["No update", " ", "no  UPDATE", "Item deferred"]) == [
        "No update",
        "Item deferred",
    ]
    assert store.stock_phrases("Board") == ["No update", "Item deferred"]
    assert store.stock_phrases("Workshop") == list(DEFAULT_STOCK_PHRASES)
    assert store.set_stock_phrases("Board", []) == list(DEFAULT_STOCK_PHRASES)


def test_mark_turn_no_update_and_apologies(store, meeting):
    turn = store.add_turn(meeting.id, "JCP")
    marked = store.mark_turn(turn.id, "No update")
    assert [p.text for p in marked.points] == ["No update"] and marked.points[0].created
    assert [p.text for p in store.mark_turn(turn.id, "Apologies received").points] == ["Apologies received"]
    spoken = store.add_turn(meeting.id, "LSC", points=["Budget committed until August"])
    with pytest.raises(StoreError, match="LSC already has points"):
        store.mark_turn(spoken.id, "No update")
    assert [p.text for p in store.get_turn(spoken.id).points] == ["Budget committed until August"]
    blank = store.add_turn(meeting.id, "NWDA", points=["  "])
    assert [p.text for p in store.mark_turn(blank.id, "No update").points] == ["No update"]
    with pytest.raises(StoreError):
        store.mark_turn(blank.id, "  ")


# -- the schema -----------------------------------------------------------------------------


def test_m006_applies_to_a_database_of_the_previous_version(tmp_path):
    path = tmp_path / "previous.db"
    db = Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db, stop_before="m006_capture")
    db.execute(
        "INSERT INTO meetings (id, title, created, updated) VALUES (1, 'Old', '2025-03-14T10:00:00+00:00', '2025-03-14T10:00:00+00:00')"
    )
    db.execute(
        "INSERT INTO attendees (id, meeting_id, name, organisation, role, attendance, position) "
        "VALUES (1, 1, 'Priya', 'Cogent SSC', '', 'present', 1)"
    )
    db.execute("INSERT INTO turns (id, meeting_id, speaker, position) VALUES (1, 1, 'JCP', 1)")
    db.execute("INSERT INTO points (id, turn_id, meeting_id, text, position) VALUES (1, 1, 1, 'said', 1)")
    db.conn.commit()
    db.close()
    store = Store.open(path)
    try:
        assert "m006_capture" in {m.name for m in migrations.applied(store.db)}
        meeting = store.get_meeting(1)
        assert meeting.attendees[0] == Attendee("Priya", "Cogent SSC", id=1)
        assert meeting.round_robin[0].points[0].created is None and meeting.declarations == []
        assert store.stock_phrases("") == list(DEFAULT_STOCK_PHRASES)
    finally:
        store.close()


def test_refiling_a_decision_keeps_its_place(store, meeting):
    first = store.add_bullet(meeting.id, "agreed", "D: Share one list")
    second = store.add_bullet(meeting.id, "agreed", "Meet in June")
    filed = store.file_as_decision(meeting.id, "Share one list", ("bullets", first.id))
    agreed = store.get_meeting(meeting.id).sections["agreed"]
    assert [b.text for b in agreed] == ["Share one list", "Meet in June"] and agreed[1] == second
    store.undo_filing(filed)
    assert store.get_meeting(meeting.id).sections["agreed"] == [first, second]


def test_undo_puts_the_point_back_at_its_place_after_more_typing(store, meeting):
    """The last point is filed, the next one typed takes its id and position: undo still
    restores it where it was, before the new one, in one transaction."""
    turn = store.add_turn(meeting.id, "JCP", points=["first"])
    last = store.add_point(turn.id, "A: Share vacancies")
    filed = store.file_point(
        meeting.id, parse_point(last.text, today=dt.date(2026, 4, 20)), ("points", last.id)
    )
    typed_next = store.add_point(turn.id, "typed after the filing")
    restored = store.undo_filing(filed)
    assert [p.text for p in store.get_turn(turn.id).points] == [
        "first",
        "A: Share vacancies",
        "typed after the filing",
    ]
    assert restored.id != typed_next.id
