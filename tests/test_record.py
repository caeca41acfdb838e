"""The record stays the record: approved minutes do not follow later progress on actions,
and an action's history keeps every progress note."""

from __future__ import annotations

import datetime as dt

import pytest

from minutes_tui.export.markdown import render_markdown
from minutes_tui.model import Action
from minutes_tui.store import Store

pytestmark = pytest.mark.both_backends

SERIES = "Economic Theme Partners"


def two_meetings(store: Store):
    """Meeting 1 with two actions, and meeting 2 carrying them as matters arising."""
    first = store.create_meeting(series=SERIES, title="Workshop", date=dt.date(2025, 1, 10))
    offer = store.add_action(first.id, Action("Draft the employer offer", "Priya", dt.date(2025, 2, 1)))
    contacts = store.add_action(first.id, Action("Share contact list", "JCP"))
    second = store.start_next_meeting(SERIES, title="Workshop", date=dt.date(2025, 2, 14))
    return first, second, offer, contacts


def test_approved_minutes_keep_each_action_as_it_stood_at_approval(store):
    first, second, offer, contacts = two_meetings(store)
    store.approve_meeting(first.id)
    approved = render_markdown(store.get_meeting(first.id))
    assert "| Open |" in approved

    # Progress after approval: from the action log, and at the next meeting.
    store.set_action_status(offer.id, "done", note="Sent to providers")
    carried = {c.action.id: c for c in store.carried_actions(second.id)}
    store.update_carried(carried[contacts.id].id, status="dropped", note="No longer needed")

    assert render_markdown(store.get_meeting(first.id)) == approved
    assert [a.status for a in store.get_meeting(first.id).actions] == ["open", "open"]
    # The live action log and the later meeting show the progress.
    assert {r.action.text: r.action.status for r in store.list_actions()} == {
        "Draft the employer offer": "done",
        "Share contact list": "dropped",
    }
    assert [c.action.status for c in store.get_meeting(second.id).matters_arising] == ["done", "dropped"]


def test_approved_matters_arising_keep_their_status_and_note(store):
    first, second, offer, contacts = two_meetings(store)
    carried = {c.action.id: c for c in store.carried_actions(second.id)}
    store.update_carried(carried[offer.id].id, note="First draft circulated")
    store.approve_meeting(second.id)
    approved = render_markdown(store.get_meeting(second.id))
    assert "First draft circulated" in approved

    # Decided later: at a third meeting, and in the action log.
    third = store.start_next_meeting(SERIES, title="Workshop", date=dt.date(2025, 3, 14))
    store.update_carried(third.matters_arising[0].id, status="done", note="Offer agreed")
    store.set_action_status(contacts.id, "on_hold", note="Waiting for JCP")

    again = store.get_meeting(second.id)
    assert render_markdown(again) == approved
    assert [(c.action.status, c.note) for c in again.matters_arising] == [
        ("open", "First draft circulated"),
        ("open", ""),
    ]
    assert [c.id for c in again.matters_arising] == [c.id for c in store.carried_actions(second.id)]


def test_reopening_makes_the_minutes_live_and_approving_again_fixes_them_anew(store):
    first, second, offer, _ = two_meetings(store)
    store.approve_meeting(first.id)
    store.set_action_status(offer.id, "done")
    assert store.get_meeting(first.id).actions[0].status == "open"

    store.reopen_meeting(first.id, "Record the offer as done")
    assert store.get_meeting(first.id).actions[0].status == "done"
    store.approve_meeting(first.id)
    fixed = render_markdown(store.get_meeting(first.id))
    store.set_action_status(offer.id, "open", note="Reopened by the board")
    assert render_markdown(store.get_meeting(first.id)) == fixed
    assert store.get_meeting(first.id).actions[0].status == "done"


def test_approved_minutes_survive_the_raising_meeting_being_purged(store):
    first, second, offer, _ = two_meetings(store)
    store.approve_meeting(second.id)
    approved = render_markdown(store.get_meeting(second.id))
    store.delete_meeting(first.id)  # a draft: it may go
    assert render_markdown(store.get_meeting(second.id)) == approved
    store.purge_meeting(first.id)  # and go for good, its actions with it
    assert render_markdown(store.get_meeting(second.id)) == approved
    assert store.gateway.execute("SELECT count(*) FROM actions").fetchone()[0] == 0


