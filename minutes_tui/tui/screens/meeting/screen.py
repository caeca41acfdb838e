"""The meeting screen: every section of the minutes, typed live, saved as you type.

The screen holds the :class:`~minutes_tui.session.MeetingSession` and one
:class:`~.panel.SectionPanel` widget per section, shown in a :class:`ContentSwitcher`
with a list of sections on the left. It does navigation, keys and layout; each panel
handles its own fields and rows and posts what others must know (an attendee changed,
a point was filed), which the screen passes on. Saving as you type is in
:mod:`.editing`, the capture keys in :mod:`.capture`, approval and export in :mod:`.records`,
taking in others' changes in :mod:`.watch`: each a part of this screen that relies only on
what :class:`~.base.MeetingScreenBase` declares (this class provides it).
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.css.query import NoMatches
from textual.markup import escape
from textual.widgets import ContentSwitcher, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ....model import KNOWN_SECTIONS, Meeting
from ....session import MeetingSession
from ....store import StoreError
from ....text import displayable
from ...typeahead import TypeAhead
from ...widgets.entry import PointEntry
from ...widgets.rows import RowList
from ...widgets.status import SaveIndicator
from .actions import ActionsPanel
from .agenda import AgendaPanel
from .attendees import AttendeesPanel
from .bullets import BulletsPanel
from .capture import PHRASE_KEYS, CaptureKeys
from .details import DetailsPanel
from .editing import AutosaveScreen
from .matters_arising import MattersArisingPanel
from .panel import SectionPanel, widget_id
from .records import RecordCommands
from .round_robin import RoundRobinPanel
from .top_bar import announce_quorum, meeting_label
from .watch import WatchElsewhere

#: The keys that go to the sections, in order: F2 details, F3 attendees, F4... the layout.
SECTION_KEYS = tuple(f"f{n}" for n in range(2, 13))
PANEL_KINDS: dict[str, type[SectionPanel]] = {
    "actions": ActionsPanel,
    "matters_arising": MattersArisingPanel,
    "agenda": AgendaPanel,
}
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
    title = displayable(" ".join(title.split()))
    return title if len(title) <= NAV_WIDTH else title[: NAV_WIDTH - 1] + "…"


class MeetingScreen(TypeAhead, CaptureKeys, RecordCommands, WatchElsewhere, AutosaveScreen):
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
        Binding(
            "l",
            "link_speaker",
            "Link",
            tooltip="Round robin list: link the speaker to an organisation in the attendance list",
            id="rr.link",
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
        Binding("ctrl+r", "export", "Export", tooltip="Export: Word, PDF, Markdown or web page", id="export"),
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
        Binding(
            "m",
            "attendance('email')",
            "E-mail",
            tooltip="Attendees list: their e-mail address",
            id="att.email",
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
        Binding("up", "field(-1)", "Previous field", show=False, priority=True),  # at once: typed fast,
        Binding("down", "field(1)", "Next field", show=False, priority=True),  # the next keys follow
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

    # -- the panels ----------------------------------------------------------------

    def _build_panels(self, session: MeetingSession) -> None:
        sections = session.meeting.layout
        has_next_steps = any(s.key == "next_steps" and s.kind == "bullets" for s in sections)
        self.panels = [
            DetailsPanel(session, "details", "Details", "details", with_next_meeting=not has_next_steps),
            AttendeesPanel(session, "attendees", "Attendees", "attendees"),
        ]
        complete = session.owner_suggestion
        for index, s in enumerate(sections):
            wid = widget_id(s.key, index)
            if s.kind == "bullets":
                with_next = s.key == "next_steps"
                panel: SectionPanel = BulletsPanel(
                    session, s.key, s.title, wid, with_next_meeting=with_next, complete=complete
                )
            elif s.kind == "round_robin":
                panel = RoundRobinPanel(session, s.key, s.title, wid, complete=complete)
            elif s.kind in PANEL_KINDS:
                panel = PANEL_KINDS[s.kind](session, s.key, s.title, wid)
            else:
                continue
            self.panels.append(panel)

    @property
    def meeting(self) -> Meeting:
        return self.session.meeting if self.session is not None else _NO_MEETING

    def panel(self, key: str) -> SectionPanel | None:
        return next((p for p in self.panels if p.key == key), None)

    def panel_of_kind(self, kind: str) -> SectionPanel | None:
        return next((p for p in self.panels if p.kind == kind), None)

    @property
    def current(self) -> SectionPanel:
        return self.panel(self.section) or self.panels[0]

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.session = session = MeetingSession(self.app.store, self.meeting_id, today=lambda: self.today)
        try:
            session.load()
        except StoreError as exc:
            self._load_error = exc
        self._build_panels(session)
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
                yield from self.panels
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
            p.load()
        self.show_label()
        self.apply_read_only()
        self.start_autosave()
        self.start_watching()
        self.action_section(self.section)
        self.release_type_ahead()
        if self.select:
            self._select_row(self.select)

    def _select_row(self, key: str) -> None:
        rows = self.current.rows() if self.current.list_id else None
        if rows is not None and rows.index_of(key) is not None:
            rows.select(key)
            self.set_focus(rows)

    # -- sections and focus --------------------------------------------------------

    def action_section(self, name: str) -> None:
        panel = self.panel(name) or self.panels[0]
        self.section = panel.key
        self.query_one("#sections", ContentSwitcher).current = panel.panel_id
        self.query_one("#nav", OptionList).highlighted = self.panels.index(panel)
        panel.shown()
        self.set_focus(panel.primary())
        self.section_shown()

    def action_section_number(self, number: int) -> None:
        if number < len(self.panels):
            self.action_section(self.panels[number].key)

    def type_ahead_field(self) -> Input | None:
        """Keys typed as the meeting opens go to the open section's field."""
        if not self.panels:
            return None
        try:
            field = self.current.primary()
        except NoMatches:  # not composed yet
            return None
        return field if isinstance(field, Input) else None

    @on(OptionList.OptionSelected, "#nav")
    def _nav_selected(self, event: OptionList.OptionSelected) -> None:
        panel = next((p for p in self.panels if p.panel_id == event.option.id), None)
        if panel is not None:
            self.action_section(panel.key)

    def action_field(self, delta: int) -> None:
        """↑/↓: between the detail fields; ↑ from a list's entry goes up into the list."""
        focused = self.focused
        if not isinstance(focused, Input):
            raise SkipAction()  # a list's own ↑/↓
        panel = self.current
        if isinstance(panel, DetailsPanel) and focused.id in panel.field_ids():
            panel.move_focus(focused.id, delta)
            return
        if delta < 0 and panel.list_id and len(rows := panel.rows()):
            self.set_focus(rows)
            return
        raise SkipAction()

    def action_next_field(self) -> None:
        focused = self.focused
        fields: dict[str, str] = {}
        for p in self.panels:
            fields.update(p.next_fields())
        target = fields.get(focused.id or "") if focused is not None else None
        if target is None or target == focused.id:
            raise SkipAction()  # the field's own Enter (Submitted) handles it, in order
        self.set_focus(self.query_one(f"#{target}"))

    @on(RowList.Leave)
    def _leave_list(self, event: RowList.Leave) -> None:
        self.set_focus(self.current.primary())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("rename_speaker", "link_speaker"):
            rr = self.panel_of_kind("round_robin")
            in_list = rr is not None and isinstance(self.focused, RowList) and self.focused.id == rr.list_id
            return in_list and (action == "rename_speaker" or not self.read_only)
        if action == "file_row":
            return self._row_panel() is not None
        if action == "attendance":
            return self._attendees_list_focused()
        if action == "toggle_times":
            return isinstance(self.focused, RowList)
        if action == "undo_filing":
            return self.can_undo_filing()
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
            title = escape(displayable(p.title))  # the palette reads titles as markup
            yield title, f"Go to {title}{key}", lambda key=p.key: self.action_section(key)
        yield from self.capture_palette_commands()

    # -- the top bar ---------------------------------------------------------------

    def show_label(self) -> None:
        self.query_one("#meeting-label", Static).update(meeting_label(self.session))

    # -- what the panels tell each other ----------------------------------------------

    @on(AttendeesPanel.Changed)
    def _attendees_changed(self, event: AttendeesPanel.Changed) -> None:
        """The attendance list changed: the speaker queue (and, when done, owners) follow."""
        # Each follows when it is next shown (rebuilding them at every keystroke's save
        # costs as much as the keystroke with 2,000 attendees).
        rr = self.panel_of_kind("round_robin")
        if isinstance(rr, RoundRobinPanel) and rr is self.current:
            rr.rebuild_queue()
        actions = self.panel_of_kind("actions")
        if isinstance(actions, ActionsPanel) and event.done:
            actions.people_changed()
        announce_quorum(self, self.session)

    @on(AgendaPanel.ActionRaised)
    def _action_raised(self, event: AgendaPanel.ActionRaised) -> None:
        actions = self.panel_of_kind("actions")
        if isinstance(actions, ActionsPanel):
            actions.add_filed(event.action) if event.raised else actions.forget(event.action.id or 0)

    @on(RoundRobinPanel.AttendeeChanged)
    def _attendee_changed(self, event: RoundRobinPanel.AttendeeChanged) -> None:
        attendees = self.panel_of_kind("attendees")
        if isinstance(attendees, AttendeesPanel):
            attendees.show_rows(cursor_key=attendees.rows().cursor_key)

    @on(SectionPanel.HeaderChanged)
    def _header_changed(self) -> None:
        self.show_label()

    @on(SectionPanel.EditingChanged)
    def _editing_changed(self) -> None:
        self.refresh_bindings()

    # -- Escape -------------------------------------------------------------------------

    def action_stop_editing(self) -> None:
        panel = self.current
        panel.stop_editing()
        self.set_focus(panel.primary())
