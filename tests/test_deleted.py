"""A deleted meeting can be restored until it is purged on purpose."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from minutes_tui.model import Action, Attendee
from minutes_tui.store import Locked, NotFound, Store, StoreError
from minutes_tui.store.schema import migrations

pytestmark = pytest.mark.both_backends

SERIES = "Board"


def seeded(store: Store):
    """Two meetings of a series; the second carries the first's open action."""
    first = store.create_meeting(series=SERIES, title="January", date=dt.date(2025, 1, 10))
    store.add_attendee(first.id, Attendee("Zebedee Quill", "NWDA"))
    store.add_bullet(first.id, "agreed", "Marmalade budget agreed")
    offer = store.add_action(first.id, Action("Draft the marmalade offer", "Priya"))
    second = store.start_next_meeting(SERIES, title="February", date=dt.date(2025, 2, 14))
    return first, second, offer


def test_a_deleted_meeting_is_hidden_everywhere_and_restored_whole(store):
    first, second, offer = seeded(store)
    store.add_attendee(first.id, Attendee("Ursula Pike", "LSC"))  # at the first meeting only
    before = store.get_meeting(first.id)
    store.delete_meeting(first.id)

    assert [m.id for m in store.list_meetings()] == [second.id]
    assert [m.id for m in store.list_meetings(limit=5)] == [second.id]
    assert store.list_meetings_before(dt.date(2025, 3, 1), 99) == store.list_meetings()
    assert store.count_meetings() == 1
    assert store.search("marmalade") == []
    assert store.list_actions() == [] and store.count_actions() == (0, 0)
    assert store.carried_actions(second.id) == []
    assert store.get_meeting(second.id).matters_arising == []
    assert "Ursula Pike" not in {name for name, _ in store.known_people()}
    with pytest.raises(NotFound, match="deleted"):
        store.get_meeting(first.id)
    with pytest.raises(NotFound, match="deleted"):
        store.add_bullet(first.id, "agreed", "typed into a deleted meeting")
    with pytest.raises(NotFound):
        store.set_action_status(offer.id, "done")

    [gone] = store.deleted_meetings()
    assert (gone.id, gone.title) == (first.id, "January") and gone.deleted is not None
    assert store.get_meeting(first.id, include_deleted=True).deleted == gone.deleted

    restored = store.restore_meeting(first.id)
    assert restored.deleted is None
    assert store.get_meeting(first.id) == before
    assert store.deleted_meetings() == []
    assert store.count_meetings() == 2
    assert {h.meeting_id for h in store.search("marmalade")} == {first.id}
    assert [c.action.id for c in store.carried_actions(second.id)] == [offer.id]
    assert store.check() == []


def test_series_lookups_skip_deleted_meetings(store):
    first, second, offer = seeded(store)
    store.set_layout(second.id, ["overview", "actions", "Risks"])
    store.delete_meeting(second.id)
    assert store.latest_in_series(SERIES).id == first.id
    assert store.series_layout(SERIES)[-1].key != "risks"
    third = store.start_next_meeting(SERIES, title="March")
    assert [c.action.id for c in third.matters_arising] == [offer.id]
    store.delete_meeting(first.id)
    store.delete_meeting(third.id)
    assert store.series_names() == [] and store.latest_in_series(SERIES) is None


def test_purging_removes_for_good_and_only_a_deleted_meeting(store):
    first, second, offer = seeded(store)
    with pytest.raises(StoreError, match="not deleted"):
        store.purge_meeting(first.id)
    with pytest.raises(StoreError, match="not deleted"):
        store.restore_meeting(first.id)
    store.delete_meeting(first.id)
    store.purge_meeting(first.id)
    assert store.deleted_meetings() == []
    with pytest.raises(NotFound):
        store.get_meeting(first.id, include_deleted=True)
    with pytest.raises(NotFound):
        store.restore_meeting(first.id)
    assert store.gateway.execute("SELECT count(*) FROM actions").fetchone()[0] == 0
    assert (
        store.gateway.execute(
            "SELECT count(*) FROM search_index WHERE meeting_id = ?", (first.id,)
        ).fetchone()[0]
        == 0
    )
    assert store.check() == []


def test_approved_minutes_cannot_be_deleted(store):
    first, second, offer = seeded(store)
    store.approve_meeting(first.id)
    with pytest.raises(Locked):
        store.delete_meeting(first.id)
    assert store.deleted_meetings() == [] and store.count_meetings() == 2


def test_upgrading_from_m008_keeps_every_meeting_live(tmp_path):
    path = tmp_path / "minutes.db"
    db = Database(path)
    migrations.apply(db, stop_before="m009_deleted_meetings")
    stamp = "2025-01-10T10:00:00+00:00"
    db.execute("INSERT INTO meetings (id, title, created, updated) VALUES (1, 'Old', ?, ?)", (stamp, stamp))
    db.conn.commit()
    db.close()
    store = Store.open(path)
    try:
        assert [m.title for m in store.list_meetings()] == ["Old"]
        store.delete_meeting(1)
        assert store.count_meetings() == 0 and [m.id for m in store.deleted_meetings()] == [1]
        store.restore_meeting(1)
        assert store.count_meetings() == 1
    finally:
        store.close()
