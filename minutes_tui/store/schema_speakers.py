"""Migration m012: round-robin speakers linked to an attendee's organisation, per series."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .schema import migrations

if TYPE_CHECKING:
    from sqlite_utils import Database


@migrations()
def m012_speaker_aliases(db: Database) -> None:
    """``speaker_aliases``: in a series, the name the minutes use for a speaker (``speaker``,
    "South Ribble") and the organisation the attendance list gives (``organisation``, "SRBC")."""
    db.execute(
        """
        CREATE TABLE speaker_aliases (
            series TEXT NOT NULL,
            speaker TEXT NOT NULL,
            organisation TEXT NOT NULL,
            PRIMARY KEY (series, speaker)
        )"""
    )
