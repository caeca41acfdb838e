"""Saving a whole meeting (import) indexes it in bulk: the same index as row by row, and
the search triggers back in place afterwards, or untouched when the save fails."""

from __future__ import annotations

import pytest
from support.samples import full_meeting

from minutes_tui.store import StoreError
from minutes_tui.store import meetings as meetings_module


def index_rows(store):
    return store.db.execute(
        "SELECT rowid, text, kind, meeting_id FROM search_index ORDER BY rowid"
    ).fetchall()


def triggers(store):
    return store.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    ).fetchall()


def test_an_imported_meeting_is_indexed_as_the_triggers_would_index_it(store):
    typed = store.create_meeting(series="Board", title="Typed live")
    store.add_bullet(typed.id, "overview", "Typed one row at a time")
    before = triggers(store)
    saved = store.add_meeting(full_meeting())
    bulk = index_rows(store)
    assert {row[3] for row in bulk} == {typed.id, saved.id}
    store.repair()  # rebuilds the whole index from the tables
    assert index_rows(store) == bulk
    assert triggers(store) == before


def test_after_an_import_edits_reach_the_index_again(store):
    draft = full_meeting()
    draft.status = "draft"
    saved = store.add_meeting(draft)
    point = saved.round_robin[0].points[0]
    store.update_point(point.id, text="Zeppelins overhead")
    assert [hit.meeting_id for hit in store.search("zeppelins")] == [saved.id]
    store.add_point(saved.round_robin[0].id, "Quetzal sighted")
    assert [hit.meeting_id for hit in store.search("quetzal")] == [saved.id]


def test_a_failed_import_leaves_the_index_and_its_triggers_as_they_were(store, monkeypatch):
    store.add_meeting(full_meeting())
    before_index, before_triggers = index_rows(store), triggers(store)

    def fail(*_args):
        raise StoreError("The disk holding the database is full")

    monkeypatch.setattr(meetings_module, "add_transfer_extras", fail)  # after every list is written
    with pytest.raises(StoreError):
        store.add_meeting(full_meeting())
    assert store.count_meetings() == 1
    assert index_rows(store) == before_index
    assert triggers(store) == before_triggers
