"""Matters arising: open actions of earlier meetings, with this meeting's progress on each.

Space cycles an action's status (recorded in its history); Enter opens its
progress note for typing, saved as you type like everything else.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from ....continuity import earlier_progress
from ....model import ACTION_STATUS_LABELS, CarriedAction, Meeting
from ....parsing import format_date
from ....text import displayable
from ...widgets.entry import Entry
from ...widgets.rows import Row, RowList
from .actions import ACTION_STYLES
from .panel import SectionPanel

IDLE_TITLE = "Progress note: Enter on an action to write one"


def carried_rows(c: CarriedAction, meeting: Meeting | None = None) -> list[Row]:
    """An action brought forward: what, who, due, where raised; the progress noted at earlier
    meetings (dim, with their dates); then the progress noted here."""
    a = c.action
    label = ACTION_STATUS_LABELS[a.status]
    extra = ""
    if a.owner:
        extra += f" — {a.owner}"
    if a.due:
        extra += f" — by {format_date(a.due)}"
    raised = " ".join(p for p in (format_date(c.raised_on), f"({c.raised_in})" if c.raised_in else "") if p)
    if raised:
        extra += f" — raised {raised}"
    rows = [
        Row(
            f"c{c.id}",
            a.text or "(no text)",
            prefix=f"{label:<9}",
            prefix_style=ACTION_STYLES[a.status],
            suffix=extra,
            suffix_style="italic",
            indent=9,
            kind="carried",
            item_id=c.id or 0,
        )
    ]
    for n, event in enumerate(earlier_progress(c, meeting) if meeting is not None else []):
        when = format_date(event.meeting_date) or "Earlier"
        rows.append(
            Row(
                f"e{c.id}.{n}",
                event.note,
                prefix=f"         {when}: ",
                prefix_style="dim",
                style="dim",
                indent=19,
                kind="carried",
                item_id=c.id or 0,
            )
        )
    if c.note:
        rows.append(
            Row(
                f"n{c.id}",
                c.note,
                prefix="         Progress: ",
                prefix_style="dim",
                indent=19,
                kind="carried",
                item_id=c.id or 0,
            )
        )
    return rows


class MattersArisingPanel(SectionPanel):
    kind = "matters_arising"
    item_prefix = "c"

    @property
    def entry_id(self) -> str:
        return f"e-{self.wid}"

    @property
    def carried(self) -> list[CarriedAction]:
        return self.meeting.matters_arising

    def field_ids(self) -> list[str]:
        return [self.entry_id]

    def primary_id(self) -> str:
        return self.entry_id if self.edit_id is not None else str(self.list_id)

    def compose(self) -> ComposeResult:
        yield Static(self.title, classes="panel-title", markup=False)
        yield RowList(
            empty="No open actions were brought forward from earlier meetings.",
            can_toggle=True,
            can_move=False,
            can_delete=False,
            id=self.list_id,
        )
        yield Entry(placeholder="Progress reported at this meeting", clears=True, id=self.entry_id)

    def load(self) -> None:
        self.fields.register(self.entry_id, self._save)
        self._show_all()
        entry = self.q(self.entry_id)
        entry.border_title = IDLE_TITLE
        entry.disabled = True

    def apply_read_only(self, read_only: bool, hold: bool = False) -> None:
        """The progress note is open only while an action's note is being written."""
        self.q(self.entry_id).disabled = read_only or self.edit_id is None

    def refresh_rows(self) -> None:
        self._show_all(self.rows().cursor_key)

    def _show_all(self, cursor_key: str | None = None) -> None:
        rows: list[Row] = []
        for c in self.carried:
            rows += carried_rows(c, self.meeting)
        self.rows().set_rows(rows, cursor_key=cursor_key, follow_end=False)

    def _show(self, c: CarriedAction, select: bool = True) -> None:
        rows = self.rows()
        old = [row.key for row in rows.rows if row.kind == "carried" and row.item_id == c.id]
        rows.replace_block(old, carried_rows(c, self.meeting))
        if select:
            rows.select(f"c{c.id}")

    def _save(self, text: str) -> None:
        if self.edit_id is not None:
            self._show(self.session.update_carried(self.edit_id, note=text))

    def commit(self, submitted: str | None = None) -> bool:
        if self.edit_id is None:
            return True
        item = self.edit_id
        if not self.commit_text(self.entry_id, submitted):
            return False
        self.edit_id = None
        self.end_entry(self.entry_id, submitted)
        entry = self.q(self.entry_id)
        entry.border_title = IDLE_TITLE
        entry.disabled = True
        self.set_editing(False)
        rows = self.rows()
        rows.select(f"c{item}")
        self.focus_now(rows)
        rows.action_cursor(sum(1 for row in rows.rows if row.kind == "carried" and row.item_id == item))
        return True

    def edit_row(self, row: Row) -> None:
        if not self.commit():
            return
        c = next(c for c in self.carried if c.id == row.item_id)
        self.edit_id = row.item_id
        entry = self.q(self.entry_id)
        entry.disabled = False
        self.reset_entry(self.entry_id, c.note)
        entry.border_title = Content(f"Progress on: {displayable(c.action.text)[:50]} (Enter: done)")
        self.set_editing(True)
        self.focus_now(entry)

    def item_texts(self, item_id: int) -> dict[str, str] | None:
        c = next((c for c in self.carried if c.id == item_id), None)
        return None if c is None else {self.entry_id: c.note}

    def toggle_row(self, row: Row) -> None:
        if any(c.id == row.item_id for c in self.carried):
            self._show(self.session.cycle_carried_status(row.item_id))

    def delete_question(self, row: Row) -> str | None:
        self.notify(
            "Actions from earlier meetings stay on the list: Space marks one Done or Dropped.", timeout=4
        )
        return None
