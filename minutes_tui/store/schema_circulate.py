"""Migrations for circulating minutes: an attendee's e-mail address (m014).

Registered on :data:`.schema.migrations` like every other migration, kept here so
``schema.py`` stays small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .schema import migrations

if TYPE_CHECKING:
    from sqlite_utils import Database


@migrations()
def m014_attendee_email(db: Database) -> None:
    """An optional e-mail address per attendee, written into mail drafts (never sent by the app)."""
    db.execute("ALTER TABLE attendees ADD COLUMN email TEXT NOT NULL DEFAULT ''")
