"""Capture keys of the meeting screen: filing by key, undo, stock phrases, times, attendance,
the round robin's speakers.

A part of :class:`~.screen.MeetingScreen` (relying only on :class:`~.base.MeetingScreenBase`). A point saved in the round robin or a bulleted
section is filed by its panel through the session (``A: ... @owner due:fri`` an action,
``D: ...`` a decision); the panel posts :class:`~.panel.SectionPanel.PointFiled`, and this
part shows the filed item where it went and says so on the status line; Ctrl+Z puts the
point back. Anything malformed stays a note exactly as typed, and the status line says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from textual.content import Content
from textual.markup import escape
from textual.timer import Timer
from textual.widgets import Input, Static

from ....store import StoreError
from ....text import displayable
from ...widgets.rows import RowList
from .actions import ActionsPanel
from .attendees import AttendeesPanel
from .base import MeetingScreenBase
from .bullets import BulletsPanel
from .panel import SectionPanel, refuse_read_only
from .round_robin import RoundRobinPanel

#: How many stock phrases have keys of their own (Shift+F1...).
PHRASE_KEYS = 4
#: Seconds the status line under the sections shows what a point was filed as.
STATUS_SECONDS = 10


class CaptureKeys(MeetingScreenBase):
    """Filing by key, undoing a filing, stock phrases, times and attendance keys."""

    #: What the status line says now (plain text; "" when hidden).
    status_text: str = ""
    #: Whether the status line shows a filing that Ctrl+Z can undo.
    undo_shown: bool = False
    _status_timer: Timer | None = None

    @property
    def today(self) -> dt.date:
        """Today (fixed by tests): what ``due:fri`` counts from when the meeting has no date."""
        return self._today or getattr(self.app, "today", None) or dt.date.today()

    # -- filing ------------------------------------------------------------------------------

    def on_section_panel_status(self, event: SectionPanel.Status) -> None:
        self.show_status(event.text, problem=event.problem)

    def on_section_panel_point_filed(self, event: SectionPanel.PointFiled) -> None:
        """Show the filed item where it went (its panel has already let the point go)."""
        filed, source_panel = event.outcome.filed, event.panel
        if filed is None:
            return
        source_id = filed.source[1] if filed.source else None
        if filed.kind == "action":
            if source_id is not None:
                source_panel.forget(source_id)
            actions = self.panel_of_kind("actions")
            if isinstance(actions, ActionsPanel):
                actions.add_filed(filed.item)
        else:
            decisions = self.panel(filed.target_section) if filed.target_section else None
            same = decisions is source_panel
            if source_id is not None and not same:
                source_panel.forget(source_id)
            if isinstance(decisions, BulletsPanel):
                decisions.add_filed(filed.item, replaces=source_id if same else None)
        self.refresh_bindings()
        self.show_status(event.outcome.message, undo=True)

    def show_status(self, text: str, *, problem: bool = False, undo: bool = False) -> None:
        """Say on the status line under the sections what became of a point (for a while)."""
        line = self.query_one("#capture-status", Static)
        self.status_text = text
        self.undo_shown = undo
        self._status_line(problem, undo)
        line.add_class("-shown")
        if self._status_timer is not None:
            self._status_timer.stop()
        self._status_timer = self.set_timer(STATUS_SECONDS, self.hide_status)

    def _status_line(self, problem: bool, undo: bool) -> None:
        parts = [Content.styled(displayable(self.status_text), "bold" if not problem else "")]
        if undo:
            parts.append(Content.styled("   Ctrl+Z undoes", "dim"))
        line = self.query_one("#capture-status", Static)
        line.update(Content.assemble(*parts))
        line.set_class(problem, "-problem")

    def section_shown(self) -> None:
        """A section is shown: "Ctrl+Z undoes" stays on the status line only where it undoes."""
        self.refresh_bindings()
        if self.undo_shown:
            self._status_line(False, self.can_undo_filing())

    def hide_status(self) -> None:
        self.status_text = ""
        if self.undo_shown:
            self.undo_shown = False
            self.refresh_bindings()
        self.query_one("#capture-status", Static).remove_class("-shown")

    def can_undo_filing(self) -> bool:
        """Ctrl+Z undoes a filing only while its notice is on screen, in the section it came from."""
        filed = self.session.last_filed if self.session else None
        return filed is not None and self.undo_shown and self.section == filed.source_section

    def action_undo_filing(self) -> None:
        """Ctrl+Z: take back the last filing; the point is back where it was, as typed."""
        if self.session.read_only:
            refuse_read_only(self)
            return
        if not self.can_undo_filing():
            self.notify("Nothing filed here to undo.", timeout=2)
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
        self.undo_shown = False
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

    def _row_panel(self) -> tuple[SectionPanel, int] | None:
        """The bulleted or round-robin list in focus and the point on its cursor."""
        focused = self.focused
        if not isinstance(focused, RowList):
            return None
        panel = focused.parent
        row = focused.cursor_row
        if not isinstance(panel, BulletsPanel | RoundRobinPanel) or row is None:
            return None
        if row.kind not in ("bullet", "point"):
            return None
        return panel, row.item_id

    def action_file_row(self, kind: str) -> None:
        """``a`` / ``d`` on a saved point: make it an action / a decision (Ctrl+Z undoes)."""
        if self.session.read_only:
            refuse_read_only(self)
            return
        found = self._row_panel()
        if found is None:
            return
        panel, item_id = found
        if not panel.commit():  # the point may be in the entry, being edited
            return
        text = panel.text_of(item_id)
        if text is not None:
            table = "points" if isinstance(panel, RoundRobinPanel) else "bullets"
            panel.file_saved((table, item_id), text, as_kind=kind)

    # -- times ---------------------------------------------------------------------------------

    def action_toggle_times(self) -> None:
        self.show_times = not self.show_times
        for panel in self.panels:
            panel.set_times(self.show_times)
        self.notify("Times shown." if self.show_times else "Times hidden.", timeout=2)

    # -- attendance ------------------------------------------------------------------------------

    def action_attendance(self, what: str) -> None:
        if self.session.read_only:
            refuse_read_only(self)
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
        elif what == "email":
            panel.ask_email()

    def _attendees_list_focused(self) -> bool:
        panel = self.panel_of_kind("attendees")
        return (
            panel is not None
            and isinstance(self.focused, RowList)
            and self.focused.id == panel.list_id
            and self.focused.cursor_key is not None
        )

    # -- the round robin's speakers (in its list) ---------------------------------------------

    def action_rename_speaker(self) -> None:
        rr = self.panel_of_kind("round_robin")
        if isinstance(rr, RoundRobinPanel):
            rr.rename_highlighted()

    def action_link_speaker(self) -> None:
        rr = self.panel_of_kind("round_robin")
        if isinstance(rr, RoundRobinPanel):
            rr.link_highlighted()

    # -- stock phrases -------------------------------------------------------------------------

    def phrases(self) -> list[str]:
        return self.session.phrases() if self.session else []

    def insert_phrase(self, phrase: str) -> None:
        """Put ``phrase`` into the field being typed in (or the section's own field)."""
        if self.session.read_only:
            refuse_read_only(self)
            return
        target = self.focused
        if not (isinstance(target, Input) and (target.id or "") in self.session.fields):
            target = self.current.primary()
        if not isinstance(target, Input) or target.disabled:
            self.notify("No field to put the phrase in here.", timeout=2)
            return
        self.set_focus(target)
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

    def capture_palette_commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """(title, help, callback) for the palette: every phrase, editing them, times, linking a
        speaker, the quorum."""
        for n, phrase in enumerate(self.phrases()):
            key = f"  (Shift+F{n + 1})" if n < PHRASE_KEYS else ""
            yield (
                f"Insert: {escape(displayable(phrase))}",
                f"Put this stock phrase in the field{key}",
                lambda phrase=phrase: self.insert_phrase(phrase),
            )
        yield "Edit stock phrases", "Add, remove or reorder this series' phrases", self.action_edit_phrases
        label = "Hide times" if self.show_times else "Show times"
        yield label, "The time each point was saved, in the lists  (t in a list)", self.action_toggle_times
        rr = self.panel_of_kind("round_robin")
        if isinstance(rr, RoundRobinPanel) and not (self.session and self.session.read_only):
            yield (
                "Link speaker to an organisation",
                "The speaker now speaking is an organisation in the attendance list (l in the list)",
                rr.link_speaker,
            )
        agenda = self.panel_of_kind("agenda")
        if agenda is not None and hasattr(agenda, "action_quorum"):
            yield (
                "Quorum",
                "The series' quorum: voting members needed present  (q in the items list)",
                agenda.action_quorum,
            )
