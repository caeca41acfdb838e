"""Matters arising: actions still to do carried into the next meeting of their series."""

from __future__ import annotations

from ..model import CarriedAction, check_action_status
from ..text import storable
from .gateway import Gateway
from .history import HistoryRepository
from .rows import carried_from_row

#: Action statuses that still need doing (carried forward, listed by --open).
STILL_TO_DO = ("open", "on_hold")


class CarriedRepository:
    """The ``carried_actions`` table: each meeting's matters arising, in order."""

    def __init__(self, db: Gateway, history: HistoryRepository) -> None:
        self.db = db
        self.history = history

    def carried_actions(self, meeting_id: int) -> list[CarriedAction]:
        """The matters arising of a meeting, in order (as they stand now; none from a deleted meeting)."""
        rows = self.db.read(
            "SELECT c.id AS carried_id, c.note AS carried_note, a.*, m.date AS raised_on, "
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
        self, carried_id: int, *, note: str | None = None, status: str | None = None
    ) -> CarriedAction:
        """Record progress on a matter arising at the meeting that carries it:
        a progress note and/or a new status, each kept in the action's history
        (a note alone as a ``noted`` event)."""
        row = self.db.row("carried_actions", carried_id)
        if status is not None:
            check_action_status(status)
        with self.db.write(row["meeting_id"]):
            noted = False
            if note is not None and storable(note) != row["note"]:
                noted = True
                self.db.execute(
                    "UPDATE carried_actions SET note = ? WHERE id = ?", (storable(note), carried_id)
                )
            action = self.db.row("actions", row["action_id"])
            current = note if note is not None else row["note"]
            if status is not None and status != action["status"]:
                self.db.execute("UPDATE actions SET status = ? WHERE id = ?", (status, row["action_id"]))
                self.history.record_status(row["action_id"], row["meeting_id"], status, current)
            elif noted:
                self.history.record_note(row["action_id"], row["meeting_id"], action["status"], current)
        return next(c for c in self.carried_actions(row["meeting_id"]) if c.id == carried_id)
