"""Keys typed while a screen is still opening go into its first field, not nowhere."""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Input


class TypeAhead(Screen):
    """A screen part: keys typed before the screen has focused anything (a fast
    typist starts as it appears) go into :meth:`type_ahead_field`.

    Keys that arrive before that field exists wait in order; the screen that opened
    this one hands over keys that reached it meanwhile with :meth:`type_ahead`, and
    this screen calls :meth:`release_type_ahead` once its field has the focus.
    """

    #: Selector of the field that takes early keys (or override :meth:`type_ahead_field`).
    TYPE_AHEAD = ""
    _early: str = ""

    def type_ahead_field(self) -> Input | None:
        return self.query_one(self.TYPE_AHEAD, Input) if self.TYPE_AHEAD else None

    def type_ahead(self, character: str) -> None:
        """``character`` was typed for this screen before it could take it."""
        self._early += character
        if self.focused is not None:
            self.release_type_ahead()

    def release_type_ahead(self) -> None:
        """Put the keys typed early into the focused field (call once it is focused)."""
        field = self.focused if isinstance(self.focused, Input) else None
        if field is None or not self._early:
            return
        early, self._early = self._early, ""
        field.insert_text_at_cursor(early)

    def on_key(self, event: events.Key) -> None:
        if self.focused is not None:
            return
        field = self.type_ahead_field()
        if field is None:  # not composed yet: the key waits for it
            if event.is_printable and event.character:
                self._early += event.character
                event.stop()
                event.prevent_default()
            return
        self.set_focus(field)
        if event.is_printable and event.character:
            self._early += event.character
            self.release_type_ahead()
            event.stop()
            event.prevent_default()
