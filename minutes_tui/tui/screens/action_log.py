"""The action log: actions across meetings, filtered and sorted, overdue ones standing out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Static

from ...export import ExportError
from ...export.action_log import actions_csv
from ...export.files import unique_path, write_atomically
from ...model import ACTION_STATUS_LABELS, ActionRow
from ...parsing import format_date, single_line
from ...store import StoreError
from ...text import displayable
from ..widgets.entry import Entry

#: Rows added to the table at a time.
BATCH = 60


class ActionLogScreen(Screen):
    """Every action of every meeting; filter by series, owner, still to do and overdue."""

    HELP_TITLE = "Action log"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the meetings", id="log.back"),
        Binding("o", "toggle_open", "Still to do", tooltip="Show only actions still to do", id="log.open"),
        Binding("v", "toggle_overdue", "Overdue", tooltip="Show only overdue actions", id="log.overdue"),
        Binding(
            "s", "next_series", "Series", tooltip="Show one series after another, then all", id="log.series"
        ),
        Binding("slash", "filter_owner", "Owner", tooltip="Filter by owner", id="log.owner"),
        Binding("t", "toggle_sort", "Sort", tooltip="Due date soonest or latest first", id="log.sort"),
        Binding("x", "set_status('done')", "Done", tooltip="Mark the action done", id="log.done"),
        Binding("h", "set_status('on_hold')", "On hold", tooltip="Put the action on hold", id="log.hold"),
        Binding("r", "set_status('open')", "Reopen", tooltip="Mark the action open again", id="log.reopen"),
        Binding("p", "set_status('dropped')", "Drop", tooltip="Mark the action dropped", id="log.drop"),
        Binding("i", "history", "History", tooltip="Show the action's history (or Enter)", id="log.history"),
        Binding("e", "export_csv", "CSV", tooltip="Save the log as a CSV file for Excel", id="log.csv"),
        Binding("end,ctrl+end", "last", "Last", show=False, priority=True),
    ]

    def __init__(self, store=None, *, today: dt.date | None = None) -> None:
        super().__init__()
        self._store = store
        self.today = today or dt.date.today()
        self.still_to_do = False
        self.overdue = False
        self.series: str | None = None
        self.owner = ""
        self.latest_first = False
        self.rows: list[ActionRow] = []
        self.total = 0
        self.late = 0

    @property
    def store(self):
        return self._store or self.app.store

    def compose(self) -> ComposeResult:
        yield Static("Action log", id="log-title", markup=False)
        # An Entry, not a bare Input: what is typed or pasted shows literally (ESC as ␛).
        yield Entry(placeholder="Filter by owner (Enter to apply, Esc to leave)", id="owner-filter")
        yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#actions", DataTable)
        table.add_column("Due", key="due", width=11)
        table.add_column("Status", key="status", width=8)
        table.add_column("Owner", key="owner", width=18)
        table.add_column("Action", key="action")
        table.add_column("Series", key="series", width=18)
        table.add_column("Raised", key="raised", width=10)
        self.reload()
        table.focus()

    # -- loading ------------------------------------------------------------------

    def _filters(self) -> dict:
        return {
            "series": self.series,
            "owner": self.owner or None,
            "still_to_do": self.still_to_do,
            "overdue": self.overdue,
            "today": self.today,
        }

    def reload(self) -> None:
        """Count the actions that match and show the first batch (keeping the cursor's action)."""
        table = self.query_one("#actions", DataTable)
        current = self.selected_row()
        index = table.cursor_row if current is not None else 0
        try:
            self.total, self.late = self.store.count_actions(**self._filters())
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.rows = []
        table.clear()
        self._show_more(index + BATCH)
        self._show_title()
        if current is not None and self.rows:
            target = next((i for i, r in enumerate(self.rows) if r.action.id == current.action.id), index)
            table.move_cursor(row=min(target, len(self.rows) - 1))

    def _show_more(self, upto: int) -> None:
        """Load and show rows up to ``upto``: a long log comes a batch at a time as
        the cursor nears the end, so the first screen comes at once."""
        upto = min(upto, self.total)
        if upto <= len(self.rows):
            return
        try:
            more = self.store.list_actions(
                **self._filters(),
                limit=upto - len(self.rows),
                offset=len(self.rows),
                latest_first=self.latest_first,
            )
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.rows.extend(more)
        self.query_one("#actions", DataTable).add_rows(self._cells(r) for r in more)

    @on(DataTable.RowHighlighted, "#actions")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= len(self.rows) - BATCH // 4:
            self._show_more(len(self.rows) + BATCH)

    def _cells(self, row: ActionRow) -> tuple[Text, ...]:
        a = row.action
        late = row.is_overdue(self.today)
        style = "bold red" if late else ("dim" if a.status in ("done", "dropped") else "")
        due = (format_date(a.due) or "—") + (" !" if late else "")
        return (
            Text(due, style=style),
            Text(ACTION_STATUS_LABELS[a.status], style=style),
            Text(single_line(displayable(a.owner)) or "—", style=style),
            Text(single_line(displayable(a.text)), style=style),
            Text(single_line(displayable(row.series)) or "—", style=style),
            Text(format_date(row.meeting_date) or "—", style=style),
        )

    def _show_title(self) -> None:
        filters = []
        if self.still_to_do:
            filters.append("still to do")
        if self.overdue:
            filters.append("overdue")
        if self.series:
            filters.append(f"series: {displayable(self.series)}")
        if self.owner:
            filters.append(f"owner: {displayable(self.owner)}")
        text = f"Action log · {self.total} action{'s' if self.total != 1 else ''}"
        if self.late:
            text += f" · {self.late} overdue"
        text += f" · {', '.join(filters) if filters else 'all'} · {'latest' if self.latest_first else 'soonest'} due first"
        self.query_one("#log-title", Static).update(Text(text))

    def selected_row(self) -> ActionRow | None:
        table = self.query_one("#actions", DataTable)
        if not table.row_count or not self.rows:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    # -- actions ------------------------------------------------------------------

    def action_back(self) -> None:
        if self.query_one("#owner-filter", Input).has_focus:
            self.query_one("#actions", DataTable).focus()
            return
        self.app.pop_screen()

    def action_last(self) -> None:
        """End: the last action of the whole log (all batches shown first)."""
        owner = self.query_one("#owner-filter", Input)
        if owner.has_focus:
            owner.action_end()
            return
        self._show_more(self.total)
        table = self.query_one("#actions", DataTable)
        if table.row_count:
            table.move_cursor(row=table.row_count - 1)

    def action_toggle_open(self) -> None:
        self.still_to_do = not self.still_to_do
        self.reload()

    def action_toggle_overdue(self) -> None:
        self.overdue = not self.overdue
        self.reload()

    def action_toggle_sort(self) -> None:
        self.latest_first = not self.latest_first
        self.reload()

    def action_next_series(self) -> None:
        names = sorted(self.store.series_names(), key=str.casefold)
        if not names:
            self.notify("No series named yet", markup=False)
            return
        if self.series not in names:
            self.series = names[0]
        else:
            index = names.index(self.series) + 1
            self.series = names[index] if index < len(names) else None
        self.reload()

    def action_filter_owner(self) -> None:
        self.query_one("#owner-filter", Input).focus()

    @on(Input.Submitted, "#owner-filter")
    @on(Input.Changed, "#owner-filter")
    def _owner_changed(self, event: Input.Changed | Input.Submitted) -> None:
        self.owner = event.value.strip()
        self.reload()
        if isinstance(event, Input.Submitted):
            self.query_one("#actions", DataTable).focus()

    def action_set_status(self, status: str) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            self.store.set_action_status(row.action.id, status)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(
            f"{ACTION_STATUS_LABELS[status]}: {single_line(displayable(row.action.text))[:60]}", markup=False
        )
        self.reload()

    def action_history(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            events = self.store.action_history(row.action.id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        lines = []
        for e in events:
            when = e.at.astimezone().strftime("%d/%m/%Y %H:%M") if e.at else ""
            note = f" – {single_line(displayable(e.note))}" if e.note else ""
            lines.append(f"{when}  {e.event} ({ACTION_STATUS_LABELS.get(e.status, e.status)}){note}")
        self.app.push_screen(HistoryScreen(single_line(displayable(row.action.text)), lines))

    @on(DataTable.RowSelected, "#actions")
    def _row_selected(self) -> None:
        self.action_history()

    def action_export_csv(self) -> None:
        """Save every action that matches the filters (not only those shown so far)."""
        try:
            rows = self.store.list_actions(**self._filters(), latest_first=self.latest_first)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._export(rows)

    @work(thread=True, exclusive=True, group="action-log-export")
    def _export(self, rows: list[ActionRow]) -> None:
        text = actions_csv(rows, self.today)
        path = unique_path(Path("exports"), f"actions {self.today.isoformat()}.csv")
        try:
            write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8-sig", newline=""))
        except ExportError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, f"Saved {len(rows)} actions to {path}", markup=False)


class HistoryScreen(ModalScreen[None]):
    """An action's history: raised, updated, closed."""

    BINDINGS = [Binding("escape,enter,q", "close", "Close")]

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__()
        self.heading = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.heading), id="question")
            yield Static(Content("\n".join(self.lines) or "No history recorded."), id="detail")
            yield Static(Content("Esc to close"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
