"""Keeping the archive safe: consistent backups, integrity checks in plain words.

A backup uses SQLite's online backup API in a single step, from a connection of
its own: it copies one consistent snapshot of the committed data while the app
(another connection or process) goes on writing, which WAL mode allows. The copy
is created readable by its owner only, never over an existing file, and is left
as one self-contained file (rollback journal mode, no ``-wal`` beside it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from ..tempfiles import sweep_stale, temp_file
from .errors import StoreError, translate
from .schema import fill_search_index
from .schema_board import fill_agenda_index
from .search import ALL_INDEXED
from .transaction import immediate

#: Problems listed at most by ``PRAGMA integrity_check``.
MAX_PROBLEMS = 100


def timestamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def unique_path(path: Path) -> Path:
    """``path``, or ``path`` with ``-2``, ``-3`` ... added if it is taken."""
    if not _taken(path):
        return path
    n = 2
    while _taken(path.with_name(f"{path.name}-{n}")):
        n += 1
    return path.with_name(f"{path.name}-{n}")


def _taken(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def default_backup_path(db_path: str | Path) -> Path:
    """``minutes-backup-YYYYMMDD-HHMMSS.db`` beside the database ``db_path``."""
    db_path = Path(db_path)
    return unique_path(db_path.with_name(f"{db_path.stem}-backup-{timestamp()}{db_path.suffix or '.db'}"))


def upgrade_backup_path(db_path: str | Path) -> Path:
    """``minutes.db.backup-before-upgrade-YYYYMMDD-HHMMSS`` beside the database."""
    db_path = Path(db_path)
    return unique_path(db_path.with_name(f"{db_path.name}.backup-before-upgrade-{timestamp()}"))


def backup_connection(source: sqlite3.Connection, target: str | Path) -> Path:
    """Copy the database open on ``source`` to the new file ``target``; returns its path.

    Refuses (:class:`StoreError`) if ``target`` exists. The copy is one snapshot
    of what ``source`` sees, taken in a single backup step into a temporary file
    beside ``target``, checked with ``quick_check``, and only then given its
    name: an interrupted backup leaves nothing under ``target``.
    """
    target = Path(target).expanduser()
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give a file name for the backup")
    if os.path.lexists(target):
        raise StoreError(f"{target} already exists; choose another name or remove it first")
    folder = target.parent
    sweep_stale(folder)
    try:
        tmp = temp_file(folder, ".db")
    except OSError as exc:
        raise StoreError(f"Cannot create the backup {target}: {exc.strerror or exc}") from None
    try:
        _copy(source, tmp, target)
        verdict = quick_check(tmp)
        if verdict != "ok":
            raise StoreError(
                f"The backup to {target} does not read back cleanly, nothing was kept: {verdict}"
            )
        _place(tmp, target)
    finally:
        _remove(tmp)
    return target


def _copy(source: sqlite3.Connection, tmp: Path, target: Path) -> None:
    dest = None
    try:
        dest = sqlite3.connect(str(tmp))
        source.backup(dest, pages=-1)
        dest.execute("PRAGMA journal_mode = DELETE").fetchone()
        dest.commit()
    except sqlite3.Error as exc:
        raise StoreError(f"The backup to {target} failed, nothing was kept: {translate(exc)}") from exc
    finally:
        if dest is not None:
            dest.close()


def _place(tmp: Path, target: Path) -> None:
    """Give the checked copy its name, never over an existing file."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise StoreError(f"{target} already exists; choose another name or remove it first") from None
    except OSError as exc:
        if os.path.lexists(target):
            raise StoreError(f"Cannot write the backup {target}: {exc.strerror or exc}") from None
        try:  # a file system without hard links
            os.rename(tmp, target)
        except OSError as again:
            raise StoreError(f"Cannot write the backup {target}: {again.strerror or again}") from None


def quick_check(path: str | Path) -> str:
    """SQLite's ``quick_check`` of the database file ``path``, read-only: ``"ok"`` or the problem."""
    try:
        copy = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return str(copy.execute("PRAGMA quick_check").fetchone()[0])
        finally:
            copy.close()
    except sqlite3.Error as exc:
        return str(exc)


def backup_file(db_path: str | Path, target: str | Path) -> Path:
    """Back up the database file ``db_path`` (which may be open and written elsewhere)."""
    db_path = Path(db_path).expanduser()
    if not db_path.is_file():
        raise StoreError(f"There is no database at {db_path} to back up")
    try:
        source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error as exc:
        raise translate(exc, db_path) from exc
    try:
        return backup_connection(source, target)
    finally:
        source.close()


def backup(db: Database, db_path: str | Path, target: str | Path | None = None) -> Path:
    """Back up the store's database to ``target`` (default: beside it, timestamped).

    A file database is copied through a read-only connection of its own, so the
    copy holds only committed data even if ``db`` is in the middle of a write.
    """
    memory = str(db_path) == ":memory:"
    if target is None:
        if memory:
            raise StoreError("An in-memory database has no folder to back up into; give a file name")
        target = default_backup_path(db_path)
    if memory:
        return backup_connection(db.conn, target)
    return backup_file(db_path, target)


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


# -- checking ---------------------------------------------------------------------

_INDEX_PROBLEM = re.compile(r"(?:row \d+ missing from index|wrong # of entries in index|index) (\S+)")
_PAGE_PROBLEM = re.compile(r"page|freelist|btree|cell|overflow|fragment|database main", re.IGNORECASE)


