"""Round-robin speakers' names: suggestions, and a speaker linked to an attendee's organisation.

The minutes say "South Ribble", the attendance list "SRBC": once linked, the speaker
bar shows one entry, under the name the note-taker typed, at every meeting of the
series. :func:`ask_link` asks which way round, with completions; the round-robin
panel saves the answer through the session.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.app import App

from ....model import Attendee
from ....roundrobin import SpeakerQueue
from ....session import MeetingSession
from ....text import displayable
from ..speaker import SpeakerScreen


@dataclass(frozen=True)
class Link:
    """What the note-taker asked for: link ``speaker`` to ``organisation``, or (``organisation``
    empty) forget the link of ``speaker``."""

    speaker: str
    organisation: str

    def said(self, series: str) -> str:
        """What the app says once the link is saved."""
        if not self.organisation:
            return f"{self.speaker} is no longer linked to an organisation."
        where = displayable(series) or "meetings with no series"
        return f"{self.speaker} is {self.organisation} in the attendance list (for {where})."


def suggestions(session: MeetingSession) -> list[str]:
    """Names a speaker may be given: attendees, this meeting's speakers, linked names, earlier people."""
    out: list[str] = []
    for a in session.meeting.attendees:
        out += [a.organisation, a.name]
    out += [t.speaker for t in session.turns]
    out += list(session.speaker_aliases)
    for name, org in session.known_people[:500]:
        out += [org, name]
    seen: set[str] = set()
    return [s for s in out if s and not (s.casefold() in seen or seen.add(s.casefold()))]


def labels(attendees: Iterable[Attendee]) -> list[str]:
    """The attendance list's organisations (a person's name when they have none), once each."""
    seen: set[str] = set()
    out: list[str] = []
    for attendee in attendees:
        label = " ".join((attendee.organisation or attendee.name).split())
        if label and label.casefold() not in seen:
            seen.add(label.casefold())
            out.append(label)
    return out


def linked_to(aliases: Mapping[str, str], speaker: str) -> str | None:
    """The organisation ``speaker`` (any case) is linked to, if any."""
    key = speaker.casefold()
    return next((org for name, org in aliases.items() if name.casefold() == key), None)


async def ask_link(
    app: App, speaker: str, attendees: list[Attendee], aliases: Mapping[str, str], queue: SpeakerQueue
) -> Link | None:
    """Ask what ``speaker`` stands for (or, for an organisation on the list, what the minutes call it)."""
    orgs = labels(attendees)
    current = linked_to(aliases, speaker)
    if current is not None:
        answer = await app.push_screen_wait(
            SpeakerScreen(
                f"{speaker} stands for {current} in the attendance list. Link it to (empty: unlink)",
                orgs,
                current,
                allow_empty=True,
            )
        )
        return None if answer is None or answer == current else Link(speaker, answer)
    if speaker.casefold() in {o.casefold() for o in orgs}:
        others = [s for s in queue.speakers if s.casefold() not in {o.casefold() for o in orgs}]
        answer = await app.push_screen_wait(SpeakerScreen(f"Name the minutes use for {speaker}", others))
        return Link(answer, speaker) if answer else None
    answer = await app.push_screen_wait(
        SpeakerScreen(f"Which organisation in the attendance list is {speaker}?", orgs)
    )
    return Link(speaker, answer) if answer else None


def present_attendee(
    attendees: Iterable[Attendee], speaker: str, aliases: Mapping[str, str]
) -> Attendee | None:
    """The attendee marked present whom ``speaker`` stands for (by organisation, name or link)."""
    keys = {speaker.casefold(), (linked_to(aliases, speaker) or speaker).casefold()}
    return next(
        (
            a
            for a in attendees
            if a.attendance == "present" and keys & {a.organisation.casefold(), a.name.casefold()}
        ),
        None,
    )
