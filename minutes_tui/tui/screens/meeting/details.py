"""The meeting's details: series, title, date, time, place, chair, minute-taker, next meeting."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Static

from ....parsing import format_date, parse_date
from ...widgets.entry import Entry
from .editing import Editor
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
    panel.screen.editors[f"f-{name}"] = Editor(header_saver(panel, name), text, text)
    panel.q(f"f-{name}").value = text


def header_saver(panel: SectionPanel, name: str) -> Callable[[str], None]:
    def save(text: str) -> None:
        value = parse_date(text) if name in DATE_FIELDS else text
        panel.session.update_header(name, value)
        if name in ("series", "title", "date"):
            panel.screen.show_label()

    return save


class DetailsPanel(SectionPanel):
    """The header fields; ↑/↓ and Enter move between them.

    The next meeting's date is here unless the layout has a Next steps section
    (which then shows it above its points).
    """

    kind = "details"

    def __init__(self, *args, with_next_meeting: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields = list(DETAIL_FIELDS)
        if with_next_meeting:
            self.fields.append(("next_meeting", "Next meeting"))

    @property
    def list_id(self) -> str | None:
        return None

    def field_ids(self) -> list[str]:
        return [f"f-{name}" for name, _ in self.fields]

    def primary_id(self) -> str:
        return "f-series"

    def next_fields(self) -> dict[str, str]:
        ids = self.field_ids()
        return {**dict(zip(ids, ids[1:])), ids[-1]: ids[-1]}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id=self.panel_id, classes="panel"):
            yield Static("Meeting details", classes="panel-title", markup=False)
            for name, label in self.fields:
                yield from compose_field(name, label)
            yield Static(
                "Dates: dd/mm/yyyy or yyyy-mm-dd. ↑/↓ move between fields.",
                classes="hint",
                markup=False,
            )

    def load(self, people: list[tuple[str, str]]) -> None:
        for name, _label in self.fields:
            load_field(self, name)

    def move_focus(self, focused_id: str, delta: int) -> None:
        ids = self.field_ids()
        index = ids.index(focused_id) if focused_id in ids else 0
        self.screen.focus_now(self.q(ids[max(0, min(index + delta, len(ids) - 1))]))

    def submitted(self, key: str, value: str) -> None:
        self.screen.flush_one(key)
        if self.screen.section == "details":
            self.move_focus(key, 1)
