"""Choose a meeting's sections: which, in what order, with what headings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...model import BOARD_LAYOUT, KNOWN_SECTIONS, WORKSHOP_LAYOUT, Section, slug
from ...text import displayable
from .prompt import PromptScreen

KIND_LABELS = {
    "bullets": "points",
    "round_robin": "round robin",
    "actions": "actions",
    "matters_arising": "actions brought forward",
}


class LayoutScreen(ModalScreen[tuple[tuple[Section, ...], bool] | None]):
    """Edit a list of sections; dismiss with the new layout and whether the series'
    next meetings should have it too (Enter: no, s: yes), or ``None`` (Escape).

    ``counts`` says how many items each section holds now: a section that holds
    something cannot be removed (move or delete its items first).
    """

    BINDINGS = [
        Binding("a", "add", "Add", tooltip="Add a section, by its heading"),
        Binding("delete,d", "remove", "Remove", tooltip="Remove the highlighted section (if empty)"),
        Binding("shift+up,ctrl+up,u", "move(-1)", "Up", tooltip="Move the section up"),
        Binding("shift+down,ctrl+down,j", "move(1)", "Down", tooltip="Move the section down"),
        Binding("w", "preset('workshop')", "Workshop", tooltip="The workshop's sections"),
        Binding("b", "preset('board')", "Board", tooltip="A board meeting's sections"),
        Binding("ctrl+s,enter", "save", "Save", tooltip="Use these sections", priority=True),
        Binding(
            "s",
            "save(True)",
            "Save for series",
            tooltip="Use these sections here and in the series' next meetings",
        ),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, layout: tuple[Section, ...], counts: dict[str, int]) -> None:
        super().__init__()
        self.sections = list(layout)
        self.counts = counts

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Sections of these minutes", classes="dialog-title", markup=False)
            yield Static(
                "Details and attendees always come first. a add · d remove (if empty) · "
                "u/j or Shift+↑/↓ move · w workshop · b board · Enter save · "
                "s save for the series' next meetings too · Esc cancel",
                classes="hint",
                markup=False,
            )
            yield OptionList(id="layout-sections")

    def on_mount(self) -> None:
        self._show(0)
        self.query_one("#layout-sections").focus()

    def _show(self, highlight: int | None = None) -> None:
        options = self.query_one("#layout-sections", OptionList)
        current = options.highlighted if highlight is None else highlight
        options.clear_options()
        for s in self.sections:
            count = self.counts.get(s.key, 0)
            label = Content.assemble(
                Content(displayable(s.title)),
                Content.styled(f"   {KIND_LABELS.get(s.kind, s.kind)}", "dim"),
                Content.styled(f" · {count} item{'s' if count != 1 else ''}" if count else "", "dim"),
            )
            options.add_option(Option(label))
        if self.sections:
            options.highlighted = max(0, min(current or 0, len(self.sections) - 1))

    @property
    def _index(self) -> int | None:
        return self.query_one("#layout-sections", OptionList).highlighted

    def action_add(self) -> None:
        def added(title: str | None) -> None:
            if not title:
                return
            key = slug(title)
            known = KNOWN_SECTIONS.get(key)
            section = Section(key, title, known.kind if known else "bullets")
            if any(s.key == key for s in self.sections):
                self.notify(f"There is already a section called {title!r}", severity="warning", markup=False)
                return
            if section.kind != "bullets" and any(s.kind == section.kind for s in self.sections):
                self.notify(f"These minutes already have a {KIND_LABELS[section.kind]} section", markup=False)
                return
            index = self._index
            at = len(self.sections) if index is None else index + 1
            self.sections.insert(at, section)
            self._show(at)

        self.app.push_screen(
            PromptScreen(
                "Heading of the new section",
                "e.g. Funding update",
                detail='"Round robin", "Actions" or "Matters arising" add those sections back.',
            ),
            added,
        )

    def action_remove(self) -> None:
        index = self._index
        if index is None or not self.sections:
            return
        section = self.sections[index]
        count = self.counts.get(section.key, 0)
        if count:
            self.notify(
                f"{section.title!r} holds {count} item(s); delete or move them before removing it",
                severity="warning",
                markup=False,
            )
            return
        if len(self.sections) == 1:
            self.notify("Minutes need at least one section", severity="warning")
            return
        del self.sections[index]
        self._show(index)

    def action_move(self, delta: int) -> None:
        index = self._index
        if index is None:
            return
        target = index + delta
        if 0 <= target < len(self.sections):
            self.sections.insert(target, self.sections.pop(index))
            self._show(target)

    def action_preset(self, name: str) -> None:
        preset = {"workshop": WORKSHOP_LAYOUT, "board": BOARD_LAYOUT}[name]
        keys = {s.key for s in preset}
        kept = [s for s in self.sections if s.key not in keys and self.counts.get(s.key, 0)]
        self.sections = list(preset) + kept
        if kept:
            self.notify(
                "Kept the sections that hold items: " + ", ".join(s.title for s in kept), markup=False
            )
        self._show(0)

    def action_save(self, for_series: bool = False) -> None:
        self.dismiss((tuple(self.sections), for_series))

    def action_cancel(self) -> None:
        self.dismiss(None)
