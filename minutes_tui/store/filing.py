"""Filing a typed point as an action or a decision, and undoing it.

Filing makes the action (or the decision, a bullet of the "agreed" section) and,
when the text came from a point or bullet already saved, deletes that item in the
same transaction. The :class:`Filed` it returns is all
:meth:`FilingRepository.undo_filing` needs to put the item back where it was, with
its id, text and timestamp, and remove what was filed: one transaction too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..model import Action, Bullet, ModelError, Point
from ..prefixes import Filing
from .errors import NotFound, StoreError
from .gateway import Gateway, Row, now
from .items import ItemRepository
from .lists import BULLETS, POINTS, ListKind, position_at

#: Where filed text may come from: (table, id) of a saved item.
SOURCES = ("points", "bullets")


@dataclass(frozen=True)
class Filed:
    """What a filing made, and what undoing it restores.

    ``item`` is the saved :class:`Action` or :class:`Bullet` (a decision); ``source``
    the ``("points", id)`` or ``("bullets", id)`` the text came from, or ``None``;
    ``turn_id`` / ``section`` say where that item was, for the screen to show it again.
    """

    meeting_id: int
    kind: str
    item: Action | Bullet
    source: tuple[str, int] | None = None
    turn_id: int | None = None
    section: str | None = None
    removed: Row | None = field(default=None, repr=False, compare=False)
    #: Where the item stood in its list (0 = first), so undo puts it back there.
    index: int | None = None


def _source_kind(table: str) -> ListKind:
    return POINTS if table == "points" else BULLETS


class FilingRepository:
    """Filing points as actions or decisions, and undoing a filing."""

    def __init__(self, db: Gateway, items: ItemRepository) -> None:
        self.db = db
        self.items = items

    def file_as_action(
        self,
        meeting_id: int,
        text: str,
        owner: str = "",
        due: dt.date | None = None,
        source: tuple[str, int] | None = None,
    ) -> Filed:
        """Save an open action of ``meeting_id``; delete ``source`` in the same transaction."""
        if not text.strip():
            raise StoreError("An action needs some text")
        with self.db.write(meeting_id):
            removed, index = self._take_source(meeting_id, source)
            action_id = self.items.insert_action(meeting_id, Action(text, owner, due))
        return Filed(
            meeting_id,
            "action",
            self.items.actions.get(action_id),
            source,
            *_origin(removed),
            removed=removed,
            index=index,
        )

    def file_as_decision(
        self,
        meeting_id: int,
        text: str,
        source: tuple[str, int] | None = None,
        *,
        section: str = "agreed",
    ) -> Filed:
        """Save a decision (a bullet of ``section``); delete ``source`` in the same transaction.

        The decision keeps the source's timestamp (when it was said); a bullet already
        in ``section`` keeps its place too.
        """
        if not text.strip():
            raise StoreError("A decision needs some text")
        try:
            self.items.check_bullet_section(meeting_id, section)
        except ModelError:
            raise StoreError(
                f"This meeting's layout has no {section!r} section to file decisions in"
            ) from None
        with self.db.write(meeting_id):
            removed, index = self._take_source(meeting_id, source)
            created = (removed or {}).get("created") or now()
            values: dict[str, object] = {"text": text, "created": created}
            bullet_id = self.items.bullets.insert((meeting_id, section), values)
            if removed and source and source[0] == "bullets" and removed["section"] == section:
                self.db.execute(
                    "UPDATE bullets SET position = ? WHERE id = ?", (removed["position"], bullet_id)
                )
        return Filed(
            meeting_id,
            "decision",
            self.items.bullets.get(bullet_id),
            source,
            *_origin(removed),
            removed=removed,
            index=index,
        )

    def file_point(self, meeting_id: int, filing: Filing, source: tuple[str, int] | None = None) -> Filed:
        """File what :func:`~minutes_tui.prefixes.parse_point` made of a point.

        Raises :class:`StoreError` for a filing that is a note (nothing to file).
        """
        if filing.kind == "action":
            return self.file_as_action(meeting_id, filing.text, filing.owner, filing.due, source)
        if filing.kind == "decision":
            return self.file_as_decision(meeting_id, filing.text, source)
        reason = "; ".join(filing.problems) or "it has no A: or D: prefix"
        raise StoreError(f"Nothing to file: {reason}")

    def undo_filing(self, filed: Filed) -> Point | Bullet | None:
        """Remove what ``filed`` made and put back the item it came from, in one transaction.

        Returns the restored point or bullet (same id, text, place and timestamp), or
        ``None`` when the text was never saved as one. Raises :class:`StoreError` if
        the filing was already undone, or the turn the point came from has gone.
        """
        table = "actions" if filed.kind == "action" else "bullets"
        with self.db.write(filed.meeting_id):
            gone = self.db.execute(f"DELETE FROM {table} WHERE id = ?", (filed.item.id,)).rowcount == 0
            if gone:
                raise StoreError(f"This {filed.kind} is no longer there: the filing was already undone")
            if filed.removed is None or filed.source is None:
                return None
            row = dict(filed.removed)
            source_table = filed.source[0]
            if (
                source_table == "points"
                and not self.db.execute("SELECT 1 FROM turns WHERE id = ?", (row["turn_id"],)).fetchone()
            ):
                raise StoreError("The round-robin turn this point came from has been deleted")
            if self.db.execute(f"SELECT 1 FROM {source_table} WHERE id = ?", (row["id"],)).fetchone():
                del row["id"]  # taken since: the item comes back under a new id
            if filed.index is not None:  # at its old place, whatever was added since
                kind = _source_kind(source_table)
                row["position"] = position_at(self.db, kind, tuple(row[c] for c in kind.scope), filed.index)
            columns = ", ".join(f'"{c}"' for c in row)
            marks = ", ".join("?" for _ in row)
            item_id = self.db.insert(
                f"INSERT INTO {source_table} ({columns}) VALUES ({marks})", tuple(row.values())
            )
        if source_table == "points":
            return self.items.points.get(item_id)
        return self.items.bullets.get(item_id)

    def _take_source(self, meeting_id: int, source: tuple[str, int] | None) -> tuple[Row | None, int | None]:
        """Delete the saved item ``source`` (in the caller's transaction): its row as it
        was, and its index in its list."""
        if source is None:
            return None, None
        table, item_id = source
        if table not in SOURCES:
            raise StoreError(f"Filed text comes from points or bullets, not {table!r}")
        rows = self.db.read(f"SELECT * FROM {table} WHERE id = ?", (item_id,))
        if not rows:
            raise NotFound(f"No {table[:-1]} with id {item_id}")
        if rows[0]["meeting_id"] != meeting_id:
            raise StoreError(f"The {table[:-1]} {item_id} belongs to another meeting")
        index = self._index_of(table, rows[0])
        self.db.execute(f"DELETE FROM {table} WHERE id = ?", (item_id,))
        return rows[0], index

    def _index_of(self, table: str, row: Row) -> int:
        """How many items come before ``row`` in its list (call before it is deleted)."""
        kind = _source_kind(table)
        scope = tuple(row[c] for c in kind.scope)
        found = self.db.execute(
            f"SELECT count(*) FROM {table} WHERE {kind.where()} AND (position < ? OR (position = ? AND id < ?))",
            (*scope, row["position"], row["position"], row["id"]),
        ).fetchone()
        count: int = found[0]
        return count


def _origin(removed: Row | None) -> tuple[int | None, str | None]:
    if not removed:
        return None, None
    return removed.get("turn_id"), removed.get("section")
