"""The database schema, created and upgraded by numbered migrations.

Tables are named plainly so that ``sqlite-utils`` or Datasette can read them
(see docs/database.md). Every list item has a ``position`` (REAL): the list is
ordered by it, and an item inserted between two others takes the midpoint.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from .migration_set import MigrationSet
from .transaction import immediate

if TYPE_CHECKING:
    from sqlite_utils import Database

#: Every migration, registered by ``@migrations()`` in number order (``sqlite_utils.Migrations``'
#: record, read without loading sqlite-utils: see migration_set.py).
migrations = MigrationSet("minutes")

#: What the full-text index holds for each kind of row: (table, code, SQL of the text).
#: The index row id is ``row id * 8 + code``, so a row's entry is found without a scan.
INDEXED = (
    (
        "meetings",
        0,
        "{r}.series || ' ' || {r}.title || ' ' || {r}.place || ' ' || {r}.chair || ' ' || {r}.minute_taker",
    ),
    ("attendees", 1, "{r}.name || ' ' || {r}.organisation || ' ' || {r}.role"),
    ("bullets", 2, "{r}.text"),
    ("turns", 3, "{r}.speaker"),
    ("points", 4, "{r}.text"),
    ("actions", 5, "{r}.text || ' ' || {r}.owner"),
)
#: Progress notes on matters arising join the index in migration 3.
CARRIED_INDEX = ("carried_actions", 6, "{r}.note")
INDEX_KIND = {table: code for table, code, _ in (*INDEXED, CARRIED_INDEX)}


@migrations()
def m001_meetings(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            series TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            date TEXT,
            time TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            chair TEXT NOT NULL DEFAULT '',
            minute_taker TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft',
            next_meeting TEXT,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX meetings_by_date ON meetings(date DESC, id DESC)")
    db.execute("CREATE INDEX meetings_by_series ON meetings(series)")
    children = {
        "attendees": """
            name TEXT NOT NULL DEFAULT '',
            organisation TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            attendance TEXT NOT NULL DEFAULT 'present'""",
        "bullets": """
            section TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT ''""",
        "turns": """
            speaker TEXT NOT NULL DEFAULT ''""",
        "actions": """
            text TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            due TEXT,
            status TEXT NOT NULL DEFAULT 'open'""",
    }
    for table, columns in children.items():
        db.execute(
            f"""
            CREATE TABLE {table} (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
                {columns},
                position REAL NOT NULL
            )"""
        )
        db.execute(f"CREATE INDEX {table}_by_meeting ON {table}(meeting_id, position)")
    db.execute(
        """
        CREATE TABLE points (
            id INTEGER PRIMARY KEY,
            turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            text TEXT NOT NULL DEFAULT '',
            position REAL NOT NULL
        )"""
    )
    db.execute("CREATE INDEX points_by_turn ON points(turn_id, position)")
    db.execute("CREATE INDEX points_by_meeting ON points(meeting_id)")
    db.execute("CREATE INDEX actions_by_owner ON actions(owner)")
    db.execute("CREATE INDEX actions_by_status_due ON actions(status, due)")


@migrations()
def m002_search_index(db: Database) -> None:
    db.execute(
        """
        CREATE VIRTUAL TABLE search_index USING fts5(
            text, kind UNINDEXED, meeting_id UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2'
        )"""
    )
    for table, code, text_sql in INDEXED:
        _index_triggers(db, table, code, text_sql)


def _index_triggers(db: Database, table: str, code: int, text_sql: str) -> None:
    """Triggers that keep ``table``'s rows in the search index (row id * 8 + code)."""
    meeting = "new.id" if table == "meetings" else "new.meeting_id"
    insert = (
        "INSERT INTO search_index(rowid, text, kind, meeting_id) "
        f"VALUES (new.id * 8 + {code}, {text_sql.format(r='new')}, '{table}', {meeting});"
    )
    delete = f"DELETE FROM search_index WHERE rowid = old.id * 8 + {code};"
    db.execute(f"CREATE TRIGGER {table}_index_insert AFTER INSERT ON {table} BEGIN {insert} END")
    db.execute(f"CREATE TRIGGER {table}_index_delete AFTER DELETE ON {table} BEGIN {delete} END")
    db.execute(
        f"CREATE TRIGGER {table}_index_update AFTER UPDATE ON {table} "
        f"WHEN {text_sql.format(r='old')} IS NOT {text_sql.format(r='new')} "
        f"BEGIN {delete} {insert} END"
    )


