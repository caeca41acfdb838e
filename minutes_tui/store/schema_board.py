"""Committee business in the schema (migration m013): agenda items and what is minuted under them.

- ``agenda_items``: one row per item of a meeting (number as printed, minute number, title,
  paper, presenter, purpose, recommendations as a JSON list, summary, exempt reason).
- ``item_points``: the discussion points of an item; ``resolutions``: its resolutions
  (outcome, text, votes for / against / abstaining, a recorded vote as a JSON list of names).
- ``attendees.voting``: a voting member (counted for the quorum); ``actions.item_id``: the
  item an action was raised under; ``meetings.closed``: when the meeting closed.
- the search index holds each agenda item (number, title, paper, presenter, summary,
  recommendations, exemption) under code 7.
- ``committee_rules``: per series, how minutes are numbered, the quorum, whether the minutes
  show the actions table, and the first running minute number of a year.

Each new row kind has a ``version`` raised by a trigger whenever its content changes (not
when the store renumbers minutes), so a save naming an older version is refused as elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .schema import _index_triggers, migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

#: Agenda items in the full-text index: code 7 (row id * 8 + 7), the one left free by schema.INDEXED.
AGENDA_INDEX = (
    "agenda_items",
    7,
    "{r}.number || ' ' || {r}.title || ' ' || {r}.paper || ' ' || {r}.presenter || ' ' || {r}.summary"
    " || ' ' || {r}.recommendations || ' ' || {r}.exempt",
)


def fill_agenda_index(db: Database) -> None:
    """Put every agenda item in the search index (inside the caller's transaction)."""
    table, code, text_sql = AGENDA_INDEX
    db.execute(f"DELETE FROM search_index WHERE rowid % 8 = {code}")
    db.execute(
        "INSERT INTO search_index(rowid, text, kind, meeting_id) "
        f"SELECT id * 8 + {code}, {text_sql.format(r=table)}, '{table}', meeting_id FROM {table}"
    )


#: Rows of these tables carry a ``version`` raised by their own triggers (see :func:`_versioned`).
BOARD_VERSIONED = {
    "agenda_items": (
        "number",
        "title",
        "paper",
        "presenter",
        "purpose",
        "recommendations",
        "summary",
        "exempt",
    ),
    "item_points": ("text",),
    "resolutions": ("outcome", "text", "votes_for", "votes_against", "abstentions", "recorded"),
}


def _versioned(db: Database, table: str, columns: tuple[str, ...]) -> None:
    """A trigger that raises ``version`` when any of ``columns`` changes (unless the update set it)."""
    changed = " OR ".join(f'old."{c}" IS NOT new."{c}"' for c in columns)
    db.execute(
        f"CREATE TRIGGER {table}_version AFTER UPDATE ON {table} "
        f"WHEN new.version = old.version AND ({changed}) "
        f"BEGIN UPDATE {table} SET version = old.version + 1 WHERE id = new.id; END"
    )


@migrations()
def m013_committee_business(db: Database) -> None:
    """Agenda items, their points and resolutions, voting members, the closing time, series rules."""
    db.execute(
        """
        CREATE TABLE agenda_items (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            number TEXT NOT NULL DEFAULT '',
            minute TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            paper TEXT NOT NULL DEFAULT '',
            presenter TEXT NOT NULL DEFAULT '',
            purpose TEXT NOT NULL DEFAULT '',
            recommendations TEXT NOT NULL DEFAULT '[]',
            summary TEXT NOT NULL DEFAULT '',
            exempt TEXT NOT NULL DEFAULT '',
            position REAL NOT NULL,
            version INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX agenda_items_by_meeting ON agenda_items(meeting_id, position)")
    for table, definition in (
        ("item_points", "text TEXT NOT NULL DEFAULT '', created TEXT"),
        (
            "resolutions",
            "outcome TEXT NOT NULL DEFAULT 'approved', text TEXT NOT NULL DEFAULT '', "
            "votes_for INTEGER, votes_against INTEGER, abstentions INTEGER, "
            "recorded TEXT NOT NULL DEFAULT '[]'",
        ),
    ):
        db.execute(
            f"""
            CREATE TABLE {table} (
                id INTEGER PRIMARY KEY,
                item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
                {definition},
                position REAL NOT NULL,
                version INTEGER NOT NULL DEFAULT 0
            )"""
        )
        db.execute(f"CREATE INDEX {table}_by_item ON {table}(item_id, position)")
        db.execute(f"CREATE INDEX {table}_by_meeting ON {table}(meeting_id, item_id, position)")
    for table, columns in BOARD_VERSIONED.items():
        _versioned(db, table, columns)
    _index_triggers(db, *AGENDA_INDEX)
    db.execute("ALTER TABLE attendees ADD COLUMN voting INTEGER NOT NULL DEFAULT 0")
    db.execute(
        "ALTER TABLE actions ADD COLUMN item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL"
    )
    db.execute("CREATE INDEX actions_by_item ON actions(item_id) WHERE item_id IS NOT NULL")
    db.execute("ALTER TABLE meetings ADD COLUMN closed TEXT NOT NULL DEFAULT ''")
    db.execute(
        """
        CREATE TABLE committee_rules (
            series TEXT PRIMARY KEY,
            numbering TEXT NOT NULL DEFAULT 'meeting',
            quorum INTEGER,
            actions_table INTEGER NOT NULL DEFAULT 1,
            first_minute INTEGER NOT NULL DEFAULT 1
        )"""
    )
