"""Home: the meetings in the database, newest first; search, new, open, delete, action log.

A long archive is shown a page at a time (keyset paging: each page reads only its
own rows), so the screen opens as fast with 10,000 meetings as with ten.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from ...parsing import format_date, single_line
from ...store import StoreError
from ...text import displayable
from ..widgets.entry import Entry
from ..widgets.footer import KeysFooter
from .home_hits import HIT_ROW_PREFIX, HIT_SECTIONS, hit_label

if TYPE_CHECKING:  # the other screens (and the model) load after the first frame, not before
    from ...model import MeetingSummary
    from ...search_model import SearchHit
    from .meeting import MeetingScreen
    from .new_meeting import NewMeeting

#: Meetings loaded at a time; the next page comes as the cursor nears the end.
PAGE = 100
#: Seconds of quiet typing before the search runs.
SEARCH_DELAY = 0.15
#: Hits shown at most.
SEARCH_LIMIT = 50
STATUS_STYLES = {"approved": "bold green", "draft": "yellow"}


def meeting_screen(meeting_id: int, section: str = "details", select: str | None = None) -> MeetingScreen:
    from .meeting import MeetingScreen

    return MeetingScreen(meeting_id, section=section, select=select)


class HomeScreen(Screen):
    HELP_TITLE = "Meetings"
    #: The list has the focus from the start (not the search box first: styling it focused,
    #: then not, slowed the first frame).
    AUTO_FOCUS = "#meetings"
    BINDINGS = [
        # Priority: the dialog opens before the next key is dispatched, so a fast typist's
        # first letters land in it (see TypeAhead), not in the list of meetings.
        Binding(
            "n", "new", "New meeting", tooltip="Start minuting a new meeting", id="home.new", priority=True
        ),
        Binding("o", "open", "Open", tooltip="Open the highlighted meeting", id="home.open"),
        Binding("delete,d", "delete", "Delete", tooltip="Delete the highlighted meeting", id="home.delete"),
        Binding(
            "u",
            "undelete",
            "Undo delete",
            tooltip="Bring back the meeting just deleted",
            id="home.undelete",
            show=False,  # the notice after a delete says so; the footer has no room
        ),
        Binding(
            "D", "deleted", "Deleted", tooltip="Deleted meetings: restore or purge them", id="home.deleted"
        ),
        Binding("a", "action_log", "Action log", tooltip="Actions of every meeting", id="home.actions"),
        # Priority, like n, so "/new" typed fast searches for "new" rather than opening a dialog.
        Binding(
            "slash",
            "search",
            "Search",
            tooltip="Search every meeting's text",
            id="home.search",
            priority=True,
        ),
        Binding("escape", "clear_search", "Clear", tooltip="Clear the search", id="home.clear"),
        Binding("down", "to_hits", "Hits", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[MeetingSummary] = []
        self.total = 0
        self.hits: list[SearchHit] = []
        self._search_timer: Timer | None = None
        #: The meeting screen being opened: keys that reach this screen meanwhile are its.
        self._opening: MeetingScreen | None = None
        #: Enter was pressed on the list and the meeting is not open yet: keys typed since.
        self._early: str | None = None
        #: The meeting deleted last on this screen (u brings it back), and its label.
        self._last_deleted: tuple[int, str] | None = None
        self._just_mounted = False  # its first resume follows at once: no second reload
        self._after_frame_done = False

    def compose(self) -> ComposeResult:
        yield Static("minutes", id="home-title", markup=False)
        yield Entry(placeholder="/ to search every meeting (Esc clears)", id="search", compact=True)
        yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static(
            "No meetings yet. Press n to start one.", id="home-empty", markup=False, classes="hidden"
        )
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#meetings", DataTable)
        # Labels as Text: a str is read as markup, which loads Rich's emoji table (a first-frame cost).
        table.add_column(Text("Date"), key="date", width=10)
        table.add_column(Text("Series"), key="series")
        table.add_column(Text("Title"), key="title")
        table.add_column(Text("Status"), key="status", width=8)
        if self.app.store_open:  # else opened, and the meetings listed, after the first frame
            self.reload()
        self._just_mounted = True
        self.set_focus(table)
        self.set_timer(1, self.after_first_frame)  # the app calls it sooner (see MinutesApp.on_ready)

    def after_first_frame(self) -> None:
        """Open the store and list the meetings if the app has not yet; load the rest."""
        if self._after_frame_done:
            return
        self._after_frame_done = True
        if not self.app.store_open:
            try:
                self.app.store  # noqa: B018  (opens it; on failure the app exits and says why)
            except StoreError:
                return
            self.reload()
        self._hits()  # hidden until a search
        self.app.preload()  # the other screens' code

    def on_screen_resume(self) -> None:
        self._opening = self._early = None
        if not self._just_mounted:
            self.reload()
        self._just_mounted = False

    def on_key(self, event: events.Key) -> None:
        """Keys typed after Enter on a meeting, before it has opened, are the meeting's."""
        if self._opening is None and self._early is None:
            table = self.query_one("#meetings", DataTable)
            if event.key == "enter" and self.focused is table and table.row_count:
                self._early = ""  # the table's binding opens the meeting; later keys wait for it
                self.set_timer(2, self._forget_early)
            return
        event.stop()
        event.prevent_default()
        if not (event.is_printable and event.character):
            return
        if self._opening is not None:
            self._opening.type_ahead(event.character)
        elif self._early is not None:
            self._early += event.character

    def _forget_early(self) -> None:
        if self._opening is None:
            self._early = None

    # -- the list of meetings --------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Count the meetings and show the first page (as many as were shown, at least).

        The cursor stays on its meeting; if that one has gone, on the row that took its place.
        """
        table = self.query_one("#meetings", DataTable)
        current = select if select is not None else self.selected_id()
        row = table.cursor_row
        try:
            self.total = self.app.store.count_meetings()
            meetings = self.app.store.list_meetings(limit=max(PAGE, len(self.loaded)))
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        table.clear()
        self.loaded = []
        self._add(meetings)
        self.query_one("#home-empty").set_class(bool(meetings), "hidden")
        self._show_title()
        if current is not None and str(current) in table.rows:
            table.move_cursor(row=table.get_row_index(str(current)))
        elif table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _add(self, meetings: list[MeetingSummary]) -> None:
        self.loaded += meetings
        table = self.query_one("#meetings", DataTable)
        for m in meetings:
            table.add_row(
                Text(format_date(m.date) or "—"),
                Text(single_line(displayable(m.series)) or "—"),
                Text(single_line(displayable(m.title)) or "(untitled)"),
                Text(m.status, style=STATUS_STYLES.get(m.status, "")),
                key=str(m.id),
            )

    def _show_more(self) -> None:
        if not self.loaded or len(self.loaded) >= self.total:
            return
        last = self.loaded[-1]
        try:
            more = self.app.store.list_meetings_before(last.date, last.id, PAGE)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._add([m for m in more if str(m.id) not in self.query_one("#meetings", DataTable).rows])

    @on(DataTable.RowHighlighted, "#meetings")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= len(self.loaded) - PAGE // 4:
            self._show_more()

    def _show_title(self) -> None:
        n = self.total
        self.query_one("#home-title", Static).update(
            Text(f"minutes · {n} meeting{'s' if n != 1 else ''} · {self.app.store.path}")
        )

    def selected_id(self) -> int | None:
        table = self.query_one("#meetings", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value) if key.value is not None else None

    @on(DataTable.RowSelected, "#meetings")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        # The row Enter was pressed on (keys typed since may have moved the cursor).
        if event.row_key.value is not None:
            self.open_meeting(meeting_screen(int(event.row_key.value)))

    def action_open(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            self.open_meeting(meeting_screen(meeting_id))

    def open_meeting(self, screen: MeetingScreen) -> None:
        if self._opening is not None:
            return
        self._opening = screen
        early, self._early = self._early, None
        if early:
            screen.type_ahead(early)
        self.app.push_screen(screen)

    def action_action_log(self) -> None:
        from .action_log import ActionLogScreen  # on demand: it loads the exporters

        self.app.push_screen(ActionLogScreen())

    # -- search ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._opening is not None or self._early is not None:  # the keys are the meeting's now
            return False
        if action == "new":  # typing an n into the search field
            return not isinstance(self.focused, Input)
        if action == "search":  # a / typed into the search field
            return not isinstance(self.focused, Input)
        if action == "clear_search":
            return bool(self.query_one("#search", Input).value) or self.query_one("#search").has_focus
        if action == "to_hits":
            return self.query_one("#search").has_focus and bool(self.hits)
        return True

    def action_search(self) -> None:
        self.set_focus(self.query_one("#search"))

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        self._show_hits([])
        self.set_focus(self.query_one("#meetings"))

    def _hits(self) -> OptionList:
        """The list of search hits (below the meetings), mounted when first needed."""
        found = self.query("#hits")
        if found:
            return found.only_one(OptionList)
        hits = OptionList(id="hits", classes="hidden")
        self.mount(hits, after=self.query_one("#meetings"))
        return hits

    def action_to_hits(self) -> None:
        self.set_focus(self._hits())

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        if not event.value.strip():
            self._search_timer = None
            self._show_hits([])
            return
        self._search_timer = self.set_timer(SEARCH_DELAY, self._run_search)
        self.refresh_bindings()

    def _run_search(self) -> None:
        """Search as typed so far. Store.search is bounded (a few thousand index rows at
        most), so it runs here rather than in a thread sharing the store's connection."""
        self._search_timer = None
        query = self.query_one("#search", Input).value
        if not query.strip():
            return
        try:
            hits = self.app.store.search(query, limit=SEARCH_LIMIT, prefix_last=True)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._show_hits(hits, searched=True)

    def _show_hits(self, hits: list[SearchHit], searched: bool = False) -> None:
        self.hits = hits
        hits_list = self._hits()
        hits_list.clear_options()
        if hits:
            hits_list.add_options([Option(hit_label(h), id=str(n)) for n, h in enumerate(hits)])
            hits_list.highlighted = 0
        elif searched:
            hits_list.add_option(Option(Text("Nothing found.", style="italic"), disabled=True))
        showing = bool(hits) or searched
        hits_list.set_class(not showing, "hidden")
        self.query_one("#meetings").set_class(showing, "hidden")
        self.refresh_bindings()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._run_search()
        hits_list = self._hits()
        if self.hits:
            self.open_hit(self.hits[hits_list.highlighted or 0])

    @on(OptionList.OptionSelected, "#hits")
    def _hit_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.open_hit(self.hits[int(event.option.id)])

    def open_hit(self, hit: SearchHit) -> None:
        """Open the meeting at the hit's section, with its item highlighted."""
        section = HIT_SECTIONS.get(hit.section, hit.section)
        prefix = HIT_ROW_PREFIX.get(hit.kind)
        select = f"{prefix}{hit.item_id}" if prefix else None
        self.app.push_screen(meeting_screen(hit.meeting_id, section=section, select=select))

    # -- new and delete -----------------------------------------------------------------

    def action_new(self) -> None:
        try:
            series = self.app.store.series_names(planned=True)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        from .new_meeting import NewMeetingScreen

        # A callback, not push_screen_wait: awaiting the dialog here would hold up the
        # keys typed as it opens, and a fast typist's first letters would be lost.
        self.app.push_screen(NewMeetingScreen(series), self._create)

    def _create(self, answer: NewMeeting | None) -> None:
        """Create the meeting the new-meeting dialog describes, and open it."""
        from ...model import Attendee

        store = self.app.store
        if answer is None:
            return
        try:
            if answer.bring_forward:
                meeting = store.start_next_meeting(answer.series, title=answer.title, date=answer.date)
                people, carried = len(meeting.attendees), len(meeting.matters_arising)
                self.notify(
                    f"{people} attendee{'s' if people != 1 else ''} and {carried} open "
                    f"action{'s' if carried != 1 else ''} brought forward",
                    markup=False,
                )
            else:
                meeting = store.create_meeting(series=answer.series, title=answer.title, date=answer.date)
                if answer.copy_from is not None:
                    previous = store.get_meeting(answer.copy_from)
                    for person in previous.attendees:
                        store.add_attendee(
                            meeting.id,
                            Attendee(
                                person.name, person.organisation, person.role, "present", email=person.email
                            ),
                        )
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.reload(select=meeting.id)
        self.app.push_screen(meeting_screen(meeting.id, section="attendees"))

    def action_delete(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is None:
            return
        try:
            header = self.app.store.get_header(meeting_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        from .confirm import ConfirmScreen
        from .deleted import meeting_label

        label = displayable(single_line(meeting_label(header.date, header.series, header.title)))

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.app.store.delete_meeting(meeting_id)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
            else:
                self._last_deleted = (meeting_id, label)
                self.notify(f"Deleted {label} (u brings it back; D lists deleted meetings)", markup=False)
            self.reload()

        self.app.push_screen(ConfirmScreen("Delete this meeting and everything minuted in it?", label), done)

    def action_undelete(self) -> None:
        """Bring back the meeting deleted last here, with the cursor on it."""
        if self._last_deleted is None:
            self.notify("Nothing to undo: no meeting deleted here since the app opened", markup=False)
            return
        meeting_id, label = self._last_deleted
        self._last_deleted = None
        try:
            self.app.store.restore_meeting(meeting_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Restored {label} (delete undone)", markup=False)
        self.reload(select=meeting_id)

    def action_deleted(self) -> None:
        self._last_deleted = None  # restore or purge there; u here would act on a stale delete
        from .deleted import DeletedScreen

        self.app.push_screen(DeletedScreen())
