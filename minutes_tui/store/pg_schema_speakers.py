"""PostgreSQL twin of migration m012: round-robin speakers linked to an attendee's organisation."""

from __future__ import annotations

from typing import Any

from .pg_schema import migration


@migration
def m012_speaker_aliases(conn: Any) -> None:
    """``speaker_aliases``: per series, the name the minutes use for a speaker and the
    organisation the attendance list gives (see :mod:`.schema_speakers`)."""
    conn.execute(
        """
        CREATE TABLE speaker_aliases (
            series TEXT NOT NULL,
            speaker TEXT NOT NULL,
            organisation TEXT NOT NULL,
            PRIMARY KEY (series, speaker)
        )"""
    )
