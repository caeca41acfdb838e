"""Capture accelerators of the meeting screen: typed prefixes, undo, stock phrases, times.

A mixin of :class:`~.screen.MeetingScreen`. When a point of the round robin or of a
bulleted section is saved (Enter, or anything else that ends it), its text is read
with :func:`~minutes_tui.prefixes.parse_point`: ``A: ... @owner due:fri`` becomes an
action, ``D: ...`` a decision, and the point they were typed as goes, in the same
transaction. A notification shows what was understood; Ctrl+Z puts the point back.
Anything malformed stays a note exactly as typed, and the notification says why.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from textual.content import Content
from textual.markup import escape
from textual.timer import Timer
from textual.widgets import Input, Static

from ....parsing import visible
from ....prefixes import owner_completions
from ....store import StoreError
from ...widgets.rows import RowList
from .actions import ActionsPanel
from .attendees import AttendeesPanel
from .bullets import BulletsPanel
from .round_robin import RoundRobinPanel

if TYPE_CHECKING:
    from ....session import Filed
    from .panel import SectionPanel

#: An ``@name`` being typed at the end of a field.
_OWNER_AT_END = re.compile(r'(?<!\S)@(?P<name>[^\s"@]+)$')
#: How many stock phrases have keys of their own (Shift+F1...).
PHRASE_KEYS = 4
#: Seconds the status line under the sections shows what a point was filed as.
STATUS_SECONDS = 10


class CaptureMixin:
    """Filing typed prefixes, undoing a filing, stock phrases, times and attendance keys."""

    # -- set up by MeetingScreen.__init__ ------------------------------------------------
    _today: dt.date | None
    #: Whether the lists show each point's time.
    show_times: bool
    #: What the status line says now (plain text; "" when hidden).
    status_text: str = ""
    _status_timer: Timer | None = None

    @property
    def today(self) -> dt.date:
        """The date ``due:fri`` counts from (fixed by tests; otherwise today)."""
        return self._today or getattr(self.app, "today", None) or dt.date.today()

    def people(self) -> list[str]:
        return self.session.people()

    # -- @owner completion ---------------------------------------------------------------

    def owner_suggestion(self, value: str) -> str:
        """The field's value with the ``@name`` at its end completed from the attendees, or ""."""
        match = _OWNER_AT_END.search(value)
        if match is None:
            return ""
        fragment = match["name"]
        for person in owner_completions(fragment, self.people()):
            completed = person.replace(" ", "_")  # one word: @Cogent_SSC
            if len(completed) > len(fragment):
                return value[: match.start("name")] + completed
        return ""

    # -- filing ------------------------------------------------------------------------------

    def file_typed(
        self, panel: SectionPanel, source: tuple[str, int], text: str, as_kind: str | None = None
    ) -> Filed | None:
        """File the saved point ``source`` if its text says so (or ``as_kind``); show what happened."""
        try:
            outcome = self.session.file_point(panel.key, source, text, as_kind)
        except StoreError as exc:
            self.notify(str(exc), title="Not filed", severity="error", markup=False)
            return None
        if outcome.message and outcome.filed is None:
            self.show_status(outcome.message, problem=outcome.problem)
        filed = outcome.filed
        if filed is None:
            return None
        self._show_filed(filed, panel)
        self.refresh_bindings()
        self.show_status(outcome.message, undo=True)
        return filed

    def show_status(self, text: str, *, problem: bool = False, undo: bool = False) -> None:
        """Say on the status line under the sections what became of a point (for a while)."""
        line = self.query_one("#capture-status", Static)
        self.status_text = text
        parts = [Content.styled(visible(text), "bold" if not problem else "")]
        if undo:
            parts.append(Content.styled("   Ctrl+Z undoes", "dim"))
        line.update(Content.assemble(*parts))
        line.set_class(problem, "-problem")
        line.add_class("-shown")
        if self._status_timer is not None:
            self._status_timer.stop()
        self._status_timer = self.set_timer(STATUS_SECONDS, self.hide_status)

    def hide_status(self) -> None:
        self.status_text = ""
        self.query_one("#capture-status", Static).remove_class("-shown")

    def _show_filed(self, filed: Filed, source_panel: SectionPanel) -> None:
        source_id = filed.source[1] if filed.source else None
        if filed.kind == "action":
            if source_id is not None:
                source_panel.forget(source_id)
            actions = self.panel_of_kind("actions")
            if isinstance(actions, ActionsPanel):
                actions.add_filed(filed.item)
            return
        target = filed.target_section
        decisions = self.panel(target) if target else None
        same = decisions is source_panel
        if source_id is not None and not same:
            source_panel.forget(source_id)
        if isinstance(decisions, BulletsPanel):
            decisions.add_filed(filed.item, replaces=source_id if same else None)

    def action_undo_filing(self) -> None:
        """Ctrl+Z: take back the last filing; the point is back where it was, as typed."""
        if self.read_only:
            self.refuse_read_only()
            return
        try:
            undone = self.session.undo_filing()
        except StoreError as exc:
            self.refresh_bindings()
            self.notify(str(exc), title="Not undone", severity="error", markup=False)
            return
        self.refresh_bindings()
        if undone is None:
            self.notify("Nothing filed to undo.", timeout=2)
            return
        filed, restored = undone.filed, undone.restored
        if filed.kind == "action":
            actions = self.panel_of_kind("actions")
            if isinstance(actions, ActionsPanel):
                actions.forget(filed.item.id)
        select = None
        if restored is not None and filed.source is not None:
            select = f"{'p' if filed.source[0] == 'points' else 'b'}{restored.id}"
        rr = self.panel(filed.source_section)
        if undone.turn is not None and isinstance(rr, RoundRobinPanel):
            rr.set_turn(undone.turn, select=select)
        for key in {filed.target_section, filed.source_section} - {None}:
            panel = self.panel(key)
            if isinstance(panel, BulletsPanel):
                panel.show_rows(cursor_key=select if key == filed.source_section else None)
        self.show_status("Filing undone: the point is back as it was typed.")

    def _row_panel(self) -> tuple[SectionPanel, str, int] | None:
        """The bulleted or round-robin list in focus and the point on its cursor."""
        focused = self.focused
        if not isinstance(focused, RowList):
            return None
        panel = self._panel_for_widget(focused)
        if not isinstance(panel, BulletsPanel | RoundRobinPanel):
            return None
        key = focused.cursor_key or ""
        if key[:1] not in ("b", "p"):
            return None
        return panel, key[0], int(key[1:])

    def action_file_row(self, kind: str) -> None:
        """``a`` / ``d`` on a saved point: make it an action / a decision (Ctrl+Z undoes)."""
        if self.read_only:
            self.refuse_read_only()
            return
        found = self._row_panel()
        if found is None:
            return
        panel, letter, item_id = found
        if not panel.commit():  # the point may be in the entry, being edited
            return
        text = panel.text_of(item_id)
        if text is None:
            return
        table = "points" if letter == "p" else "bullets"
        self.file_typed(panel, (table, item_id), text, as_kind=kind)

    # -- times ---------------------------------------------------------------------------------

    def action_toggle_times(self) -> None:
        self.show_times = not self.show_times
        for panel in self.panels:
            if isinstance(panel, BulletsPanel):
                panel.show_rows()
            elif isinstance(panel, RoundRobinPanel):
                panel._show_all(cursor_key=panel.rows().cursor_key)
        self.notify("Times shown." if self.show_times else "Times hidden.", timeout=2)

    # -- attendance ------------------------------------------------------------------------------

    def action_attendance(self, what: str) -> None:
        if self.read_only:
            self.refuse_read_only()
            return
        panel = self.panel_of_kind("attendees")
        if not isinstance(panel, AttendeesPanel):
            return
        if what in ("arrived", "left"):
            panel.mark_time(what)
        elif what == "behalf":
            panel.ask_behalf()
        elif what == "declare":
            panel.ask_declaration()

    def _attendees_list_focused(self) -> bool:
        panel = self.panel_of_kind("attendees")
        return (
            panel is not None
            and isinstance(self.focused, RowList)
            and self.focused.id == panel.list_id
            and self.focused.cursor_key is not None
        )

    # -- stock phrases -------------------------------------------------------------------------

    def phrases(self) -> list[str]:
        return self.session.phrases()

    def insert_phrase(self, phrase: str) -> None:
        """Put ``phrase`` into the field being typed in (or the section's own field)."""
        if self.read_only:
            self.refuse_read_only()
            return
        target = self.focused
        if not (isinstance(target, Input) and (target.id or "") in self.editors):
            target = self.primary(self.current)
        if not isinstance(target, Input) or target.disabled:
            self.notify("No field to put the phrase in here.", timeout=2)
            return
        self.focus_now(target)
        before = target.value[: target.cursor_position]
        if before and not before.endswith(" "):
            phrase = " " + phrase
        target.insert_text_at_cursor(phrase)

    def action_insert_phrase(self, index: int) -> None:
        phrases = self.phrases()
        if 0 <= index < len(phrases):
            self.insert_phrase(phrases[index])

    def action_phrases(self) -> None:
        from ..phrases import EDIT, PhrasePickerScreen

        def done(choice: object) -> None:
            if choice is EDIT:
                self.action_edit_phrases()
            elif isinstance(choice, str):
                self.insert_phrase(choice)

        self.app.push_screen(PhrasePickerScreen(self.phrases(), self.meeting.series), done)

    def action_edit_phrases(self) -> None:
        from ..phrases import PhrasesEditScreen

        def done(phrases: list[str] | None) -> None:
            if phrases is None:
                return
            try:
                saved = self.session.set_phrases(phrases)
            except StoreError as exc:
                self.notify(str(exc), title="Phrases not saved", severity="error", markup=False)
                return
            self.notify(f"{len(saved)} stock phrases saved.", timeout=2)

        self.app.push_screen(PhrasesEditScreen(self.phrases(), self.meeting.series), done)

    def capture_palette_commands(self):
        """(title, help, callback) for the palette: every phrase, editing them, times."""
        for n, phrase in enumerate(self.phrases()):
            key = f"  (Shift+F{n + 1})" if n < PHRASE_KEYS else ""
            yield (
                f"Insert: {escape(visible(phrase))}",
                f"Put this stock phrase in the field{key}",
                lambda phrase=phrase: self.insert_phrase(phrase),
            )
        yield "Edit stock phrases", "Add, remove or reorder this series' phrases", self.action_edit_phrases
        label = "Hide times" if self.show_times else "Show times"
        yield label, "The time each point was saved, in the lists  (t in a list)", self.action_toggle_times
