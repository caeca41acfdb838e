"""A new meeting: series, title, date; in an existing series, offers to bring forward
its last attendee list and its open actions (as matters arising)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Static

from ...continuity import recorded_next_date
from ...parsing import DateError, format_date, parse_date
from ...store import StoreError
from ...text import displayable
from ..typeahead import TypeAhead
from ..widgets.entry import Entry


@dataclass
class NewMeeting:
    series: str
    title: str
    date: dt.date | None
    copy_from: int | None
    #: Start the next meeting of an existing series (``series`` is its stored name):
    #: its last attendee list and every open action come forward.
    bring_forward: bool = False


class NewMeetingScreen(TypeAhead, ModalScreen[NewMeeting | None]):
    TYPE_AHEAD = "#new-series"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "create", "Create", tooltip="Create the meeting"),
        Binding("enter", "next_field", "Next field", show=False, priority=True),
        # Tab and Shift+Tab move at once too: typed fast, a title no longer lands in the series.
        Binding("tab", "app.focus_next", "Next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous", show=False, priority=True),
    ]

    def __init__(self, series_names: list[str]) -> None:
        super().__init__()
        self.series_names = series_names
        self._previous: int | None = None
        self._series: str | None = None
        #: The date the dialog filled in itself (today, or the series' recorded next date):
        #: replaced when the series changes, never once the user has typed a date.
        self._auto_date = format_date(dt.date.today())

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("New meeting", classes="dialog-title", markup=False)
            yield Label("Series or body (→ accepts a suggestion)")
            yield Entry(
                placeholder="e.g. North West Chemicals Skills Alliance",
                suggester=SuggestFromList(self.series_names, case_sensitive=False),
                id="new-series",
            )
            yield Label("Title")
            yield Entry(placeholder="e.g. Apprenticeships Workshop", id="new-title")
            yield Label("Date (dd/mm/yyyy)")
            yield Entry(self._auto_date, id="new-date")
            yield Static("", id="new-date-error", classes="field-error", markup=False)
            yield Checkbox("", value=True, id="new-copy", classes="hidden")
            with Horizontal(id="buttons"):
                yield Button("Create (Ctrl+S)", variant="primary", id="create")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#new-series"))

    @on(Input.Changed, "#new-series")
    def _series_changed(self, event: Input.Changed) -> None:
        box = self.query_one("#new-copy", Checkbox)
        self._previous = self._series = None
        series = event.value.strip()
        match = next((s for s in self.series_names if s.casefold() == series.casefold()), None)
        latest = None
        if match:
            try:
                latest = self.app.store.latest_in_series(match)
                still_to_do, _late = self.app.store.count_actions(series=match, still_to_do=True)
            except StoreError:
                latest, still_to_do = None, 0
            if latest is not None and (latest.attendees or still_to_do):
                self._previous, self._series = latest.id, match
                when = format_date(latest.date) or displayable(latest.title) or "the last meeting"
                n = len(latest.attendees)
                box.label = Content(
                    f"Copy the {n} attendee{'s' if n != 1 else ''} of {when} "
                    f"+ {still_to_do} open action{'s' if still_to_do != 1 else ''}"
                )
        box.set_class(self._previous is None, "hidden")
        self._default_date(recorded_next_date(latest) or dt.date.today())

    def _default_date(self, day: dt.date) -> None:
        """Show ``day`` as the date unless the user has typed one."""
        field = self.query_one("#new-date", Input)
        if field.value.strip() == self._auto_date:
            self._auto_date = format_date(day)
            field.value = self._auto_date

    def action_next_field(self) -> None:
        """Enter: on to the next field (at once, so fast typing lands in it), or create."""
        order = ["new-series", "new-title", "new-date"]
        focused = self.focused
        if focused is None or focused.id not in order[:-1]:
            raise SkipAction()  # the date field's own Enter creates, after the keys before it
        self.set_focus(self.query_one(f"#{order[order.index(focused.id) + 1]}"))

    @on(Input.Submitted, "#new-date")
    def _date_submitted(self) -> None:
        self.action_create()

    @on(Button.Pressed, "#create")
    def _create_pressed(self) -> None:
        self.action_create()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_create(self) -> None:
        try:
            date = parse_date(self.query_one("#new-date", Input).value)
        except DateError as exc:
            self.query_one("#new-date-error", Static).update(str(exc))
            self.query_one("#new-date").focus()
            return
        copy = self._previous is not None and self.query_one("#new-copy", Checkbox).value
        series = self.query_one("#new-series", Input).value.strip()
        self.dismiss(
            NewMeeting(
                series=self._series if copy and self._series else series,
                title=self.query_one("#new-title", Input).value.strip(),
                date=date,
                copy_from=self._previous if copy else None,
                bring_forward=bool(copy and self._series),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
