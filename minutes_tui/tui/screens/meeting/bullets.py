"""A bulleted section (Overview, Purpose, All agreed, ... or one the series named itself)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Static

from ....model import Bullet
from ...widgets.entry import Entry
from ...widgets.rows import Row, RowList
from .details import compose_field, load_field
from .panel import STAMP_WIDTH, SectionPanel, clock


def bullet_row(b: Bullet, times: bool = False) -> Row:
    if times:
        return Row(
            f"b{b.id}",
            b.text,
            prefix="· ",
            prefix_style="bold",
            indent=2 + STAMP_WIDTH,
            stamp=clock(b.created),
            kind="bullet",
            item_id=b.id or 0,
        )
    return Row(
        f"b{b.id}", b.text, prefix="· ", prefix_style="bold", indent=2, kind="bullet", item_id=b.id or 0
    )


class BulletsPanel(SectionPanel):
    """Points typed one per line; Enter saves a point and starts the next.

    The Next steps section also shows the next meeting's date above its points.
    """

    kind = "bullets"
    item_prefix = "b"

    def __init__(
        self, *args, with_next_meeting: bool = False, complete: Callable[[str], str] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.with_next_meeting = with_next_meeting
        self.complete = complete

    @property
    def entry_id(self) -> str:
        return f"e-{self.wid}"

    def field_ids(self) -> list[str]:
        return [self.entry_id, *(["f-next_meeting"] if self.with_next_meeting else [])]

    def next_fields(self) -> dict[str, str]:
        return {"f-next_meeting": self.entry_id} if self.with_next_meeting else {}

    def compose(self) -> ComposeResult:
        if self.with_next_meeting:
            yield from compose_field("next_meeting", "Next meeting", placeholder="dd/mm/yyyy")
        yield Static(self.title, classes="panel-title", markup=False)
        yield RowList(empty="No points yet.", id=self.list_id)
        yield Entry(
            placeholder="Type a point; Enter saves it (A: action, D: decision, @owner, due:fri)",
            clears=True,
            complete=self.complete,
            id=self.entry_id,
        )

    def load(self) -> None:
        if self.with_next_meeting:
            load_field(self, "next_meeting")
        self.fields.register(self.entry_id, self._save)
        self.show_rows()
        self.q(self.entry_id).border_title = "New point"

    def row(self, b: Bullet) -> Row:
        return bullet_row(b, self.show_times)

    def show_rows(self, cursor_key: str | None = None) -> None:
        rows = self.rows()
        rows.set_rows([self.row(b) for b in self.bullets], cursor_key=cursor_key or rows.cursor_key)

    def refresh_rows(self) -> None:
        self.show_rows()

    def set_times(self, show: bool) -> None:
        super().set_times(show)
        self.show_rows()

    @property
    def bullets(self) -> list[Bullet]:
        return self.session.bullets(self.key)

    def _save(self, text: str) -> None:
        if self.edit_id is None:
            if not text.strip():
                return
            saved = self.session.add_bullet(self.key, text)
            self.edit_id = saved.id
        else:
            saved = self.session.update_bullet(self.key, self.edit_id, text)
            if saved.id != self.edit_id:  # changed elsewhere: theirs kept, this text is a new point
                self.edit_id = saved.id
                self.show_rows(cursor_key=f"b{saved.id}")
                return
        rows = self.rows()
        rows.put(self.row(saved))
        rows.select(f"b{saved.id}")

    def commit(self, submitted: str | None = None) -> bool:
        key = self.entry_id
        if not self.commit_text(key, submitted):
            return False
        item = self.edit_id  # after the save: a point typed and ended at once is saved by it
        self.edit_id = None
        text = self.fields.saved(key)
        if item is not None and not text.strip():
            self.guard(self._delete, item)
        self.end_entry(key, submitted)
        self.q(key).border_title = "New point"
        self.set_editing(False)
        if item is not None and text.strip():
            self.file_saved(("bullets", item), text)
        return True

    def submitted(self, key: str, value: str) -> None:
        if key == self.entry_id:
            self.commit(value)
        else:
            self.save_field(key)

    def edit_row(self, row: Row) -> None:
        if not self.commit():
            return
        bullet = next(b for b in self.bullets if b.id == row.item_id)
        self.edit_id = row.item_id
        self.reset_entry(self.entry_id, bullet.text)
        self.q(self.entry_id).border_title = "Editing point (Esc: done)"
        self.set_editing(True)
        self.focus_now(self.q(self.entry_id))

    def delete_question(self, row: Row) -> str | None:
        return "Delete this point?"

    def delete_row(self, row: Row) -> None:
        self._delete(row.item_id)

    def _delete(self, item_id: int) -> None:
        self.session.delete_bullet(self.key, item_id)
        self.rows().remove(f"b{item_id}")
        if self.edit_id == item_id:
            self.edit_id = None
            self.reset_entry(self.entry_id)

    def move_row(self, row: Row, delta: int) -> None:
        if self.session.move_bullet(self.key, row.item_id, delta):
            self.show_rows(cursor_key=row.key)

    # -- filing (the session has already done it; these keep the rows in step) ---------

    def text_of(self, item_id: int) -> str | None:
        return next((b.text for b in self.bullets if b.id == item_id), None)

    def forget(self, item_id: int) -> None:
        """The bullet ``item_id`` has gone (filed elsewhere)."""
        self.rows().remove(f"b{item_id}")

    def add_filed(self, bullet: Bullet, replaces: int | None = None) -> None:
        """A decision filed here; in place of ``replaces`` when it came from this section."""
        rows = self.rows()
        if replaces is None or rows.index_of(f"b{replaces}") is None:
            rows.put(self.row(bullet))
        else:
            rows.replace_block([f"b{replaces}"], [self.row(bullet)])
