"""Deleting meetings from the command line, and getting them back until purged."""

from __future__ import annotations

import datetime as dt

import pytest
from support.cli import run

from minutes_tui.store import Store, default_target

pytestmark = [pytest.mark.both_backends, pytest.mark.usefixtures("backend")]


def database(tmp_path):
    """A new file for SQLite; the test's PostgreSQL database (``$MINUTES_DB``) for the server."""
    target = default_target()
    return target if isinstance(target, str) else tmp_path / "m.db"


def invoke(*args: object, input: str | None = None):
    return run(*args, catch_exceptions=True, input=input)


def make_meeting(path) -> int:
    store = Store.open(path)
    try:
        meeting = store.create_meeting(series="Board", title="March [bold]", date=dt.date(2025, 3, 14))
        store.add_bullet(meeting.id, "overview", "Kept through delete and restore")
        assert meeting.id is not None
        return meeting.id
    finally:
        store.close()


def test_delete_hides_a_meeting_until_restored(tmp_path):
    db = database(tmp_path)
    meeting_id = make_meeting(db)
    result = invoke("--db", db, "delete", meeting_id)
    assert result.exit_code == 0, result.output
    assert "2025-03-14 March [bold]" in result.output and f"minutes restore {meeting_id}" in result.output
    assert "March" not in invoke("--db", db, "list").output
    listed = invoke("--db", db, "deleted").output
    assert f"{meeting_id}  2025-03-14  Board  March [bold]  [deleted " in listed
    export = invoke("--db", db, "export", meeting_id, "--format", "md", "-o", "-")
    assert export.exit_code == 1 and "has been deleted" in export.output
    assert invoke("--db", db, "restore", meeting_id).exit_code == 0
    assert "March [bold]" in invoke("--db", db, "list").output
    text = invoke("--db", db, "export", meeting_id, "--format", "md", "-o", "-").output
    assert "Kept through delete and restore" in text
    assert invoke("--db", db, "deleted").output.strip() == "No deleted meetings."


def test_purge_asks_first_and_only_takes_deleted_meetings(tmp_path):
    db = database(tmp_path)
    meeting_id = make_meeting(db)
    refused = invoke("--db", db, "purge", meeting_id, "--yes")
    assert refused.exit_code == 1 and "is not deleted" in refused.output
    invoke("--db", db, "delete", meeting_id)
    answered_no = invoke("--db", db, "purge", meeting_id, input="n\n")
    assert answered_no.exit_code == 1 and "Nothing purged" in answered_no.output
    assert invoke("--db", db, "restore", meeting_id).exit_code == 0  # still there to restore
    invoke("--db", db, "delete", meeting_id)
    assert invoke("--db", db, "purge", meeting_id, input="y\n").exit_code == 0
    gone = invoke("--db", db, "restore", meeting_id)
    assert gone.exit_code == 1 and gone.output.startswith("Error:") and gone.output.count("\n") == 1


def test_restore_of_a_meeting_that_is_not_deleted_is_one_error_line(tmp_path):
    db = database(tmp_path)
    meeting_id = make_meeting(db)
    result = invoke("--db", db, "restore", meeting_id)
    assert result.exit_code == 1 and "nothing to restore" in result.output
    assert result.output.count("\n") == 1