@migrations()
def m003_series_and_actions(db: Database) -> None:
    """Action history, matters arising carried between meetings, approval records."""
    db.execute(
        """
        CREATE TABLE action_events (
            id INTEGER PRIMARY KEY,
            action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
            event TEXT NOT NULL,
            status TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX action_events_by_action ON action_events(action_id, id)")
    db.execute(
        """
        CREATE TABLE carried_actions (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
            note TEXT NOT NULL DEFAULT '',
            position REAL NOT NULL,
            UNIQUE (meeting_id, action_id)
        )"""
    )
    db.execute("CREATE INDEX carried_actions_by_action ON carried_actions(action_id)")
    db.execute(
        """
        CREATE TABLE meeting_events (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            event TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX meeting_events_by_meeting ON meeting_events(meeting_id, id)")
    _index_triggers(db, *CARRIED_INDEX)


@migrations()
def m004_layouts(db: Database) -> None:
    """Each meeting's section layout (NULL: the workshop default) and each series' choice."""
    db.execute("ALTER TABLE meetings ADD COLUMN layout TEXT")
    db.execute(
        """
        CREATE TABLE series_layouts (
            series TEXT PRIMARY KEY,
            layout TEXT NOT NULL
        )"""
    )


def fill_search_index(db: Database) -> None:
    """Refill the search index from every indexed table (inside the caller's transaction)."""
    db.execute("DELETE FROM search_index")
    for table, code, text_sql in (*INDEXED, CARRIED_INDEX):
        meeting = "id" if table == "meetings" else "meeting_id"
        db.execute(
            "INSERT INTO search_index(rowid, text, kind, meeting_id) "
            f"SELECT id * 8 + {code}, {text_sql.format(r=table)}, '{table}', {meeting} FROM {table}"
        )


@migrations()
def m005_search_prefixes(db: Database) -> None:
    """Index 2- and 3-letter prefixes, so `appren*` and search-as-you-type stay fast."""
    db.execute("DROP TABLE search_index")
    db.execute(
        """
        CREATE VIRTUAL TABLE search_index USING fts5(
            text, kind UNINDEXED, meeting_id UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
        )"""
    )
    fill_search_index(db)


@migrations()
def m006_capture(db: Database) -> None:
    """Attendance as it happens, declarations of interest, point timestamps, stock phrases."""
    for column in ("arrived", "left", "on_behalf_of"):
        db.execute(f"ALTER TABLE attendees ADD COLUMN \"{column}\" TEXT NOT NULL DEFAULT ''")
    for table in ("points", "bullets"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN created TEXT")  # NULL: saved before timestamps
    db.execute(
        """
        CREATE TABLE declarations (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            attendee_id INTEGER NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
            item TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            position REAL NOT NULL
        )"""
    )
    db.execute("CREATE INDEX declarations_by_meeting ON declarations(meeting_id, position)")
    db.execute("CREATE INDEX declarations_by_attendee ON declarations(attendee_id)")
    db.execute(
        """
        CREATE TABLE stock_phrases (
            series TEXT NOT NULL,
            position INTEGER NOT NULL,
            phrase TEXT NOT NULL,
            PRIMARY KEY (series, position)
        )"""
    )


@migrations()
def m007_bullets_by_section(db: Database) -> None:
    """Bullets indexed by their list (meeting and section), so adding one at the end of a
    section reads one index entry however many bullets the meeting holds.

    It also serves every lookup by meeting alone, so it replaces ``bullets_by_meeting``.
    """
    db.execute("CREATE INDEX bullets_by_section ON bullets(meeting_id, section, position)")
    db.execute("DROP INDEX bullets_by_meeting")


@migrations()
def m008_approved_record(db: Database) -> None:
    """What approved minutes show of actions, fixed at approval (``approved_actions``).

    Meetings approved before this version are fixed as they stand now.
    """
    db.execute(
        """
        CREATE TABLE approved_actions (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            arising INTEGER NOT NULL,
            action_id INTEGER NOT NULL,
            carried_id INTEGER,
            action_meeting_id INTEGER,
            text TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            due TEXT,
            status TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            raised_on TEXT,
            raised_in TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL
        )"""
    )
    db.execute("CREATE INDEX approved_actions_by_meeting ON approved_actions(meeting_id, arising, position)")
    columns = (
        "meeting_id, arising, action_id, carried_id, action_meeting_id, text, owner, due, status, note, "
        "raised_on, raised_in, position"
    )
    approved = "SELECT id FROM meetings WHERE status = 'approved'"
    db.execute(
        f"INSERT INTO approved_actions ({columns}) SELECT a.meeting_id, 0, a.id, NULL, a.meeting_id, "
        "a.text, a.owner, a.due, a.status, '', m.date, m.title, "
        "row_number() OVER (PARTITION BY a.meeting_id ORDER BY a.position, a.id) "
        f"FROM actions a JOIN meetings m ON m.id = a.meeting_id WHERE a.meeting_id IN ({approved})"
    )
    db.execute(
        f"INSERT INTO approved_actions ({columns}) SELECT c.meeting_id, 1, a.id, c.id, a.meeting_id, "
        "a.text, a.owner, a.due, a.status, c.note, m.date, m.title, "
        "row_number() OVER (PARTITION BY c.meeting_id ORDER BY c.position, c.id) "
        "FROM carried_actions c JOIN actions a ON a.id = c.action_id "
        f"JOIN meetings m ON m.id = a.meeting_id WHERE c.meeting_id IN ({approved})"
    )


@migrations()
def m009_deleted_meetings(db: Database) -> None:
    """A deleted meeting is kept (``deleted``: when) until it is purged; NULL: not deleted."""
    db.execute("ALTER TABLE meetings ADD COLUMN deleted TEXT")
    db.execute("CREATE INDEX meetings_deleted ON meetings(deleted) WHERE deleted IS NOT NULL")


#: Tables whose rows carry a ``version``, raised by every change of their content (m010).
VERSIONED = (
    "meetings",
    "attendees",
    "bullets",
    "turns",
    "points",
    "actions",
    "declarations",
    "carried_actions",
)


@migrations()
def m010_row_versions(db: Database) -> None:
    """A ``version`` on meetings and every list row, so a save can tell that the row
    changed since it was read (two people, or two windows, on one database)."""
    for table in VERSIONED:
        db.execute(f"ALTER TABLE {table} ADD COLUMN version INTEGER NOT NULL DEFAULT 0")


@migrations()
def m011_event_authors(db: Database) -> None:
    """Who approved or reopened the minutes: the user's login name on each meeting event."""
    db.execute("ALTER TABLE meeting_events ADD COLUMN author TEXT NOT NULL DEFAULT ''")


def upgrade(db: Database | sqlite3.Connection) -> None:
    """Create or upgrade the schema to the newest version this app knows.

    All pending migrations run in one ``BEGIN IMMEDIATE`` transaction, so two
    processes opening a new database at once wait for each other (up to the busy
    timeout) instead of both creating the tables.
    """
    if not migrations.pending(db):
        return
    with immediate(db):
        migrations.apply(db)  # re-reads what is pending, now under the write lock


def unknown_migrations(db: Database | sqlite3.Connection) -> list[str]:
    """Migrations applied to ``db`` that this version of the app does not know."""
    known = {m.name for m in migrations._migrations}
    return [m.name for m in migrations.applied(db) if m.name not in known]


# Later migrations, each in its own module, registered here in number order.
from . import (  # noqa: E402, F401
    schema_board,  # m013
    schema_circulate,  # m014
    schema_listing,  # m016
    schema_scoped_search,  # m015
    schema_speakers,  # m012
)
