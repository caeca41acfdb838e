"""What goes into written minutes, shared by the Word and Markdown writers.

Both writers show the same sections in the same order and leave empty ones out;
the helpers here decide what is shown, the writers decide how.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import (
    ACTION_STATUS_LABELS,
    ATTENDANCE,
    SECTION_TITLES,
    SECTIONS,
    Action,
    Attendee,
    Bullet,
    Meeting,
    Point,
)
from .committee import declarations_item, item_blocks, item_for_section, shows_actions_table

ACTION_COLUMNS = ("Action", "Owner", "Due", "Status")
CARRIED_COLUMNS = ("Action", "Owner", "Raised", "Status", "Progress")
#: The section that holds declarations of interest, and its heading when the layout has none.
DECLARATIONS_KEY = "declarations"
DECLARATIONS_TITLE = "Declarations of interest"
_DASH = " \u2013 "
#: The order of sections for a meeting that has no layout of its own.
_DEFAULT_ORDER = (
    *(("bullets", key, SECTION_TITLES[key]) for key in SECTIONS[:2]),
    ("round_robin", "round_robin", "Round robin"),
    ("bullets", "agreed", SECTION_TITLES["agreed"]),
    ("actions", "actions", "Actions"),
    *(("bullets", key, SECTION_TITLES[key]) for key in SECTIONS[3:]),
)


def blocks(meeting: Meeting, *, timestamps: bool = False) -> list[tuple[str, str, Any]]:
    """The sections to show, in the meeting's layout order: ``(kind, heading, content)``.

    ``kind`` is "bullets" (content: texts), "round_robin" (:func:`turns`), "actions"
    (:func:`action_rows`; left out when the series' committee rules say so), "agenda"
    (:func:`~minutes_tui.export.committee.item_blocks`) or "matters_arising" (:func:`carried_rows`). Empty sections
    are left out. Declarations of interest (:func:`declarations`) open the agenda item
    "Declarations of interest" in committee minutes, else the section keyed "declarations"
    if the layout has one, else come first under their own heading.
    ``timestamps`` adds the time each point was saved (:func:`stamped`).
    In committee minutes a bulleted section that holds the same business as an agenda item
    (the board preset's "Minutes of the last meeting" and the item "Minutes of the meeting held
    on ...") goes under that item, and matters arising follow their item, with no heading
    (``""``) of their own: each piece of business shows once.
    """
    sections = getattr(meeting, "layout", None)
    order = [(s.kind, s.key, s.title) for s in sections] if sections else _DEFAULT_ORDER
    in_items = any(kind == "agenda" for kind, _, _ in order) and declarations_item(meeting) is not None
    declared = [] if in_items else declarations(meeting)  # else under the item "Declarations of interest"
    result: list[tuple[str, str, Any]] = []
    if declared and not any(kind == "bullets" and key == DECLARATIONS_KEY for kind, key, _ in order):
        result.append(("bullets", DECLARATIONS_TITLE, declared))
    homes: dict[str, int] = {}  # section key -> the place of the item that holds its business
    if meeting.agenda and any(kind == "agenda" for kind, _, _ in order):
        for kind, key, title in order:
            home = item_for_section(meeting, key, title) if kind in ("bullets", "matters_arising") else None
            if home is not None:
                homes[key] = home
    folded: dict[int, list[str]] = {}
    for kind, key, _ in order:
        if kind == "bullets" and key in homes:
            folded.setdefault(homes[key], []).extend(bullets(meeting, key, timestamps=timestamps))
    for kind, key, title in order:
        if key in homes:
            continue  # shown under its agenda item
        if kind == "bullets":
            content: Any = bullets(meeting, key, timestamps=timestamps)
            if key == DECLARATIONS_KEY:
                content = declared + content
        elif kind == "round_robin":
            content = turns(meeting, timestamps=timestamps)
        elif kind == "actions":
            content = action_rows(meeting) if shows_actions_table(meeting) else []
        elif kind == "agenda":
            content = item_blocks(meeting, folded)
            arising = homes.get("matters_arising")
            carried = carried_rows(meeting) if arising is not None else []
            if arising is not None and carried:  # the table right after its item
                result.append((kind, title, content[: arising + 1]))
                result.append(("matters_arising", "", carried))
                content = content[arising + 1 :]
        elif kind == "matters_arising":
            content = carried_rows(meeting)
        else:
            continue
        if content:
            result.append((kind, title, content))
    return result


def long_date(value: dt.date | None, *, weekday: bool = True) -> str:
    """``Friday 14 March 2025`` (or without the weekday); ``""`` for no date."""
    if value is None:
        return ""
    text = f"{value.day} {value:%B %Y}"
    return f"{value:%A} {text}" if weekday else text


def heading(meeting: Meeting) -> str:
    """The title line: the meeting's title, else its series, else "Minutes"."""
    return meeting.title.strip() or meeting.series.strip() or "Minutes"


def details(meeting: Meeting) -> list[tuple[str, str]]:
    """The labelled lines under the title: date and time, place, chair, minute-taker, status."""
    rows = [
        ("Date", ", ".join(v for v in (long_date(meeting.date), meeting.time.strip()) if v)),
        ("Place", meeting.place.strip()),
        ("Chair", meeting.chair.strip()),
        ("Minutes", meeting.minute_taker.strip()),
    ]
    if meeting.status == "draft":
        rows.append(("Status", "Draft, not yet approved"))
    return [(label, value) for label, value in rows if value]


def has_label(attendee: Attendee) -> bool:
    return bool(attendee.name.strip() or attendee.organisation.strip())


def person(attendee: Attendee) -> str:
    """``Name (Role)``, or just the name, with any ``on behalf of X``, ``(from 10:40)``, ``(left 11:15)``.

    ``""`` if there is no name and nothing else to say.
    """
    name, role = attendee.name.strip(), attendee.role.strip()
    label = f"{name} ({role})" if name and role else name
    return " ".join(part for part in (label, *_attendance_notes(attendee)) if part)


def _attendance_notes(attendee: Attendee) -> list[str]:
    notes = []
    if getattr(attendee, "on_behalf_of", "").strip():
        notes.append(f"on behalf of {attendee.on_behalf_of.strip()}")
    if getattr(attendee, "arrived", "").strip():
        notes.append(f"(from {attendee.arrived.strip()})")
    if getattr(attendee, "left", "").strip():
        notes.append(f"(left {attendee.left.strip()})")
    return notes


def attendance(meeting: Meeting) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Each attendance kind with anyone in it, and its people grouped by organisation."""
    result = []
    for kind in ATTENDANCE:
        groups = by_organisation(meeting.attending(kind))
        if groups:
            result.append((kind, groups))
    return result


def by_organisation(people: list[Attendee]) -> list[tuple[str, list[str]]]:
    """People grouped by organisation, groups in order of first appearance.

    People with no organisation each keep their own place, as ``("", [name])``.
    """
    groups: list[tuple[str, list[str]]] = []
    index: dict[str, int] = {}
    for attendee in people:
        if not has_label(attendee):
            continue
        organisation, label = attendee.organisation.strip(), person(attendee)
        if not organisation:
            groups.append(("", [label]))
            continue
        key = organisation.casefold()
        if key not in index:
            index[key] = len(groups)
            groups.append((organisation, []))
        if label:
            groups[index[key]][1].append(label)
    return groups


def bullets(meeting: Meeting, section: str, *, timestamps: bool = False) -> list[str]:
    """The non-blank points of a bulleted section, as typed."""
    return [stamped(b, timestamps) for b in meeting.sections.get(section, []) if b.text.strip()]


def stamped(item: Bullet | Point, timestamps: bool) -> str:
    """A point's text, with ``[10:42]`` (local time it was saved) after it if ``timestamps``."""
    created = getattr(item, "created", None)
    if not timestamps or created is None:
        return item.text
    return f"{item.text} [{clock(created)}]"


def clock(when: dt.datetime) -> str:
    """``HH:MM`` in local time (a time without a zone is taken as UTC, as stored)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone().strftime("%H:%M")


def declarations(meeting: Meeting) -> list[str]:
    """Declarations of interest as lines: ``Priya (Cogent SSC) – Item 4: director of ChemiCol``."""
    lines = []
    for declaration in getattr(meeting, "declarations", []):
        attendee = meeting.declarant(declaration)
        who = attendee.label.strip() if attendee else ""
        what = _DASH.join(part for part in (who, declaration.item.strip()) if part)
        text = declaration.text.strip()
        line = f"{what}: {text}" if what and text else what or text
        if line:
            lines.append(line)
    return lines


def turns(meeting: Meeting, *, timestamps: bool = False) -> list[tuple[str, list[str]]]:
    """Round-robin turns that say something: (speaker, points).

    A turn with no points (its only point filed as an action, say) is left out: a
    speaker who gave no update is recorded as such ("No update", "Apologies received").
    """
    result = []
    for turn in meeting.round_robin:
        points = [stamped(p, timestamps) for p in turn.points if p.text.strip()]
        if points:
            result.append((turn.speaker.strip(), points))
    return result


def one_line(points: list[str]) -> bool:
    """Whether a turn is shown as ``Speaker – text`` rather than a speaker and bullets."""
    return len(points) == 1 and "\n" not in points[0] and "\r" not in points[0]


def action_rows(meeting: Meeting) -> list[tuple[str, str, str, str]]:
    """The actions table: (action, owner, due, status) for each action with text or owner."""
    return [_action_row(a) for a in meeting.actions if a.text.strip() or a.owner.strip()]


def _action_row(action: Action) -> tuple[str, str, str, str]:
    due = action.due.strftime("%d/%m/%Y") if action.due else ""
    return (action.text, action.owner, due, ACTION_STATUS_LABELS[action.status])


def carried_rows(meeting: Meeting) -> list[tuple[str, str, str, str, str]]:
    """Matters arising: (action, owner, raised, status, progress) for each carried action."""
    rows = []
    for carried in getattr(meeting, "matters_arising", []):
        action = carried.action
        raised = carried.raised_on.strftime("%d/%m/%Y") if carried.raised_on else carried.raised_in
        rows.append((action.text, action.owner, raised, ACTION_STATUS_LABELS[action.status], carried.note))
    return rows


def approval_record(meeting: Meeting) -> str:
    """The approve/reopen history in one line, e.g. ``Approved 2025-06-12 09:30 UTC; reopened ...``."""
    parts = []
    for event in meeting.history:
        when = f" {event.at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC" if event.at else ""
        reason = f" ({' '.join(event.reason.split())})" if event.reason.strip() else ""
        by = f" by {' '.join(event.by.split())}" if event.by.strip() else ""
        parts.append(f"{event.event}{when}{by}{reason}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]
