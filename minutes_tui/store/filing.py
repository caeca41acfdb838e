"""Filing a typed point as an action or a decision, and undoing it.

A mixin of :class:`~minutes_tui.store.store.Store`. Filing makes the action (or the
decision, a bullet of the "agreed" section) and, when the text came from a point or
bullet already saved, deletes that item in the same transaction. The :class:`Filed`
it returns is all :meth:`FilingMixin.undo_filing` needs to put the item back where it
was, with its id, text and timestamp, and remove what was filed: one transaction too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..model import Action, Bullet, ModelError, Point, check_section
from ..prefixes import Filing
from .errors import NotFound, StoreError
from .lists import ACTIONS, BULLETS, POINTS, position_at

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
    removed: dict | None = field(default=None, repr=False, compare=False)
    #: Where the item stood in its list (0 = first), so undo puts it back there.
    index: int | None = None


class FilingMixin:
    """Filing and undoing; uses the store's ``_write``, ``_insert`` and ``_row`` helpers."""

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
        with self._write(meeting_id):
            removed, index = self._take_source(meeting_id, source)
            values = self._action_values(Action(text, owner, due))
            action_id = self._insert(ACTIONS, (meeting_id,), values, None)
            self._action_event(action_id, meeting_id, "raised", "open")
        return Filed(
            meeting_id,
            "action",
            self.get_action(action_id),
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
            check_section(section, self.get_header(meeting_id).layout)
        except ModelError:
            raise StoreError(
                f"This meeting's layout has no {section!r} section to file decisions in"
            ) from None
        with self._write(meeting_id) as db:
            removed, index = self._take_source(meeting_id, source)
            created = (removed or {}).get("created") or _now()
            bullet_id = self._insert(BULLETS, (meeting_id, section), {"text": text, "created": created}, None)
            if removed and source[0] == "bullets" and removed["section"] == section:
                db.execute("UPDATE bullets SET position = ? WHERE id = ?", (removed["position"], bullet_id))
        return Filed(
            meeting_id,
            "decision",
            self.get_bullet(bullet_id),
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
        with self._write(filed.meeting_id) as db:
            gone = db.execute(f"DELETE FROM {table} WHERE id = ?", (filed.item.id,)).rowcount == 0
            if gone:
                raise StoreError(f"This {filed.kind} is no longer there: the filing was already undone")
            if filed.removed is None:
                return None
            row = dict(filed.removed)
            source_table = filed.source[0]
            if (
                source_table == "points"
                and not db.execute("SELECT 1 FROM turns WHERE id = ?", (row["turn_id"],)).fetchone()
            ):
                raise StoreError("The round-robin turn this point came from has been deleted")
            if db.execute(f"SELECT 1 FROM {source_table} WHERE id = ?", (row["id"],)).fetchone():
                del row["id"]  # taken since: the item comes back under a new id
            if filed.index is not None:  # at its old place, whatever was added since
                kind = POINTS if source_table == "points" else BULLETS
                row["position"] = position_at(db, kind, tuple(row[c] for c in kind.scope), filed.index)
            columns = ", ".join(f'"{c}"' for c in row)
            marks = ", ".join("?" for _ in row)
            item_id = db.execute(
                f"INSERT INTO {source_table} ({columns}) VALUES ({marks})", tuple(row.values())
            ).lastrowid
        return self.get_point(item_id) if source_table == "points" else self.get_bullet(item_id)

    # -- helpers

    def _take_source(self, meeting_id: int, source: tuple[str, int] | None) -> tuple[dict | None, int | None]:
        """Delete the saved item ``source`` (in the caller's transaction): its row as it
        was, and its index in its list."""
        if source is None:
            return None, None
        table, item_id = source
        if table not in SOURCES:
            raise StoreError(f"Filed text comes from points or bullets, not {table!r}")
        rows = self._read(f"SELECT * FROM {table} WHERE id = ?", (item_id,))
        if not rows:
            raise NotFound(f"No {table[:-1]} with id {item_id}")
        if rows[0]["meeting_id"] != meeting_id:
            raise StoreError(f"The {table[:-1]} {item_id} belongs to another meeting")
        index = self._index_of(table, rows[0])
        self.db.execute(f"DELETE FROM {table} WHERE id = ?", (item_id,))
        return rows[0], index

    def _index_of(self, table: str, row: dict) -> int:
        """How many items come before ``row`` in its list (call before it is deleted)."""
        kind = POINTS if table == "points" else BULLETS
        scope = tuple(row[c] for c in kind.scope)
        return self.db.execute(
            f"SELECT count(*) FROM {table} WHERE {kind.where()} AND (position < ? OR (position = ? AND id < ?))",
            (*scope, row["position"], row["position"], row["id"]),
        ).fetchone()[0]


def _origin(removed: dict | None) -> tuple[int | None, str | None]:
    if not removed:
        return None, None
    return removed.get("turn_id"), removed.get("section")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
