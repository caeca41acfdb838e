"""The items of a meeting: attendees, bullets, round-robin turns and points, actions.

Each kind is an :class:`~minutes_tui.store.lists.OrderedList`; this module adds
what is particular to a kind: an attendee's attendance and clock times are
checked, a bullet must go in a bulleted section of the meeting's layout, a turn
comes back with its points, a point belongs to its turn's meeting, and an action
has a history (raised, updated, closed), its status alone being progress that an
approved meeting still allows.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import (
    Action,
    Attendee,
    Bullet,
    Point,
    Turn,
    check_action_status,
    check_attendance,
    check_clock,
    check_email,
    check_section,
)
from .errors import Conflict, StoreError
from .gateway import Gateway, now
from .history import HistoryRepository
from .lists import ACTIONS, ATTENDEES, BULLETS, DECLARATIONS, POINTS, TURNS, OrderedList
from .rows import (
    action_from_row,
    action_values,
    attendee_from_row,
    attendee_values,
    bullet_from_row,
    clean,
    declaration_from_row,
    layout_from_json,
    point_from_row,
    turn_from_row,
)


class ItemRepository:
    """Every ordered list of a meeting, with the rules of each kind."""

    def __init__(self, db: Gateway, history: HistoryRepository) -> None:
        self.db = db
        self.history = history
        self.attendees = OrderedList(db, ATTENDEES, attendee_from_row)
        self.bullets = OrderedList(db, BULLETS, bullet_from_row)
        self.turns = OrderedList(db, TURNS, turn_from_row)
        self.points = OrderedList(db, POINTS, point_from_row)
        self.actions = OrderedList(db, ACTIONS, action_from_row)
        self.declarations = OrderedList(db, DECLARATIONS, declaration_from_row)

    # -- attendees

    def add_attendee(self, meeting_id: int, attendee: Attendee, index: int | None = None) -> Attendee:
        item_id = self.attendees.add(meeting_id, (meeting_id,), attendee_values(attendee), index)
        return self.attendees.get(item_id)

    def update_attendee(
        self, attendee_id: int, fields: dict[str, object], expected_version: int | None = None
    ) -> Attendee:
        if "attendance" in fields:
            check_attendance(str(fields["attendance"]))
        for clock in ("arrived", "left"):
            if clock in fields:
                fields[clock] = check_clock(str(fields[clock] or ""))
        if "email" in fields:
            fields["email"] = check_email(str(fields["email"] or ""))
        self.attendees.update(attendee_id, fields, expected_version)
        return self.attendees.get(attendee_id)

    # -- bulleted sections

    def check_bullet_section(self, meeting_id: int, section: str) -> None:
        """Raise :class:`~minutes_tui.model.ModelError` unless ``section`` is a bulleted
        section of the meeting's layout."""
        layout = layout_from_json(self.db.row("meetings", meeting_id)["layout"])
        check_section(section, layout)

    def add_bullet(self, meeting_id: int, section: str, text: str, index: int | None = None) -> Bullet:
        self.check_bullet_section(meeting_id, section)
        values: dict[str, object] = {"text": text, "created": now()}
        return self.bullets.get(self.bullets.add(meeting_id, (meeting_id, section), values, index))

    # -- round robin

    def add_turn(
        self, meeting_id: int, speaker: str, index: int | None = None, points: Iterable[str] = ()
    ) -> Turn:
        """A new turn, with its first points if given, in one transaction."""
        with self.db.write(meeting_id):
            turn_id = self.turns.insert((meeting_id,), {"speaker": speaker}, index)
            stamp = now()
            self.points.append_all(
                (turn_id,), ({"text": text, "meeting_id": meeting_id, "created": stamp} for text in points)
            )
        return self.get_turn(turn_id)

    def get_turn(self, turn_id: int) -> Turn:
        """A turn with its points, in order."""
        turn = self.turns.get(turn_id)
        turn.points = self.points.items((turn_id,))
        return turn

    def add_point(self, turn_id: int, text: str, index: int | None = None) -> Point:
        meeting_id = self.turns.meeting_of(turn_id)
        values: dict[str, object] = {"text": text, "meeting_id": meeting_id, "created": now()}
        return self.points.get(self.points.add(meeting_id, (turn_id,), values, index))

    # -- actions

    def insert_action(self, meeting_id: int, action: Action, index: int | None = None) -> int:
        """Save an action and its "raised" event (inside the caller's transaction); its id."""
        values = action_values(action)
        if action.item_id is not None:  # raised under an agenda item of this meeting
            values["item_id"] = action.item_id
        action_id = self.actions.insert((meeting_id,), values, index)
        self.history.record_action(action_id, meeting_id, "raised", action.status)
        return action_id

    def add_action(self, meeting_id: int, action: Action, index: int | None = None) -> Action:
        with self.db.write(meeting_id):
            action_id = self.insert_action(meeting_id, action, index)
        return self.actions.get(action_id)

    def update_action(
        self, action_id: int, fields: dict[str, object], expected_version: int | None = None
    ) -> Action:
        """Edit an action of its own meeting; a status change is recorded in its history.

        A change of status alone is progress, not content: it is allowed after the
        meeting that raised the action has been approved.
        """
        unknown = set(fields) - set(ACTIONS.fields)
        if unknown:
            raise StoreError(f"Unknown actions field(s): {', '.join(sorted(unknown))}")
        status = fields.get("status")
        if status is not None:
            status = check_action_status(str(status))
        row = self.db.row("actions", action_id)
        try:
            with self.db.write(row["meeting_id"], content=bool(set(fields) - {"status"})):
                self.db.set_fields("actions", action_id, clean(fields), expected_version=expected_version)
                if status is not None and status != row["status"]:
                    self.history.record_status(action_id, row["meeting_id"], status)
        except Conflict as exc:
            raise Conflict(str(exc), self.actions.get(action_id)) from None
        return self.actions.get(action_id)
