"""Capture as it happens: declarations of interest, stock phrases, round-robin shortcuts.

A mixin of :class:`~minutes_tui.store.store.Store`; it uses the store's transaction
and row helpers and returns domain objects. (Arrival and departure times and
"on behalf of" are attendee fields: see ``Store.update_attendee``.)
"""

from __future__ import annotations

import datetime as dt

from ..model import Declaration, Meeting, Turn
from ..text import storable
from .errors import StoreError
from .lists import DECLARATIONS, POINTS

#: The stock phrases of a series that has not chosen its own.
DEFAULT_STOCK_PHRASES = (
    "Minutes of the last meeting agreed as an accurate record",
    "No declarations of interest",
    "No update",
    "Apologies received",
)


class CaptureMixin:
    """Declarations of interest, stock phrases and :meth:`mark_turn`."""

    # -- declarations of interest ------------------------------------------------

    def declarations(self, meeting_id: int) -> list[Declaration]:
        """A meeting's declarations of interest, in order."""
        rows = self._read(
            "SELECT * FROM declarations WHERE meeting_id = ? ORDER BY position, id", (meeting_id,)
        )
        return [_declaration(r) for r in rows]

    def add_declaration(
        self, meeting_id: int, attendee_id: int, item: str, text: str, index: int | None = None
    ) -> Declaration:
        """Record that attendee ``attendee_id`` declared ``text`` as an interest in ``item``."""
        self._check_attendee(meeting_id, attendee_id)
        values = {"attendee_id": attendee_id, "item": item, "text": text}
        with self._write(meeting_id):
            item_id = self._insert(DECLARATIONS, (meeting_id,), values, index)
        return self.get_declaration(item_id)

    def get_declaration(self, declaration_id: int) -> Declaration:
        return _declaration(self._row("declarations", declaration_id))

    def update_declaration(self, declaration_id: int, **fields) -> Declaration:
        """Change a declaration's ``attendee_id``, ``item`` or ``text``."""
        if "attendee_id" in fields:
            meeting_id = self._row("declarations", declaration_id)["meeting_id"]
            self._check_attendee(meeting_id, fields["attendee_id"])
        self._update(DECLARATIONS, declaration_id, fields)
        return self.get_declaration(declaration_id)

    def delete_declaration(self, declaration_id: int) -> None:
        self._delete("declarations", declaration_id)

    def move_declaration(self, declaration_id: int, index: int) -> None:
        self._move(DECLARATIONS, declaration_id, index)

    def _check_attendee(self, meeting_id: int, attendee_id: int) -> None:
        if self._row("attendees", attendee_id)["meeting_id"] != meeting_id:
            raise StoreError(f"The attendee {attendee_id} is not at this meeting")

    def _insert_declarations(self, meeting_id: int, meeting: Meeting, attendee_ids: list[int]) -> None:
        """Save ``meeting``'s declarations against its attendees' new ids (inside add_meeting)."""
        for n, declaration in enumerate(meeting.declarations):
            attendee = meeting.declarant(declaration)
            index = next((i for i, a in enumerate(meeting.attendees) if a is attendee), None)
            if index is None:
                raise StoreError(f"Declaration of interest {n + 1} names no attendee of the meeting")
            values = {"attendee_id": attendee_ids[index], "item": declaration.item, "text": declaration.text}
            self._insert(DECLARATIONS, (meeting_id,), values, None)

    # -- stock phrases -------------------------------------------------------------

    def stock_phrases(self, series: str) -> list[str]:
        """The stock phrases of ``series``, in order; the defaults if it has none of its own."""
        rows = self._read("SELECT phrase FROM stock_phrases WHERE series = ? ORDER BY position", (series,))
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
        with self._write() as db:
            db.execute("DELETE FROM stock_phrases WHERE series = ?", (storable(series),))
            db.conn.executemany(
                "INSERT INTO stock_phrases (series, position, phrase) VALUES (?, ?, ?)",
                [(storable(series), n, storable(p)) for n, p in enumerate(kept, 1)],
            )
        return self.stock_phrases(series)

    # -- round robin -------------------------------------------------------------

    def mark_turn(self, turn_id: int, phrase: str) -> Turn:
        """Record ``phrase`` ("No update", "Apologies") as the turn's only point.

        The minutes then read ``JCP – No update``. A turn whose points are blank or
        stock phrases is overwritten; one with anything else said raises
        :class:`StoreError`, so that one key never loses minutes.
        """
        phrase = " ".join(phrase.split())
        if not phrase:
            raise StoreError("Mark a turn with some words, e.g. No update")
        turn = self._row("turns", turn_id)
        meeting_id = turn["meeting_id"]
        series = self.get_header(meeting_id).series
        stock = {p.casefold() for p in (*self.stock_phrases(series), *DEFAULT_STOCK_PHRASES, phrase)}
        with self._write(meeting_id) as db:
            said = [
                text
                for (text,) in db.execute("SELECT text FROM points WHERE turn_id = ?", (turn_id,)).fetchall()
                if text.strip() and " ".join(text.split()).casefold() not in stock
            ]
            if said:
                who = turn["speaker"] or "This speaker"
                raise StoreError(f"{who} already has points; delete them first to mark the turn {phrase!r}")
            db.execute("DELETE FROM points WHERE turn_id = ?", (turn_id,))
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            self._insert(POINTS, (turn_id,), {"text": phrase, "meeting_id": meeting_id, "created": now}, None)
        return self.get_turn(turn_id)


def _declaration(row: dict) -> Declaration:
    return Declaration(row["attendee_id"], row["item"], row["text"], row["id"])
