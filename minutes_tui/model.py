"""The domain of minutes: plain dataclasses, no database and no Textual.

A :class:`Meeting` holds everything minuted at one meeting. Lists keep the order
the note-taker gave them; ``id`` is ``None`` until the store has saved an item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: How someone was at a meeting, in the order the minutes list them.
ATTENDANCE = ("present", "apologies", "absent", "in_attendance")
ATTENDANCE_LABELS = {
    "present": "Present",
    "apologies": "Apologies",
    "absent": "Absent",
    "in_attendance": "In attendance",
}
MEETING_STATUS = ("draft", "approved")
ACTION_STATUS = ("open", "done", "on_hold", "dropped")
ACTION_STATUS_LABELS = {
    "open": "Open",
    "done": "Done",
    "on_hold": "On hold",
    "dropped": "Dropped",
}
#: The bulleted sections of a meeting, in the order the minutes show them.
SECTIONS = ("overview", "purpose", "agreed", "comments", "next_steps")
SECTION_TITLES = {
    "overview": "Overview",
    "purpose": "Purpose",
    "agreed": "All agreed",
    "comments": "General comments",
    "next_steps": "Next steps",
}


class ModelError(ValueError):
    """A value that a meeting cannot hold; the message says which and why."""


def _check(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ModelError(f"{what} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def check_attendance(value: str) -> str:
    return _check(value, ATTENDANCE, "attendance")


def check_action_status(value: str) -> str:
    return _check(value, ACTION_STATUS, "action status")


def check_meeting_status(value: str) -> str:
    return _check(value, MEETING_STATUS, "meeting status")


def check_section(value: str) -> str:
    return _check(value, SECTIONS, "section")


@dataclass
class Attendee:
    """Someone at (or sending apologies to) a meeting: a name, an organisation or both."""

    name: str = ""
    organisation: str = ""
    role: str = ""
    attendance: str = "present"
    id: int | None = None

    def __post_init__(self) -> None:
        check_attendance(self.attendance)

    @property
    def label(self) -> str:
        """``Name (Organisation)``, or whichever of the two there is."""
        if self.name and self.organisation:
            return f"{self.name} ({self.organisation})"
        return self.name or self.organisation


@dataclass
class Bullet:
    """One point of a bulleted section (overview, purpose, agreed, ...)."""

    text: str = ""
    id: int | None = None


@dataclass
class Point:
    """One point made in a round-robin turn."""

    text: str = ""
    id: int | None = None


@dataclass
class Turn:
    """One speaker's turn in the round robin: a label and the points made."""

    speaker: str = ""
    points: list[Point] = field(default_factory=list)
    id: int | None = None


@dataclass
class Action:
    """An agreed action: what, who, by when, and where it stands."""

    text: str = ""
    owner: str = ""
    due: dt.date | None = None
    status: str = "open"
    meeting_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        check_action_status(self.status)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        return self.status == "open" and self.due is not None and self.due < today


@dataclass
class ActionEvent:
    """One step in an action's history: raised, updated or closed, and at which meeting."""

    event: str
    status: str
    note: str = ""
    at: dt.datetime | None = None
    meeting_id: int | None = None


@dataclass
class CarriedAction:
    """An open action from an earlier meeting, brought forward as a matter arising.

    ``action`` is the action itself (its status is the current one); ``note`` is the
    progress reported at this meeting; ``raised_on``/``raised_in`` say where it came from.
    """

    action: Action
    note: str = ""
    raised_on: dt.date | None = None
    raised_in: str = ""
    id: int | None = None


@dataclass
class MeetingEvent:
    """A recorded change of a meeting's standing: approved, or reopened (with a reason)."""

    event: str
    reason: str = ""
    at: dt.datetime | None = None


@dataclass
class ActionRow:
    """An action as the action log shows it: with the meeting that raised it."""

    action: Action
    meeting_date: dt.date | None
    series: str
    meeting_title: str

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.action.is_overdue(today)


@dataclass
class Meeting:
    """Everything minuted at one meeting."""

    series: str = ""
    title: str = ""
    date: dt.date | None = None
    time: str = ""
    place: str = ""
    chair: str = ""
    minute_taker: str = ""
    status: str = "draft"
    next_meeting: dt.date | None = None
    attendees: list[Attendee] = field(default_factory=list)
    sections: dict[str, list[Bullet]] = field(default_factory=lambda: {name: [] for name in SECTIONS})
    round_robin: list[Turn] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    matters_arising: list[CarriedAction] = field(default_factory=list)
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        check_meeting_status(self.status)
        for name in SECTIONS:
            self.sections.setdefault(name, [])
        for name in self.sections:
            check_section(name)

    @property
    def approved(self) -> bool:
        return self.status == "approved"

    def attending(self, attendance: str) -> list[Attendee]:
        """The attendees with the given attendance, in list order."""
        return [a for a in self.attendees if a.attendance == attendance]


@dataclass(frozen=True)
class MeetingSummary:
    """One row of the meeting list: enough to show and open a meeting."""

    id: int
    series: str
    title: str
    date: dt.date | None
    status: str
    updated: dt.datetime | None = None


#: Header fields of a meeting that can be edited one at a time.
MEETING_FIELDS = (
    "series",
    "title",
    "date",
    "time",
    "place",
    "chair",
    "minute_taker",
    "status",
    "next_meeting",
)
