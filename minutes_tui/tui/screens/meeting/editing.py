"""Autosave for the meeting screen: every keystroke reaches the database within a second.

Each text field that holds minutes has an :class:`Editor` (what to save it to).
A keystroke marks the field pending in a :class:`~minutes_tui.autosave.Debouncer`;
a timer saves pending fields once typing pauses (and at least every
``max_wait``), and a field is saved at once when it loses focus, on Enter, when
the screen closes and when the app quits or is signalled. The first save of a
new point creates it in the database, so even a half-typed point survives a crash.

If a save fails (the database is busy, the minutes were approved meanwhile), the
text stays in its field, the indicator says NOT SAVED and a notification says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from ....autosave import Debouncer
from ....parsing import DateError, visible
from ....store import StoreError
from ....store.errors import Locked
from ...widgets.status import FAILED, SAVED, SAVING, SaveIndicator

#: How often the pending edits are checked (seconds).
TICK = 0.1


@dataclass
class Editor:
    """Where the text of one field goes: ``save(text)`` writes it (and may raise)."""

    save: Callable[[str], None]
    saved: str = ""
    #: The text as the screen last heard it (from the field's messages, in order).
    text: str = ""


class AutosaveScreen(Screen):
    """A screen whose text fields are saved as they are typed (see the module's notes)."""

    def __init__(self) -> None:
        super().__init__()
        self.editors: dict[str, Editor] = {}
        self.debounce = Debouncer()
        self.failed: set[str] = set()
        self.invalid: set[str] = set()
        #: The last date error of each field, for fields without a line to show it.
        self.field_errors: dict[str, str] = {}

    def start_autosave(self) -> None:
        self.set_interval(TICK, self._tick)

    def locked(self, exc: Locked) -> None:
        """A save was refused because the minutes are approved (subclasses show it)."""

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        key = event.input.id
        editor = self.editors.get(key or "")
        if editor is None or event.value != event.input.value:
            return  # a later Changed brings the field's text as it is now
        editor.text = event.value
        if event.value == editor.saved and key not in self.failed and key not in self.invalid:
            self.debounce.done(key)
        else:
            self.debounce.touch(key)
        self._show_save_state()

    @on(Input.Blurred)
    def _input_blurred(self, event: Input.Blurred) -> None:
        key = event.input.id or ""
        if key in self.editors and (self.debounce.is_pending(key) or key in self.failed):
            self._flush_one(key)

    def _tick(self) -> None:
        for key in self.debounce.due():
            self._flush_one(key)

    def _flush_one(self, key: str) -> bool:
        """Save one field now; ``False`` if it could not be saved (the text stays in the field)."""
        editor = self.editors[key]
        text = editor.text
        self.debounce.done(key)
        if text == editor.saved and key not in self.failed and key not in self.invalid:
            return True
        try:
            editor.save(text)
        except DateError as exc:
            self.invalid.add(key)
            self._field_error(key, str(exc))
            self._show_save_state()
            return False
        except Locked as exc:
            self.failed.add(key)
            self.notify(
                f"{exc} Your text is still in its field.",
                title="Not saved: approved minutes",
                severity="error",
                markup=False,
            )
            self._show_save_state()
            self.locked(exc)
            return False
        except StoreError as exc:
            self.failed.add(key)
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            self._show_save_state()
            return False
        editor.saved = text
        self.failed.discard(key)
        if key in self.invalid:
            self.invalid.discard(key)
            self._field_error(key, "")
        self._show_save_state()
        return True

    def flush(self) -> bool:
        """Save every pending field now (called on leaving, quitting and on signals)."""
        ok = True
        for key in [*self.debounce.pending(), *sorted(self.failed)]:
            if key in self.editors:
                ok = self._flush_one(key) and ok
        return ok

    def _field_error(self, key: str, message: str) -> None:
        self.field_errors[key] = message
        for widget in self.query(f"#{key}-error"):
            if isinstance(widget, Static):
                widget.update(Content(visible(message)))
        for widget in self.query(f"#{key}"):
            widget.set_class(bool(message), "-invalid")

    def _show_save_state(self) -> None:
        if self.failed or self.invalid:
            state = FAILED
        elif self.debounce:
            state = SAVING
        else:
            state = SAVED
        self.query_one("#save-state", SaveIndicator).show_state(state)

    def commit_text(self, key: str, submitted: str | None) -> bool:
        """Save the item being typed in a list's entry, as it was when Enter was pressed.

        ``submitted`` is that text when the entry has already emptied itself
        (Enter); ``None`` means the text is still in the entry. If it cannot be
        saved, the text goes back into the entry.
        """
        if submitted is not None:
            self.editors[key].text = submitted
        if self._flush_one(key):
            return True
        if submitted:
            entry = self.query_one(f"#{key}", Input)
            entry.value = submitted + entry.value
        return False

    def end_entry(self, key: str, submitted: str | None) -> None:
        """The item is done: the entry starts a new one."""
        if submitted is None:
            self.reset_entry(key)
        else:  # the entry emptied itself; what was typed since is on its way
            editor = self.editors[key]
            editor.saved = editor.text = ""
            self.debounce.done(key)
            self._show_save_state()

    def reset_entry(self, key: str, text: str = "") -> None:
        """Put ``text`` (already saved) in a field without marking it pending."""
        editor = self.editors[key]
        editor.saved = editor.text = text
        self.debounce.done(key)
        self.failed.discard(key)
        self.invalid.discard(key)
        entry = self.query_one(f"#{key}", Input)
        entry.value = text
        entry.cursor_position = len(text)
        self._show_save_state()

    def flush_one(self, key: str) -> bool:
        return self._flush_one(key)
