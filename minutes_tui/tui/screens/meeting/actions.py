"""Agreed actions: what, who, by when; Space cycles the status."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from ....model import ACTION_STATUS_LABELS, Action
from ....parsing import DateError, format_date, owner_completions, parse_date
from ....prefixes import due_date
from ....session.recovery import Kept
from ...widgets.entry import Entry
from ...widgets.rows import Row, RowList
from .panel import SectionPanel

ACTION_STYLES = {"open": "bold", "done": "green", "on_hold": "yellow", "dropped": "dim"}
FIELDS = ("text", "owner", "due")


def action_row(a: Action) -> Row:
    label = ACTION_STATUS_LABELS[a.status]
    extra = ""
    if a.owner:
        extra += f" — {a.owner}"
    if a.due:
        extra += f" — by {format_date(a.due)}"
    return Row(
        f"x{a.id}",
        a.text or "(no text)",
        prefix=f"{label:<9}",
        prefix_style=ACTION_STYLES[a.status],
        suffix=extra,
        suffix_style="italic",
        indent=9,
        kind="action",
        item_id=a.id or 0,
    )


class ActionsPanel(SectionPanel):
    kind = "actions"
    item_prefix = "x"
    _owners_stale = False

    def field_ids(self) -> list[str]:
        return [f"e-action-{f}" for f in FIELDS]

    def primary_id(self) -> str:
        return "e-action-text"

    def next_fields(self) -> dict[str, str]:
        return {"e-action-text": "e-action-owner", "e-action-owner": "e-action-due"}

    def compose(self) -> ComposeResult:
        yield Static(self.title, classes="panel-title", markup=False)
        yield RowList(empty="No actions yet.", can_toggle=True, id=self.list_id)
        with Horizontal(id="action-fields"):
            yield Entry(placeholder="What", id="e-action-text")
            yield Entry(placeholder="Who", id="e-action-owner")
            yield Entry(placeholder="dd/mm/yyyy", ends_item=self._due_entered, id="e-action-due")
        yield Static("", id="e-action-due-error", classes="field-error", markup=False)

    def load(self) -> None:
        for field in FIELDS:
            self.fields.register(f"e-action-{field}", self._saver(field))
        self.q("e-action-text").border_title = "New action"
        self.q("e-action-owner").border_title = "Owner"
        self.q("e-action-due").border_title = "Due"
        self.update_owner_suggestions()
        self.rows().set_rows([action_row(a) for a in self.meeting.actions])

    def refresh_rows(self) -> None:
        rows = self.rows()
        rows.set_rows([action_row(a) for a in self.meeting.actions], cursor_key=rows.cursor_key)

    def shown(self) -> None:
        if self._owners_stale:
            self.update_owner_suggestions()

    def people_changed(self) -> None:
        """The attendees changed: owners are suggested from them when this section is next shown."""
        self._owners_stale = True

    def update_owner_suggestions(self) -> None:
        self._owners_stale = False
        pairs = [(a.name, a.organisation) for a in self.meeting.attendees]
        self.entry("e-action-owner").suggester = SuggestFromList(
            owner_completions(pairs + list(self.session.known_people)), case_sensitive=False
        )

    def _saver(self, field: str) -> Callable[[str], None]:
        def save(text: str) -> None:
            value = self._due(text) if field == "due" else text
            if self.edit_id is None:
                if not (value.strip() if isinstance(value, str) else value):
                    return
                values = {
                    "text": self.fields.text("e-action-text"),
                    "owner": self.fields.text("e-action-owner"),
                    "due": None,
                }
                if field != "due":
                    with contextlib.suppress(DateError):
                        values["due"] = self._due(self.fields.text("e-action-due"))
                values[field] = value
                saved = self.session.add_action(Action(**values))
                self.edit_id = saved.id
            else:
                saved = self.session.update_action(self.edit_id, **{field: value})
            rows = self.rows()
            rows.put(action_row(saved))
            rows.select(f"x{saved.id}")

        return save

    def _due(self, text: str) -> dt.date | None:
        """The date typed in Due: dd/mm/yyyy, or what ``due:`` takes in a point (30/04, fri,
        +2w, eom), counted from the meeting's date."""
        try:
            return parse_date(text)
        except DateError:
            try:
                return due_date(text, self.meeting.date or self.session.today)
            except DateError:
                raise DateError(
                    f"{text.strip()!r} is not a date: use dd/mm/yyyy, 30/04, fri, +2w or eom"
                ) from None

    def commit(self, submitted: str | None = None) -> bool:
        ok = True
        for field in FIELDS:
            ok = self.save_field(f"e-action-{field}") and ok
        if not ok:
            if "e-action-due" in self.fields.invalid:
                self.notify(
                    self.fields.errors.get("e-action-due", ""),
                    title="Due date",
                    severity="error",
                    markup=False,
                )
                self.focus_now(self.q("e-action-due"))
            return False
        for field in FIELDS:
            self.reset_entry(f"e-action-{field}")
        self.edit_id = None
        self.q("e-action-text").border_title = "New action"
        self.set_editing(False)
        return True

    def _due_entered(self) -> Input | None:
        """Enter in the due date, handled in order with the keys: the action is saved now and
        the next one starts in "What", which takes whatever is typed next."""
        due = self.q("e-action-due")
        for field in FIELDS:  # the fields as they are now (their messages may be on their way)
            self.fields.editors[f"e-action-{field}"].text = self.entry(f"e-action-{field}").value
        if not self.commit():
            return None
        if self.screen.focused is not due:  # a key such as F3 moved on already
            return None
        text = self.entry("e-action-text")
        self.focus_now(text)
        return text

    def submitted(self, key: str, value: str) -> None:
        if key == "e-action-text":
            self.save_field(key)
            self.focus_now(self.q("e-action-owner"))
        elif key == "e-action-owner":
            self.save_field(key)
            self.focus_now(self.q("e-action-due"))
        elif key == "e-action-due" and self.commit():
            self.focus_now(self.q("e-action-text"))

    def edit_row(self, row: Row) -> None:
        if not self.commit():
            return
        action = next(a for a in self.meeting.actions if a.id == row.item_id)
        self.edit_id = row.item_id
        self.reset_entry("e-action-text", action.text)
        self.reset_entry("e-action-owner", action.owner)
        self.reset_entry("e-action-due", format_date(action.due))
        self.q("e-action-text").border_title = "Editing action (Esc: done)"
        self.set_editing(True)
        self.focus_now(self.q("e-action-text"))

    def item_texts(self, item_id: int) -> dict[str, str] | None:
        action = next((a for a in self.meeting.actions if a.id == item_id), None)
        if action is None:
            return None
        return {
            "e-action-text": action.text,
            "e-action-owner": action.owner,
            "e-action-due": format_date(action.due),
        }

    def restore(self, kept: Kept, batch: Sequence[Kept] = ()) -> str:
        """As :meth:`SectionPanel.restore`; an action kept beside theirs (changed since) has
        their owner and due date, unless those were recovered too."""
        outcome = super().restore(kept, batch)
        theirs = self.item_texts(kept.item) if kept.item and outcome == "new" else None
        for key, text in (theirs or {}).items():
            if not self.fields.needs_saving(key) and not self.fields.text(key):
                self.reset_entry(key, text)
        return outcome

    def toggle_row(self, row: Row) -> None:
        self.rows().put(action_row(self.session.cycle_action_status(row.item_id)))

    def delete_question(self, row: Row) -> str | None:
        return "Delete this action?"

    def delete_row(self, row: Row) -> None:
        self.session.delete_action(row.item_id)
        self.forget(row.item_id)

    def move_row(self, row: Row, delta: int) -> None:
        if self.session.move_action(row.item_id, delta):
            self.rows().set_rows([action_row(a) for a in self.meeting.actions], cursor_key=row.key)

    # -- filing (the session has already done it; these keep the rows in step) ---------

    def add_filed(self, action: Action) -> None:
        self.rows().put(action_row(action))

    def forget(self, item_id: int) -> None:
        self.rows().remove(f"x{item_id}")
        if self.edit_id == item_id:
            self.edit_id = None
            for field in FIELDS:
                self.reset_entry(f"e-action-{field}")
            self.q("e-action-text").border_title = "New action"
            self.set_editing(False)
