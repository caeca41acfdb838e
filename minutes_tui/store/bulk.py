"""Saving many rows at once: the search index filled once at the end, not row by row.

Every indexed table has triggers that keep the full-text index in step with each
row written. Saving a whole meeting (an import) would fire them once per item,
which is most of the work; :func:`indexed_at_end` instead lifts those triggers
for the length of the caller's transaction and indexes the new rows with one
``INSERT ... SELECT`` per table. DDL is transactional in SQLite: another
connection sees the triggers either as they were or as they are again, and the
rollback that follows any error puts them back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .gateway import Gateway, SqliteGateway
from .schema import CARRIED_INDEX, INDEXED


@contextmanager
def indexed_at_end(db: Gateway) -> Iterator[None]:
    """Inside a write transaction: rows added to the indexed tables meanwhile are indexed
    when the block ends, in one statement per table (rows must only be added, not changed
    or deleted, within it)."""
    if not isinstance(db, SqliteGateway) or not db.conn.in_transaction:
        yield
        return
    tables = [(table, code, text_sql) for table, code, text_sql in (*INDEXED, CARRIED_INDEX)]
    names = [f"{table}_index_{event}" for table, _, _ in tables for event in ("insert", "update", "delete")]
    marks = ", ".join("?" for _ in names)
    triggers = db.read(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})", names
    )
    last = {table: db.read(f"SELECT max(id) AS id FROM {table}")[0]["id"] or 0 for table, _, _ in tables}
    for trigger in triggers:
        db.execute(f'DROP TRIGGER "{trigger["name"]}"')
    yield  # an error propagates to the transaction's rollback, which restores the triggers
    for table, code, text_sql in tables:
        meeting = "id" if table == "meetings" else "meeting_id"
        db.execute(
            "INSERT INTO search_index(rowid, text, kind, meeting_id) "
            f"SELECT id * 8 + {code}, {text_sql.format(r=table)}, '{table}', {meeting} "
            f"FROM {table} WHERE id > ?",
            (last[table],),
        )
    for trigger in triggers:
        db.execute(trigger["sql"])
