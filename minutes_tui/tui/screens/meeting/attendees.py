"""Who came: attendees typed as ``Name (Organisation)``, their attendance cycled with Space."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Static

from ....model import ATTENDANCE, ATTENDANCE_LABELS, Attendee
from ....parsing import format_attendee, parse_attendee, people_completions
from ...widgets.entry import Entry
from ...widgets.rows import Row, RowList
from .editing import Editor
from .panel import SectionPanel

ATTENDANCE_STYLES = {
    "present": "bold green",
    "apologies": "yellow",
    "absent": "red",
    "in_attendance": "cyan",
}


def attendee_row(a: Attendee) -> Row:
    label = ATTENDANCE_LABELS[a.attendance]
    return Row(
        f"a{a.id}",
        a.label or "(blank)",
        prefix=f"{label:<14}",
        prefix_style=ATTENDANCE_STYLES[a.attendance],
        indent=14,
    )


class AttendeesPanel(SectionPanel):
    kind = "attendees"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: The attendee in the entry (None: a new one, not yet in the database).
        self.edit_id: int | None = None

    @property
    def entry_id(self) -> str:
        return "e-attendees"

    def field_ids(self) -> list[str]:
        return [self.entry_id]

    def compose(self) -> ComposeResult:
        with Vertical(id=self.panel_id, classes="panel"):
            yield Static(
                "Attendees: Name (Organisation), Name, Organisation, or an organisation",
                classes="panel-title",
                markup=False,
            )
            yield RowList(empty="No one yet.", can_toggle=True, id=self.list_id)
            yield Entry(
                placeholder="e.g. Priya (Cogent SSC)   → accepts a suggestion",
                clears=True,
                id=self.entry_id,
            )

    def load(self, people: list[tuple[str, str]]) -> None:
        self.screen.editors[self.entry_id] = Editor(self._save)
        entry = self.q(self.entry_id)
        entry.suggester = SuggestFromList(people_completions(people), case_sensitive=False)
        self.rows().set_rows([attendee_row(a) for a in self.meeting.attendees], follow_end=True)
        entry.border_title = "Add attendee"

    def _save(self, text: str) -> None:
        name, org = parse_attendee(text)
        people = self.meeting.attendees
        if self.edit_id is None:
            if not text.strip():
                return
            saved = self.store.add_attendee(self.meeting_id, Attendee(name, org))
            self.edit_id = saved.id
            people.append(saved)
        else:
            saved = self.store.update_attendee(self.edit_id, name=name, organisation=org)
            index = self.find(people, saved.id)
            if index is not None:
                people[index] = saved
        rows = self.rows()
        rows.put(attendee_row(saved))
        rows.select(f"a{saved.id}")
        self.screen.attendees_changed()

    def commit(self, submitted: str | None = None) -> bool:
        item = self.edit_id
        if not self.screen.commit_text(self.entry_id, submitted):
            return False
        self.edit_id = None
        if item is not None and not self.screen.editors[self.entry_id].saved.strip():
            self.screen.guard(self.delete_item, "a", item)
        self.screen.end_entry(self.entry_id, submitted)
        self.q(self.entry_id).border_title = "Add attendee"
        self.screen.attendees_changed(people_done=True)
        self.set_editing(False)
        return True

    def submitted(self, key: str, value: str) -> None:
        self.commit(value)

    def stop_editing(self) -> None:
        self.commit()

    def edit_row(self, kind: str, item_id: int) -> None:
        if not self.commit():
            return
        person = next(a for a in self.meeting.attendees if a.id == item_id)
        self.edit_id = item_id
        self.screen.reset_entry(self.entry_id, format_attendee(person.name, person.organisation))
        self.q(self.entry_id).border_title = "Editing attendee (Esc: done)"
        self.set_editing(True)
        self.screen.focus_now(self.q(self.entry_id))

    def toggle_row(self, kind: str, item_id: int) -> None:
        people = self.meeting.attendees
        index = self.find(people, item_id)
        current = people[index].attendance
        nxt = ATTENDANCE[(ATTENDANCE.index(current) + 1) % len(ATTENDANCE)]
        people[index] = self.store.update_attendee(item_id, attendance=nxt)
        self.rows().put(attendee_row(people[index]))
        self.screen.attendees_changed()

    def delete_question(self, kind: str, item_id: int) -> str | None:
        return "Delete this attendee?"

    def delete_item(self, kind: str, item_id: int) -> None:
        self.store.delete_attendee(item_id)
        self.meeting.attendees = [a for a in self.meeting.attendees if a.id != item_id]
        self.rows().remove(f"a{item_id}")
        self.screen.attendees_changed()
        if self.edit_id == item_id:
            self.edit_id = None
            self.screen.reset_entry(self.entry_id)

    def move_row(self, kind: str, item_id: int, delta: int, key: str) -> None:
        self.move_in(self.meeting.attendees, item_id, delta, self.store.move_attendee)
        self.rows().set_rows([attendee_row(a) for a in self.meeting.attendees], cursor_key=key)
        self.screen.attendees_changed()
