"""The agenda items of a board or committee meeting: points typed under the current item.

The current item is highlighted like the round robin's speaker; PgDn/PgUp move along
the agenda from the point field, where Enter saves a point under the current item
(``A:``/``D:``/``@owner``/``due:`` file an action raised under it, or a resolution).
Ctrl+O adds an item, Ctrl+N a resolution, Ctrl+Y "approved as recommended". In the
list: Space takes the highlighted item now, x exempt, v votes (a recorded vote too), c the
closing time, q the series' quorum (also in the palette).
Everything goes through :class:`~minutes_tui.session.business.AgendaSession`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ....agenda import AgendaItem, Resolution
from ....model import Action, ModelError
from ....session.business import CommitteeBusiness
from ....session.recovery import Kept
from ....store import StoreError
from ....store.agenda import ItemFiled
from ....text import displayable
from ...widgets.rows import Row, RowList
from .agenda_entry import ItemEntry
from .agenda_prompts import AgendaPrompts
from .agenda_rows import item_heading, item_rows, point_row
from .panel import SectionPanel


class AgendaPanel(SectionPanel):
    kind = "agenda"
    item_prefix = "p"

    BINDINGS = [
        Binding(
            "n",
            "list_key('new_item')",
            "New item",
            tooltip="Items list: add an item after this one",
            id="ag.list_new",
        ),
        Binding(
            "r",
            "list_key('resolution')",
            "Resolution",
            tooltip="Items list: record a resolution",
            id="ag.list_res",
        ),
        Binding(
            "y",
            "list_key('as_recommended')",
            "As recommended",
            tooltip="Items list: approved as recommended",
            id="ag.list_rec",
        ),
        Binding(
            "x",
            "list_key('exempt')",
            "Exempt",
            tooltip="Items list: mark the item exempt (asks the reason)",
            id="ag.exempt",
        ),
        Binding(
            "v",
            "list_key('votes')",
            "Votes",
            tooltip="Items list: votes for, against, abstaining",
            id="ag.votes",
        ),
        Binding(
            "q",
            "quorum",
            "Quorum",
            show=False,
            tooltip="Items list: the series' quorum, voting members needed present",
            id="ag.quorum",
        ),
        Binding(
            "c",
            "list_key('closed')",
            "Closed",
            tooltip="Items list: the time the meeting closed",
            id="ag.closed",
        ),
    ]

    @dataclass
    class ActionRaised(Message):
        """An action was raised under an item (``raised``) or taken back (not ``raised``)."""

        action: Action
        raised: bool = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: The point in the entry (None: a new one, not yet in the database).
        self.point_edit: int | None = None
        #: The last point filed here, while Ctrl+Z can take it back.
        self.last_filed: ItemFiled | None = None
        self.prompts = AgendaPrompts(self)

    @property
    def business(self) -> CommitteeBusiness:
        return self.session.business

    @property
    def entry_id(self) -> str:
        return f"e-{self.wid}"

    def field_ids(self) -> list[str]:
        return [self.entry_id]

    def compose(self) -> ComposeResult:
        yield Static("", id=f"t-{self.wid}", classes="panel-title")
        yield RowList(
            empty="No items yet: Ctrl+O adds one (e.g. 1 Apologies).", can_toggle=True, id=self.list_id
        )
        yield ItemEntry(
            placeholder="Type a point; Enter saves it (A: action, D: resolution, @owner, due:fri)",
            complete=self.session.owner_suggestion,
            id=self.entry_id,
        )

    def load(self) -> None:
        self.fields.register(self.entry_id, self._save)
        self.show_rows()

    def busy(self) -> bool:
        return self.point_edit is not None or super().busy()

    @property
    def editing_item(self) -> int | None:
        return self.point_edit

    def item_texts(self, item_id: int) -> dict[str, str] | None:
        item = self.business.item_of_point(item_id)
        return None if item is None else {self.entry_id: next(p.text for p in item.points if p.id == item_id)}

    def restore(self, kept: Kept, batch: Sequence[Kept] = ()) -> str:
        """As :meth:`SectionPanel.restore`; a point kept beside theirs goes under its agenda item."""
        outcome = super().restore(kept, batch)
        item = self.business.item_of_point(kept.item) if kept.item and outcome == "new" else None
        if item is not None:
            self.take(item.id)  # type: ignore[arg-type]
        return outcome

    def refresh_rows(self) -> None:
        self.show_rows(cursor_key=self.rows().cursor_key)

    # -- showing items -----------------------------------------------------------------

    def show_rows(self, cursor_key: str | None = None) -> None:
        current = self.business.current
        rows: list[Row] = []
        for item in self.business.items:
            rows += item_rows(item, current is not None and item.id == current.id, self.meeting.actions)
        if cursor_key is None and current is not None:  # the current item in sight
            cursor_key = f"i{current.id}"
        self.rows().set_rows(rows, cursor_key=cursor_key)
        self.show_current()

    def show_current(self) -> None:
        """The title line and the entry's border: the current item, what to do next."""
        closed = f"   closed at {self.meeting.closed}" if self.meeting.closed else ""
        count = len(self.business.items)
        self.query_one(f"#t-{self.wid}", Static).update(
            Content(f"{displayable(self.title)} ({count}){closed}")
        )
        entry = self.entry(self.entry_id)
        current = self.business.current
        if self.point_edit is not None:
            entry.border_title = Content("Editing a point (Esc: done)")
        elif current is None:
            entry.border_title = Content("No items yet: Ctrl+O adds one")
        else:
            minute = f"{current.minute} " if current.minute else ""
            entry.border_title = Content.assemble(
                "Item: ", Content.styled(displayable(f"{minute}{item_heading(current)}"), "bold")
            )

    def _show_item(self, item: AgendaItem, select: str | None = None) -> None:
        self.show_rows(cursor_key=select or self.rows().cursor_key)
        if select:
            self.rows().select(select)

    # -- typing points ----------------------------------------------------------------------

    def _save(self, text: str) -> None:
        if self.point_edit is None:
            if not text.strip():
                return
            current = self.business.current
            if current is None:
                raise StoreError("There is no agenda item to note this under: Ctrl+O adds one")
            point = self.business.add_point(current.id, text)  # type: ignore[arg-type]
            self.point_edit = point.id
            self._show_item(current, select=f"p{point.id}")
        else:
            point = self.business.update_point(self.point_edit, text)
            if point.id != self.point_edit:  # changed elsewhere: theirs kept, this text a new point
                self.point_edit = point.id
                self.show_rows(cursor_key=f"p{point.id}")
                return
            self.rows().put(point_row(point))

    def commit(self, submitted: str | None = None) -> bool:
        if not self.commit_text(self.entry_id, submitted):
            return False
        point_id, self.point_edit = self.point_edit, None
        text = self.fields.saved(self.entry_id)
        if point_id is not None and not text.strip():
            self.guard(self._delete_point, point_id)
        self.end_entry(self.entry_id, submitted)
        self.set_editing(False)
        if point_id is not None and text.strip():
            self._file(point_id)
        self.show_current()
        return True

    def _file(self, point_id: int, as_kind: str | None = None) -> None:
        try:
            outcome = self.business.file_point(point_id, as_kind)
        except (StoreError, ModelError) as exc:
            self.notify(str(exc), title="Not filed", severity="error", markup=False)
            return
        if outcome.filed is not None:
            self.last_filed = outcome.filed
            made = outcome.filed.made
            self.show_rows(cursor_key=f"{'r' if isinstance(made, Resolution) else 'a'}{made.id}")
            if isinstance(made, Action):
                self.post_message(self.ActionRaised(made))
        if outcome.message:
            text = outcome.message + ("   Ctrl+Z puts the point back" if outcome.filed else "")
            self.post_message(self.Status(text, outcome.problem))

    def undo_filing(self) -> None:
        filed, self.last_filed = self.last_filed, None
        if filed is None:
            self.notify("Nothing filed here to put back.", markup=False)
            return
        try:
            point = self.business.undo_filing(filed)
        except StoreError as exc:
            self.notify(str(exc), title="Not undone", severity="error", markup=False)
            return
        if isinstance(filed.made, Action):
            self.post_message(self.ActionRaised(filed.made, raised=False))
        self.show_rows(cursor_key=f"p{point.id}" if point else None)
        self.post_message(self.Status("Put back as typed."))

    @on(ItemEntry.Command)
    def _command(self, event: ItemEntry.Command) -> None:
        event.stop()
        if not self.commit(event.value):
            return
        self.command(event.command, self.business.current)

    def command(self, command: str, item: AgendaItem | None, resolution: Resolution | None = None) -> None:
        """A key that acts on ``item`` (the current one from the field, the highlighted one in the list)."""
        if command in ("next_item", "previous_item"):
            self.step(1 if command == "next_item" else -1)
        elif command == "new_item":
            self.ask(self.prompts.new_item(item))
        elif command == "undo_filing":
            self.undo_filing()
        elif command == "closed":
            self.ask(self.prompts.closed())
        elif item is None:
            self.notify("No agenda item yet: Ctrl+O adds one.", severity="warning", markup=False)
        elif command == "resolution":
            self.ask(self.prompts.resolution(item, resolution))
        elif command == "as_recommended":
            self.prompts.as_recommended(item)
        elif command == "exempt":
            self.ask(self.prompts.exempt(item))
        elif command == "votes":
            self.ask(self.prompts.votes(item, resolution))

    def ask(self, work: Coroutine[Any, Any, None]) -> None:
        """Ask in a dialog; then back to where the keys were (the field, or the list)."""
        focused = self.screen.focused

        async def asking() -> None:
            await work
            self.focus_now(focused if focused is not None and focused.is_attached else self.q(self.entry_id))

        self.run_worker(asking(), group="agenda", exclusive=True)

    def step(self, delta: int) -> None:
        item, moved = self.business.step(delta)
        if item is None:
            self.notify("No agenda items yet: Ctrl+O adds one.", markup=False)
            return
        if not moved:
            end = "last" if delta > 0 else "first"
            hint = " c in the list notes when the meeting closed." if delta > 0 else ""
            self.notify(f"That is the {end} item.{hint}", timeout=3, markup=False)
        self.show_rows(cursor_key=f"i{item.id}")

    def take(self, item_id: int) -> None:
        """Make the item current (Space in the list)."""
        item = self.business.set_current(item_id)
        self.show_rows(cursor_key=f"i{item.id}")

    def try_(self, fn: Callable[..., object], *args: object) -> object | None:
        try:
            return fn(*args)
        except (StoreError, ModelError) as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return None

    # -- the list ---------------------------------------------------------------------------------

    def _row_item(self, row: Row) -> tuple[AgendaItem | None, Resolution | None]:
        if row.kind == "resolution":
            item = self.business.item_of_resolution(row.item_id)
            found = next((r for r in item.resolutions if r.id == row.item_id), None) if item else None
            return item, found
        if row.kind == "point":
            return self.business.item_of_point(row.item_id), None
        if row.kind == "action":
            action = next((a for a in self.meeting.actions if a.id == row.item_id), None)
            return next((i for i in self.business.items if action and i.id == action.item_id), None), None
        return next((i for i in self.business.items if i.id == row.item_id), None), None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "list_key":
            return isinstance(self.screen.focused, RowList) and self.screen.focused is self.rows()
        return True

    def action_quorum(self) -> None:
        """The series' quorum (q in the list, or the palette from anywhere in the panel)."""
        if self.session.read_only:
            self.notify("These minutes are approved and read-only.", severity="warning", markup=False)
            return
        self.ask(self.prompts.quorum())

    def action_list_key(self, command: str) -> None:
        if self.session.read_only:
            self.notify("These minutes are approved and read-only.", severity="warning", markup=False)
            return
        row = self.rows().cursor_row
        item, resolution = self._row_item(row) if row else (self.business.current, None)
        self.command(command, item, resolution)

    def toggle_row(self, row: Row) -> None:
        item, _ = self._row_item(row)
        if item is not None:
            self.take(item.id)  # type: ignore[arg-type]

    def edit_row(self, row: Row) -> None:
        item, resolution = self._row_item(row)
        if row.kind == "point":
            if not self.commit() or item is None:
                return
            point = next(p for p in item.points if p.id == row.item_id)
            self.point_edit = point.id
            self.reset_entry(self.entry_id, point.text)
            self.set_editing(True)
            self.show_current()
            self.focus_now(self.q(self.entry_id))
        elif row.kind == "resolution" and item is not None:
            self.ask(self.prompts.resolution(item, resolution))
        elif row.kind == "exempt" and item is not None:
            self.ask(self.prompts.exempt(item))
        elif row.kind == "action":
            self.notify("Actions are edited in the Actions section (its key is on the left).", markup=False)
        elif item is not None:
            self.ask(self.prompts.retitle(item))

    def delete_question(self, row: Row) -> str | None:
        item, _ = self._row_item(row)
        if row.kind == "item" and item is not None:
            parts = len(item.points) + len(item.resolutions)
            held = f" and the {parts} point(s) and resolution(s) under it" if parts else ""
            return f"Delete item {item.label}{held}? (Actions raised under it stay.)"
        if row.kind == "exempt":
            return "Make this item public again (remove the exemption)?"
        return {"point": "Delete this point?", "resolution": "Delete this resolution?"}.get(row.kind)

    def delete_row(self, row: Row) -> None:
        if row.kind == "item":
            self.business.delete_item(row.item_id)
        elif row.kind == "exempt":
            self.business.set_exempt(row.item_id, "")
        elif row.kind == "point":
            self._delete_point(row.item_id)
        elif row.kind == "resolution":
            self.business.delete_resolution(row.item_id)
        self.show_rows()

    def _delete_point(self, point_id: int) -> None:
        self.business.delete_point(point_id)
        if self.point_edit == point_id:
            self.point_edit = None
            self.reset_entry(self.entry_id)
        self.rows().remove(f"p{point_id}")

    def move_row(self, row: Row, delta: int) -> None:
        if row.kind == "item":
            moved = self.business.move_item(row.item_id, delta)
        elif row.kind == "point":
            moved = self.business.move_point(row.item_id, delta)
        else:
            return
        if moved:
            self.show_rows(cursor_key=row.key)
