"""Keys typed while a dialog is still opening go into its first field, not nowhere."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TypeAhead:
    """A screen mixin: ``TYPE_AHEAD`` names the field that takes keys typed before
    the screen has focused anything (a fast typist starts as the dialog appears).

    The key that opens the dialog must be a priority binding, so the dialog is the
    active screen before the next key is dispatched.
    """

    TYPE_AHEAD = ""

    def on_key(self, event: events.Key) -> None:
        if self.focused is not None or not self.TYPE_AHEAD:
            return
        field = self.query_one(self.TYPE_AHEAD, Input)
        self.set_focus(field)
        if event.is_printable and event.character:
            field.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()
