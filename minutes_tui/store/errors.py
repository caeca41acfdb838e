"""Errors the store raises, with messages a user can act on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3


class StoreError(Exception):
    """Something the store could not do; ``str()`` is a message for the user."""


class NotFound(StoreError):
    """The meeting or item asked for does not exist (any more)."""


class Locked(StoreError):
    """The meeting's minutes are approved: its content cannot change until reopened."""


class Conflict(StoreError):
    """The row changed since it was read (saved from another window, app or person):
    nothing was written. ``current`` is the domain object as it is saved now."""

    def __init__(self, message: str, current: object = None) -> None:
        super().__init__(message)
        self.current = current


class Unreachable(StoreError):
    """The database server could not be reached (down, network cut): nothing was saved."""


def translate(exc: sqlite3.Error, path: str | Path | None = None) -> StoreError:
    """Turn an sqlite3 error into a :class:`StoreError` saying what to do."""
    text = str(exc)
    where = f" ({path})" if path and str(path) != ":memory:" else ""
    low = text.lower()
    if "not a database" in low or "malformed" in low:
        message = f"The database{where} is damaged or is not a minutes database: {text}"
    elif "locked" in low or "busy" in low:
        message = f"The database{where} is busy in another program; nothing was changed, try again"
    elif "readonly" in low or "read-only" in low:
        message = f"The database{where} is read-only; nothing can be saved to it"
    elif "full" in low:
        message = f"The disk holding the database{where} is full; free some space, nothing was changed"
    elif "unable to open" in low:
        message = f"Cannot open the database{where}: check that the folder exists and is readable"
    elif "disk i/o" in low:
        message = f"The disk could not be read or written{where}; nothing was changed"
    else:
        message = f"Database error{where}: {text}"
    return StoreError(message)
