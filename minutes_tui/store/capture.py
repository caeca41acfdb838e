"""Capture as it happens: declarations of interest, stock phrases, round-robin shortcuts.

(Arrival and departure times and "on behalf of" are attendee fields: see
:meth:`~minutes_tui.store.items.ItemRepository.update_attendee`.)
"""

from __future__ import annotations

from ..model import Declaration, Meeting, Turn
from ..text import storable
from .errors import StoreError
from .gateway import Gateway, now
from .items import ItemRepository

#: The stock phrases of a series that has not chosen its own.
DEFAULT_STOCK_PHRASES = (
    "Minutes of the last meeting agreed as an accurate record",
    "No declarations of interest",
    "No update",
    "Apologies received",
)


class CaptureRepository:
    """Declarations of interest, stock phrases and :meth:`mark_turn`."""

    def __init__(self, db: Gateway, items: ItemRepository) -> None:
        self.db = db
        self.items = items
        self.declarations = items.declarations

    # -- declarations of interest

    def add_declaration(
        self, meeting_id: int, attendee_id: int, item: str, text: str, index: int | None = None
    ) -> Declaration:
        """Record that attendee ``attendee_id`` declared ``text`` as an interest in ``item``."""
        self.check_attendee(meeting_id, attendee_id)
        values: dict[str, object] = {"attendee_id": attendee_id, "item": item, "text": text}
        return self.declarations.get(self.declarations.add(meeting_id, (meeting_id,), values, index))

    def update_declaration(
        self, declaration_id: int, fields: dict[str, object], expected_version: int | None = None
    ) -> Declaration:
        """Change a declaration's ``attendee_id``, ``item`` or ``text``."""
        if "attendee_id" in fields:
            attendee_id = fields["attendee_id"]
            if not isinstance(attendee_id, int):
                raise StoreError(f"An attendee id is a number, not {attendee_id!r}")
            self.check_attendee(self.declarations.meeting_of(declaration_id), attendee_id)
        self.declarations.update(declaration_id, fields, expected_version)
        return self.declarations.get(declaration_id)

    def check_attendee(self, meeting_id: int, attendee_id: int) -> None:
        if self.items.attendees.meeting_of(attendee_id) != meeting_id:
            raise StoreError(f"The attendee {attendee_id} is not at this meeting")

    def insert_declarations(self, meeting_id: int, meeting: Meeting, attendee_ids: list[int]) -> None:
        """Save ``meeting``'s declarations against its attendees' new ids (inside the caller's
        transaction, as :meth:`~minutes_tui.store.meetings.MeetingRepository.add_meeting` does)."""
        values: list[dict[str, object]] = []
        for n, declaration in enumerate(meeting.declarations):
            attendee = meeting.declarant(declaration)
            index = next((i for i, a in enumerate(meeting.attendees) if a is attendee), None)
            if index is None:
                raise StoreError(f"Declaration of interest {n + 1} names no attendee of the meeting")
            values.append(
                {"attendee_id": attendee_ids[index], "item": declaration.item, "text": declaration.text}
            )
        self.declarations.append_all((meeting_id,), values)

    # -- stock phrases

    def stock_phrases(self, series: str) -> list[str]:
        """The stock phrases of ``series``, in order; the defaults if it has none of its own."""
        rows = self.db.read("SELECT phrase FROM stock_phrases WHERE series = ? ORDER BY position", (series,))
        return [r["phrase"] for r in rows] or list(DEFAULT_STOCK_PHRASES)

    def set_stock_phrases(self, series: str, phrases: list[str]) -> list[str]:
        """Make ``phrases`` the stock phrases of ``series`` (blank and repeated ones dropped).

        An empty list goes back to the defaults. Returns the phrases now in force.
        """
        kept: list[str] = []
        for phrase in phrases:
            phrase = " ".join(phrase.split())
            if phrase and phrase.casefold() not in (k.casefold() for k in kept):
                kept.append(phrase)
        with self.db.write():
            self.db.execute("DELETE FROM stock_phrases WHERE series = ?", (storable(series),))
            self.db.executemany(
                "INSERT INTO stock_phrases (series, position, phrase) VALUES (?, ?, ?)",
                [(storable(series), n, storable(p)) for n, p in enumerate(kept, 1)],
            )
        return self.stock_phrases(series)

    # -- round robin

    def mark_turn(self, turn_id: int, phrase: str) -> Turn:
        """Record ``phrase`` ("No update", "Apologies") as the turn's only point.

        The minutes then read ``JCP – No update``. A turn whose points are blank or
        stock phrases is overwritten; one with anything else said raises
        :class:`StoreError`, so that one key never loses minutes.
        """
        phrase = " ".join(phrase.split())
        if not phrase:
            raise StoreError("Mark a turn with some words, e.g. No update")
        turn = self.db.row("turns", turn_id)
        meeting_id = turn["meeting_id"]
        series = self.db.row("meetings", meeting_id)["series"]
        stock = {p.casefold() for p in (*self.stock_phrases(series), *DEFAULT_STOCK_PHRASES, phrase)}
        with self.db.write(meeting_id):
            said = [
                text
                for (text,) in self.db.execute("SELECT text FROM points WHERE turn_id = ?", (turn_id,))
                if text.strip() and " ".join(text.split()).casefold() not in stock
            ]
            if said:
                who = turn["speaker"] or "This speaker"
                raise StoreError(f"{who} already has points; delete them first to mark the turn {phrase!r}")
            self.db.execute("DELETE FROM points WHERE turn_id = ?", (turn_id,))
            self.items.points.insert((turn_id,), {"text": phrase, "meeting_id": meeting_id, "created": now()})
        return self.items.get_turn(turn_id)
