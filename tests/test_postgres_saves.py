"""Saving on PostgreSQL: the pipelined write path keeps its rules (approval lock, deleted
meetings, row versions, rollback on error) and stores open while others write."""

from __future__ import annotations

import threading

import pytest

from minutes_tui.store import Locked, NotFound, Store, StoreError


def test_a_store_opens_while_another_writes_at_full_speed(pg_url):
    """A notice arriving with the answer to LISTEN (another app saving) once failed the open."""
    writers = [Store.open(pg_url) for _ in range(3)]
    stop = threading.Event()

    def type_away(writer: Store) -> None:
        bullet = writer.add_bullet(writer.create_meeting(title="Busy").id, "comments", "")
        while not stop.is_set():
            bullet = writer.update_bullet(bullet.id, bullet.text[-50:] + "x", expected_version=bullet.version)

    threads = [threading.Thread(target=type_away, args=(w,)) for w in writers]
    for thread in threads:
        thread.start()
    try:
        for _ in range(100):
            Store.open(pg_url).close()
    finally:
        stop.set()
        for thread, writer in zip(threads, writers, strict=True):
            thread.join()
            writer.close()


def test_a_failed_save_keeps_nothing_and_the_next_one_saves(pg_url):
    store = Store.open(pg_url)
    try:
        meeting = store.create_meeting(title="One")
        bullet = store.add_bullet(meeting.id, "comments", "kept")
        stamped = store.get_header(meeting.id).updated
        with pytest.raises(StoreError), store.gateway.write(meeting.id):
            store.gateway.execute("UPDATE bullets SET text = ? WHERE id = ?", ("lost", bullet.id))
            store.gateway.execute(
                "INSERT INTO points (turn_id, meeting_id, text, position) VALUES (?, ?, '', 1)",
                (-1, meeting.id),
            )
        assert store.get_bullet(bullet.id).text == "kept"
        assert store.get_header(meeting.id).updated == stamped
        assert store.update_bullet(bullet.id, "saved", expected_version=bullet.version).text == "saved"
    finally:
        store.close()


def test_saves_into_approved_deleted_or_changed_rows_are_refused(pg_url):
    store = Store.open(pg_url)
    try:
        meeting = store.create_meeting(title="Board")
        bullet = store.add_bullet(meeting.id, "comments", "first")
        store.update_bullet(bullet.id, "second", expected_version=bullet.version)
        with pytest.raises(StoreError, match="changed elsewhere"):
            store.update_bullet(bullet.id, "stale", expected_version=bullet.version)
        with pytest.raises(NotFound):
            store.update_bullet(bullet.id + 1000, "none", expected_version=0)
        store.update_meeting(meeting.id, status="approved")
        with pytest.raises(Locked):
            store.update_bullet(bullet.id, "after approval")
        gone = store.create_meeting(title="Gone")
        kept = store.add_bullet(gone.id, "comments", "kept")
        store.delete_meeting(gone.id)
        with pytest.raises(NotFound, match="deleted"):
            store.update_bullet(kept.id, "into the bin")
        assert store.get_bullet(bullet.id).text == "second"
    finally:
        store.close()


def test_a_save_hands_back_the_item_as_stored(pg_url):
    """The saved row comes back with the update (no second read): its new version and text."""
    store = Store.open(pg_url)
    try:
        turn = store.add_turn(store.create_meeting(title="Board").id, "LSC")
        point = store.add_point(turn.id, "first")
        saved = store.update_point(point.id, "nul \x00 kept", expected_version=point.version)
        assert saved == store.get_point(point.id)
        assert (saved.text, saved.version) == ("nul \x00 kept", point.version + 1)
        with pytest.raises(NotFound, match="No point with id"):
            store.delete_point(point.id + 1000)
    finally:
        store.close()
