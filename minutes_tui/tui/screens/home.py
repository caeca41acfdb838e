"""Home: the meetings in the database, newest first; new, open, delete."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ...model import Attendee
from ...parsing import format_date, visible
from ...store import StoreError
from .confirm import ConfirmScreen
from .meeting import MeetingScreen
from .new_meeting import NewMeeting, NewMeetingScreen


class HomeScreen(Screen):
    HELP_TITLE = "Meetings"
    BINDINGS = [
        Binding("n", "new", "New meeting", tooltip="Start minuting a new meeting", id="home.new"),
        Binding("o", "open", "Open", tooltip="Open the highlighted meeting", id="home.open"),
        Binding("delete,d", "delete", "Delete", tooltip="Delete the highlighted meeting", id="home.delete"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("minutes", id="home-title", markup=False)
        yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static(
            "No meetings yet. Press n to start one.", id="home-empty", markup=False, classes="hidden"
        )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#meetings", DataTable)
        table.add_column("Date", key="date", width=10)
        table.add_column("Series", key="series")
        table.add_column("Title", key="title")
        table.add_column("Status", key="status", width=8)
        self.reload()
        self.set_focus(table)

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self, select: int | None = None) -> None:
        table = self.query_one("#meetings", DataTable)
        current = select if select is not None else self.selected_id()
        try:
            meetings = self.app.store.list_meetings()
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        table.clear()
        for m in meetings:
            table.add_row(
                Text(format_date(m.date) or "—"),
                Text(visible(m.series) or "—"),
                Text(visible(m.title) or "(untitled)"),
                Text(m.status),
                key=str(m.id),
            )
        self.query_one("#home-empty").set_class(bool(meetings), "hidden")
        n = len(meetings)
        self.query_one("#home-title", Static).update(
            Text(f"minutes · {n} meeting{'s' if n != 1 else ''} · {self.app.store.path}")
        )
        if current is not None and str(current) in table.rows:
            table.move_cursor(row=table.get_row_index(str(current)))

    def selected_id(self) -> int | None:
        table = self.query_one("#meetings", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value) if key.value is not None else None

    @on(DataTable.RowSelected, "#meetings")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            self.app.push_screen(MeetingScreen(meeting_id))

    @work
    async def action_new(self) -> None:
        store = self.app.store
        try:
            series = store.series_names()
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        answer: NewMeeting | None = await self.app.push_screen_wait(NewMeetingScreen(series))
        if answer is None:
            return
        try:
            meeting = store.create_meeting(series=answer.series, title=answer.title, date=answer.date)
            if answer.copy_from is not None:
                previous = store.get_meeting(answer.copy_from)
                for person in previous.attendees:
                    store.add_attendee(
                        meeting.id, Attendee(person.name, person.organisation, person.role, "present")
                    )
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.reload(select=meeting.id)
        self.app.push_screen(MeetingScreen(meeting.id, section="attendees"))

    def action_delete(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is None:
            return
        try:
            header = self.app.store.get_header(meeting_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        label = " · ".join(
            p for p in (format_date(header.date), header.series, header.title or "(untitled)") if p
        )

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.app.store.delete_meeting(meeting_id)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
            else:
                self.notify(Text(f"Deleted {visible(label)}").plain, markup=False)
            self.reload()

        self.app.push_screen(ConfirmScreen("Delete this meeting and everything minuted in it?", label), done)
