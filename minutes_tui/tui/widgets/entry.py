"""One-line text fields for typing minutes: pastes keep every line, controls never get in."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rich.highlighter import Highlighter
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from ...text import displayable

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Values longer than this are drawn only where the field shows them (see :meth:`Entry.render_line`).
LONG_VALUE = 1000


def clean_paste(text: str) -> str:
    """Pasted text as one line: line breaks become spaces, control characters go."""
    lines = [line.strip() for line in text.splitlines()]
    return _CONTROLS.sub("", " ".join(line for line in lines if line))


class ControlPictures(Highlighter):
    """Shows control characters in a field as visible symbols (ESC as ␛), never raw."""

    def highlight(self, text: Text) -> None:
        plain = text.plain
        shown = displayable(plain)
        if shown != plain and len(shown) == len(plain):
            text.plain = shown
            for match in _CONTROLS.finditer(plain):
                text.stylize("reverse", match.start(), match.end())


class Entry(Input):
    """An :class:`Input` that keeps all of a multi-line paste and never selects its text on focus.

    (Selecting on focus would let the next key replace a whole saved field.)

    With ``clears=True``, Enter posts ``Submitted`` with the text and empties the
    field at once, in order with the keys around it: whatever is typed after
    Enter, however fast, belongs to the next item.
    """

    @dataclass
    class Submitted(Input.Submitted):
        """Enter: ``serial`` counts the times the field had emptied itself by then, so a
        handler can tell whether text ended after this is already on its way (see ``cleared``)."""

        serial: int = 0

    @dataclass
    class Command(Message):
        """A key that ends what was typed and asks for something else (e.g. the next speaker).

        ``value`` is the text as it was when the key was pressed; the entry has already
        been cleared, so that whatever is typed next starts afresh.
        """

        entry: Widget
        value: str
        command: str

        @property
        def control(self) -> Widget:
            return self.entry

    def __init__(
        self,
        value: str | None = None,
        placeholder: str = "",
        *,
        clears: bool = False,
        complete: Callable[[str], str] | None = None,
        ends_item: Callable[[], Input | None] | None = None,
        **kwargs,
    ):
        kwargs.setdefault("select_on_focus", False)
        kwargs.setdefault("highlighter", ControlPictures())
        super().__init__(value, placeholder, **kwargs)
        self.clears = clears
        self.complete = complete
        self.ends_item = ends_item
        #: Where keys go that reach this field after Enter ended the item here (see ``ends_item``).
        self._handed_to: Input | None = None

    # -- a long value (a 50,000-character point) costs a key no more than a short one ----------

    def _one_cell_each(self) -> bool:
        """Whether every character of the value takes one cell (printable ASCII): then a
        character's index is its cell, and only the part on show need be drawn."""
        value = self.value
        if value is not self._checked_value:
            self._checked_value = value
            self._simple = value.isascii() and value.isprintable() and not self.password
        return self._simple

    _checked_value: str | None = None
    _simple = False

    def _position_to_cell(self, position: int) -> int:
        return position if self._one_cell_each() else super()._position_to_cell(position)

    @property
    def content_width(self) -> int:
        if self.value and self._one_cell_each():
            return len(self.value) + 1  # one cell a character, and one for the cursor
        return super().content_width

    def render_line(self, y: int) -> Strip:
        """As :class:`Input` draws it, but a long value only where it shows (not all of it)."""
        value = self.value
        if y != 0 or len(value) <= LONG_VALUE or not self._one_cell_each():
            return super().render_line(y)
        width = self.scrollable_content_region.width
        scroll_x = int(self.scroll_offset.x)
        start, end = max(0, scroll_x - 1), min(len(value), scroll_x + width + 1)
        text = Text(value[start:end], no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        suggestion = self._suggestion
        show_suggestion = len(suggestion) > len(value) and self.has_focus
        if show_suggestion and end == len(value):
            text += Text(suggestion[len(value) :], self.get_component_rich_style("input--suggestion"), end="")
        if self.has_focus:
            low, high = sorted(self.selection)
            low, high = max(low - start, 0), min(high - start, len(text))
            if low < high:
                text.stylize_before(self.get_component_rich_style("input--selection"), low, high)
            cursor = self.cursor_position - start
            if self._cursor_visible and 0 <= cursor <= len(text):
                if not show_suggestion and self.cursor_at_end:
                    text.pad_right(1)
                text.stylize(self.get_component_rich_style("input--cursor"), cursor, cursor + 1)
        options = self.app.console_options.update_width(text.cell_len + 1)
        strip = Strip(list(self.app.console.render(text, options)))
        strip = strip.crop(scroll_x - start, scroll_x - start + width + 1).extend_cell_length(width + 1)
        return strip.apply_style(self.rich_style)

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        if self.complete is not None and "@" in value:
            suggestion = self.complete(value)
            if suggestion and len(suggestion) > len(value):
                self._suggestion = suggestion

    #: Completes the value as typed (e.g. an ``@owner``): the whole suggested value, or "".
    #: Called synchronously and only when the value holds an "@", so typing stays cheap.
    complete: Callable[[str], str] | None = None

    #: ``ends_item``: called at once, in order with the keys, when Enter ends the item being
    #: typed (e.g. an action's due date); it saves the item and returns the field the next
    #: one starts in, which then takes the keys that reach this field late.

    #: Keys that end the text typed so far and post an :class:`Entry.Command`.
    COMMAND_KEYS: dict[str, str] = {}

    async def _on_key(self, event: events.Key) -> None:
        # Bindings are resolved by the app after the key has bubbled up, by which
        # time keys typed after this one may already be in the field. Keys that
        # end an item are handled here, in order with the characters around them.
        # Enter too: as the Input's binding it would act on whichever field has the focus
        # when the key reaches the app, after a quick F-key may have moved it elsewhere.
        if self._handed_to is not None and self.screen.focused is not self:
            # Typed after Enter ended the item here, before the focus moved: the next item's.
            event.stop()
            event.prevent_default()
            if event.is_printable and event.character:
                self._handed_to.insert_text_at_cursor(event.character)
            else:
                self._handed_to.post_message(events.Key(event.key, event.character))
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            if self.ends_item is not None:
                self._handed_to = self.ends_item()
                return
            await self.action_submit()
        elif event.key in self.COMMAND_KEYS:
            event.stop()
            event.prevent_default()
            self.action_command(self.COMMAND_KEYS[event.key])
        elif await self._own_binding(event.key):
            event.stop()
            event.prevent_default()

    async def _own_binding(self, key: str) -> bool:
        """Run the field's own binding of ``key`` now; False if it has none (or it did nothing).

        The field's keys (Backspace, ←, → accepting a suggestion) act here, in order: as
        bindings they would act after the keys typed next (Enter would save too early).
        """
        for binding in self._bindings.key_to_bindings.get(key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                return True
        return False

    def _on_focus(self, event: events.Focus) -> None:
        self._handed_to = None
        super()._on_focus(event)

    def _on_paste(self, event: events.Paste) -> None:
        text = clean_paste(event.text)
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
        event.stop()
        event.prevent_default()

    async def action_submit(self) -> None:
        if not self.clears:
            await super().action_submit()
            return
        value = self.value
        self.cleared += 1
        self.post_message(self.Submitted(self, value, None, self.cleared))
        self.value = ""

    def action_command(self, command: str) -> None:
        """End the text typed so far and ask the screen for ``command``."""
        value = self.value
        self.post_message(self.Command(self, value, command))
        if self.clears:
            self.cleared += 1
            self.value = ""

    #: How many times Enter (or a command key) emptied the field: a :class:`Submitted` whose
    #: ``serial`` is lower has later text on its way behind it.
    cleared = 0


class PointEntry(Entry):
    """The round robin's entry: Enter saves a point; keys move between speakers."""

    BINDINGS = [
        Binding("pagedown", "command('next_speaker')", "Next speaker", tooltip="Next speaker", id="rr.next"),
        Binding(
            "pageup", "command('previous_speaker')", "Prev speaker", tooltip="Back a speaker", id="rr.prev"
        ),
        Binding(
            "ctrl+o",
            "command('add_speaker')",
            "Add speaker",
            tooltip="Someone not on the list speaks now",
            id="rr.add",
        ),
        Binding(
            "ctrl+k",
            "command('jump_speaker')",
            "Go to speaker",
            tooltip="Go to a speaker by typing the start of the name",
            id="rr.jump",
        ),
        Binding(
            "ctrl+n",
            "command('no_update')",
            "No update",
            tooltip="Mark this speaker 'No update' and move on",
            id="rr.no_update",
        ),
        Binding(
            "ctrl+y",
            "command('apologies')",
            "Apologies",
            tooltip="Mark this speaker 'Apologies received' and move on",
            id="rr.apologies",
        ),
    ]

    COMMAND_KEYS = {
        "pagedown": "next_speaker",
        "pageup": "previous_speaker",
        "ctrl+o": "add_speaker",
        "ctrl+k": "jump_speaker",
        "ctrl+n": "no_update",
        "ctrl+y": "apologies",
    }

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("clears", True)
        super().__init__(*args, **kwargs)
