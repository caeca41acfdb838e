"""The meeting's details: series, title, date, time, place, chair, minute-taker, next meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Static

from ....model import MeetingEvent
from ....parsing import format_date, parse_date, single_line
from ....store import StoreError
from ....text import displayable
from ...widgets.entry import Entry
from .panel import SectionPanel

DETAIL_FIELDS = (
    ("series", "Series / body"),
    ("title", "Title"),
    ("date", "Date"),
    ("time", "Time"),
    ("place", "Place / host"),
    ("chair", "Chair"),
    ("minute_taker", "Minute-taker"),
)
DATE_FIELDS = ("date", "next_meeting")


def compose_field(name: str, label: str, **kwargs) -> ComposeResult:
    """One labelled header field (and, for dates, the line that says what is wrong)."""
    with Horizontal(classes="field"):
        yield Label(label, classes="field-label")
        yield Entry(id=f"f-{name}", compact=True, classes="field-input", **kwargs)
    if name in DATE_FIELDS:
        yield Static("", id=f"f-{name}-error", classes="field-error", markup=False)


def load_field(panel: SectionPanel, name: str) -> None:
    """Show a header field's value and save what is typed in it."""
    value = getattr(panel.meeting, name)
    text = format_date(value) if name in DATE_FIELDS else (value or "")
    panel.fields.register(f"f-{name}", header_saver(panel, name), text)
    panel.q(f"f-{name}").value = text


def header_saver(panel: SectionPanel, name: str) -> Callable[[str], None]:
    def save(text: str) -> None:
        value = parse_date(text) if name in DATE_FIELDS else text
        panel.session.update_header(name, value)
        if name in ("series", "title", "date"):
            panel.post_message(SectionPanel.HeaderChanged())

    return save


def local_time(when: dt.datetime | None) -> str:
    """A recorded time as the note-taker's clock shows it ("14/03/2025 10:02")."""
    if when is None:
        return "(time not recorded)"
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone().strftime("%d/%m/%Y %H:%M")


def history_text(events: list[MeetingEvent]) -> str:
    """The approve/reopen history as one line, oldest first, the reasons shown literally."""
    if not events:
        return "Never approved"
    parts = []
    for event in events:
        reason = f" ({displayable(single_line(event.reason))})" if event.reason else ""
        by = f" by {displayable(single_line(event.by))}" if event.by else ""
        parts.append(f"{event.event} {local_time(event.at)}{by}{reason}")
    line = "; ".join(parts)
    return line[:1].upper() + line[1:]


class DetailsPanel(SectionPanel):
    """The header fields; ↑/↓ and Enter move between them.

    The next meeting's date is here unless the layout has a Next steps section
    (which then shows it above its points).
    """

    kind = "details"
    DEFAULT_CSS = "DetailsPanel { overflow-y: auto; }"

    def __init__(self, *args, with_next_meeting: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields_shown = list(DETAIL_FIELDS)
        if with_next_meeting:
            self.fields_shown.append(("next_meeting", "Next meeting"))

    @property
    def list_id(self) -> str | None:
        return None

    def field_ids(self) -> list[str]:
        return [f"f-{name}" for name, _ in self.fields_shown]

    def primary_id(self) -> str:
        return "f-series"

    def next_fields(self) -> dict[str, str]:
        ids = self.field_ids()
        return {**dict(zip(ids, ids[1:])), ids[-1]: ids[-1]}

    def compose(self) -> ComposeResult:
        yield Static("Meeting details", classes="panel-title", markup=False)
        yield Static("", id="details-history", classes="hint", markup=False)
        for name, label in self.fields_shown:
            yield from compose_field(name, label)
        yield Static(
            "Dates: dd/mm/yyyy or yyyy-mm-dd. ↑/↓ move between fields.",
            classes="hint",
            markup=False,
        )

    def load(self) -> None:
        for name, _label in self.fields_shown:
            load_field(self, name)
        self.show_history()

    def show_history(self) -> None:
        """The line saying when the minutes were approved and reopened, and why."""
        try:
            text = history_text(self.session.history())
        except StoreError as exc:
            text = f"History not readable: {exc}"
        self.q("details-history").update(text)

    def apply_read_only(self, read_only: bool, hold: bool = False) -> None:
        """Approved or reopened (here or elsewhere): the history has a new line."""
        super().apply_read_only(read_only, hold)
        self.show_history()

    def move_focus(self, focused_id: str, delta: int) -> None:
        ids = self.field_ids()
        index = ids.index(focused_id) if focused_id in ids else 0
        self.focus_now(self.q(ids[max(0, min(index + delta, len(ids) - 1))]))

    def submitted(self, key: str, value: str) -> None:
        self.save_field(key)
        self.move_focus(key, 1)
