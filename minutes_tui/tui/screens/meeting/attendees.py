"""Who came: attendees typed as ``Name (Organisation)``, their attendance cycled with Space.

As it happens: a late arrival and an early departure get the time (``i`` / ``l`` in the
list), a substitute whom they stand in for (``b``), and anyone a declaration of interest
(``d``); declarations show as rows under their attendee.
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Static

from ....model import ATTENDANCE_LABELS, Attendee, Declaration, ModelError
from ....parsing import format_attendee, parse_attendee, people_completions
from ....store import StoreError
from ...widgets.entry import Entry
from ...widgets.rows import Row, RowList
from ..prompt import PromptScreen
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
    extra = ""
    if a.on_behalf_of:
        extra += f" on behalf of {a.on_behalf_of}"
    if a.arrived:
        extra += f" (from {a.arrived})"
    if a.left:
        extra += f" (left {a.left})"
    return Row(
        f"a{a.id}",
        a.label or "(blank)",
        prefix=f"{label:<14}",
        prefix_style=ATTENDANCE_STYLES[a.attendance],
        suffix=extra,
        suffix_style="italic",
        indent=14,
    )


def declaration_row(d: Declaration) -> Row:
    item = f"{d.item}: " if d.item else ""
    return Row(
        f"c{d.id}",
        f"{item}{d.text}",
        prefix=" " * 14 + "Interest  ",
        prefix_style="magenta",
        indent=24,
    )


class AttendeesPanel(SectionPanel):
    kind = "attendees"

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
        self.show_rows()
        entry.border_title = "Add attendee"

    def all_rows(self) -> list[Row]:
        """Each attendee, then their declarations of interest."""
        declared: dict[int | None, list[Declaration]] = {}
        for d in self.meeting.declarations:
            declared.setdefault(d.attendee_id, []).append(d)
        rows = []
        for a in self.meeting.attendees:
            rows.append(attendee_row(a))
            rows += [declaration_row(d) for d in declared.get(a.id, [])]
        return rows

    def show_rows(self, cursor_key: str | None = None) -> None:
        self.rows().set_rows(self.all_rows(), cursor_key=cursor_key)

    def _save(self, text: str) -> None:
        name, org = parse_attendee(text)
        if self.edit_id is None:
            if not text.strip():
                return
            saved = self.session.add_attendee(Attendee(name, org))
            self.edit_id = saved.id
        else:
            saved = self.session.update_attendee(self.edit_id, name=name, organisation=org)
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

    def edit_row(self, kind: str, item_id: int) -> None:
        if kind == "c":
            self.edit_declaration(item_id)
            return
        if not self.commit():
            return
        person = next(a for a in self.meeting.attendees if a.id == item_id)
        self.edit_id = item_id
        self.screen.reset_entry(self.entry_id, format_attendee(person.name, person.organisation))
        self.q(self.entry_id).border_title = "Editing attendee (Esc: done)"
        self.set_editing(True)
        self.screen.focus_now(self.q(self.entry_id))

    def toggle_row(self, kind: str, item_id: int) -> None:
        if kind != "a":
            return
        self.rows().put(attendee_row(self.session.cycle_attendance(item_id)))
        self.screen.attendees_changed()

    def delete_question(self, kind: str, item_id: int) -> str | None:
        if kind == "c":
            return "Delete this declaration of interest?"
        return "Delete this attendee (and any interest they declared)?"

    def delete_item(self, kind: str, item_id: int) -> None:
        if kind == "c":
            self.session.delete_declaration(item_id)
            self.rows().remove(f"c{item_id}")
            return
        gone = self.session.delete_attendee(item_id)
        for d in gone:
            self.rows().remove(f"c{d.id}")
        self.rows().remove(f"a{item_id}")
        self.screen.attendees_changed()
        if self.edit_id == item_id:
            self.edit_id = None
            self.screen.reset_entry(self.entry_id)

    def move_row(self, kind: str, item_id: int, delta: int, key: str) -> None:
        if kind != "a":
            return
        if self.session.move_attendee(item_id, delta):
            self.show_rows(cursor_key=key)
            self.screen.attendees_changed()

    # -- as it happens: arrival, departure, on behalf of, declarations -------------------

    def highlighted(self) -> Attendee | None:
        """The attendee on the list's cursor (or the one whose declaration it is on)."""
        key = self.rows().cursor_key or ""
        if key.startswith("c"):
            d = next((d for d in self.meeting.declarations if d.id == int(key[1:])), None)
            attendee_id = d.attendee_id if d else None
        elif key.startswith("a"):
            attendee_id = int(key[1:])
        else:
            return None
        return next((a for a in self.meeting.attendees if a.id == attendee_id), None)

    def _update(self, attendee: Attendee, **fields) -> bool:
        try:
            saved = self.session.update_attendee(attendee.id, **fields)
        except (StoreError, ModelError) as exc:
            self.screen.notify(str(exc), severity="error", markup=False)
            return False
        self.rows().put(attendee_row(saved))
        return True

    def mark_time(self, field: str) -> None:
        """``arrived``/``left``: now; pressed again, the time can be corrected or cleared."""
        attendee = self.highlighted()
        if attendee is None:
            return
        if not getattr(attendee, field):
            now = dt.datetime.now().strftime("%H:%M")
            self._update(attendee, **{field: now})
            return
        what = "arrived" if field == "arrived" else "left"
        self.screen.run_worker(self._ask_time(attendee, field, what), group="attendance")

    async def _ask_time(self, attendee: Attendee, field: str, what: str) -> None:
        answer = await self.screen.app.push_screen_wait(
            PromptScreen(
                f"When {attendee.label or 'this attendee'} {what}",
                "HH:MM, e.g. 10:40 (empty: not noted)",
                value=getattr(attendee, field),
                allow_empty=True,
            )
        )
        if answer is not None:
            self._update(attendee, **{field: answer})

    def ask_behalf(self) -> None:
        attendee = self.highlighted()
        if attendee is not None:
            self.screen.run_worker(self._ask_behalf(attendee), group="attendance")

    async def _ask_behalf(self, attendee: Attendee) -> None:
        answer = await self.screen.app.push_screen_wait(
            PromptScreen(
                f"{attendee.label or 'This attendee'} is here on behalf of",
                "e.g. Helen (NWDA)   (empty: not a substitute)",
                value=attendee.on_behalf_of,
                allow_empty=True,
            )
        )
        if answer is not None:
            self._update(attendee, on_behalf_of=answer)

    def ask_declaration(self) -> None:
        attendee = self.highlighted()
        if attendee is not None:
            self.screen.run_worker(self._ask_declaration(attendee), group="attendance")

    async def _ask_declaration(self, attendee: Attendee) -> None:
        who = attendee.label or "This attendee"
        item = await self.screen.app.push_screen_wait(
            PromptScreen(
                f"{who} declares an interest in which item?", "e.g. Item 4: Skills bootcamp contract"
            )
        )
        if item is None:
            return
        text = await self.screen.app.push_screen_wait(
            PromptScreen(
                f"{who}'s interest in {item}",
                "e.g. Director of Acme Training Ltd",
                required="Say what the interest is.",
            )
        )
        if text is None:
            return
        try:
            saved = self.session.add_declaration(attendee.id, item, text)
        except StoreError as exc:
            self.screen.notify(str(exc), severity="error", markup=False)
            return
        self.show_rows(cursor_key=f"c{saved.id}")

    def edit_declaration(self, declaration_id: int) -> None:
        self.screen.run_worker(self._edit_declaration(declaration_id), group="attendance")

    async def _edit_declaration(self, declaration_id: int) -> None:
        d = next((d for d in self.meeting.declarations if d.id == declaration_id), None)
        if d is None:
            return
        item = await self.screen.app.push_screen_wait(
            PromptScreen(
                "Declaration of interest: which item?", "e.g. Item 4", value=d.item, allow_empty=True
            )
        )
        if item is None:
            return
        text = await self.screen.app.push_screen_wait(
            PromptScreen(
                "The interest",
                "e.g. Director of Acme Training Ltd",
                value=d.text,
                required="Say what the interest is.",
            )
        )
        if text is None:
            return
        try:
            saved = self.session.update_declaration(declaration_id, item=item, text=text)
        except StoreError as exc:
            self.screen.notify(str(exc), severity="error", markup=False)
            return
        self.rows().put(declaration_row(saved))
