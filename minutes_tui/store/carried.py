"""Matters arising: actions still to do carried into the next meeting of their series."""

from __future__ import annotations

from ..model import STILL_TO_DO, CarriedAction, check_action_status
from ..text import storable
from .errors import Conflict
from .gateway import Gateway, Row
from .history import HistoryRepository
from .rows import carried_from_row

__all__ = ["STILL_TO_DO", "CarriedRepository"]


class CarriedRepository:
    """The ``carried_actions`` table: each meeting's matters arising, in order."""

    def __init__(self, db: Gateway, history: HistoryRepository) -> None:
        self.db = db
        self.history = history

    def carried_actions(self, meeting_id: int) -> list[CarriedAction]:
        """The matters arising of a meeting, in order (as they stand now; none from a deleted meeting)."""
        rows = self.db.read(
            "SELECT c.id AS carried_id, c.note AS carried_note, c.version AS carried_version, a.*, m.date AS raised_on, "
            "m.title AS raised_in FROM carried_actions c JOIN actions a ON a.id = c.action_id "
            "JOIN meetings m ON m.id = a.meeting_id WHERE c.meeting_id = ? AND m.deleted IS NULL "
            "ORDER BY c.position, c.id",
            (meeting_id,),
        )
        return [carried_from_row(r) for r in rows]

    def carry_forward(self, meeting_id: int, series: str) -> None:
        """Carry every action of ``series`` still to do into ``meeting_id`` (inside the
        caller's transaction), oldest meeting first."""
        outstanding = self.db.execute(
            "SELECT actions.id FROM actions JOIN meetings ON meetings.id = actions.meeting_id "
            f"WHERE meetings.series = ? AND actions.status IN {STILL_TO_DO} AND meetings.id != ? "
            "AND meetings.deleted IS NULL "
            "ORDER BY meetings.date, meetings.id, actions.position",
            (series, meeting_id),
        ).fetchall()
        self.db.executemany(
            "INSERT INTO carried_actions (meeting_id, action_id, position) VALUES (?, ?, ?)",
            [(meeting_id, action_id, float(n)) for n, (action_id,) in enumerate(outstanding, 1)],
        )

    def update_carried(
        self,
        carried_id: int,
        *,
        note: str | None = None,
        status: str | None = None,
        expected_version: int | None = None,
    ) -> CarriedAction:
        """Record progress on a matter arising at the meeting that carries it:
        a progress note and/or a new status, each kept in the action's history
        (a note alone as a ``noted`` event).

        ``expected_version`` is the matter arising's own (its note's) version: changed
        since, it raises :class:`Conflict` carrying the matter arising as saved now.
        """
        row = self.db.row("carried_actions", carried_id)
        if status is not None:
            check_action_status(status)
        try:
            self._update(row, note, status, expected_version)
        except Conflict as exc:
            raise Conflict(str(exc), self._one(row["meeting_id"], carried_id)) from None
        return self._one(row["meeting_id"], carried_id)

    def _one(self, meeting_id: int, carried_id: int) -> CarriedAction:
        return next(c for c in self.carried_actions(meeting_id) if c.id == carried_id)

    def _update(self, row: Row, note: str | None, status: str | None, expected_version: int | None) -> None:
        with self.db.write(row["meeting_id"]):
            noted = note is not None and storable(note) != row["note"]
            values: dict[str, object] = {"note": storable(note)} if note is not None and noted else {}
            self.db.set_fields("carried_actions", row["id"], values, expected_version=expected_version)
            action = self.db.row("actions", row["action_id"])
            current = note if note is not None else row["note"]
            if status is not None and status != action["status"]:
                self.db.set_fields("actions", row["action_id"], {"status": status})
                self.history.record_status(row["action_id"], row["meeting_id"], status, current)
            elif noted:
                self.history.record_note(row["action_id"], row["meeting_id"], action["status"], current)
