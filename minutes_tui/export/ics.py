"""The next meeting as an iCalendar event (.ics) for Outlook, Google or Apple calendars.

The event is on the meeting's "next meeting" date: at the usual time (this meeting's
time, UK time, one hour long) when one is noted as a time of day, else all day. The series names it,
the place is its location, and attendees with an e-mail address are invited.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from ..model import Meeting, ModelError, check_clock
from ..text import for_xml
from .files import ExportError
from .layout import heading

#: Meetings of UK bodies keep UK time.
ZONE = ZoneInfo("Europe/London")
#: How long a timed event is: the minutes know when a meeting starts, not when it ends.
LENGTH = dt.timedelta(hours=1)


def _plain(value: str) -> str:
    return " ".join(for_xml(value).split())


def next_meeting_calendar(meeting: Meeting, now: dt.datetime | None = None) -> Calendar:
    """A calendar holding one event: ``meeting``'s next meeting. :class:`ExportError` if none is set."""
    if meeting.next_meeting is None:
        raise ExportError("This meeting has no next meeting date; set it first (Details, F2)")
    cal = Calendar()
    cal.add("prodid", "-//minutes//minutes-tui//EN")
    cal.add("version", "2.0")
    event = Event()
    series = _plain(meeting.series) or _plain(heading(meeting))
    event.add("summary", f"{series}: next meeting")
    event.add("uid", f"minutes-{meeting.id or 0}-next-{meeting.next_meeting.isoformat()}@minutes-tui")
    event.add("dtstamp", now or dt.datetime.now(dt.UTC))
    try:
        clock = check_clock(meeting.time)
    except ModelError:  # free text such as "after lunch": all day, the text in the description
        clock = ""
    if clock:
        hour, minute = map(int, clock.split(":"))
        start = dt.datetime.combine(meeting.next_meeting, dt.time(hour, minute), ZONE)
        event.add("dtstart", start)
        event.add("dtend", start + LENGTH)
    else:
        event.add("dtstart", meeting.next_meeting)
        event.add("dtend", meeting.next_meeting + dt.timedelta(days=1))
    if meeting.place.strip():
        event.add("location", _plain(meeting.place))
    unreachable = []
    for a in meeting.attendees:
        label = _plain(a.label)
        if not a.email:
            if label:
                unreachable.append(label)
            continue
        who = vCalAddress(f"mailto:{a.email}")
        if label:
            who.params["cn"] = vText(label)
        who.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", who, encode=False)
    lines = [f"Next meeting of {series}."]
    if meeting.date:
        lines.append(f"Set at the meeting of {meeting.date:%d/%m/%Y}.")
    if meeting.time.strip() and not clock:
        lines.append(f"Time: {_plain(meeting.time)}.")
    if unreachable:
        lines.append("Also expected (no e-mail address): " + "; ".join(unreachable) + ".")
    event.add("description", "\n".join(lines))
    cal.add_component(event)
    cal.add_missing_timezones()  # a VTIMEZONE for Europe/London, as Outlook expects
    return cal


def write_ics(meeting: Meeting, path: Path, **_options: object) -> None:
    path.write_bytes(next_meeting_calendar(meeting).to_ical())
