"""The record: what approved minutes show of actions, fixed when they are approved.

An action's status changes after the meeting that raised it (from the action log,
or at a later meeting as a matter arising), and a matter arising's progress note can
be edited while that later meeting is a draft. Approved minutes must not follow: at
approval the meeting's own actions and its matters arising are copied, as they then
stood, into ``approved_actions``; an approved meeting is read from there. Reopening
drops the copy (the minutes are live again); approving again takes a new one.
"""

from __future__ import annotations

from ..model import Action, CarriedAction
from .gateway import Gateway
from .rows import action_values, approved_action_from_row, approved_carried_from_row, date_in

_COLUMNS = (
    "meeting_id",
    "arising",
    "action_id",
    "carried_id",
    "action_meeting_id",
    "text",
    "owner",
    "due",
    "status",
    "note",
    "raised_on",
    "raised_in",
    "position",
)


class RecordRepository:
    """The ``approved_actions`` table: written inside the approving (or reopening) transaction."""

    def __init__(self, db: Gateway) -> None:
        self.db = db

    def fix(self, meeting_id: int, actions: list[Action], arising: list[CarriedAction]) -> None:
        """Keep ``actions`` and ``arising`` as the approved minutes of ``meeting_id`` show them."""
        self.clear(meeting_id)
        row = self.db.row("meetings", meeting_id)
        rows: list[tuple[object, ...]] = []
        for n, action in enumerate(actions, 1):
            values = action_values(action)
            rows.append(
                (meeting_id, 0, action.id, None, meeting_id, values["text"], values["owner"])
                + (date_in(action.due), values["status"], "", row["date"], row["title"], n)
            )
        for n, carried in enumerate(arising, 1):
            action = carried.action
            rows.append(
                (meeting_id, 1, action.id, carried.id, action.meeting_id, action.text, action.owner)
                + (date_in(action.due), action.status, carried.note, date_in(carried.raised_on))
                + (carried.raised_in, n)
            )
        marks = ", ".join("?" for _ in _COLUMNS)
        self.db.executemany(f"INSERT INTO approved_actions ({', '.join(_COLUMNS)}) VALUES ({marks})", rows)

    def clear(self, meeting_id: int) -> None:
        """Make a reopened meeting's minutes live again."""
        self.db.execute("DELETE FROM approved_actions WHERE meeting_id = ?", (meeting_id,))

    def approved(self, meeting_id: int) -> tuple[list[Action], list[CarriedAction]]:
        """The actions and matters arising as the approved minutes of ``meeting_id`` show them."""
        rows = self.db.read(
            "SELECT * FROM approved_actions WHERE meeting_id = ? ORDER BY arising, position", (meeting_id,)
        )
        actions = [approved_action_from_row(r) for r in rows if not r["arising"]]
        arising = [approved_carried_from_row(r) for r in rows if r["arising"]]
        return actions, arising
