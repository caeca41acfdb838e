"""The keys, listed from the bindings themselves so that the list never drifts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

INTRO = (
    "Type, and Enter saves the point. Everything you type reaches the database within a second; "
    "the indicator at the top right says when it has. Tab / Shift+Tab move between fields and lists; "
    "↑ from a list's field goes up into the list, and Escape goes back to typing. "
    "The command palette (Ctrl+P) lists every action too."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.for_screen = screen

    def _sections(self) -> list[tuple[str, list[Binding]]]:
        from ..widgets.rows import RowList

        bindings = getattr(self.for_screen, "help_bindings", lambda: self.for_screen.BINDINGS)()
        sections = [(getattr(self.for_screen, "HELP_TITLE", "This screen"), bindings)]
        here = self._focused_bindings({b.id for b in bindings if isinstance(b, Binding) and b.id})
        if here:
            sections.append(("In this section", here))
        if self.for_screen.query(RowList):
            sections.append(("In a list", RowList.BINDINGS))
        sections.append(("Everywhere", [*self.app.BINDINGS, Binding("ctrl+p", "", "Command palette")]))
        return sections

    def _focused_bindings(self, shown: set[str]) -> list[Binding]:
        """The keys of the widget in focus and the panels around it (those with ids)."""
        from ..widgets.rows import RowList

        out: list[Binding] = []
        node = self.for_screen.focused
        while node is not None and node is not self.for_screen:
            if not isinstance(node, RowList):
                out += [b for b in node.BINDINGS if isinstance(b, Binding) and b.id and b.id not in shown]
            node = node.parent  # type: ignore[assignment]
        return out

    def compose(self) -> ComposeResult:
        lines: list[Content] = [Content(INTRO), Content("")]
        for title, bindings in self._sections():
            lines.append(Content.styled(title, "bold underline"))
            for binding in bindings:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                keys = " / ".join(
                    self.app.get_key_display(Binding(k, binding.action)) for k in binding.key.split(",")
                )
                text = binding.tooltip or binding.description
                lines.append(Content.assemble(Content.styled(f"  {keys:<22}", "bold"), text))
            lines.append(Content(""))
        lines.append(Content.styled("Escape or F1 closes this help.", "dim"))
        with VerticalScroll(id="help-body"):
            yield Static(Content("\n").join(lines), id="help-text")
