"""Broken environment: damaged, truncated, foreign, read-only, locked, missing and full.

Each case goes through ``minutes`` (CliRunner), and where a traceback could slip
out, through a real ``python -m minutes_tui`` process: one plain ``Error:`` line,
exit code 1, no traceback, and the data that was there before still there.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.cli import run
from support.export_samples import big_meeting, design_meeting
from support.mounts import fill, read_only, tmpfs

from minutes_tui.interchange import meeting_to_dict
from minutes_tui.store import Store, StoreError


@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> Path:
    """A real database: three small meetings and a big one (about 650 kB), closed cleanly."""
    path = tmp_path_factory.mktemp("good") / "minutes.db"
    store = Store.open(path)
    for _ in range(3):
        store.add_meeting(design_meeting())
    store.add_meeting(big_meeting())
    store.close()
    return path


def copy_of(good_db: Path, folder: Path, name: str = "minutes.db") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(good_db, folder / name))


def corrupted(good_db: Path, folder: Path) -> Path:
    """A copy with 16 pages of the minutes overwritten with rubbish: a quarter of the way in,
    among the items (an imported meeting's search index comes after them, in one block)."""
    path = copy_of(good_db, folder, "corrupted.db")
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(size // 4 // 4096 * 4096)
        f.write(bytes(range(256)) * 256)
    return path


def truncated(good_db: Path, folder: Path) -> Path:
    path = copy_of(good_db, folder, "truncated.db")
    os.truncate(path, path.stat().st_size // 2)
    return path


def not_a_database(folder: Path) -> Path:
    path = folder / "notes.db"
    path.write_text("Minutes of the last meeting, typed in a text editor.\n" * 50, encoding="utf-8")
    return path


def run_process(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -m minutes_tui ARGS`` in a real process."""
    return subprocess.run(
        [sys.executable, "-m", "minutes_tui", *args], capture_output=True, text=True, timeout=timeout
    )


def assert_clean_failure(result, *words: str) -> None:
    """Exit code 1 and one ``Error:`` message naming ``words``, no traceback (CliRunner result)."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.output.startswith("Error: "), result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output


def assert_clean_process_failure(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


def meeting_json(folder: Path) -> Path:
    path = folder / "meeting.json"
    path.write_text(json.dumps(meeting_to_dict(design_meeting())), encoding="utf-8")
    return path


# -- damaged files -----------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["truncated", "not_a_database"])
def test_unreadable_database_gives_one_message_for_every_command(damage, good_db, tmp_path):
    path = truncated(good_db, tmp_path) if damage == "truncated" else not_a_database(tmp_path)
    before = path.read_bytes()
    source = meeting_json(tmp_path)
    for args in (
        ["list"],
        ["actions"],
        ["export", "1", "-o", "x.md", "--format", "md"],
        ["import", str(source)],
    ):
        assert_clean_failure(run("--db", str(path), *args), "damaged or is not a minutes database")
    assert path.read_bytes() == before  # nothing written over what is left
    assert not Path("x.md").exists()


def test_corrupted_database_commands_work_or_say_damaged(good_db, tmp_path):
    """Rubbish over the middle pages: whatever still reads is shown, the rest is a clear message."""
    path = corrupted(good_db, tmp_path)
    failed = 0
    for args in (
        ["list"],
        ["actions"],
        *(["export", str(n), "--format", "md", "-o", f"m{n}.md"] for n in range(1, 5)),
    ):
        result = run("--db", str(path), *args)
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
        if result.exit_code:
            failed += 1
            assert_clean_failure(result, "damaged")
    assert failed, "the damage was not noticed at all"
    with pytest.raises(StoreError, match="damaged"), contextlib.closing(Store.open(path)) as store:
        store.get_meeting(4)
    with contextlib.closing(Store.open(path)) as store:
        problems = store.check()
    assert problems and "damaged" in problems[0]


@pytest.mark.parametrize("damage", ["corrupted", "truncated"])
def test_check_command_reports_damage(damage, good_db, tmp_path):
    path = (corrupted if damage == "corrupted" else truncated)(good_db, tmp_path)
    result = run("--db", str(path), "check")
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert "damaged" in result.output


def test_check_command_on_a_sound_copy(good_db, tmp_path):
    result = run("--db", str(copy_of(good_db, tmp_path)), "check")
    assert result.exit_code == 0, result.output


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["corrupted", "truncated", "not_a_database"])
def test_damaged_database_real_process_prints_no_traceback(damage, good_db, tmp_path):
    path = {
        "corrupted": lambda: corrupted(good_db, tmp_path),
        "truncated": lambda: truncated(good_db, tmp_path),
        "not_a_database": lambda: not_a_database(tmp_path),
    }[damage]()
    commands = [["list"], ["export", "4", "--format", "docx", "-o", "x.docx"], ["check"]]
    for args in commands:
        done = run_process("--db", str(path), *args)
        assert "Traceback" not in done.stderr, done.stderr
        if done.returncode and args[0] != "check":
            assert_clean_process_failure(done, "damaged")


def test_damaged_store_open_raises_store_error(good_db, tmp_path):
    for path in (truncated(good_db, tmp_path), not_a_database(tmp_path)):
        with pytest.raises(StoreError, match="damaged or is not a minutes database"):
            Store.open(path)


# -- a folder that does not exist ---------------------------------------------------------


def test_db_in_a_missing_folder_is_refused_and_nothing_is_made(tmp_path):
    result = run("--db", str(tmp_path / "no" / "such" / "minutes.db"), "list")
    assert_clean_failure(result, "does not exist")
    assert not (tmp_path / "no").exists()
    done = run_process("--db", str(tmp_path / "typo" / "minutes.db"), "import", str(meeting_json(tmp_path)))
    assert_clean_process_failure(done, "does not exist")
    assert not (tmp_path / "typo").exists()


def test_default_db_folder_is_created_private(tmp_path, monkeypatch):
    monkeypatch.delenv("MINUTES_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh"))
    result = run("list")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "fresh" / "minutes" / "minutes.db").is_file()
    assert (tmp_path / "fresh" / "minutes").stat().st_mode & 0o777 == 0o700


def test_minutes_db_in_a_missing_folder_is_refused_like_db(tmp_path, monkeypatch):
    monkeypatch.setenv("MINUTES_DB", str(tmp_path / "typo" / "minutes.db"))
    result = run("list")
    assert_clean_failure(result, "does not exist")
    assert not (tmp_path / "typo").exists()


def test_db_path_that_is_a_folder(tmp_path):
    (tmp_path / "folder.db").mkdir()
    result = run("--db", str(tmp_path / "folder.db"), "list")
    assert result.exit_code == 2 and "is a directory" in result.output, result.output  # a usage error
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path / "folder.db")


# -- read-only ----------------------------------------------------------------------------


def test_database_in_a_read_only_folder(good_db, tmp_path):
    folder = tmp_path / "ro"
    path = copy_of(good_db, folder)
    before = path.read_bytes()
    with read_only(folder):
        for args in (["list"], ["import", str(meeting_json(tmp_path))]):
            assert_clean_failure(run("--db", str(path), *args), "read-only")
        assert_clean_process_failure(run_process("--db", str(path), "list"), "read-only")
        with pytest.raises(StoreError, match="read-only"):
            Store.open(path)
    assert path.read_bytes() == before


def test_backup_copy_on_read_only_media_can_be_read_not_written(good_db, tmp_path):
    """A copy in rollback-journal mode (as backups are left) opens for reading on a read-only disk."""
    folder = tmp_path / "usb"
    path = copy_of(good_db, folder)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
    before = path.read_bytes()
    with read_only(folder):
        result = run("--db", str(path), "list")
        assert result.exit_code == 0, result.output
        assert "Big meeting x1" in result.output
        assert run("--db", str(path), "export", "1", "--format", "md", "-o", "one.md").exit_code == 0
        assert_clean_failure(
            run("--db", str(path), "import", "--force", str(meeting_json(tmp_path))), "read-only"
        )
        assert_clean_failure(run("--db", str(path), "approve", "1"), "read-only")
        assert_clean_process_failure(run_process("--db", str(path), "approve", "2"), "read-only")
    assert path.read_bytes() == before


def test_immutable_database_file(good_db, tmp_path):
    """chattr +i: even root cannot write the file (skipped where the file system lacks it)."""
    path = copy_of(good_db, tmp_path / "immutable")
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
    if (
        not shutil.which("chattr")
        or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode
    ):
        pytest.skip("chattr +i is not supported here")
    try:
        assert run("--db", str(path), "list").exit_code == 0
        assert_clean_failure(
            run("--db", str(path), "import", "--force", str(meeting_json(tmp_path))), "read-only"
        )
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    with contextlib.closing(Store.open(path)) as store:
        assert store.count_meetings() == 4


# -- locked -------------------------------------------------------------------------------


@contextlib.contextmanager
def exclusive_lock(path: Path):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")
        conn.close()


@pytest.mark.serial  # bounds on how long a write waits
def test_write_while_another_connection_holds_the_lock(good_db, tmp_path):
    path = copy_of(good_db, tmp_path)
    store = Store.open(path, busy_timeout=0.3)
    meeting = store.get_meeting(1)
    with exclusive_lock(path):
        assert store.list_meetings()  # WAL: reading goes on
        for write in (
            lambda: store.add_bullet(1, "overview", "typed while locked"),
            lambda: store.update_meeting(1, place="Widnes"),
            lambda: store.add_meeting(design_meeting()),
            lambda: store.delete_bullet(meeting.sections["overview"][0].id),
        ):
            started = time.monotonic()
            with pytest.raises(StoreError, match="busy in another program"):
                write()
            assert 0.25 < time.monotonic() - started < 3
    assert meeting_to_dict(store.get_meeting(1)) == meeting_to_dict(meeting)  # nothing half-done
    assert store.add_bullet(1, "overview", "typed after").text == "typed after"  # and it recovers
    store.close()


def test_open_while_a_rollback_mode_database_is_locked(good_db, tmp_path):
    path = copy_of(good_db, tmp_path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
    with exclusive_lock(path), pytest.raises(StoreError, match="busy in another program"):
        Store.open(path, busy_timeout=0.3)
    with contextlib.closing(Store.open(path)) as store:
        assert store.count_meetings() == 4


def test_write_waits_for_a_short_lock_instead_of_failing(good_db, tmp_path):
    """A lock shorter than the busy timeout is waited out: nothing reaches the user."""
    path = copy_of(good_db, tmp_path)
    store = Store.open(path, busy_timeout=5)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
            "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(0.5); c.execute('COMMIT')",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        bullet = store.add_bullet(1, "overview", "waited for the lock")
        assert time.monotonic() - started > 0.2
    finally:
        holder.wait(timeout=30)
    assert store.get_bullet(bullet.id).text == "waited for the lock"
    store.close()


@pytest.mark.slow
def test_cli_import_while_locked_longer_than_the_busy_timeout(good_db, tmp_path):
    path = copy_of(good_db, tmp_path)
    source = meeting_json(tmp_path)
    with exclusive_lock(path):
        started = time.monotonic()
        done = run_process("--db", str(path), "import", "--force", str(source))
        assert time.monotonic() - started >= 4.5  # waited the default 5 s first
        assert_clean_process_failure(done, "busy in another program")
        assert_clean_failure(run("--db", str(path), "approve", "1"), "busy in another program")
    with contextlib.closing(Store.open(path)) as store:
        assert store.count_meetings() == 4
        assert store.get_header(1).status == "draft"


# -- export folder read-only --------------------------------------------------------------


def test_export_into_a_read_only_folder(good_db, tmp_path):
    path = copy_of(good_db, tmp_path / "data")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "earlier.docx").write_bytes(b"earlier minutes")
    with read_only(folder):
        for fmt in ("docx", "md", "json"):
            result = run("--db", str(path), "export", "1", "--format", fmt, "-o", str(folder / f"m.{fmt}"))
            assert_clean_failure(result, "Read-only file system")
        result = run("--db", str(path), "export", "1", "--force", "-o", str(folder / "earlier.docx"))
        assert_clean_failure(result, "Read-only file system")
        result = run("--db", str(path), "actions", "--format", "csv", "-o", str(folder / "log.csv"))
        assert_clean_failure(result, "Read-only file system")
        assert_clean_process_failure(
            run_process("--db", str(path), "export", "1", "-o", str(folder / "p.docx")),
            "Read-only file system",
        )
        os.chdir(folder)  # the default ./exports/ cannot be made here
        assert_clean_failure(run("--db", str(path), "export", "1"), "exports")
    assert sorted(p.name for p in folder.iterdir()) == ["earlier.docx"]
    assert (folder / "earlier.docx").read_bytes() == b"earlier minutes"


# -- disk full ----------------------------------------------------------------------------


def test_database_on_a_full_disk_keeps_what_was_saved(tmp_path):
    with tmpfs(tmp_path / "disk", "1m") as disk:
        path = disk / "minutes.db"
        store = Store.open(path)
        saved = store.add_meeting(design_meeting())
        meeting = store.create_meeting(title="Filling up")
        typed = []
        with pytest.raises(StoreError, match="disk .* is full"):
            for n in range(10_000):
                typed.append(store.add_bullet(meeting.id, "comments", f"point {n} " + "x" * 2000).text)
        assert len(typed) > 10
        with pytest.raises(StoreError, match="full"):
            store.update_meeting(saved.id, place="Somewhere new " * 1000)
        store.close()
        assert_clean_failure(run("--db", str(path), "import", str(meeting_json(tmp_path))), "full")
        assert_clean_process_failure(
            run_process("--db", str(path), "import", str(meeting_json(tmp_path))), "full"
        )
        with contextlib.closing(Store.open(path)) as store:
            assert meeting_to_dict(store.get_meeting(saved.id)) == meeting_to_dict(saved)
            assert [b.text for b in store.get_meeting(meeting.id).sections["comments"]] == typed
        with contextlib.closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_export_to_a_full_disk_leaves_no_partial_file(good_db, tmp_path):
    path = copy_of(good_db, tmp_path / "data")
    with tmpfs(tmp_path / "disk", "1m") as disk:
        (disk / "earlier.md").write_text("earlier minutes", encoding="utf-8")
        fill(disk)
        for fmt in ("docx", "md", "json"):
            result = run("--db", str(path), "export", "4", "--format", fmt, "-o", str(disk / f"big.{fmt}"))
            assert_clean_failure(result, "No space left on device")
        result = run(
            "--db", str(path), "export", "4", "--format", "md", "--force", "-o", str(disk / "earlier.md")
        )
        assert_clean_failure(result, "No space left on device")
        result = run("--db", str(path), "actions", "--format", "csv", "-o", str(disk / "log.csv"))
        assert_clean_failure(result, "No space left on device")
        done = run_process("--db", str(path), "export", "4", "-o", str(disk / "p.docx"))
        assert_clean_process_failure(done, "No space left on device")
        assert sorted(p.name for p in disk.iterdir()) == ["ballast", "ballast-small", "earlier.md"]
        assert (disk / "earlier.md").read_text(encoding="utf-8") == "earlier minutes"


# -- names the file system refuses ------------------------------------------------------------


def test_names_too_long_for_the_file_system(good_db, tmp_path):
    path = copy_of(good_db, tmp_path)
    long = "a" * 300
    assert_clean_failure(run("--db", str(tmp_path / f"{long}.db"), "list"), "File name too long")
    assert_clean_failure(run("--db", str(path), "export", "1", "-o", f"{long}.docx"), "File name too long")
    assert_clean_failure(
        run("--db", str(path), "actions", "--format", "csv", "-o", f"{long}.csv"), "too long"
    )
    assert_clean_failure(run("--db", str(path), "import", f"{long}.json"), "File name too long")
    assert_clean_process_failure(
        run_process("--db", str(path), "export", "1", "-o", f"{long}.md"), "File name too long"
    )
    with pytest.raises(StoreError, match="File name too long"):
        Store.open(tmp_path / f"{long}.db")
