"""A calendar invitation (.ics) read into the facts of a meeting: title, date, time, place, people."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Meeting
from .documents import DocumentError, clean_text

#: Largest invitation read (one with attachments inline can be big; a plain one is a few kB).
MAX_ICS_BYTES = 10 * 1024 * 1024
#: Most attendees kept (a whole-organisation invitation can name thousands).
MAX_PEOPLE = 500
MAX_FIELD = 500

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_TITLES = re.compile(r"^(?:cllr|councillor|dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame)\.?\s", re.IGNORECASE)


@dataclass(frozen=True)
class Invitee:
    """Someone invited: their name (from the invitation, else made from their address), e-mail,
    whether they declined, and whether the invitation names them chair."""

    name: str
    email: str = ""
    declined: bool = False
    chair: bool = False
    optional: bool = False


@dataclass
class Invitation:
    """The meeting an invitation proposes; ``time`` is ``HH:MM`` in the meeting's own time zone."""

    title: str
    date: dt.date | None
    time: str = ""
    place: str = ""
    organiser: Invitee | None = None
    invitees: list[Invitee] = field(default_factory=list)


def read_invitation(path: str | os.PathLike[str]) -> Invitation:
    """The one meeting in the .ics file at ``path``; :class:`DocumentError` when it cannot be read."""
    file = Path(path)
    try:
        info = file.stat()
    except OSError as exc:
        raise DocumentError(f"Cannot read {file}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError(f"{file} is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(f"{file} is not a regular file")
    if info.st_size > MAX_ICS_BYTES:
        raise DocumentError(
            f"{file} is too big to be a calendar invitation ({info.st_size / 1048576:.1f} MB)"
        )
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DocumentError(f"Cannot read {file}: {exc.strerror or exc}") from None
    return parse_invitation(data, str(file))


def parse_invitation(data: bytes, name: str = "the invitation") -> Invitation:
    """The one meeting in ``data`` (iCalendar text); :class:`DocumentError` when there is none."""
    import icalendar

    if not data.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:VCALENDAR"):
        raise DocumentError(
            f"{name} is not a calendar invitation (.ics): it does not start with BEGIN:VCALENDAR"
        )
    try:
        calendar = icalendar.Calendar.from_ical(data)
        events = [event for event in calendar.walk("VEVENT") if "RECURRENCE-ID" not in event]
    except Exception:  # icalendar raises ValueError, KeyError, IndexError… on damaged files
        raise DocumentError(f"{name} is not a calendar invitation that can be read (damaged .ics)") from None
    if str(calendar.get("METHOD", "")).upper() == "CANCEL":
        raise DocumentError(f"{name} cancels a meeting; there is nothing to import")
    uids = {str(event.get("UID", id(event))) for event in events}
    if not events:
        raise DocumentError(f"{name} holds no meeting (no VEVENT)")
    if len(uids) > 1:
        raise DocumentError(
            f"{name} holds {len(uids)} meetings; save the one invitation on its own and import that"
        )
    event = events[0]
    date, time = _when(event, name)
    people = _people(event.get("ATTENDEE"))
    organiser = _person(event.get("ORGANIZER")) if event.get("ORGANIZER") is not None else None
    return Invitation(
        title=_text(event.get("SUMMARY")),
        date=date,
        time=time,
        place=_text(event.get("LOCATION")),
        organiser=organiser,
        invitees=people,
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = " ".join(clean_text(str(value)).split())
    return text[:MAX_FIELD]


def _when(event: Any, name: str) -> tuple[dt.date | None, str]:
    if event.get("DTSTART") is None:
        return None, ""
    try:
        start = event.decoded("DTSTART")
    except Exception:
        raise DocumentError(f"{name} has a start (DTSTART) that is not a date") from None
    if isinstance(start, dt.datetime):
        if start.tzinfo is not None and getattr(event.get("DTSTART"), "params", {}).get("TZID") is None:
            start = start.astimezone()  # UTC in the file: the time here
        return start.date(), f"{start.hour:02d}:{start.minute:02d}"
    if isinstance(start, dt.date):
        return start, ""
    raise DocumentError(f"{name} has a start (DTSTART) that is not a date")


def _people(value: Any) -> list[Invitee]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    people: list[Invitee] = []
    seen: set[str] = set()
    for entry in values[: MAX_PEOPLE * 2]:
        person = _person(entry)
        key = (person.email or person.name).casefold()
        if person.name and key not in seen:
            seen.add(key)
            people.append(person)
        if len(people) >= MAX_PEOPLE:
            break
    return people


def _person(entry: Any) -> Invitee:
    params = getattr(entry, "params", {})
    address = _text(entry)
    if address.lower().startswith("mailto:"):
        address = address[7:]
    email = address if _EMAIL.match(address) else ""
    name = _text(params.get("CN", ""))
    if name.lower().startswith("mailto:"):
        name = name[7:]
    if not name or _EMAIL.match(name):
        name = name_from_address(email or name)
    elif "," in name and not _TITLES.match(name) and name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        name = f"{first} {last}".strip()  # Outlook's "Hunt, Jamie"
    role = str(params.get("ROLE", "")).upper()
    return Invitee(
        name=name,
        email=email,
        declined=str(params.get("PARTSTAT", "")).upper() == "DECLINED",
        chair=role == "CHAIR",
        optional=role in ("OPT-PARTICIPANT", "NON-PARTICIPANT"),
    )


def name_from_address(address: str) -> str:
    """``jane.smith@x.org`` gives ``Jane Smith``; an address with no separators gives its local part."""
    local = address.split("@")[0]
    parts = [part for part in re.split(r"[._-]+", local) if part and not part.isdigit()]
    return " ".join(part[:1].upper() + part[1:] for part in parts) if parts else local


def invitation_meeting(invitation: Invitation) -> Meeting:
    """A new draft meeting from ``invitation``: those who declined send apologies, a CHAIR is chair.

    E-mail addresses are read but not kept: an attendee has no e-mail field yet.
    """
    from ..model import Attendee

    attendees = [
        Attendee(name=person.name, attendance="apologies" if person.declined else "present")
        for person in invitation.invitees
    ]
    chair = next((person.name for person in invitation.invitees if person.chair), "")
    return Meeting(
        title=invitation.title,
        date=invitation.date,
        time=invitation.time,
        place=invitation.place,
        chair=chair,
        attendees=attendees,
    )
