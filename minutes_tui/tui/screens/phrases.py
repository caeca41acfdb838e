"""Stock phrases: pick one to insert (a digit or Enter), or edit the series' list (one a line)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ...text import displayable

#: What the picker returns to ask for the editor instead of a phrase.
EDIT = object()


class PhrasePickerScreen(ModalScreen[object]):
    """Dismiss with the phrase chosen, :data:`EDIT` to edit the list, or ``None``."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("e", "edit", "Edit phrases"),
        *(Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, phrases: list[str], series: str = "") -> None:
        super().__init__()
        self.phrases = phrases
        self.series = series

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            title = "Stock phrases" + (f" of {displayable(self.series)}" if self.series else "")
            yield Static(Content(title), classes="dialog-title")
            yield OptionList(
                *(
                    Option(Content(f"{n + 1 if n < 9 else ' '}  {displayable(p)}"), id=str(n))
                    for n, p in enumerate(self.phrases)
                ),
                id="phrase-list",
            )
            yield Static(
                "1–9 or Enter: insert   e: edit the list   Escape: cancel", classes="hint", markup=False
            )

    def on_mount(self) -> None:
        options = self.query_one("#phrase-list", OptionList)
        if self.phrases:
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#phrase-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(int(event.option.id or 0))

    def action_pick(self, index: int) -> None:
        if 0 <= index < len(self.phrases):
            self.dismiss(self.phrases[index])

    def action_edit(self) -> None:
        self.dismiss(EDIT)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PhrasesEditScreen(ModalScreen[list[str] | None]):
    """The series' stock phrases, one a line: add, remove or reorder lines; Ctrl+S saves."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, phrases: list[str], series: str = "") -> None:
        super().__init__()
        self.phrases = phrases
        self.series = series

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            name = f" of {displayable(self.series)}" if self.series else ""
            yield Static(Content(f"Stock phrases{name}: one a line"), classes="dialog-title")
            yield TextArea("\n".join(self.phrases), id="phrases-text", soft_wrap=True)
            yield Static(
                "The first four are Shift+F1…F4. Ctrl+S: save   Escape: cancel   (empty: the defaults)",
                classes="hint",
                markup=False,
            )

    def on_mount(self) -> None:
        area = self.query_one("#phrases-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        text = self.query_one("#phrases-text", TextArea).text
        self.dismiss([line for line in text.splitlines() if line.strip()])

    def action_cancel(self) -> None:
        self.dismiss(None)
