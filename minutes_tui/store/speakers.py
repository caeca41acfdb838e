"""Round-robin speakers linked to an attendee's organisation, remembered for each series.

The minutes say "South Ribble"; the attendance list says "SRBC". Once linked, the
speaker bar shows one entry, under the name the note-taker typed, at every meeting
of the series. One name links to one organisation and an organisation has one name.
"""

from __future__ import annotations

from ..text import storable
from .errors import StoreError
from .gateway import Gateway


def _name(text: str) -> str:
    return " ".join(storable(text).split())


class SpeakerAliasRepository:
    """The ``speaker_aliases`` table (see the module's notes)."""

    def __init__(self, db: Gateway) -> None:
        self.db = db

    def speaker_aliases(self, series: str) -> dict[str, str]:
        """Speaker name (as the minutes use it) -> the organisation it stands for, in ``series``."""
        rows = self.db.read(
            "SELECT speaker, organisation FROM speaker_aliases WHERE series = ? ORDER BY speaker", (series,)
        )
        return {r["speaker"]: r["organisation"] for r in rows}

    def link_speaker(self, series: str, speaker: str, organisation: str) -> dict[str, str]:
        """Link ``speaker`` to ``organisation`` in ``series`` (replacing either's earlier link);
        returns the series' links now."""
        speaker, organisation = _name(speaker), _name(organisation)
        if not speaker or not organisation:
            raise StoreError("Give both the speaker's name and the organisation it stands for")
        if speaker.casefold() == organisation.casefold():
            raise StoreError(f"{speaker!r} is already the organisation's own name; nothing to link")
        keys = {speaker.casefold(), organisation.casefold()}
        with self.db.write():
            for old, org in self.speaker_aliases(series).items():
                if old.casefold() in keys or org.casefold() in keys:
                    self._delete(series, old)
            self.db.execute(
                "INSERT INTO speaker_aliases (series, speaker, organisation) VALUES (?, ?, ?)",
                (storable(series), speaker, organisation),
            )
        return self.speaker_aliases(series)

    def unlink_speaker(self, series: str, speaker: str) -> dict[str, str]:
        """Forget the link of ``speaker`` (any case) in ``series``; returns the links now."""
        key = _name(speaker).casefold()
        with self.db.write():
            for old in self.speaker_aliases(series):
                if old.casefold() == key:
                    self._delete(series, old)
        return self.speaker_aliases(series)

    def _delete(self, series: str, speaker: str) -> None:
        self.db.execute(
            "DELETE FROM speaker_aliases WHERE series = ? AND speaker = ?", (storable(series), speaker)
        )
