"""Choose what to export the minutes as: Word, PDF (when LibreOffice is installed), Markdown or
a web page. Keyboard only: a letter picks a format at once; ↑/↓ and Enter; Escape cancels."""

from __future__ import annotations

import shutil

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

#: (format, key, what it is for), in the order offered; Word first, so Ctrl+R, Enter is Word.
CHOICES = (
    ("docx", "w", "Word (.docx): to circulate and edit"),
    ("pdf", "p", "PDF (.pdf): to keep, as the Word minutes print"),
    ("md", "m", "Markdown (.md): to paste into an e-mail"),
    ("html", "h", "Web page (.html): to publish (exempt items withheld)"),
)


def has_libreoffice() -> bool:
    """Whether LibreOffice is there to make PDF."""
    return bool(shutil.which("soffice") or shutil.which("libreoffice"))


class ExportScreen(ModalScreen[str | None]):
    """Dismissed with the chosen format ("docx", "pdf", "md", "html"), or ``None``."""

    BINDINGS = [
        Binding("escape", "choose(None)", "Cancel"),
        *(Binding(key, f"choose('{fmt}')", show=False) for fmt, key, _ in CHOICES),
    ]

    def __init__(self, *, pdf: bool | None = None, times: bool = False) -> None:
        super().__init__()
        #: Whether PDF is offered (default: whether LibreOffice is installed).
        self.pdf = has_libreoffice() if pdf is None else pdf
        self.times = times

    @property
    def formats(self) -> list[str]:
        return [fmt for fmt, _, _ in CHOICES if fmt != "pdf" or self.pdf]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Export the minutes as", classes="dialog-title")
            yield OptionList(
                *(Option(f"{key}  {label}", id=fmt) for fmt, key, label in CHOICES if fmt in self.formats),
                id="export-formats",
            )
            note = "  The points' times are shown (t), so they go in too." if self.times else ""
            hint = "Letter or Enter: export   Escape: cancel." + (
                "" if self.pdf else "  PDF needs LibreOffice."
            )
            yield Static(hint + note, classes="hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        self.set_focus(options)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_choose(self, fmt: str | None) -> None:
        if fmt is None or fmt in self.formats:
            self.dismiss(fmt)
