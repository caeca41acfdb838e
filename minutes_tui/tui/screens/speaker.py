"""Ask for a speaker's label (an organisation or area), with completions."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from ..widgets.entry import Entry


class SpeakerScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, question: str, suggestions: list[str], value: str = "", *, allow_empty: bool = False
    ) -> None:
        super().__init__()
        self.question = question
        self.suggestions = suggestions
        self.value = value
        #: Whether Enter on an empty field answers "" (Escape still answers None).
        self.allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield Entry(
                self.value,
                placeholder="Organisation or area (→ accepts a suggestion)",
                suggester=SuggestFromList(self.suggestions, case_sensitive=False),
                id="speaker-name",
            )
            yield Static("Enter: OK   Escape: cancel", classes="hint", markup=False)

    @on(Input.Submitted)
    def _ok(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        self.dismiss(name if name or self.allow_empty else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
