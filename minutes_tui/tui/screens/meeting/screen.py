"""The meeting screen: every section of the minutes, typed live, saved as you type.

The screen owns one :class:`~.panel.SectionPanel` per section, shows them in a
:class:`ContentSwitcher` with a list of sections on the left, and routes what
the widgets post (Enter, rows to edit, delete, move, toggle) to the panel that
owns the widget. Saving is :class:`~.editing.AutosaveScreen`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.css.query import NoMatches
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ....model import KNOWN_SECTIONS, Meeting, ModelError, Section
from ....parsing import format_date, visible
from ....session import MeetingSession
from ....store import StoreError
from ...messages import DeleteRow, EditRow, EntryCommand, LeaveList, MoveRow, ToggleRow
from ...typeahead import TypeAhead
from ...widgets.entry import PointEntry
from ...widgets.rows import RowList
from ...widgets.status import SaveIndicator
from ..confirm import ConfirmScreen
from .actions import ActionsPanel
from .attendees import AttendeesPanel
from .bullets import BulletsPanel
from .capture import PHRASE_KEYS, CaptureMixin
from .details import DetailsPanel
from .editing import AutosaveScreen
from .matters_arising import MattersArisingPanel
from .panel import SectionPanel, widget_id
from .round_robin import RoundRobinPanel

#: The keys that go to the sections, in order: F2 details, F3 attendees, F4... the layout.
SECTION_KEYS = tuple(f"f{n}" for n in range(2, 13))
PANEL_KINDS: dict[str, type[SectionPanel]] = {
    "bullets": BulletsPanel,
    "round_robin": RoundRobinPanel,
    "actions": ActionsPanel,
    "matters_arising": MattersArisingPanel,
}
READ_ONLY_LABEL = "APPROVED – read-only (reopen to correct)"
#: Short labels for the list of sections (it is narrow).
NAV_LABELS = {"agreed": "Agreed", "comments": "Comments", "matters_arising": "Matters arising"}
#: What the screen shows before its meeting is read.
_NO_MEETING = Meeting()
#: Characters of a heading the list of sections has room for.
NAV_WIDTH = 15


def nav_label(key: str, title: str) -> str:
    """A section's name in the narrow list: its short name, or its heading cut to fit."""
    known = KNOWN_SECTIONS.get(key)
    if key in NAV_LABELS and (known is None or known.title == title or key == "matters_arising"):
        return NAV_LABELS[key]
    title = visible(" ".join(title.split()))
    return title if len(title) <= NAV_WIDTH else title[: NAV_WIDTH - 1] + "…"


