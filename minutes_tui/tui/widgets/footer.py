"""The key footer as one widget, drawn as Textual's compact :class:`Footer` draws its keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

#: The left edge of the command palette's key (Textual's "vkey" border).
_EDGE = "\u258f"


class FooterItem(NamedTuple):
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class KeysFooter(Widget, can_focus=False):
    """The screen's keys in one line: each key in the footer's key colour, then what it does;
    the command palette's key on the right. Clicking a key presses it.

    It looks as Textual's ``Footer(compact=True)`` but is one widget instead of one per key
    (each styled and laid out on its own: a fifth of the home screen's time to its first
    frame), and redraws only when the keys it shows change.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "keys-footer--key",
        "keys-footer--description",
        "keys-footer--edge",
        "keys-footer--hover",
    }
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keys-footer--edge {
            color: $foreground 20%;
        }
        .keys-footer--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, show_command_palette: bool = True, **kwargs: object) -> None:
        kwargs.pop("compact", None)  # always compact (Footer's keyword, for a drop-in swap)
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.show_command_palette = show_command_palette
        self._items: list[FooterItem] = []
        self._palette: FooterItem | None = None
        #: Each shown key's cells (start, end) on the line, as last drawn.
        self._spans: list[tuple[int, int, FooterItem]] = []
        self._hover: FooterItem | None = None
        self._pending = False

    def on_mount(self) -> None:
        self._items, self._palette = self._keys()
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._update)

    def _update(self) -> None:
        self._pending = False
        keys = self._keys()
        if keys != (self._items, self._palette):
            self._items, self._palette = keys
            self.refresh()

    def _keys(self) -> tuple[list[FooterItem], FooterItem | None]:
        """The keys shown (one per action, in binding order) and the command palette's."""
        items: dict[str, FooterItem] = {}
        palette = None
        bindings = self.screen.active_bindings
        for _node, binding, enabled, tooltip in bindings.values():
            if binding.show and binding.action not in items:
                display = self.app.get_key_display(binding)
                items[binding.action] = FooterItem(
                    binding.key, display, binding.description, enabled, tooltip
                )
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            active = bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if active is not None:
                _node, binding, enabled, tooltip = active
                display = self.app.get_key_display(binding)
                tip = binding.tooltip or binding.description
                palette = FooterItem(binding.key, display, binding.description, enabled, tip)
        return list(items.values()), palette

    # -- drawing

    def _label(self, item: FooterItem) -> Text:
        """A key as Textual's footer key draws it: the key, a space, what it does."""
        key_style = self.get_component_rich_style("keys-footer--key")
        if item.description:
            description_style = self.get_component_rich_style("keys-footer--description")
            label = Text.assemble((item.display, key_style), (f" {item.description}", description_style))
        else:
            label = Text.assemble((item.display, key_style))
        base = self.rich_style + (Style(dim=True) if not item.enabled else Style())
        label.stylize_before(base)
        if item is self._hover:  # (the key and its text keep their colours, as in Textual's)
            label.stylize(Style(bgcolor=self.get_component_rich_style("keys-footer--hover").bgcolor))
        return label

    def render_line(self, y: int) -> Strip:
        """The keys; spaces carry the footer's background only (as between Textual's key widgets)."""
        blank = Style(bgcolor=self.rich_style.bgcolor)
        if y:
            return Strip.blank(self.size.width, blank)
        return Strip(list(self.line().render(self.app.console)), self.size.width).simplify()

    def line(self) -> Text:
        """The footer's line of keys, as wide as the footer."""
        width = self.size.width
        blank = Style(bgcolor=self.rich_style.bgcolor)  # as Textual draws space between widgets
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, FooterItem]] = []
        right = Text(end="")
        if self._palette is not None:
            edge = self.get_component_rich_style("keys-footer--edge")
            right = Text.assemble((_EDGE, Style(color=edge.color, bgcolor=blank.bgcolor)))
            right.append_text(self._label(self._palette))
            right.append(" ", blank)  # the key's right margin
        room = max(0, width - right.cell_len)
        for item in self._items:
            label = self._label(item)
            start = line.cell_len
            if start >= room:
                break
            line.append_text(label)
            spans.append((start, min(line.cell_len, room), item))
            line.append(" ", blank)  # each key's right margin
        line.truncate(room)
        line.append(" " * (room - line.cell_len), blank)
        if self._palette is not None:
            spans.append((room + 1, room + right.cell_len - 1, self._palette))
        line.append_text(right)
        self._spans = spans
        return line

    # -- the mouse

    def _item_at(self, x: int) -> FooterItem | None:
        return next((item for start, end, item in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self._item_at(event.x)
        if item is not self._hover:
            self._hover = item
            self.tooltip = (item.tooltip or None) if item is not None else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self._item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
