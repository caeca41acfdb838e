"""PostgreSQL twins of the committee and circulation migrations (m013, m014).

See :mod:`.schema_board` and :mod:`.schema_circulate` for what they hold. The rows of
agenda items, their points and resolutions carry a ``version`` raised by a trigger when
their content changes (not when the store renumbers minutes), as on SQLite.
"""

from __future__ import annotations

from typing import Any

from .pg_schema import ID, _index_triggers, migration
from .schema_board import AGENDA_INDEX, BOARD_VERSIONED


def _versioned(conn: Any, table: str, columns: tuple[str, ...]) -> None:
    """A trigger that raises ``version`` when any of ``columns`` changes (unless the update set it)."""
    changed = " OR ".join(f'OLD."{c}" IS DISTINCT FROM NEW."{c}"' for c in columns)
    conn.execute(
        f"""
        CREATE FUNCTION {table}_version() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF NEW.version = OLD.version AND ({changed}) THEN
                NEW.version := OLD.version + 1;
            END IF;
            RETURN NEW;
        END $body$"""
    )
    conn.execute(
        f"CREATE TRIGGER {table}_version BEFORE UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_version()"
    )


@migration
def m013_committee_business(conn: Any) -> None:
    conn.execute(
        f"""
        CREATE TABLE agenda_items (
            id {ID},
            meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            number TEXT NOT NULL DEFAULT '',
            minute TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            paper TEXT NOT NULL DEFAULT '',
            presenter TEXT NOT NULL DEFAULT '',
            purpose TEXT NOT NULL DEFAULT '',
            recommendations TEXT NOT NULL DEFAULT '[]',
            summary TEXT NOT NULL DEFAULT '',
            exempt TEXT NOT NULL DEFAULT '',
            position DOUBLE PRECISION NOT NULL,
            version INTEGER NOT NULL DEFAULT 0
        )"""
    )
    conn.execute("CREATE INDEX agenda_items_by_meeting ON agenda_items(meeting_id, position)")
    for table, definition in (
        ("item_points", "text TEXT NOT NULL DEFAULT '', created TEXT"),
        (
            "resolutions",
            "outcome TEXT NOT NULL DEFAULT 'approved', text TEXT NOT NULL DEFAULT '', "
            "votes_for INTEGER, votes_against INTEGER, abstentions INTEGER, "
            "recorded TEXT NOT NULL DEFAULT '[]'",
        ),
    ):
        conn.execute(
            f"""
            CREATE TABLE {table} (
                id {ID},
                item_id BIGINT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
                meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
                {definition},
                position DOUBLE PRECISION NOT NULL,
                version INTEGER NOT NULL DEFAULT 0
            )"""
        )
        conn.execute(f"CREATE INDEX {table}_by_item ON {table}(item_id, position)")
        conn.execute(f"CREATE INDEX {table}_by_meeting ON {table}(meeting_id, item_id, position)")
    for table, columns in BOARD_VERSIONED.items():
        _versioned(conn, table, columns)
    _index_triggers(conn, *AGENDA_INDEX)
    conn.execute("ALTER TABLE attendees ADD COLUMN voting INTEGER NOT NULL DEFAULT 0")
    conn.execute(
        "ALTER TABLE actions ADD COLUMN item_id BIGINT REFERENCES agenda_items(id) ON DELETE SET NULL"
    )
    conn.execute("CREATE INDEX actions_by_item ON actions(item_id) WHERE item_id IS NOT NULL")
    conn.execute("ALTER TABLE meetings ADD COLUMN closed TEXT NOT NULL DEFAULT ''")
    conn.execute(
        """
        CREATE TABLE committee_rules (
            series TEXT PRIMARY KEY,
            numbering TEXT NOT NULL DEFAULT 'meeting',
            quorum INTEGER,
            actions_table INTEGER NOT NULL DEFAULT 1,
            first_minute INTEGER NOT NULL DEFAULT 1
        )"""
    )


@migration
def m014_attendee_email(conn: Any) -> None:
    conn.execute("ALTER TABLE attendees ADD COLUMN email TEXT NOT NULL DEFAULT ''")
