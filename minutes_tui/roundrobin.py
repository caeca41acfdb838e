"""The round robin's order of speakers: who is next, who was before, who was added.

Pure Python. Turns are only created (by the screen, through the store) when a
point is typed, so moving past a speaker who had nothing to say leaves no trace.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .model import Attendee

#: Attendances whose organisations take a turn by default.
SPEAKING = ("present", "in_attendance")


def default_speakers(attendees: Iterable[Attendee]) -> list[str]:
    """The organisations of those present, in list order, once each.

    Someone present with no organisation speaks under their name.
    """
    seen: set[str] = set()
    speakers: list[str] = []
    for attendee in attendees:
        if attendee.attendance not in SPEAKING:
            continue
        label = (attendee.organisation or attendee.name).strip()
        if label and label.casefold() not in seen:
            seen.add(label.casefold())
            speakers.append(label)
    return speakers


class SpeakerQueue:
    """The speakers of a round robin in order, and which one is speaking."""

    def __init__(
        self, speakers: Iterable[str] = (), index: int = 0, aliases: Mapping[str, str] | None = None
    ) -> None:
        #: Organisation (any case) -> the name the minutes use for it: a speaker linked to an
        #: attendee's organisation (``aliases``: name -> organisation) is listed once, by that name.
        self.names = {org.casefold(): name for name, org in (aliases or {}).items()}
        self.speakers: list[str] = []
        for speaker in speakers:
            speaker = self.name_of(speaker)
            if speaker and self.find(speaker) is None:
                self.speakers.append(speaker)
        self.index = min(max(index, 0), max(len(self.speakers) - 1, 0))

    @classmethod
    def build(
        cls,
        attendees: Iterable[Attendee],
        turn_speakers: Iterable[str],
        aliases: Mapping[str, str] | None = None,
    ) -> SpeakerQueue:
        """Those present, then anyone who spoke but is not on the list; current: the first not yet heard.

        ``aliases`` (speaker name -> organisation) puts a linked name in its organisation's place.
        """
        spoken = [s for s in turn_speakers if s]
        queue = cls([*default_speakers(attendees), *spoken], aliases=aliases)
        heard = queue.heard(spoken)
        for index, speaker in enumerate(queue.speakers):
            if speaker.casefold() not in heard:
                queue.index = index
                break
        else:
            queue.index = max(len(queue.speakers) - 1, 0)
        return queue

    def name_of(self, speaker: str) -> str:
        """The name the minutes use for ``speaker``: its linked name if it is a linked organisation."""
        return self.names.get(" ".join(speaker.split()).casefold(), speaker)

    def heard(self, turn_speakers: Iterable[str]) -> set[str]:
        """The listed names (casefolded) of those who have spoken, however they were named."""
        return {self.name_of(s).casefold() for s in turn_speakers}

    @property
    def current(self) -> str | None:
        return self.speakers[self.index] if self.speakers else None

    def find(self, speaker: str) -> int | None:
        key = self.name_of(speaker).strip().casefold()
        for index, name in enumerate(self.speakers):
            if name.casefold() == key:
                return index
        return None

    def match(self, typed: str) -> int | None:
        """The first speaker whose name starts with ``typed`` (any case), else one containing it."""
        key = " ".join(typed.split()).casefold()
        if not key:
            return None
        names = [name.casefold() for name in self.speakers]
        starts = next((n for n, name in enumerate(names) if name.startswith(key)), None)
        if starts is None:  # a linked organisation's own name: its entry
            found = (self.find(org) for org in self.names if org.startswith(key))
            starts = next((n for n in found if n is not None), None)
        return (
            starts if starts is not None else next((n for n, name in enumerate(names) if key in name), None)
        )

    def next(self) -> str | None:
        """Move to the next speaker (after the last: the first again)."""
        if self.speakers:
            self.index = (self.index + 1) % len(self.speakers)
        return self.current

    def previous(self) -> str | None:
        """Move to the previous speaker (before the first: the last)."""
        if self.speakers:
            self.index = (self.index - 1) % len(self.speakers)
        return self.current

    def at_end(self) -> bool:
        return not self.speakers or self.index == len(self.speakers) - 1

    def add(self, speaker: str) -> str:
        """Make ``speaker`` current: jump to them if listed, else insert them after the current one."""
        speaker = self.name_of(" ".join(speaker.split()))
        found = self.find(speaker)
        if found is not None:
            self.index = found
        else:
            at = self.index + 1 if self.speakers else 0
            self.speakers.insert(at, speaker)
            self.index = at
        return self.speakers[self.index]

    def rename(self, old: str, new: str) -> None:
        """A speaker's label was corrected: change it in the queue too."""
        found = self.find(old)
        if found is not None and self.find(new) is None:
            self.speakers[found] = new