def check(db: Database) -> list[str]:
    """What is wrong with the database, in plain sentences; ``[]`` if nothing is.

    Runs SQLite's integrity check (every page, table and index), the foreign key
    check (items whose meeting or turn has gone), and compares the full-text
    index with the tables it indexes.
    """
    try:
        rows = [str(r[0]) for r in db.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})").fetchall()]
    except sqlite3.DatabaseError:
        return _damaged_tables(db)
    problems = describe_integrity(rows)
    try:
        problems += _foreign_keys(db)
        if not problems:
            problems += _search_index(db)
    except sqlite3.DatabaseError as exc:
        problems.append(f"Part of the database could not be read ({exc}). {_RESTORE}")
    return problems


_RESTORE = "Restore the file from a backup, or copy it before trying to repair it."


def _damaged_tables(db: Database) -> list[str]:
    """When the whole-file check cannot even run: which tables are unreadable."""
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]
    damaged = []
    for name in names:
        try:
            rows = [str(r[0]) for r in db.execute(f"PRAGMA integrity_check({_quote(name)})").fetchall()]
        except sqlite3.DatabaseError:
            rows = ["unreadable"]
        if rows != ["ok"]:
            damaged.append(name)
    if not damaged:
        return [f"The database file is damaged and could not be checked. {_RESTORE}"]
    parts = ", ".join(
        sorted({"the search index" if n.startswith("search_index") else _WHAT.get(n, n) for n in damaged})
    )
    return [
        f"The database file is damaged where it holds {parts} (table{'s' if len(damaged) > 1 else ''} "
        f"{', '.join(damaged)}): those minutes may be lost or unreadable. {_RESTORE}"
    ]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def describe_integrity(rows: list[str]) -> list[str]:
    """The lines of ``PRAGMA integrity_check`` as plain sentences (``["ok"]``: none)."""
    if rows == ["ok"]:
        return []
    indexes: dict[str, int] = {}
    damaged: list[str] = []
    other: list[str] = []
    for row in rows:
        for line in row.splitlines():
            line = line.strip()
            if not line or line.startswith("***"):
                continue
            found = _INDEX_PROBLEM.search(line)
            if found and ("missing from index" in line or "entries in index" in line):
                indexes[found.group(1)] = indexes.get(found.group(1), 0) + 1
            elif _PAGE_PROBLEM.search(line):
                damaged.append(line)
            else:
                other.append(line)
    sentences = []
    if damaged:
        sentences.append(
            f"The database file is damaged: {_count(len(damaged), 'part')} of it cannot be read "
            f"correctly (first: {damaged[0]}). Minutes in those parts may be lost. {_RESTORE}"
        )
    for index, count in sorted(indexes.items()):
        sentences.append(
            f"The lookup index {index} disagrees with its table in {_count(count, 'place')}; "
            "the minutes themselves may be intact, and `minutes check --repair` rebuilds it."
        )
    for line in other:
        sentences.append(f"SQLite's integrity check reports: {line}.")
    if len(rows) >= MAX_PROBLEMS:
        sentences.append(f"There may be more problems: the check stopped after {MAX_PROBLEMS}.")
    return sentences


_WHAT = {
    "meetings": "meetings",
    "attendees": "attendees",
    "bullets": "bullet points",
    "turns": "round-robin turns",
    "points": "round-robin points",
    "actions": "actions",
    "carried_actions": "matters arising",
    "declarations": "declarations of interest",
    "agenda_items": "agenda items",
    "item_points": "discussion points of agenda items",
    "resolutions": "resolutions",
}


def _foreign_keys(db: Database) -> list[str]:
    found: dict[tuple[str, str], list[int]] = {}
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        found.setdefault((table, parent), []).append(rowid)
    sentences = []
    for (table, parent), rowids in sorted(found.items()):
        what = _WHAT.get(table, f"rows of {table}")
        owner = {
            "meetings": "a meeting",
            "turns": "a round-robin turn",
            "agenda_items": "an agenda item",
        }.get(parent, f"a row of {parent}")
        shown = ", ".join(str(r) for r in sorted(rowids)[:10]) + (" ..." if len(rowids) > 10 else "")
        sentences.append(
            f"{len(rowids)} {what} belong to {owner} that no longer exists (ids {shown}); "
            "they will not show in any meeting."
        )
    return sentences


def _search_index(db: Database) -> list[str]:
    sentences = []
    indexed = dict(db.execute("SELECT c1, count(*) FROM search_index_content GROUP BY c1").fetchall())
    for table, _, _ in ALL_INDEXED:
        have = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        listed = indexed.get(table, 0)
        if have != listed:
            sentences.append(
                f"The search index lists {listed} {table} but there are {have}; searches may miss "
                "or show stale items (`minutes check --repair` rebuilds it)."
            )
    began = not db.conn.in_transaction
    try:
        db.execute("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 0)")
        if began and db.conn.in_transaction:  # the check writes nothing; end any implicit BEGIN
            db.conn.rollback()
    except sqlite3.DatabaseError as exc:
        sentences.append(
            f"The search index is damaged ({exc}); `minutes check --repair` rebuilds it from the minutes."
        )
    return sentences


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def repair(db: Database) -> list[str]:
    """Rebuild what can be rebuilt without losing minutes: indexes and the search index.

    Returns what was done, in plain sentences. Damaged table pages are not
    repairable here: restore those from a backup.
    """
    done = []
    with immediate(db):
        db.execute("REINDEX")
        done.append("Rebuilt every lookup index.")
        fill_search_index(db)
        fill_agenda_index(db)
        done.append("Rebuilt the search index from the minutes.")
    return done
