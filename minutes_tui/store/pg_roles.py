"""Who may do what on a PostgreSQL archive: three group roles, enforced by the server's grants.

- ``minutes_readers`` read and search.
- ``minutes_note_takers`` also write drafts: every table, but not a meeting's ``status``
  (approval) and not the approval records (``meeting_events``, ``approved_actions``), and
  they cannot purge a meeting.
- ``minutes_officers`` are note-takers who may also approve, reopen and purge.

People log in with their own roles, made members of one of these
(``GRANT minutes_officers TO priya``). :func:`init_roles` can run again after an upgrade
(new tables and columns get their grants).
"""

from __future__ import annotations

from typing import Any

READERS, NOTE_TAKERS, OFFICERS = "minutes_readers", "minutes_note_takers", "minutes_officers"
ROLES = (READERS, NOTE_TAKERS, OFFICERS)
#: What only officers may write: the approval and its records.
APPROVAL_TABLES = ("meeting_events", "approved_actions")


def init_roles(conn: Any) -> None:
    """Create the three roles if missing and (re)grant them their rights, in one transaction."""
    with conn.transaction():
        for role in ROLES:
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                conn.execute(f"CREATE ROLE {role} NOLOGIN")
        schema = conn.execute("SELECT current_schema()").fetchone()[0]
        tables = [
            r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,))
        ]
        conn.execute(f'GRANT USAGE ON SCHEMA "{schema}" TO {READERS}, {NOTE_TAKERS}, {OFFICERS}')
        conn.execute(f"GRANT {READERS} TO {NOTE_TAKERS}")
        conn.execute(f"GRANT {NOTE_TAKERS} TO {OFFICERS}")
        conn.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO {NOTE_TAKERS}')
        for table in tables:
            conn.execute(f"REVOKE ALL ON {table} FROM {READERS}, {NOTE_TAKERS}, {OFFICERS}")
            conn.execute(f"GRANT SELECT ON {table} TO {READERS}")
            if table.startswith("_"):
                continue  # the migrations' own table: the owner's
            if table in APPROVAL_TABLES:
                conn.execute(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {OFFICERS}")
            elif table == "meetings":
                columns = [
                    r[0]
                    for r in conn.execute(
                        "SELECT column_name FROM information_schema.columns "
                        "WHERE table_schema = %s AND table_name = 'meetings' AND column_name <> 'status'",
                        (schema,),
                    )
                ]
                quoted = ", ".join(f'"{c}"' for c in columns)
                conn.execute(f"GRANT INSERT ({quoted}), UPDATE ({quoted}) ON meetings TO {NOTE_TAKERS}")
                conn.execute(f"GRANT INSERT (status), UPDATE (status), DELETE ON meetings TO {OFFICERS}")
            else:
                conn.execute(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {NOTE_TAKERS}")


def may_write(conn: Any) -> bool:
    """Whether the connected role may write minutes at all (a reader may not)."""
    return bool(conn.execute("SELECT has_any_column_privilege('meetings', 'INSERT')").fetchone()[0])
