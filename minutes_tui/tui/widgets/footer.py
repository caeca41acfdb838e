"""The key footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


class KeysFooter(Footer):
    """Textual's :class:`Footer`, drawn the same, that rebuilds its keys at most once per
    refresh and only when what it would show has changed.

    Textual's footer rebuilds every key widget each time the screen's bindings are updated
    (focus moving, a binding's check); opening a screen does that several times before its
    first frame, each rebuild restyling every key.
    """

    _pending = False
    _shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        """The keys at once (Textual's footer waits for a first bindings update: a second
        layout pass before the screen's first whole frame)."""
        self._bindings_ready = True
        self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Styled compact from the start: Textual's key adds the class once mounted,
                # styling each key (and its parts) a second time.
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._pending = False
        shown = self._keys()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()

    def _keys(self) -> tuple[object, ...]:
        """What the footer would show: each binding's key, text and state, in order."""
        return (
            self.compact,
            self.show_command_palette,
            *(
                (binding.key, binding.key_display, binding.description, binding.action, binding.group)
                + (enabled, tooltip)
                for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
                if binding.show or binding.action == "command_palette"
            ),
        )
