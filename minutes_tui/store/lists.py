"""Ordered lists in SQLite: where a new or moved item's ``position`` goes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class ListKind:
    """One kind of ordered item: its table, the columns that make its list, its fields."""

    table: str
    scope: tuple[str, ...]
    fields: tuple[str, ...]

    def where(self) -> str:
        return " AND ".join(f"{column} = ?" for column in self.scope)


ATTENDEES = ListKind(
    "attendees",
    ("meeting_id",),
    ("name", "organisation", "role", "attendance", "arrived", "left", "on_behalf_of"),
)
BULLETS = ListKind("bullets", ("meeting_id", "section"), ("text",))
TURNS = ListKind("turns", ("meeting_id",), ("speaker",))
POINTS = ListKind("points", ("turn_id",), ("text",))
ACTIONS = ListKind("actions", ("meeting_id",), ("text", "owner", "due", "status"))
DECLARATIONS = ListKind("declarations", ("meeting_id",), ("attendee_id", "item", "text"))


def position_at(
    db: Database, kind: ListKind, scope: tuple, index: int | None, *, exclude: int | None = None
) -> float:
    """The position that puts an item at ``index`` of its list (``None``: the end).

    ``exclude`` leaves one item (the one being moved) out of the count. When two
    neighbours are too close for a midpoint, the list is renumbered first.
    """
    skip = "" if exclude is None else f" AND id != {int(exclude)}"
    base = f"FROM {kind.table} WHERE {kind.where()}{skip}"
    if index is None or index < 0:
        last = db.execute(f"SELECT max(position) {base}", scope).fetchone()[0]
        return 1.0 if last is None else float(last) + 1.0
    rows = db.execute(
        f"SELECT position {base} ORDER BY position, id LIMIT 2 OFFSET ?",
        (*scope, max(index - 1, 0)),
    ).fetchall()
    if not rows:
        return position_at(db, kind, scope, None, exclude=exclude)
    if index == 0:
        return float(rows[0][0]) - 1.0
    if len(rows) < 2:
        return float(rows[0][0]) + 1.0
    before, after = float(rows[0][0]), float(rows[1][0])
    middle = (before + after) / 2
    if before < middle < after:
        return middle
    renumber(db, kind, scope)
    return position_at(db, kind, scope, index, exclude=exclude)


def renumber(db: Database, kind: ListKind, scope: tuple) -> None:
    """Give a list the positions 1, 2, 3, ... in its current order."""
    ids = [
        row[0]
        for row in db.execute(
            f"SELECT id FROM {kind.table} WHERE {kind.where()} ORDER BY position, id", scope
        )
    ]
    db.conn.executemany(
        f"UPDATE {kind.table} SET position = ? WHERE id = ?",
        [(float(n), item) for n, item in enumerate(ids, 1)],
    )
