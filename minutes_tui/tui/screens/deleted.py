"""Deleted meetings: most recently deleted first; Enter restores one, p purges it for good."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ...model import MeetingSummary
from ...parsing import format_date, single_line
from ...store import StoreError
from ...text import displayable
from .confirm import ConfirmScreen


def meeting_label(date, series: str, title: str) -> str:
    """A meeting as one line: date · series · title (for confirmations and notices)."""
    return " · ".join(p for p in (format_date(date), series, title or "(untitled)") if p)


class DeletedScreen(Screen):
    """The meetings deleted and not yet purged."""

    HELP_TITLE = "Deleted meetings"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the meetings", id="deleted.back"),
        Binding(
            "enter,r", "restore", "Restore", tooltip="Bring the meeting back as it was", id="deleted.restore"
        ),
        Binding(
            "p", "purge", "Purge", tooltip="Remove the meeting for good (asks first)", id="deleted.purge"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.meetings: list[MeetingSummary] = []

    def compose(self) -> ComposeResult:
        yield Static("Deleted meetings", id="home-title", markup=False)
        yield DataTable(id="deleted", cursor_type="row", zebra_stripes=True)
        yield Static(
            "Nothing deleted. Deleted meetings wait here until restored or purged.",
            id="deleted-empty",
            markup=False,
            classes="hidden",
        )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#deleted", DataTable)
        table.add_column("Date", key="date", width=10)
        table.add_column("Series", key="series")
        table.add_column("Title", key="title")
        table.add_column("Deleted", key="deleted", width=16)
        self.reload()
        self.set_focus(table)

    def reload(self) -> None:
        table = self.query_one("#deleted", DataTable)
        row = table.cursor_row
        try:
            self.meetings = self.app.store.deleted_meetings()
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        table.clear()
        for m in self.meetings:
            table.add_row(
                Text(format_date(m.date) or "—"),
                Text(single_line(displayable(m.series)) or "—"),
                Text(single_line(displayable(m.title)) or "(untitled)"),
                Text(m.deleted.strftime("%d/%m/%Y %H:%M") if m.deleted else ""),
                key=str(m.id),
            )
        if self.meetings:
            table.move_cursor(row=min(row, len(self.meetings) - 1))
        self.query_one("#deleted-empty").set_class(bool(self.meetings), "hidden")
        table.set_class(not self.meetings, "hidden")

    def selected(self) -> MeetingSummary | None:
        table = self.query_one("#deleted", DataTable)
        if not self.meetings:
            return None
        return self.meetings[min(table.cursor_row, len(self.meetings) - 1)]

    @on(DataTable.RowSelected, "#deleted")
    def _row_selected(self) -> None:
        self.action_restore()

    def action_back(self) -> None:
        self.dismiss()

    def action_restore(self) -> None:
        meeting = self.selected()
        if meeting is None:
            return
        try:
            self.app.store.restore_meeting(meeting.id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
        else:
            label = meeting_label(meeting.date, meeting.series, meeting.title)
            self.notify(f"Restored {displayable(single_line(label))}", markup=False)
        self.reload()

    def action_purge(self) -> None:
        meeting = self.selected()
        if meeting is None:
            return
        label = meeting_label(meeting.date, meeting.series, meeting.title)

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.app.store.purge_meeting(meeting.id)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
            else:
                self.notify(f"Purged {displayable(single_line(label))}", markup=False)
            self.reload()

        self.app.push_screen(
            ConfirmScreen(
                "Remove this meeting and everything minuted in it for good? It cannot be restored.", label
            ),
            done,
        )
