"""Agreed actions: what, who, by when; Space cycles the status."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from ....model import ACTION_STATUS_LABELS, Action
from ....parsing import DateError, format_date, owner_completions, parse_date
from ...widgets.entry import Entry
from ...widgets.rows import Row, RowList
from .editing import Editor
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
    )


class ActionsPanel(SectionPanel):
    kind = "actions"

    def field_ids(self) -> list[str]:
        return [f"e-action-{f}" for f in FIELDS]

    def primary_id(self) -> str:
        return "e-action-text"

    def next_fields(self) -> dict[str, str]:
        return {"e-action-text": "e-action-owner", "e-action-owner": "e-action-due"}

    def compose(self) -> ComposeResult:
        with Vertical(id=self.panel_id, classes="panel"):
            yield Static(self.title, classes="panel-title", markup=False)
            yield RowList(empty="No actions yet.", can_toggle=True, id=self.list_id)
            with Horizontal(id="action-fields"):
                yield Entry(placeholder="What", id="e-action-text")
                yield Entry(placeholder="Who", id="e-action-owner")
                yield Entry(placeholder="dd/mm/yyyy", ends_item=self._due_entered, id="e-action-due")
            yield Static("", id="e-action-due-error", classes="field-error", markup=False)

    def load(self, people: list[tuple[str, str]]) -> None:
        for field in FIELDS:
            self.screen.editors[f"e-action-{field}"] = Editor(self._saver(field))
        self.q("e-action-text").border_title = "New action"
        self.q("e-action-owner").border_title = "Owner"
        self.q("e-action-due").border_title = "Due"
        self.update_owner_suggestions(people)
        self.rows().set_rows([action_row(a) for a in self.meeting.actions])

    def refresh_rows(self) -> None:
        rows = self.rows()
        rows.set_rows([action_row(a) for a in self.meeting.actions], cursor_key=rows.cursor_key)

    def update_owner_suggestions(self, people: list[tuple[str, str]] | None = None) -> None:
        pairs = [(a.name, a.organisation) for a in self.meeting.attendees]
        if people is None:
            people = self.session.known_people
        self.screen.query_one("#e-action-owner", Input).suggester = SuggestFromList(
            owner_completions(pairs + list(people)), case_sensitive=False
        )

    def _saver(self, field: str) -> Callable[[str], None]:
        def save(text: str) -> None:
            value = parse_date(text) if field == "due" else text
            editors = self.screen.editors
            if self.edit_id is None:
                if not (value.strip() if isinstance(value, str) else value):
                    return
                values = {
                    "text": editors["e-action-text"].text,
                    "owner": editors["e-action-owner"].text,
                    "due": None,
                }
                if field != "due":
                    with contextlib.suppress(DateError):
                        values["due"] = parse_date(editors["e-action-due"].text)
                values[field] = value
                saved = self.session.add_action(Action(**values))
                self.edit_id = saved.id
            else:
                saved = self.session.update_action(self.edit_id, **{field: value})
            rows = self.rows()
            rows.put(action_row(saved))
            rows.select(f"x{saved.id}")

        return save

    def commit(self) -> bool:
        screen = self.screen
        ok = True
        for field in FIELDS:
            ok = screen.flush_one(f"e-action-{field}") and ok
        if not ok:
            if "e-action-due" in screen.invalid:
                screen.notify(
                    screen.field_errors.get("e-action-due", ""),
                    title="Due date",
                    severity="error",
                    markup=False,
                )
                screen.focus_now(self.q("e-action-due"))
            return False
        for field in FIELDS:
            screen.reset_entry(f"e-action-{field}")
        self.edit_id = None
        self.q("e-action-text").border_title = "New action"
        self.set_editing(False)
        return True

    def _due_entered(self) -> Input | None:
        """Enter in the due date, handled in order with the keys: the action is saved now and
        the next one starts in "What", which takes whatever is typed next."""
        due = self.q("e-action-due")
        for field in FIELDS:  # the fields as they are now (their messages may be on their way)
            self.screen.editors[f"e-action-{field}"].text = self.screen.query_one(
                f"#e-action-{field}", Input
            ).value
        if not self.commit():
            return None
        if self.screen.focused is not due:  # a key such as F3 moved on already
            return None
        text = self.screen.query_one("#e-action-text", Input)
        self.screen.focus_now(text)
        return text

    def submitted(self, key: str, value: str) -> None:
        if key == "e-action-text":
            self.screen.flush_one(key)
            self.screen.focus_now(self.q("e-action-owner"))
        elif key == "e-action-owner":
            self.screen.flush_one(key)
            self.screen.focus_now(self.q("e-action-due"))
        elif key == "e-action-due" and self.commit():
            self.screen.focus_now(self.q("e-action-text"))

    def edit_row(self, kind: str, item_id: int) -> None:
        if not self.commit():
            return
        action = next(a for a in self.meeting.actions if a.id == item_id)
        self.edit_id = item_id
        self.screen.reset_entry("e-action-text", action.text)
        self.screen.reset_entry("e-action-owner", action.owner)
        self.screen.reset_entry("e-action-due", format_date(action.due))
        self.q("e-action-text").border_title = "Editing action (Esc: done)"
        self.set_editing(True)
        self.screen.focus_now(self.q("e-action-text"))

    def toggle_row(self, kind: str, item_id: int) -> None:
        self.rows().put(action_row(self.session.cycle_action_status(item_id)))

    def delete_question(self, kind: str, item_id: int) -> str | None:
        return "Delete this action?"

    def delete_item(self, kind: str, item_id: int) -> None:
        self.session.delete_action(item_id)
        self.rows().remove(f"x{item_id}")
        if self.edit_id == item_id:
            self.edit_id = None
            for field in FIELDS:
                self.screen.reset_entry(f"e-action-{field}")

    def move_row(self, kind: str, item_id: int, delta: int, key: str) -> None:
        if self.session.move_action(item_id, delta):
            self.rows().set_rows([action_row(a) for a in self.meeting.actions], cursor_key=key)

    # -- filing (the session has already done it; these keep the rows in step) ---------

    def add_filed(self, action: Action) -> None:
        self.rows().put(action_row(action))

    def forget(self, item_id: int) -> None:
        self.rows().remove(f"x{item_id}")
        if self.edit_id == item_id:
            self.edit_id = None
            for field in FIELDS:
                self.screen.reset_entry(f"e-action-{field}")
            self.q("e-action-text").border_title = "New action"
            self.set_editing(False)
