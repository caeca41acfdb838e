"""Typed fields and where their text goes: the bookkeeping of saving as you type.

Each field that holds minutes has an :class:`Editor` (a function that saves its text).
A keystroke marks the field pending in the :class:`~minutes_tui.autosave.Debouncer`;
the screen saves the fields :meth:`Fields.due` returns, and a field at once when it
loses focus or ends an item. A save that fails keeps the text (``failed``, or
``invalid`` with a message for a date that cannot be read) until a later save works.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from ..autosave import Debouncer
from ..parsing import DateError
from ..store import Locked, StoreError, Unreachable


class Saved(Enum):
    """What became of a save."""

    OK = "ok"
    INVALID = "invalid"  # the text cannot be read (a bad date): fix it
    LOCKED = "locked"  # the minutes were approved (elsewhere)
    FAILED = "failed"  # the database refused (busy, full, ...)


@dataclass
class Editor:
    """Where the text of one field goes: ``save(text)`` writes it (and may raise)."""

    save: Callable[[str], None]
    saved: str = ""
    #: The text as last heard from the field.
    text: str = ""


class Fields:
    """Every typed field of a meeting: what is saved, pending, failed or invalid."""

    def __init__(self, debounce: Debouncer) -> None:
        self.debounce = debounce
        self.editors: dict[str, Editor] = {}
        self.failed: set[str] = set()
        #: Failed because the server could not be reached: retried until it is back.
        self.unreachable: set[str] = set()
        self.invalid: set[str] = set()
        #: Why each invalid field could not be saved (for fields with no line to show it).
        self.errors: dict[str, str] = {}

    def register(self, key: str, save: Callable[[str], None], text: str = "") -> None:
        self.editors[key] = Editor(save, text, text)

    def __contains__(self, key: object) -> bool:
        return key in self.editors

    def text(self, key: str) -> str:
        return self.editors[key].text

    def saved(self, key: str) -> str:
        return self.editors[key].saved

    def changed(self, key: str, text: str) -> None:
        """The field now holds ``text`` (a keystroke): pending unless it is what is saved."""
        editor = self.editors[key]
        editor.text = text
        if text == editor.saved and key not in self.failed and key not in self.invalid:
            self.debounce.done(key)
        else:
            self.debounce.touch(key)

    def needs_saving(self, key: str) -> bool:
        return key in self.editors and (self.debounce.is_pending(key) or key in self.failed)

    def due(self) -> list[str]:
        return [str(key) for key in self.debounce.due()]

    def pending(self) -> list[str]:
        """Fields with text not yet saved (pending first, then failed)."""
        return [str(k) for k in self.debounce.pending()] + sorted(self.failed)

    def save(self, key: str) -> tuple[Saved, str]:
        """Save one field now: what happened and, if it failed, why (the text is kept)."""
        editor = self.editors[key]
        text = editor.text
        self.debounce.done(key)
        if text == editor.saved and key not in self.failed and key not in self.invalid:
            return Saved.OK, ""
        try:
            editor.save(text)
        except DateError as exc:
            self.invalid.add(key)
            self.errors[key] = str(exc)
            return Saved.INVALID, str(exc)
        except Locked as exc:
            self.failed.add(key)
            return Saved.LOCKED, str(exc)
        except StoreError as exc:
            self.failed.add(key)
            if isinstance(exc, Unreachable):
                self.unreachable.add(key)
            return Saved.FAILED, str(exc)
        editor.saved = text
        self.failed.discard(key)
        self.unreachable.discard(key)
        if key in self.invalid:
            self.invalid.discard(key)
            self.errors[key] = ""
        return Saved.OK, ""

    def reset(self, key: str, text: str = "") -> None:
        """The field holds ``text``, already saved (a new item, or a saved one to edit)."""
        editor = self.editors[key]
        editor.saved = editor.text = text
        self.debounce.done(key)
        self.failed.discard(key)
        self.unreachable.discard(key)
        self.invalid.discard(key)

    def state(self) -> str:
        """``unreachable`` (not saved: no server), ``failed`` (something is not saved),
        ``saving`` (pending) or ``saved``."""
        if self.unreachable:
            return "unreachable"
        if self.failed or self.invalid:
            return "failed"
        return "saving" if self.debounce else "saved"
