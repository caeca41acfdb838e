"""The domain of minutes: plain dataclasses, no database and no Textual.

A :class:`Meeting` holds everything minuted at one meeting. Lists keep the order
the note-taker gave them; ``id`` is ``None`` until the store has saved an item.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .agenda import AgendaItem, CommitteeRules

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
#: Statuses of actions that still need doing: carried forward, listed by --open, overdue when late.
STILL_TO_DO = ("open", "on_hold")
#: What an action's history records: raised, status changed (updated / closed), a progress note.
ACTION_EVENTS = ("raised", "updated", "closed", "noted")
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


#: What a section of a meeting's layout holds.
SECTION_KINDS = ("bullets", "round_robin", "actions", "matters_arising", "agenda")


@dataclass(frozen=True)
class Section:
    """One section of a meeting's layout: a key, the heading the minutes show, what it holds."""

    key: str
    title: str
    kind: str = "bullets"


#: A partnership workshop: the default layout.
WORKSHOP_LAYOUT = (
    Section("overview", "Overview"),
    Section("purpose", "Purpose"),
    Section("matters_arising", "Actions from previous meetings", "matters_arising"),
    Section("round_robin", "Round robin", "round_robin"),
    Section("agreed", "All agreed"),
    Section("actions", "Actions", "actions"),
    Section("comments", "General comments"),
    Section("next_steps", "Next steps"),
)
#: A board meeting (apologies come from the attendance list, the next date from its field).
BOARD_LAYOUT = (
    Section("declarations", "Declarations of interest"),
    Section("last_minutes", "Minutes of the last meeting"),
    Section("matters_arising", "Matters arising", "matters_arising"),
    Section("items", "Items", "agenda"),
    Section("actions", "Actions", "actions"),
    Section("aob", "Any other business"),
)
LAYOUTS = {"workshop": WORKSHOP_LAYOUT, "board": BOARD_LAYOUT}
#: Sections anyone may name in a layout by key, with their usual headings.
KNOWN_SECTIONS = {s.key: s for s in (*WORKSHOP_LAYOUT, *BOARD_LAYOUT)}


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


_CLOCK = re.compile(r"^([0-9]{1,2})[:.]?([0-9]{2})$")


def check_clock(value: str) -> str:
    """A time of day as the minutes show it (``HH:MM``), from ``9:05``, ``09.05`` or ``0905``.

    ``""`` stays ``""`` (not noted). Anything else raises :class:`ModelError`.
    """
    text = value.strip()
    if not text:
        return ""
    match = _CLOCK.match(text)
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return f"{int(match[1]):02d}:{match[2]}"
    raise ModelError(f"{value!r} is not a time of day: use HH:MM, e.g. 10:40")


_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"\\]+@[^@\s<>()\[\],;:\"\\]+\.[^@\s<>()\[\],;:\"\\.]+$")


def check_email(value: str) -> str:
    """An e-mail address as typed (``name@example.org``), trimmed; ``""`` stays ``""``.

    Anything that is not one plain address raises :class:`ModelError`.
    """
    text = value.strip()
    if not text:
        return ""
    problem = f"{value[:80]!r} is not an e-mail address: use e.g. priya@cogent.org.uk"
    if len(text) > 254 or not _EMAIL.match(text) or not text.isprintable():
        raise ModelError(problem)
    local, domain = text.rsplit("@", 1)
    if not local.isascii():
        raise ModelError(f"{problem} (mail programs take only plain letters before the @)")
    try:  # an international domain in the form mail headers carry (xn--...)
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        raise ModelError(problem) from None


def check_section(value: str, layout: tuple[Section, ...] | None = None) -> str:
    """``value`` if it names a bulleted section of ``layout`` (default: the workshop's)."""
    keys = tuple(s.key for s in (layout or WORKSHOP_LAYOUT) if s.kind == "bullets")
    return _check(value, keys, "section")


def slug(title: str) -> str:
    """A section key made from a heading: lower case letters, digits and underscores."""
    key = "".join(c if c.isalnum() else "_" for c in title.strip().lower())
    return "_".join(part for part in key.split("_") if part) or "section"


