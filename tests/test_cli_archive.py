"""`minutes search`, `minutes backup` and `minutes check`, through click's CliRunner."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from support.cli import run
from support.samples import full_meeting

from minutes_tui.model import Meeting
from minutes_tui.store import Store, default_path, default_target

pytestmark = [pytest.mark.both_backends, pytest.mark.usefixtures("backend")]


@pytest.fixture
def archive():
    store = Store.open(default_target())
    store.add_meeting(full_meeting())
    store.add_meeting(Meeting(series="Employment Board", title="Employer forum", date=dt.date(2024, 6, 1)))
    store.close()
    return default_target()


def test_search_shows_meeting_date_section_and_marked_matches(archive):
    result = run("search", "employer")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "2  2024-06-01  Employment Board / Employer forum  (Meeting)"
    assert lines[1] == "   Employment Board «Employer» forum"
    assert "1  2025-03-14  North West Chemicals Skills Alliance / Apprenticeships Workshop" in lines[2]
    assert any(line.strip() == "Providers share one «employer» contact list" for line in lines)
    assert "(All agreed)" in result.output and "(Actions)" in result.output
    assert "\x1b[" not in result.output


def test_search_in_bold_on_a_terminal(archive):
    result = run("search", "contact", color=True)
    assert "\x1b[1mcontact\x1b[0m" in result.output and "«" not in result.output


def test_search_filters_and_limit(archive):
    assert (
        "Employment Board"
        not in run("search", "employer", "--series", "north west chemicals skills alliance").output
    )
    only_board = run("search", "employer", "--series", "Employment Board").output
    assert "Employment Board / Employer forum" in only_board and "Alliance" not in only_board
    assert "Employment Board" not in run("search", "employer", "--since", "01/01/2025").output
    assert "Employment Board" in run("search", "employer", "--since", "2024-06-01").output
    assert len(run("search", "employer", "--limit", "1").output.splitlines()) == 2


@pytest.mark.parametrize("query", ['"', "AND", "-", "*", "NEAR(", "text:", '"unclosed', "", "\\"])
def test_search_with_stray_syntax_never_fails(archive, query):
    result = run("search", query)
    assert result.exit_code == 0


def test_search_with_no_match_says_so(archive):
    result = run("search", "zebra")
    assert result.exit_code == 0 and "No matches." in result.output


def test_search_rejects_a_date_it_cannot_read(archive):
    result = run("search", "x", "--since", "14th March", catch_exceptions=True)
    assert result.exit_code == 2 and "not a date" in result.output


@pytest.mark.sqlite_only
def test_backup_prints_where_the_copy_went(archive, tmp_path):
    result = run("backup")
    assert result.exit_code == 0
    copy = Path(result.output.strip())
    assert copy.parent == archive.parent and copy.name.startswith("minutes-backup-")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    store = Store.open(copy)
    assert [m.title for m in store.list_meetings()] == [
        "Apprenticeships Workshop – ünïcödé 🧪",
        "Employer forum",
    ]
    store.close()
    named = run("backup", str(tmp_path / "mine.db"))
    assert named.output.strip() == str(tmp_path / "mine.db")
    into_folder = run("backup", str(tmp_path))
    assert Path(into_folder.output.strip()).parent == tmp_path


@pytest.mark.sqlite_only
def test_backup_refuses_to_overwrite(archive, tmp_path):
    (tmp_path / "mine.db").write_text("keep me")
    result = run("backup", str(tmp_path / "mine.db"))
    assert result.exit_code == 1 and "already exists" in result.output
    assert (tmp_path / "mine.db").read_text() == "keep me"


@pytest.mark.sqlite_only
def test_backup_with_no_database_yet(tmp_path):
    result = run("backup")
    assert result.exit_code == 1 and "nothing to back up" in result.output
    assert not default_path().exists()


def test_check_on_a_healthy_database(archive):
    result = run("check")
    assert result.exit_code == 0 and result.output.startswith("Database OK") and "2 meetings" in result.output


@pytest.mark.sqlite_only
def test_check_on_a_damaged_database(archive, tmp_path):
    with sqlite3.connect(archive) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'bullets'").fetchone()[0]
    conn.close()
    with open(archive, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * page_size)
    result = run("check")
    assert result.exit_code == 1
    assert "damaged where it holds bullet points" in result.output
    assert "Traceback" not in result.output


def test_check_repair_rebuilds_the_search_index(archive):
    store = Store.open(archive)
    with store.gateway.write():
        store.gateway.execute("DELETE FROM search_index WHERE kind = 'bullets'")
    store.close()
    broken = run("check")
    assert broken.exit_code == 1 and "search index lists 0 bullets" in broken.output
    fixed = run("check", "--repair")
    assert (
        fixed.exit_code == 0 and "Rebuilt the search index" in fixed.output and "Database OK" in fixed.output
    )


def test_a_file_that_is_not_a_database_gets_a_clear_message(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(8192))
    for command in (["check"], ["search", "x"]):
        result = run("--db", junk, *command, catch_exceptions=True)
        assert result.exit_code == 1
        assert "damaged or is not a minutes database" in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.sqlite_only
def test_a_newer_database_is_refused_by_every_command(archive):
    store = Store.open(archive)
    store.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('minutes', 'm999_x', 'now')"
    )
    store.db.conn.commit()
    store.close()
    for command in (["check"], ["search", "x"]):
        result = run(*command, catch_exceptions=True)
        assert result.exit_code == 1 and "newer version of minutes" in result.output
