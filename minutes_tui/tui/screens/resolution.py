"""Ask for a resolution: its outcome (a number key or ↑/↓ and Enter), then its text."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...agenda import OUTCOME_LABELS, OUTCOMES
from ...session.business import tidy
from ...text import displayable
from ..widgets.entry import Entry


class ResolutionScreen(ModalScreen[tuple[str, str] | None]):
    """Dismiss with ``(outcome, text)``, or ``None`` on Escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        *(Binding(str(n + 1), f"pick({n})", show=False) for n in range(len(OUTCOMES))),
    ]

    def __init__(
        self, question: str, outcome: str = "approved", text: str = "", *, escape: str = "cancel"
    ) -> None:
        super().__init__()
        self.question = question
        self.outcome = outcome
        self.text = text
        #: What the hint says Escape does ("keep it as recorded" for a resolution already saved).
        self.escape = escape

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(displayable(self.question)), classes="dialog-title")
            options = [Option(f"{n + 1} {OUTCOME_LABELS[o]}", id=o) for n, o in enumerate(OUTCOMES)]
            yield OptionList(*options, id="outcomes")
            yield Entry(self.text, placeholder="That the Board ... (Enter saves)", id="resolution-text")
            yield Static("", id="resolution-error", classes="field-error", markup=False)
            yield Static(
                f"1-6 or ↑/↓ and Enter: outcome   then the text, Enter: save   Escape: {self.escape}",
                classes="hint",
                markup=False,
            )

    def on_mount(self) -> None:
        outcomes = self.query_one("#outcomes", OptionList)
        outcomes.highlighted = OUTCOMES.index(self.outcome) if self.outcome in OUTCOMES else 1
        self.set_focus(outcomes)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick":  # number keys pick an outcome; in the text they are typed
            return isinstance(self.focused, OptionList)
        return True

    def action_pick(self, index: int) -> None:
        outcomes = self.query_one("#outcomes", OptionList)
        outcomes.highlighted = index
        self._to_text()

    @on(OptionList.OptionSelected, "#outcomes")
    def _picked(self) -> None:
        self._to_text()

    def _to_text(self) -> None:
        text = self.query_one("#resolution-text", Entry)
        self.set_focus(text)
        text.cursor_position = len(text.value)

    @on(Input.Submitted, "#resolution-text")
    def _ok(self, event: Input.Submitted) -> None:
        event.stop()
        text = tidy(event.value)
        if not text:
            self.query_one("#resolution-error", Static).update(
                "Type what was resolved, e.g. That the Board notes the report."
            )
            return
        index = self.query_one("#outcomes", OptionList).highlighted
        self.dismiss((OUTCOMES[index or 0], text))

    def action_cancel(self) -> None:
        self.dismiss(None)
