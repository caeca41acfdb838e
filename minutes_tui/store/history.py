"""What happened to minutes and actions: approvals, reopenings, raised, updated, closed."""

from __future__ import annotations

from ..model import ActionEvent, MeetingEvent
from ..text import storable
from .gateway import Gateway, now
from .rows import action_event_from_row, meeting_event_from_row


def status_event(status: str) -> str:
    """The history event a change to ``status`` makes: closed, or updated."""
    return "closed" if status in ("done", "dropped") else "updated"


#: Events that change an action's status (after it was raised).
STATUS_EVENTS = ("updated", "closed")
#: The event of a progress note that leaves the status as it was.
NOTED = "noted"


def current_user() -> str:
    """The login name of whoever runs this process, or ``""`` if the system cannot say."""
    import getpass  # when first needed: not at every start

    try:
        return storable(getpass.getuser())
    except Exception:  # no user name in the environment or the password database
        return ""


class HistoryRepository:
    """The ``meeting_events`` and ``action_events`` tables: written inside others' transactions.

    Approvals and reopenings record who made them: ``author``, by default the login
    name of the user running the app or command.
    """

    def __init__(self, db: Gateway, author: str | None = None) -> None:
        self.db = db
        self.author = current_user() if author is None else author

    def record_meeting(self, meeting_id: int, event: str, reason: str = "") -> None:
        self.db.execute(
            "INSERT INTO meeting_events (meeting_id, event, reason, at, author) VALUES (?, ?, ?, ?, ?)",
            (meeting_id, event, storable(reason), now(), self.author),
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

    def record_status(self, action_id: int, meeting_id: int | None, status: str, note: str = "") -> None:
        """A change of status. At a meeting, only the status settled on there is kept:
        a second change at the same meeting replaces the first (and one back to the
        status before removes it), so cycling through statuses leaves one event."""
        last = self._last_event(action_id)
        if (
            meeting_id is None
            or not last
            or last["event"] not in STATUS_EVENTS
            or last["meeting_id"] != meeting_id
        ):
            self.record_action(action_id, meeting_id, status_event(status), status, note)
            return
        before = self.db.execute(
            "SELECT status FROM action_events WHERE action_id = ? AND id < ? ORDER BY id DESC LIMIT 1",
            (action_id, last["id"]),
        ).fetchone()
        if before and before[0] == status:  # back where it was: no change of status here
            if note.strip():
                self.db.execute(
                    "UPDATE action_events SET event = ?, status = ?, note = ?, at = ? WHERE id = ?",
                    (NOTED, status, storable(note), now(), last["id"]),
                )
            else:
                self.db.execute("DELETE FROM action_events WHERE id = ?", (last["id"],))
            return
        self.db.execute(
            "UPDATE action_events SET event = ?, status = ?, note = ?, at = ? WHERE id = ?",
            (status_event(status), status, storable(note), now(), last["id"]),
        )

    def record_note(self, action_id: int, meeting_id: int | None, status: str, note: str) -> None:
        """A progress note that leaves the status as it was (a ``noted`` event).

        At a meeting the note is saved as it is typed: the latest note there replaces
        the one before (a note cleared there removes it). From the action log each
        note is an event of its own.
        """
        last = self._last_event(action_id)
        if meeting_id is not None and last and last["event"] == NOTED and last["meeting_id"] == meeting_id:
            if note.strip():
                self.db.execute(
                    "UPDATE action_events SET note = ?, status = ?, at = ? WHERE id = ?",
                    (storable(note), status, now(), last["id"]),
                )
            else:
                self.db.execute("DELETE FROM action_events WHERE id = ?", (last["id"],))
            return
        if note.strip():
            self.record_action(action_id, meeting_id, NOTED, status, note)

    def _last_event(self, action_id: int) -> dict[str, object] | None:
        rows = self.db.read(
            "SELECT id, event, meeting_id FROM action_events WHERE action_id = ? ORDER BY id DESC LIMIT 1",
            (action_id,),
        )
        return rows[0] if rows else None

    def meeting_history(self, meeting_id: int) -> list[MeetingEvent]:
        """When the minutes were approved and reopened (and why), oldest first."""
        rows = self.db.read(
            "SELECT event, reason, at, author FROM meeting_events WHERE meeting_id = ? ORDER BY id",
            (meeting_id,),
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
