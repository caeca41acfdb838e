"""Ordered lists in SQLite, and the one repository that serves every kind of them.

Every list item has a ``position`` (REAL): a list is ordered by it, an item put
between two others takes the midpoint, and one added at the end takes the last
position plus one (read with ``max(position)`` from the index that matches the
list's scope, so adding does not grow with the list).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .errors import Conflict, StoreError
from .gateway import Gateway, Row
from .rows import clean

T = TypeVar("T")
#: The values of a list's scope columns, e.g. ``(meeting_id, section)``.
Scope = tuple[object, ...]


@dataclass(frozen=True)
class ListKind:
    """One kind of ordered item: its table, the columns that make its list, its fields."""

    table: str
    scope: tuple[str, ...]
    fields: tuple[str, ...]

    def where(self) -> str:
        return " AND ".join(f"{column} = ?" for column in self.scope)

    @property
    def noun(self) -> str:
        """The item's name in messages: "attendee", "bullet", ..."""
        return self.table[:-1].replace("_", " ")


ATTENDEES = ListKind(
    "attendees",
    ("meeting_id",),
    ("name", "organisation", "role", "attendance", "arrived", "left", "on_behalf_of", "email", "voting"),
)
BULLETS = ListKind("bullets", ("meeting_id", "section"), ("text",))
TURNS = ListKind("turns", ("meeting_id",), ("speaker",))
POINTS = ListKind("points", ("turn_id",), ("text",))
ACTIONS = ListKind("actions", ("meeting_id",), ("text", "owner", "due", "status", "item_id"))
DECLARATIONS = ListKind("declarations", ("meeting_id",), ("attendee_id", "item", "text"))
AGENDA_ITEMS = ListKind(
    "agenda_items",
    ("meeting_id",),
    ("number", "title", "paper", "presenter", "purpose", "recommendations", "summary", "exempt", "minute"),
)
ITEM_POINTS = ListKind("item_points", ("item_id",), ("text",))
RESOLUTIONS = ListKind(
    "resolutions",
    ("item_id",),
    ("outcome", "text", "votes_for", "votes_against", "abstentions", "recorded"),
)
LIST_KINDS = (
    ATTENDEES,
    BULLETS,
    TURNS,
    POINTS,
    ACTIONS,
    DECLARATIONS,
    AGENDA_ITEMS,
    ITEM_POINTS,
    RESOLUTIONS,
)


def position_at(
    db: Gateway, kind: ListKind, scope: Scope, index: int | None, *, exclude: int | None = None
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


def renumber(db: Gateway, kind: ListKind, scope: Scope) -> None:
    """Give a list the positions 1, 2, 3, ... in its current order."""
    ids = [
        row[0]
        for row in db.execute(
            f"SELECT id FROM {kind.table} WHERE {kind.where()} ORDER BY position, id", scope
        ).fetchall()
    ]
    db.executemany(
        f"UPDATE {kind.table} SET position = ? WHERE id = ?",
        [(float(n), item) for n, item in enumerate(ids, 1)],
    )


class OrderedList(Generic[T]):
    """Add, read, update, delete and move the items of one :class:`ListKind`.

    ``from_row`` makes the domain object of a row. Every change is one
    transaction of the gateway, stamped on the item's meeting and refused while
    that meeting is approved; :meth:`insert` and :meth:`append_all` instead run
    inside a transaction the caller holds.
    """

    def __init__(self, db: Gateway, kind: ListKind, from_row: Callable[[Row], T]) -> None:
        self.db = db
        self.kind = kind
        self.from_row = from_row

    # -- reading

    def get(self, item_id: int) -> T:
        return self.from_row(self.db.row(self.kind.table, item_id))

    def items(self, scope: Scope) -> list[T]:
        """The items of one list, in order."""
        rows = self.db.read(
            f"SELECT * FROM {self.kind.table} WHERE {self.kind.where()} ORDER BY position, id", scope
        )
        return [self.from_row(row) for row in rows]

    def meeting_of(self, item_id: int) -> int:
        """The meeting an item belongs to (:class:`NotFound` if it does not exist)."""
        meeting_id: int = self.db.row(self.kind.table, item_id)["meeting_id"]
        return meeting_id

    # -- inside the caller's transaction

    def insert(self, scope: Scope, values: dict[str, object], index: int | None = None) -> int:
        """Save a new item at ``index`` of its list (``None``: the end); its id."""
        return self._insert_at(scope, values, position_at(self.db, self.kind, scope, index))

    def append_all(self, scope: Scope, items: Iterable[dict[str, object]]) -> list[int]:
        """Save items at the end of one list, in order: the end is read once. Their ids."""
        start = position_at(self.db, self.kind, scope, None)
        return [self._insert_at(scope, values, start + n) for n, values in enumerate(items)]

    def _insert_at(self, scope: Scope, values: dict[str, object], position: float) -> int:
        row = {**dict(zip(self.kind.scope, scope)), **clean(values), "position": position}
        columns = ", ".join(f'"{column}"' for column in row)
        marks = ", ".join("?" for _ in row)
        return self.db.insert(
            f"INSERT INTO {self.kind.table} ({columns}) VALUES ({marks})", tuple(row.values())
        )

    # -- one transaction each

    def add(self, meeting_id: int, scope: Scope, values: dict[str, object], index: int | None = None) -> int:
        """Save a new item of ``meeting_id`` at ``index`` (``None``: the end); its id."""
        with self.db.write(meeting_id):
            return self.insert(scope, values, index)

    def update(self, item_id: int, fields: dict[str, object], expected_version: int | None = None) -> T:
        """Change some of an item's fields (only those of its kind); the item as saved.

        With ``expected_version``, an item changed since (its version differs) raises
        :class:`~minutes_tui.store.errors.Conflict` carrying the item as saved now.
        """
        unknown = set(fields) - set(self.kind.fields)
        if unknown:
            raise StoreError(f"Unknown {self.kind.table} field(s): {', '.join(sorted(unknown))}")
        try:
            with self.db.write(item=(self.kind.table, item_id)):
                row = self.db.set_fields(
                    self.kind.table, item_id, clean(fields), expected_version=expected_version
                )
        except Conflict as exc:
            raise Conflict(str(exc), self.get(item_id)) from None
        return self.get(item_id) if row is None else self.from_row(row)

    def delete(self, item_id: int) -> None:
        with self.db.write(item=(self.kind.table, item_id)):
            self.db.execute(f"DELETE FROM {self.kind.table} WHERE id = ?", (item_id,))

    def move(self, item_id: int, index: int) -> None:
        """Move an item to ``index`` of its list (counted without the item itself)."""
        row = self.db.row(self.kind.table, item_id)
        scope = tuple(row[column] for column in self.kind.scope)
        with self.db.write(row["meeting_id"]):
            position = position_at(self.db, self.kind, scope, max(index, 0), exclude=item_id)
            self.db.execute(f"UPDATE {self.kind.table} SET position = ? WHERE id = ?", (position, item_id))
