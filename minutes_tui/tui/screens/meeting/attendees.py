"""Who came: attendees typed as ``Name (Organisation)``, their attendance cycled with Space.

As it happens: a late arrival and an early departure get the time (``i`` / ``l`` in the
list), a substitute whom they stand in for (``b``), and anyone a declaration of interest
(``d``); declarations show as rows under their attendee. ``m`` gives an e-mail address.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Static

from ....model import ATTENDANCE_LABELS, Attendee, Declaration, ModelError
from ....parsing import format_attendee, parse_attendee, people_completions
from ....store import StoreError
from ...widgets.entry import Entry
from ...widgets.rows import Row, RowList
from ..prompt import PromptScreen
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
    if a.email:
        extra += f" <{a.email}>"
    if a.voting:
        extra += " · voting"
    return Row(
        f"a{a.id}",
        a.label or "(blank)",
        prefix=f"{label:<14}",
        prefix_style=ATTENDANCE_STYLES[a.attendance],
        suffix=extra,
        suffix_style="italic",
        indent=14,
        kind="attendee",
        item_id=a.id or 0,
    )


def declaration_row(d: Declaration) -> Row:
    item = f"{d.item}: " if d.item else ""
    return Row(
        f"c{d.id}",
        f"{item}{d.text}",
        prefix=" " * 14 + "Interest  ",
        prefix_style="magenta",
        indent=24,
        kind="declaration",
        item_id=d.id or 0,
    )


class AttendeesPanel(SectionPanel):
    kind = "attendees"
    item_prefix = "a"
    BINDINGS = [
        Binding(
            "v",
            "voting",
            "Voting",
            tooltip="Attendees list: a voting member or not (quorum)",
            id="att.voting",
        )
    ]

    @dataclass
    class Changed(Message):
        """The attendance list changed; ``done`` once an attendee is finished (Enter)."""

        done: bool = False

    @property
    def entry_id(self) -> str:
        return "e-attendees"

    def field_ids(self) -> list[str]:
        return [self.entry_id]

    def compose(self) -> ComposeResult:
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

    def load(self) -> None:
        self.fields.register(self.entry_id, self._save)
        entry = self.q(self.entry_id)
        entry.suggester = SuggestFromList(people_completions(self.session.known_people), case_sensitive=False)
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

    def refresh_rows(self) -> None:
        self.show_rows()

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
        self.post_message(self.Changed())

    def commit(self, submitted: str | None = None) -> bool:
        item = self.edit_id
        if not self.commit_text(self.entry_id, submitted):
            return False
        self.edit_id = None
        if item is not None and not self.fields.saved(self.entry_id).strip():
            self.guard(self._delete_attendee, item)
        self.end_entry(self.entry_id, submitted)
        self.q(self.entry_id).border_title = "Add attendee"
        self.post_message(self.Changed(done=True))
        self.set_editing(False)
        return True

    def edit_row(self, row: Row) -> None:
        if row.kind == "declaration":
            self.edit_declaration(row.item_id)
            return
        if not self.commit():
            return
        person = next(a for a in self.meeting.attendees if a.id == row.item_id)
        self.edit_id = row.item_id
        self.reset_entry(self.entry_id, format_attendee(person.name, person.organisation))
        self.q(self.entry_id).border_title = "Editing attendee (Esc: done)"
        self.set_editing(True)
        self.focus_now(self.q(self.entry_id))

    def item_texts(self, item_id: int) -> dict[str, str] | None:
        person = next((a for a in self.meeting.attendees if a.id == item_id), None)
        return None if person is None else {self.entry_id: format_attendee(person.name, person.organisation)}

    def toggle_row(self, row: Row) -> None:
        if row.kind != "attendee":
            return
        self.rows().put(attendee_row(self.session.cycle_attendance(row.item_id)))
        self.post_message(self.Changed())

    def delete_question(self, row: Row) -> str | None:
        if row.kind == "declaration":
            return "Delete this declaration of interest?"
        return "Delete this attendee (and any interest they declared)?"

    def delete_row(self, row: Row) -> None:
        if row.kind == "declaration":
            self.session.delete_declaration(row.item_id)
            self.rows().remove(row.key)
        else:
            self._delete_attendee(row.item_id)

    def _delete_attendee(self, attendee_id: int) -> None:
        for d in self.session.delete_attendee(attendee_id):
            self.rows().remove(f"c{d.id}")
        self.rows().remove(f"a{attendee_id}")
        self.post_message(self.Changed())
        if self.edit_id == attendee_id:
            self.edit_id = None
            self.reset_entry(self.entry_id)

    def move_row(self, row: Row, delta: int) -> None:
        if row.kind == "attendee" and self.session.move_attendee(row.item_id, delta):
            self.show_rows(cursor_key=row.key)
            self.post_message(self.Changed())

    # -- as it happens: arrival, departure, on behalf of, declarations -------------------

    def highlighted(self) -> Attendee | None:
        """The attendee on the list's cursor (or the one whose declaration it is on)."""
        row = self.rows().cursor_row
        if row is None:
            return None
        if row.kind == "declaration":
            d = next((d for d in self.meeting.declarations if d.id == row.item_id), None)
            attendee_id = d.attendee_id if d else None
        else:
            attendee_id = row.item_id
        return next((a for a in self.meeting.attendees if a.id == attendee_id), None)

    def _update(self, attendee: Attendee, **fields) -> bool:
        try:
            saved = self.session.update_attendee(attendee.id, **fields)
        except (StoreError, ModelError) as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        self.rows().put(attendee_row(saved))
        self.post_message(self.Changed())  # a late arrival or early departure: the quorum may change
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "voting":
            return self.screen.focused is self.rows() and self.rows().cursor_row is not None
        return True

    def action_voting(self) -> None:
        """``v`` in the list: the attendee is (or is no longer) a voting member (for the quorum)."""
        attendee = self.highlighted()
        if attendee is None or self.session.read_only:
            return
        try:
            saved = self.session.business.set_voting(attendee.id, not attendee.voting)  # type: ignore[arg-type]
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.rows().put(attendee_row(saved))
        self.post_message(self.Changed())

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
        self.run_worker(self._ask_time(attendee, field, what), group="attendance")

    async def _ask_time(self, attendee: Attendee, field: str, what: str) -> None:
        answer = await self.app.push_screen_wait(
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
            self.run_worker(self._ask_behalf(attendee), group="attendance")

    async def _ask_behalf(self, attendee: Attendee) -> None:
        answer = await self.app.push_screen_wait(
            PromptScreen(
                f"{attendee.label or 'This attendee'} is here on behalf of",
                "e.g. Helen (NWDA)   (empty: not a substitute)",
                value=attendee.on_behalf_of,
                allow_empty=True,
            )
        )
        if answer is not None:
            self._update(attendee, on_behalf_of=answer)

    def ask_email(self) -> None:
        attendee = self.highlighted()
        if attendee is not None:
            self.run_worker(self._ask_email(attendee), group="attendance")

    async def _ask_email(self, attendee: Attendee) -> None:
        answer = await self.app.push_screen_wait(
            PromptScreen(
                f"E-mail address of {attendee.label or 'this attendee'}",
                "e.g. priya@cogent.org.uk   (empty: none)",
                value=attendee.email,
                allow_empty=True,
            )
        )
        if answer is not None:
            self._update(attendee, email=answer)

    def ask_declaration(self) -> None:
        attendee = self.highlighted()
        if attendee is not None:
            self.run_worker(self._ask_declaration(attendee), group="attendance")

    async def _ask_declaration(self, attendee: Attendee) -> None:
        who = attendee.label or "This attendee"
        item = await self.app.push_screen_wait(
            PromptScreen(
                f"{who} declares an interest in which item?",
                "e.g. 8a (an agenda item's number names it), or Item 4: Skills bootcamp contract",
            )
        )
        if item is None:
            return
        text = await self.app.push_screen_wait(
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
            self.notify(str(exc), severity="error", markup=False)
            return
        self.show_rows(cursor_key=f"c{saved.id}")

    def edit_declaration(self, declaration_id: int) -> None:
        self.run_worker(self._edit_declaration(declaration_id), group="attendance")

    async def _edit_declaration(self, declaration_id: int) -> None:
        d = next((d for d in self.meeting.declarations if d.id == declaration_id), None)
        if d is None:
            return
        item = await self.app.push_screen_wait(
            PromptScreen(
                "Declaration of interest: which item?", "e.g. Item 4", value=d.item, allow_empty=True
            )
        )
        if item is None:
            return
        text = await self.app.push_screen_wait(
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
            self.notify(str(exc), severity="error", markup=False)
            return
        self.rows().put(declaration_row(saved))
