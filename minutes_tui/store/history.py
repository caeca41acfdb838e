"""What happened to minutes and actions: approvals, reopenings, raised, updated, closed."""

from __future__ import annotations

from ..model import ActionEvent, MeetingEvent
from ..text import storable
from .gateway import Gateway, now
from .rows import action_event_from_row, meeting_event_from_row


def status_event(status: str) -> str:
    """The history event a change to ``status`` makes: closed, or updated."""
    return "closed" if status in ("done", "dropped") else "updated"


class HistoryRepository:
    """The ``meeting_events`` and ``action_events`` tables: written inside others' transactions."""

    def __init__(self, db: Gateway) -> None:
        self.db = db

    def record_meeting(self, meeting_id: int, event: str, reason: str = "") -> None:
        self.db.execute(
            "INSERT INTO meeting_events (meeting_id, event, reason, at) VALUES (?, ?, ?, ?)",
            (meeting_id, event, storable(reason), now()),
        )

    def record_action(
        self, action_id: int, meeting_id: int | None, event: str, status: str, note: str = ""
    ) -> None:
        """``meeting_id``: the meeting where it happened; ``None`` for the action log."""
        self.db.execute(
            "INSERT INTO action_events (action_id, meeting_id, event, status, note, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (action_id, meeting_id, event, status, storable(note), now()),
        )

    def meeting_history(self, meeting_id: int) -> list[MeetingEvent]:
        """When the minutes were approved and reopened (and why), oldest first."""
        rows = self.db.read(
            "SELECT event, reason, at FROM meeting_events WHERE meeting_id = ? ORDER BY id", (meeting_id,)
        )
        return [meeting_event_from_row(r) for r in rows]

    def action_history(self, action_id: int) -> list[ActionEvent]:
        """Raised, updated and closed: an action's history, oldest first."""
        self.db.row("actions", action_id)
        rows = self.db.read(
            "SELECT event, status, note, at, meeting_id FROM action_events WHERE action_id = ? ORDER BY id",
            (action_id,),
        )
        return [action_event_from_row(r) for r in rows]
