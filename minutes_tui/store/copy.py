"""Copying a whole archive between databases (SQLite and PostgreSQL, either way)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .errors import StoreError

if TYPE_CHECKING:
    from .store import Store

#: The tables in an order that puts every row after the rows it refers to; tables this
#: version does not list (added by a newer migration) are copied after these.
ORDER = (
    "meetings",
    "attendees",
    "bullets",
    "turns",
    "points",
    "agenda_items",
    "item_points",
    "resolutions",
    "actions",
    "action_events",
    "carried_actions",
    "meeting_events",
    "series_layouts",
    "declarations",
    "stock_phrases",
    "approved_actions",
    "committee_rules",
)
#: Rows read and written at a time.
BATCH = 2000


def copy_archive(source: Store, target: Store, verify: Callable[[int], None]) -> int:
    """Copy every row of ``source`` into the empty ``target``, ids and all, in one
    transaction on the target; ``verify(meeting_id)`` is called for each meeting before it
    commits, so a raised error leaves the target as it was. Returns the meetings copied.

    The search index is filled by the target's own triggers.
    """
    src, dst = source.gateway, target.gateway
    tables = src.tables()
    ordered = [t for t in ORDER if t in tables] + sorted(set(tables) - set(ORDER))
    missing = sorted(set(tables) - set(dst.tables()))
    if missing:
        raise StoreError(f"The target has no table {', '.join(missing)}; upgrade minutes where it runs")
    with dst.write():
        for table in ordered:
            if dst.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
                raise StoreError(f"The target already holds minutes ({table}); copy into an empty database")
        for table in ordered:
            if _copy_table(source, target, table):
                dst.continue_ids(table)
        # Statistics of the new rows (seen inside this transaction), so the checks below and the
        # first searches are planned for their size: PostgreSQL otherwise read every point of the
        # archive to load each meeting's (a 10,000-meeting copy spent most of its time so).
        dst.execute("ANALYZE")
        ids = [int(r["id"]) for r in src.read("SELECT id FROM meetings ORDER BY id")]
        for meeting_id in ids:
            verify(meeting_id)
    return len(ids)


def _copy_table(source: Store, target: Store, table: str) -> bool:
    """Copy ``table``'s rows in batches by id (or all at once for a table without ids);
    whether it has ids."""
    keyed = _has_id(source, table)
    last = None
    while True:
        if keyed:
            rows = source.gateway.read(
                f"SELECT * FROM {table} WHERE id > ? ORDER BY id LIMIT ?", (last or 0, BATCH)
            )
        else:
            rows = source.gateway.read(f"SELECT * FROM {table}") if last is None else []
        if not rows:
            return keyed
        columns = list(rows[0])
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        target.gateway.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})", [[r[c] for c in columns] for r in rows]
        )
        last = rows[-1].get("id", 0)


def _has_id(store: Store, table: str) -> bool:
    """Whether ``table`` has an ``id`` column."""
    try:
        store.gateway.execute(f"SELECT id FROM {table} LIMIT 0")
    except StoreError:
        return False
    return True
