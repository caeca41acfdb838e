"""Backups, integrity checks and upgrades: the archive stays safe."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest
from sqlite_utils import Database
from support.samples import full_meeting

from minutes_tui.model import Meeting, Point, Turn
from minutes_tui.store import Store, StoreError
from minutes_tui.store.schema import migrations


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def meetings(store: Store) -> dict[int, Meeting]:
    return {m.id: store.get_meeting(m.id) for m in store.list_meetings()}


def small_meeting(n: int) -> Meeting:
    return Meeting(
        series="Board",
        title=f"Meeting {n}",
        round_robin=[Turn("LSC", [Point(f"point {n} {k}") for k in range(5)]), Turn("JCP", [Point("x")])],
    )


@pytest.fixture
def file_store(tmp_path):
    store = Store.open(tmp_path / "minutes.db")
    store.add_meeting(full_meeting())
    for n in range(3):
        store.add_meeting(small_meeting(n))
    yield store
    store.close()


# -- backup ------------------------------------------------------------------------


def test_backup_is_a_private_self_contained_copy(file_store, tmp_path):
    target = file_store.backup(tmp_path / "copy.db")
    assert target == tmp_path / "copy.db"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not Path(f"{target}-wal").exists() and not Path(f"{target}-journal").exists()
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    copy = Store.open(target)
    try:
        assert meetings(copy) == meetings(file_store)
    finally:
        copy.close()


def test_backup_never_overwrites(file_store, tmp_path):
    existing = tmp_path / "copy.db"
    existing.write_bytes(b"precious")
    with pytest.raises(StoreError, match="already exists"):
        file_store.backup(existing)
    assert existing.read_bytes() == b"precious"
    with pytest.raises(StoreError, match="folder"):
        file_store.backup(tmp_path)


def test_default_backup_goes_beside_the_database_with_a_timestamp(file_store, tmp_path):
    first = file_store.backup()
    second = file_store.backup()
    assert first.parent == second.parent == tmp_path
    assert first.name.startswith("minutes-backup-") and first.suffix == ".db"
    assert first != second


def test_backup_of_an_in_memory_store(store, tmp_path):
    store.add_meeting(full_meeting())
    copy = Store.open(store.backup(tmp_path / "mem.db"))
    assert meetings(copy) == meetings(store)
    copy.close()
    with pytest.raises(StoreError, match="file name"):
        store.backup()


def test_backup_during_writes_restores_an_identical_meeting_set(file_store, tmp_path):
    """A writer adds meetings as fast as it can while backups are taken."""
    path = Path(file_store.path)
    stop = threading.Event()
    errors: list[BaseException] = []

    def write() -> None:
        writer = Store.open(path)
        try:
            n = 0
            while not stop.is_set():
                writer.add_meeting(small_meeting(n))
                n += 1
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            writer.close()

    thread = threading.Thread(target=write)
    thread.start()
    backups = []
    try:
        for n in range(5):
            time.sleep(0.05)
            backups.append(file_store.backup(tmp_path / f"during-{n}.db"))
    finally:
        stop.set()
        thread.join()
    assert not errors
    source = meetings(file_store)
    counts = []
    for target in backups:
        copy = Store.open(target)
        try:
            saved = meetings(copy)
        finally:
            copy.close()
        # A consistent snapshot: the first N meetings, each exactly as in the source.
        assert sorted(saved) == sorted(source)[: len(saved)]
        for meeting_id, meeting in saved.items():
            assert meeting == source[meeting_id]
        counts.append(len(saved))
    assert counts == sorted(counts) and counts[-1] > counts[0] >= 4


# -- check ---------------------------------------------------------------------------


def test_check_on_a_healthy_database(file_store, store):
    assert file_store.check() == []
    assert store.check() == []


def _corrupt_copy(source: Store, tmp_path: Path, name: str) -> Path:
    """A copy of ``source`` with the first page of table or index ``name`` overwritten."""
    copy = source.backup(tmp_path / f"damaged-{name}.db")
    with sqlite3.connect(copy) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    conn.close()
    with open(copy, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(bytes(range(256)) * (page_size // 256))
    return copy


@pytest.mark.parametrize("name", ["points", "points_by_meeting", "attendees"])
def test_check_on_a_damaged_database_says_what_is_wrong(file_store, tmp_path, name):
    for n in range(50):
        file_store.add_meeting(small_meeting(n))
    damaged = Store.open(_corrupt_copy(file_store, tmp_path, name))
    try:
        problems = damaged.check()
    finally:
        damaged.close()
    assert problems
    assert all(isinstance(p, str) and p.endswith(".") for p in problems)
    assert "damaged" in problems[0] or "index" in problems[0]
    assert "backup" in " ".join(problems) or "REINDEX" in " ".join(problems)


def test_check_finds_orphans_and_a_stale_search_index_and_repair_fixes_the_index(file_store):
    db = file_store.db
    db.execute("PRAGMA foreign_keys = OFF")
    with db.atomic():
        db.execute(
            "INSERT INTO attendees (meeting_id, name, organisation, role, attendance, position) "
            "VALUES (999, 'Ghost', '', '', 'present', 1)"
        )
    db.execute("PRAGMA foreign_keys = ON")
    problems = file_store.check()
    assert len(problems) == 1
    assert problems[0].startswith("1 attendees belong to a meeting that no longer exists")
    with file_store.db.atomic():
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("DELETE FROM attendees WHERE meeting_id = 999")
    db.execute("PRAGMA foreign_keys = ON")
    with db.atomic():
        db.execute("DELETE FROM search_index WHERE kind = 'points'")
    problems = file_store.check()
    assert any("search index lists 0 points" in p for p in problems)
    assert file_store.search("point") == []
    assert file_store.repair()
    assert file_store.check() == []
    assert file_store.search("point")


# -- upgrades --------------------------------------------------------------------------


def make_old_database(path: Path) -> str:
    """A database as the previous version of minutes left it, with one meeting."""
    last = migrations._migrations[-1].name
    db = Database(path)
    migrations.apply(db, stop_before=last)
    db.execute(
        "INSERT INTO meetings (series, title, date, created, updated) "
        "VALUES ('Board', 'Old times', '2020-01-02', '2020-01-02T10:00:00', '2020-01-02T10:00:00')"
    )
    db.conn.commit()
    db.close()
    return last


def test_an_older_database_is_backed_up_then_upgraded(tmp_path):
    path = tmp_path / "minutes.db"
    last = make_old_database(path)
    store = Store.open(path)
    try:
        assert store.get_meeting(1).title == "Old times"
        assert last in {m.name for m in migrations.applied(store.db)}
    finally:
        store.close()
    backups = sorted(tmp_path.glob("minutes.db.backup-before-upgrade-*"))
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    old = Database(backups[0])
    try:
        applied = {m.name for m in migrations.applied(old)}
        assert last not in applied and applied
        assert old.execute("SELECT title FROM meetings").fetchall() == [("Old times",)]
    finally:
        old.close()
    # Opening again (now up to date) takes no further backup.
    Store.open(path).close()
    assert len(list(tmp_path.glob("minutes.db.backup-before-upgrade-*"))) == 1


def test_a_new_database_needs_no_upgrade_backup(tmp_path):
    Store.open(tmp_path / "minutes.db").close()
    Store.open(tmp_path / "minutes.db").close()
    assert list(tmp_path.glob("*backup*")) == []


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_newer_database_is_refused_and_left_unchanged(tmp_path, journal):
    path = tmp_path / "minutes.db"
    store = Store.open(path)
    store.add_meeting(full_meeting())
    store.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('minutes', 'm999_from_the_future', '2030-01-01')"
    )
    store.db.conn.commit()
    store.close()
    if journal == "delete":
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
    before = digest(path)
    files = sorted(os.listdir(tmp_path))
    with pytest.raises(StoreError) as raised:
        Store.open(path)
    message = str(raised.value)
    assert "newer version of minutes" in message and "m999_from_the_future" in message
    assert "upgrade minutes" in message
    assert digest(path) == before
    assert sorted(os.listdir(tmp_path)) == files


def test_backup_of_a_database_file_that_does_not_exist(tmp_path):
    from minutes_tui.store.maintenance import backup_file

    with pytest.raises(StoreError, match="no database"):
        backup_file(tmp_path / "nothing.db", tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists()


class _BrokenSource:
    """A connection whose backup fails half way, as on a full disk."""

    def backup(self, target, **kwargs):
        target.execute("CREATE TABLE half (x)")
        raise sqlite3.OperationalError("database or disk is full")


def test_a_failed_backup_leaves_no_file(tmp_path):
    from minutes_tui.store.maintenance import backup_connection

    with pytest.raises(StoreError, match="failed, nothing was kept.*full"):
        backup_connection(_BrokenSource(), tmp_path / "data" / "copy.db")
    assert list((tmp_path / "data").iterdir()) == []


def test_integrity_messages_become_plain_sentences():
    from minutes_tui.store.maintenance import describe_integrity

    assert describe_integrity(["ok"]) == []
    sentences = describe_integrity(
        [
            "*** in database main ***\nPage 7: btreeInitPage() returns error code 11",
            "row 3 missing from index points_by_meeting",
            "row 4 missing from index points_by_meeting",
            "wrong # of entries in index actions_by_owner",
            "NULL value in meetings.created",
        ]
    )
    assert sentences[0].startswith("The database file is damaged: 1 part of it cannot be read")
    assert "lookup index actions_by_owner disagrees with its table in 1 place" in sentences[1]
    assert "lookup index points_by_meeting disagrees with its table in 2 places" in sentences[2]
    assert sentences[3] == "SQLite's integrity check reports: NULL value in meetings.created."
