"""Ask for one line of text (a reason, a section heading), optionally required."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...text import displayable
from ..widgets.entry import Entry


class PromptScreen(ModalScreen[str | None]):
    """Dismiss with the text typed (spaces tidied), or ``None`` on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        question: str,
        placeholder: str = "",
        *,
        required: str = "",
        detail: str = "",
        value: str = "",
        allow_empty: bool = False,
    ) -> None:
        super().__init__()
        #: The text the field starts with.
        self.value = value
        #: An empty answer is "" (e.g. to clear a value), not a cancel.
        self.allow_empty = allow_empty
        self.question = question
        self.placeholder = placeholder
        #: What to say when nothing was typed ("" : an empty answer is a cancel).
        self.required = required
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(displayable(self.question)), classes="dialog-title")
            if self.detail:
                yield Static(Content(displayable(self.detail)), id="detail")
            yield Entry(self.value, placeholder=self.placeholder, id="prompt-text")
            yield Static("", id="prompt-error", classes="field-error", markup=False)
            yield Static("Enter: OK   Escape: cancel", classes="hint", markup=False)

    @on(Input.Submitted)
    def _ok(self, event: Input.Submitted) -> None:
        text = " ".join(event.value.split())
        if not text and self.required:
            self.query_one("#prompt-error", Static).update(Content(self.required))
            return
        self.dismiss(text if text or self.allow_empty else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