def test_a_meeting_imported_as_approved_is_fixed_as_imported(store):
    first, second, offer, _ = two_meetings(store)
    meeting = store.get_meeting(first.id)
    meeting.status = "approved"
    copy = store.add_meeting(meeting)
    assert [a.status for a in copy.actions] == ["open", "open"]
    store.set_action_status(copy.actions[0].id, "done")
    assert [a.status for a in store.get_meeting(copy.id).actions] == ["open", "open"]


def test_meetings_approved_before_the_upgrade_are_fixed_as_they_stand(tmp_path):
    from sqlite_utils import Database

    from minutes_tui.store.schema import migrations

    path = tmp_path / "minutes.db"
    db = Database(path)
    migrations.apply(db, stop_before="m008_approved_record")
    stamp = "2025-01-10T10:00:00+00:00"
    db.execute(
        "INSERT INTO meetings (id, title, date, status, created, updated) "
        "VALUES (1, 'Old', '2025-01-10', 'approved', ?, ?)",
        (stamp, stamp),
    )
    db.execute(
        "INSERT INTO actions (id, meeting_id, text, status, position) VALUES (1, 1, 'Old job', 'open', 1)"
    )
    db.conn.commit()
    db.close()
    store = Store.open(path)
    try:
        store.set_action_status(1, "done")
        assert [a.status for a in store.get_meeting(1).actions] == ["open"]
        assert store.check() == []
    finally:
        store.close()


# -- action history: every note, and the status settled on


def history(store: Store, action_id: int) -> list[tuple[str, str, str, int | None]]:
    return [(e.event, e.status, e.note, e.meeting_id) for e in store.action_history(action_id)]


def test_a_progress_note_alone_is_recorded_in_the_action_history(store):
    first, second, offer, contacts = two_meetings(store)
    carried = {c.action.id: c for c in store.carried_actions(second.id)}
    store.update_carried(carried[offer.id].id, note="First draft circulated")
    store.set_action_status(contacts.id, "open", note="Chased JCP by email")
    assert history(store, offer.id) == [
        ("raised", "open", "", first.id),
        ("noted", "open", "First draft circulated", second.id),
    ]
    assert history(store, contacts.id) == [
        ("raised", "open", "", first.id),
        ("noted", "open", "Chased JCP by email", None),
    ]


def test_a_note_typed_at_a_meeting_is_one_event_however_often_it_is_saved(store):
    first, second, offer, _ = two_meetings(store)
    carried = store.carried_actions(second.id)[0]
    for typed in ("First", "First draft", "First draft circulated"):  # autosave as it is typed
        store.update_carried(carried.id, note=typed)
    store.update_carried(carried.id, note="First draft circulated")  # unchanged: nothing new
    assert history(store, offer.id)[1:] == [("noted", "open", "First draft circulated", second.id)]
    store.update_carried(carried.id, status="done")
    store.update_carried(carried.id, note="First draft circulated; agreed")
    assert [e[:2] for e in history(store, offer.id)] == [
        ("raised", "open"),
        ("noted", "open"),
        ("closed", "done"),
        ("noted", "done"),
    ]


def test_cycling_the_status_at_a_meeting_records_only_the_status_settled_on(store):
    first, second, offer, contacts = two_meetings(store)
    carried = {c.action.id: c for c in store.carried_actions(second.id)}
    for status in ("done", "on_hold", "dropped"):  # Space, Space, Space
        store.update_carried(carried[offer.id].id, status=status)
    assert history(store, offer.id)[1:] == [("closed", "dropped", "", second.id)]
    for status in ("done", "on_hold", "dropped", "open"):  # all the way round: no change
        store.update_carried(carried[contacts.id].id, status=status)
    assert history(store, contacts.id) == [("raised", "open", "", first.id)]
    # A change made elsewhere in between is kept.
    store.set_action_status(offer.id, "open", note="Reopened from the log")
    store.update_carried(carried[offer.id].id, status="done")
    assert [e[:2] for e in history(store, offer.id)] == [
        ("raised", "open"),
        ("closed", "dropped"),
        ("updated", "open"),
        ("closed", "done"),
    ]