def make_layout(entries: Iterable[str | Section]) -> tuple[Section, ...]:
    """A layout from known section keys, Sections, or headings of new bulleted sections.

    Raises :class:`ModelError` for an empty layout, repeated keys, or more than one
    round robin, action list or matters-arising list.
    """
    layout: list[Section] = []
    for entry in entries:
        if isinstance(entry, Section):
            section = entry
        elif entry.strip() in KNOWN_SECTIONS:
            section = KNOWN_SECTIONS[entry.strip()]
        else:
            title = " ".join(entry.split())
            if not title:
                raise ModelError("a section needs a heading")
            section = Section(slug(title), title)
        _check(section.kind, SECTION_KINDS, "section kind")
        if not section.title.strip():
            raise ModelError(f"section {section.key!r} needs a heading")
        if any(s.key == section.key for s in layout):
            raise ModelError(f"the section {section.title!r} appears twice")
        if section.kind != "bullets" and any(s.kind == section.kind for s in layout):
            raise ModelError(f"a meeting has only one {section.kind.replace('_', ' ')} section")
        layout.append(section)
    if not layout:
        raise ModelError("a layout needs at least one section")
    return tuple(layout)


@dataclass(slots=True)
class Attendee:
    """Someone at (or sending apologies to) a meeting: a name, an organisation or both."""

    name: str = ""
    organisation: str = ""
    role: str = ""
    attendance: str = "present"
    id: int | None = None
    #: When a late arrival came and an early leaver left, as typed (HH:MM); "" if not noted.
    arrived: str = ""
    left: str = ""
    #: Whom a substitute stands in for ("on behalf of Helen (NWDA)").
    on_behalf_of: str = ""
    #: Raised by every saved change; an update naming it is refused if the row changed since.
    version: int = 0
    #: Where minutes and action reminders go (optional); only ever written into mail drafts.
    email: str = ""
    #: A voting member of the committee (counted for the quorum).
    voting: bool = False

    def __post_init__(self) -> None:
        check_attendance(self.attendance)

    @property
    def label(self) -> str:
        """``Name (Organisation)``, or whichever of the two there is."""
        if self.name and self.organisation:
            return f"{self.name} ({self.organisation})"
        return self.name or self.organisation


@dataclass(slots=True)
class Bullet:
    """One point of a bulleted section (overview, purpose, agreed, ...)."""

    text: str = ""
    id: int | None = None
    #: When the point was first saved (UTC); ``None`` for points older than timestamps.
    created: dt.datetime | None = None
    #: Raised by every saved change; an update naming it is refused if the row changed since.
    version: int = 0


@dataclass(slots=True)
class Point:
    """One point made in a round-robin turn."""

    text: str = ""
    id: int | None = None
    #: When the point was first saved (UTC); ``None`` for points older than timestamps.
    created: dt.datetime | None = None
    #: Raised by every saved change; an update naming it is refused if the row changed since.
    version: int = 0


@dataclass
class Declaration:
    """A declaration of interest: who declared it, on which item, and what the interest is.

    ``attendee_id`` is the attendee's id once saved; a meeting not yet saved (read from
    JSON, say) names the attendee by ``attendee_index``, their place in the attendee list.
    """

    attendee_id: int | None = None
    item: str = ""
    text: str = ""
    id: int | None = None
    attendee_index: int | None = None
    #: Raised by every saved change; an update naming it is refused if the row changed since.
    version: int = 0


@dataclass(slots=True)
class Turn:
    """One speaker's turn in the round robin: a label and the points made."""

    speaker: str = ""
    points: list[Point] = field(default_factory=list)
    id: int | None = None
    #: Raised by every saved change; an update naming it is refused if the row changed since.
    version: int = 0


