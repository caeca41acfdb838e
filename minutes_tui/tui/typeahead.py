"""Keys typed while a screen is still opening go into its first field, not nowhere."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TypeAhead:
    """A screen mixin: keys typed before the screen has focused anything (a fast
    typist starts as it appears) go into :meth:`type_ahead_field`.

    The key that opens the screen must be a priority binding, so the screen is the
    active one before the next key is dispatched.
    """

    #: Selector of the field that takes early keys (or override :meth:`type_ahead_field`).
    TYPE_AHEAD = ""

    def type_ahead_field(self) -> Input | None:
        return self.query_one(self.TYPE_AHEAD, Input) if self.TYPE_AHEAD else None

    def on_key(self, event: events.Key) -> None:
        if self.focused is not None:
            return
        field = self.type_ahead_field()
        if field is None:
            return
        self.set_focus(field)
        if event.is_printable and event.character:
            field.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()