class MeetingScreen(TypeAhead, CaptureMixin, AutosaveScreen):
    HELP_TITLE = "Meeting"
    BINDINGS = [
        Binding("escape", "stop_editing", "Done", tooltip="Stop editing this item", id="edit.done"),
        Binding(
            "s",
            "rename_speaker",
            "Speaker",
            tooltip="Round robin list: rename the turn's speaker",
            id="rr.rename",
        ),
        *(
            Binding(
                key,
                f"section_number({n})",
                "",
                id=f"section.{n}",
                priority=True,
                show=False,  # listed, with their keys, in the bar on the left
            )
            for n, key in enumerate(SECTION_KEYS)
        ),
        Binding("ctrl+s", "save", "Save", tooltip="Save now (it saves by itself too)", id="save"),
        Binding("ctrl+t", "approve", "Approve", tooltip="Approve the minutes (then read-only)", id="approve"),
        Binding("ctrl+t", "reopen", "Reopen", tooltip="Reopen approved minutes to correct them", id="reopen"),
        Binding("ctrl+g", "layout", "Sections", tooltip="Choose this meeting's sections", id="layout"),
        Binding("ctrl+b", "action_log", "Action log", tooltip="Actions of every meeting", id="action_log"),
        Binding("ctrl+r", "export", "Export", tooltip="Export the minutes (Word)", id="export"),
        Binding("ctrl+l", "close", "Meetings", tooltip="Back to the list of meetings", id="close"),
        Binding(
            "ctrl+z",
            "undo_filing",
            "Undo filing",
            tooltip="Put the last point filed as an action or decision back where it was",
            id="undo_filing",
        ),
        Binding(
            "a", "file_row('action')", "To action", tooltip="List: make the point an action", id="row.action"
        ),
        Binding(
            "d",
            "file_row('decision')",
            "To decision",
            tooltip="List: make the point a decision",
            id="row.decision",
        ),
        Binding(
            "i",
            "attendance('arrived')",
            "Arrived",
            tooltip="Attendees list: arrived now (again: correct or clear the time)",
            id="att.arrived",
        ),
        Binding(
            "l",
            "attendance('left')",
            "Left",
            tooltip="Attendees list: left now (again: correct or clear the time)",
            id="att.left",
        ),
        Binding(
            "b",
            "attendance('behalf')",
            "On behalf",
            tooltip="Attendees list: here on behalf of someone (a substitute)",
            id="att.behalf",
        ),
        Binding(
            "d",
            "attendance('declare')",
            "Interest",
            tooltip="Attendees list: record a declaration of interest",
            id="att.declare",
        ),
        Binding("t", "toggle_times", "Times", tooltip="List: show or hide each point's time", id="times"),
        Binding(
            "ctrl+f", "phrases", "Phrases", tooltip="Insert a stock phrase (or edit the list)", id="phrases"
        ),
        *(
            Binding(f"shift+f{n}", f"insert_phrase({n - 1})", "", show=False, id=f"phrase.{n}")
            for n in range(1, PHRASE_KEYS + 1)
        ),
        Binding("enter", "next_field", "Next field", show=False, priority=True),
        Binding("up", "field(-1)", "Previous field", show=False),
        Binding("down", "field(1)", "Next field", show=False),
    ]

    def __init__(
        self,
        meeting_id: int,
        section: str = "details",
        select: str | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        #: The date typed due dates count from (None: today's).
        self._today = today
        self.show_times = False
        self.meeting_id = meeting_id
        self.section = section
        #: A row to put the cursor on when the screen opens (e.g. a search hit's item).
        self.select = select
        #: The meeting being minuted; made when the screen is composed (it needs the app's store).
        self.session: MeetingSession | None = None
        self.panels: list[SectionPanel] = []
        self._load_error: StoreError | None = None
        self._closing = False
        self._in_action_log = False

    # -- the panels ----------------------------------------------------------------

    def _build_panels(self) -> None:
        sections = self.meeting.layout
        has_next_steps = any(s.key == "next_steps" and s.kind == "bullets" for s in sections)
        self.panels = [
            DetailsPanel(self, "details", "Details", "details", with_next_meeting=not has_next_steps),
            AttendeesPanel(self, "attendees", "Attendees", "attendees"),
        ]
        for index, s in enumerate(sections):
            cls = PANEL_KINDS.get(s.kind)
            if cls is None:
                continue
            kwargs = {"with_next_meeting": True} if s.kind == "bullets" and s.key == "next_steps" else {}
            self.panels.append(cls(self, s.key, s.title, widget_id(s.key, index), **kwargs))

    @property
    def meeting(self) -> Meeting:
        return self.session.meeting if self.session is not None else _NO_MEETING

    def panel(self, key: str) -> SectionPanel | None:
        return next((p for p in self.panels if p.key == key), None)

    def panel_of_kind(self, kind: str) -> SectionPanel | None:
        return next((p for p in self.panels if p.kind == kind), None)

    def _panel_for_widget(self, widget: Widget | None) -> SectionPanel | None:
        while widget is not None and widget is not self:
            for p in self.panels:
                if widget.id == p.panel_id:
                    return p
            widget = widget.parent
        return None

    @property
    def current(self) -> SectionPanel:
        return self.panel(self.section) or self.panels[0]

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.session = MeetingSession(self.app.store, self.meeting_id, today=lambda: self.today)
        self.debounce = self.session.debounce
        try:
            self.session.load()
        except StoreError as exc:
            self._load_error = exc
        self._build_panels()
        if self.panel(self.section) is None:
            self.section = "details"
        with Horizontal(id="topbar"):
            yield Static("", id="meeting-label")
            yield SaveIndicator(id="save-state")
        with Horizontal(id="body"):
            nav = OptionList(*self._nav_options(), id="nav")
            nav.can_focus = False
            yield nav
            with ContentSwitcher(initial=self.current.panel_id, id="sections"):
                for p in self.panels:
                    yield from p.compose()
        yield Static("", id="capture-status", markup=False)
        yield Footer(compact=True)

    def _nav_options(self) -> list[Option]:
        options = []
        for n, p in enumerate(self.panels):
            key = SECTION_KEYS[n].upper() if n < len(SECTION_KEYS) else ""
            options.append(Option(Content(f"{key:<4}{nav_label(p.key, p.title)}"), id=p.panel_id))
        return options

    def on_mount(self) -> None:
        if self._load_error is not None:
            self.notify(str(self._load_error), severity="error", markup=False)
            self.app.pop_screen()
            return
        for p in self.panels:
            p.load(self.session.known_people)
        self.show_label()
        self.apply_read_only()
        self.start_autosave()
        self.action_section(self.section)
        self.release_type_ahead()
        if self.select:
            self._select_row(self.select)

    def _select_row(self, key: str) -> None:
        rows = self.current.rows() if self.current.list_id else None
        if rows is not None and rows.index_of(key) is not None:
            rows.select(key)
            self.focus_now(rows)

    # -- sections and focus --------------------------------------------------------

    def action_section(self, name: str) -> None:
        panel = self.panel(name) or self.panels[0]
        self.section = panel.key
        self.query_one("#sections", ContentSwitcher).current = panel.panel_id
        self.query_one("#nav", OptionList).highlighted = self.panels.index(panel)
        panel.shown()
        self.focus_now(self.primary(panel))
        self.refresh_bindings()

    def action_section_number(self, number: int) -> None:
        if number < len(self.panels):
            self.action_section(self.panels[number].key)

    def focus_now(self, widget: Widget | None) -> None:
        """Focus now (not after the queued keys), so the next key lands in ``widget``."""
        self.set_focus(widget)

    def type_ahead_field(self) -> Input | None:
        """Keys typed as the meeting opens go to the open section's field."""
        if not self.panels:
            return None
        try:
            field = self.primary(self.current)
        except NoMatches:  # not composed yet
            return None
        return field if isinstance(field, Input) else None

    def primary(self, panel: SectionPanel) -> Widget | None:
        """Where typing goes in ``panel``; its list when the minutes are read-only."""
        if self.read_only:
            return panel.rows() if panel.list_id else None
        return self.query_one(f"#{panel.primary_id()}")

    @on(OptionList.OptionSelected, "#nav")
    def _nav_selected(self, event: OptionList.OptionSelected) -> None:
        panel = next((p for p in self.panels if p.panel_id == event.option.id), None)
        if panel is not None:
            self.action_section(panel.key)

    def action_field(self, delta: int) -> None:
        """↑/↓: between the detail fields; ↑ from a list's entry goes up into the list."""
        focused = self.focused
        if not isinstance(focused, Input):
            return
        panel = self.current
        if isinstance(panel, DetailsPanel) and focused.id in panel.field_ids():
            panel.move_focus(focused.id, delta)
            return
        if delta < 0 and panel.list_id:
            rows = panel.rows()
            if rows is not None and len(rows):
                self.focus_now(rows)

    def action_next_field(self) -> None:
        focused = self.focused
        fields: dict[str, str] = {}
        for p in self.panels:
            fields.update(p.next_fields())
        target = fields.get(focused.id or "") if focused is not None else None
        if target is None or target == focused.id:
            raise SkipAction()  # the field's own Enter (Submitted) handles it, in order
        self.focus_now(self.query_one(f"#{target}"))

    @on(LeaveList)
    def _leave_list(self, event: LeaveList) -> None:
        self.focus_now(self.primary(self.current))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rename_speaker":
            rr = self.panel_of_kind("round_robin")
            return rr is not None and isinstance(self.focused, RowList) and self.focused.id == rr.list_id
        if action == "file_row":
            return self._row_panel() is not None
        if action == "attendance":
            return self._attendees_list_focused()
        if action == "toggle_times":
            return isinstance(self.focused, RowList)
        if action == "undo_filing":
            return self.session is not None and self.session.last_filed is not None
        if action in ("phrases", "insert_phrase"):
            return not self.read_only
        if action == "stop_editing":
            return self.current.editing and not self.read_only
        if action == "approve":
            return not self.meeting.approved
        if action == "reopen":
            return self.meeting.approved
        if action == "layout":
            return None if self.meeting.approved else True
        if action == "section_number":
            return bool(parameters) and int(parameters[0]) < len(self.panels)
        return True

    # -- help and palette -----------------------------------------------------------

    def help_bindings(self) -> list[Binding]:
        """The keys for the help screen: the section keys as this meeting has them."""
        out = []
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.key == SECTION_KEYS[0]:
                out += [
                    Binding(key, "", f"Go to {p.title}")
                    for key, p in zip(SECTION_KEYS, self.panels, strict=False)
                ]
            elif isinstance(binding, Binding) and binding.key == "shift+f1":
                out += [
                    Binding(f"shift+f{n + 1}", "", f"Insert: {phrase}")
                    for n, phrase in enumerate(self.phrases()[:PHRASE_KEYS])
                ]
            elif (
                isinstance(binding, Binding) and binding.key == "ctrl+s" and self.panel_of_kind("round_robin")
            ):
                out += [b for b in PointEntry.BINDINGS if isinstance(b, Binding)]
            out.append(binding)
        return out

    def palette_commands(self):
        """(title, help, callback) for the command palette: every section, by name."""
        for n, p in enumerate(self.panels):
            key = f"  ({SECTION_KEYS[n].upper()})" if n < len(SECTION_KEYS) else ""
            title = escape(visible(p.title))  # the palette reads titles as markup
            yield title, f"Go to {title}{key}", lambda key=p.key: self.action_section(key)
        yield from self.capture_palette_commands()

    # -- the top bar ---------------------------------------------------------------

    def show_label(self) -> None:
        m = self.meeting
        parts = [visible(p) for p in (m.series, m.title, format_date(m.date)) if p]
        name = Content.styled(" · ".join(parts) or "(untitled meeting)", "bold")
        if m.approved:  # first, so that a long title cannot push it out of sight
            label = Content.assemble(Content.styled(f" {READ_ONLY_LABEL} ", "bold reverse"), "  ", name)
        else:
            label = Content.assemble(name, Content.styled(f"   {m.status}", "dim"))
        self.query_one("#meeting-label", Static).update(label)

    # -- between sections ----------------------------------------------------------

    def attendees_changed(self, people_done: bool = False) -> None:
        """The attendance list changed: the speaker queue (and, when done, owners) follow."""
        rr = self.panel_of_kind("round_robin")
        if rr is not None and not people_done:
            rr.rebuild_queue()
        actions = self.panel_of_kind("actions")
        if actions is not None and people_done:
            actions.update_owner_suggestions()

    def guard(self, fn: Callable, *args) -> bool:
        """Run a store change; a :class:`StoreError` becomes a notification."""
        try:
            fn(*args)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        return True

    # -- Enter and Escape in the fields ---------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        panel = self._panel_for_widget(event.input)
        if panel is not None and (event.input.id or "") in self.editors:
            panel.submitted(event.input.id or "", event.value)

    @on(EntryCommand)
    def _entry_command(self, event: EntryCommand) -> None:
        panel = self._panel_for_widget(event.entry)
        if isinstance(panel, RoundRobinPanel):
            panel.command(event.command, event.value)

    def action_stop_editing(self) -> None:
        panel = self.current
        panel.stop_editing()
        self.focus_now(self.primary(panel))

    def action_rename_speaker(self) -> None:
        rr = self.panel_of_kind("round_robin")
        if isinstance(rr, RoundRobinPanel):
            rr.rename_highlighted()

    # -- list rows: edit, delete, toggle, move ---------------------------------------

    def _row_target(self, event) -> tuple[SectionPanel, str, int] | None:
        if self.read_only:
            self.refuse_read_only()
            return None
        panel = self._panel_for_widget(event.sender)
        if panel is None:
            return None
        return panel, event.key[0], int(event.key[1:])

    @on(EditRow)
    def _edit_row(self, event: EditRow) -> None:
        target = self._row_target(event)
        if target:
            panel, kind, item_id = target
            panel.edit_row(kind, item_id)

    @on(ToggleRow)
    def _toggle_row(self, event: ToggleRow) -> None:
        target = self._row_target(event)
        if target:
            self.guard(target[0].toggle_row, target[1], target[2])

    @on(DeleteRow)
    def _delete_row(self, event: DeleteRow) -> None:
        target = self._row_target(event)
        if not target:
            return
        panel, kind, item_id = target
        question = panel.delete_question(kind, item_id)
        if question is None:
            return
        row = event.sender.row(event.key) if isinstance(event.sender, RowList) else None
        detail = row.text if row else ""

        def done(yes: bool | None) -> None:
            if yes:
                self.guard(panel.delete_item, kind, item_id)

        self.app.push_screen(ConfirmScreen(question, detail), done)

    @on(MoveRow)
    def _move_row(self, event: MoveRow) -> None:
        target = self._row_target(event)
        if target:
            panel, kind, item_id = target
            self.guard(panel.move_row, kind, item_id, event.delta, event.key)

    # -- approval ------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.meeting.approved

    def apply_read_only(self) -> None:
        """Approved minutes: fields disabled (their text kept), the top bar says so."""
        for panel in self.panels:
            for field_id in panel.field_ids():
                for widget in self.query(f"#{field_id}"):
                    if isinstance(panel, MattersArisingPanel) and panel.edit_id is None:
                        widget.disabled = True
                    else:
                        widget.disabled = self.read_only
        self.show_label()
        self.refresh_bindings()
        if self.read_only and isinstance(self.focused, Input):
            self.focus_now(self.primary(self.current))

    def refuse_read_only(self) -> None:
        self.notify(
            "These minutes are approved and read-only. Reopen them (Ctrl+T) to make a correction.",
            title="Approved",
            severity="warning",
            markup=False,
        )

    def locked(self, exc) -> None:
        """A save was refused: the minutes were approved (elsewhere). Show them read-only;
        the text that was not saved stays in its (now disabled) field."""
        self.session.refresh_status()
        self.apply_read_only()

    def action_approve(self) -> None:
        if self.meeting.approved:
            raise SkipAction()
        if not self.flush():
            self.notify("Some text is not saved yet; fix it before approving.", severity="error")
            return

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.session.approve()
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.apply_read_only()
            self.notify("Approved: these minutes are now the record (read-only).", markup=False)

        self.app.push_screen(
            ConfirmScreen(
                "Approve these minutes?",
                "Approved minutes are the record: nothing in them can change until they are reopened, "
                "and reopening is recorded with its reason.",
            ),
            done,
        )

    def action_reopen(self) -> None:
        if not self.meeting.approved:
            raise SkipAction()
        from ..prompt import PromptScreen

        def done(reason: str | None) -> None:
            if not reason:
                return
            try:
                self.session.reopen(reason)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.apply_read_only()
            self.focus_now(self.primary(self.current))
            self.notify("Reopened for correction; the reason is recorded.", markup=False)

        self.app.push_screen(
            PromptScreen(
                "Why are the approved minutes being reopened?",
                "e.g. Correct the date of the next meeting",
                required="A reason is required: it is recorded with the minutes.",
            ),
            done,
        )

    # -- sections of this meeting, the action log -------------------------------------------

    def action_layout(self) -> None:
        if self.read_only:
            self.refuse_read_only()
            return
        from ..layout import LayoutScreen

        self.flush()

        def done(result: tuple[tuple[Section, ...], bool] | None) -> None:
            if result is None:
                return
            layout, for_series = result
            series = self.meeting.series
            try:
                changed = self.session.set_layout(layout, for_series)
            except (StoreError, ModelError) as exc:
                self.notify(str(exc), title="Sections not changed", severity="error", markup=False)
                return
            if for_series and not series:
                self.notify("This meeting has no series: the sections apply to it alone.", markup=False)
            elif for_series:
                self.notify(f"Next meetings of {visible(series)} will have these sections.", markup=False)
            if not changed:
                return
            self.flush()
            self.app.switch_screen(MeetingScreen(self.meeting_id, section=self.section))
            self.notify("Sections changed.", timeout=2)

        self.app.push_screen(LayoutScreen(self.meeting.layout, self.session.counts()), done)

    def action_action_log(self) -> None:
        from ..action_log import ActionLogScreen

        self.flush()
        self._in_action_log = True
        self.app.push_screen(ActionLogScreen())

    def on_screen_resume(self) -> None:
        if self._in_action_log:
            self._in_action_log = False
            self._statuses_changed()

    def _statuses_changed(self) -> None:
        """Back from the action log: statuses may have changed there."""
        try:
            changed = self.session.reload_actions()
        except StoreError:
            return
        ma = self.panel_of_kind("matters_arising")
        if isinstance(ma, MattersArisingPanel) and "matters_arising" in changed:
            ma.refresh_rows()
        actions = self.panel_of_kind("actions")
        if isinstance(actions, ActionsPanel) and "actions" in changed:
            actions.refresh_rows()

    # -- save, leave, export ---------------------------------------------------------------

    def action_save(self) -> None:
        if self.flush():
            self.notify("Everything is saved.", timeout=2)

    def action_close(self) -> None:
        if not self.flush():
            self.notify(
                "Some text could not be saved; it is still in its field. Fix it, or Ctrl+L again to leave.",
                severity="warning",
            )
            if not self._closing:
                self._closing = True
                return
        self.app.pop_screen()

    def action_export(self) -> None:
        from ....export import FORMATS

        self.flush()
        try:
            meeting = self.session.store.get_meeting(self.meeting_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        fmt = "docx" if "docx" in FORMATS else "json"
        times = " with the times shown" if self.show_times else ""
        self.notify(f"Exporting ({fmt}){times}…", timeout=2)
        self._export(meeting, fmt, self.show_times)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, meeting: Meeting, fmt: str, timestamps: bool = False) -> None:
        """Write the minutes; with the points' times when the screen is showing them."""
        from ....export import ExportError, export_meeting

        try:
            path = export_meeting(meeting, fmt, timestamps=timestamps)
        except ExportError as exc:
            self.app.call_from_thread(
                self.notify, str(exc), title="Export failed", severity="error", markup=False
            )
        except Exception as exc:  # noqa: BLE001 - a message, never a traceback
            self.app.call_from_thread(
                self.notify,
                f"{type(exc).__name__}: {exc}",
                title="Export failed",
                severity="error",
                markup=False,
            )
        else:
            self.app.call_from_thread(
                self.notify, f"Minutes written to {path.resolve()}", title="Exported", timeout=8, markup=False
            )