@dataclass(slots=True)
class Action:
    """An agreed action: what, who, by when, and where it stands."""

    text: str = ""
    owner: str = ""
    due: dt.date | None = None
    status: str = "open"
    meeting_id: int | None = None
    id: int | None = None
    #: Raised, updated, closed: oldest first (filled by the store for exports; not compared).
    history: list[ActionEvent] = field(default_factory=list, compare=False, repr=False)
    #: Raised by every saved change; an update naming it is refused if the row changed since.
    version: int = 0
    #: The agenda item it was raised under (its id once saved, else its place in the agenda).
    item_id: int | None = None
    item_index: int | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        check_action_status(self.status)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Still to do (open or on hold) and due before ``today``."""
        today = today or dt.date.today()
        return self.status in STILL_TO_DO and self.due is not None and self.due < today


@dataclass(slots=True)
class ActionEvent:
    """One step in an action's history: raised, updated or closed, and at which meeting."""

    event: str
    status: str
    note: str = ""
    at: dt.datetime | None = None
    meeting_id: int | None = None
    #: The date of the meeting it happened at (filled by the store; not compared).
    meeting_date: dt.date | None = field(default=None, compare=False)


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
    #: The matter arising's own version (its progress note); the action has its own.
    version: int = 0


@dataclass
class MeetingEvent:
    """A recorded change of a meeting's standing: approved, or reopened (with a reason)."""

    event: str
    reason: str = ""
    at: dt.datetime | None = None
    #: Who did it: the login name of the user whose app or command did it ("" if unknown).
    by: str = ""


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
    layout: tuple[Section, ...] = WORKSHOP_LAYOUT
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    id: int | None = None
    declarations: list[Declaration] = field(default_factory=list)
    #: Approved and reopened (with reasons), oldest first (filled by the store; not compared).
    history: list[MeetingEvent] = field(default_factory=list, compare=False, repr=False)
    #: When the meeting was deleted (it can be restored until purged); ``None`` if it was not.
    deleted: dt.datetime | None = None
    #: Raised by every saved change; an update naming it is refused if the row changed since.
    version: int = 0
    #: When the meeting closed (HH:MM), as committee minutes record it; "" if not noted.
    closed: str = ""
    #: The agenda items of a committee meeting, in order (see :mod:`minutes_tui.agenda`).
    agenda: list[AgendaItem] = field(default_factory=list)
    #: Its series' rules for committee minutes (numbering, quorum); ``None``: the defaults.
    rules: CommitteeRules | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        check_meeting_status(self.status)
        self.layout = make_layout(list(self.layout))
        for section in self.bullet_sections:
            self.sections.setdefault(section.key, [])
        for name in self.sections:
            if name not in SECTIONS:
                check_section(name, self.layout)

    @property
    def bullet_sections(self) -> list[Section]:
        """The layout's bulleted sections, in order."""
        return [s for s in self.layout if s.kind == "bullets"]

    def has_section(self, kind: str) -> bool:
        """Whether the layout has a section of ``kind`` (round_robin, actions, ...)."""
        return any(s.kind == kind for s in self.layout)

    @property
    def approved(self) -> bool:
        return self.status == "approved"

    def attending(self, attendance: str) -> list[Attendee]:
        """The attendees with the given attendance, in list order."""
        return [a for a in self.attendees if a.attendance == attendance]

    def declarant(self, declaration: Declaration) -> Attendee | None:
        """The attendee who made ``declaration``: by id, else by place in the list."""
        if declaration.attendee_id is not None:
            for attendee in self.attendees:
                if attendee.id == declaration.attendee_id:
                    return attendee
        index = declaration.attendee_index
        if index is not None and 0 <= index < len(self.attendees):
            return self.attendees[index]
        return None


@dataclass(frozen=True)
class MeetingSummary:
    """One row of the meeting list: enough to show and open a meeting."""

    id: int
    series: str
    title: str
    date: dt.date | None
    status: str
    updated: dt.datetime | None = None
    #: When it was deleted (see the store's ``deleted_meetings``); ``None`` if it was not.
    deleted: dt.datetime | None = None


#: Header fields of a meeting that can be edited one at a time.
MEETING_FIELDS = tuple(
    ["series", "title", "date", "time", "place", "chair", "minute_taker", "status", "next_meeting", "closed"]
)
