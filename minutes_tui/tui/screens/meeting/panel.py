"""What every section of the meeting screen has in common.

A :class:`SectionPanel` is a widget: it composes one section (a title, a
:class:`~minutes_tui.tui.widgets.rows.RowList`, its entry fields), registers its
fields with the session, and handles what its own widgets post (Enter, edit,
delete, move, toggle a row) by calling the :class:`~minutes_tui.session.MeetingSession`
it is given. It never sees the screen: what others must know it posts as a message.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from ....model import Meeting
from ....session import FilingOutcome, MeetingSession
from ....session.fields import Fields, Saved
from ....session.recovery import Kept
from ....store import StoreError
from ....text import displayable
from ...widgets.entry import Entry
from ...widgets.rows import Row, RowList
from ..confirm import ConfirmScreen
from .resume import resume_edit

_SAFE_ID = re.compile(r"[a-z][a-z0-9_]*")
#: Ids the screen itself uses; a custom section with such a key gets a numbered id.
_RESERVED = {"details", "attendees", "nav", "sections", "body", "topbar", "speakers"}
#: Cells a time of day takes at the start of a row ("10:42 ").
STAMP_WIDTH = 6
READ_ONLY_NOTICE = "These minutes are approved and read-only. Reopen them (Ctrl+T) to make a correction."


def clock(when: dt.datetime | None) -> str:
    """A saved item's time of day, local ("10:42"); "--:--" for items older than timestamps."""
    if when is None:
        return "--:--"
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone().strftime("%H:%M")


def widget_id(key: str, index: int) -> str:
    """A widget id for a section key (keys of custom sections may hold any letters)."""
    if _SAFE_ID.fullmatch(key) and key not in _RESERVED:
        return key
    return f"section_{index}"


def _joined(first: str, then: str) -> str:
    """Two points held in one field, a space between them."""
    if not first or not then or first.endswith(" ") or then.startswith(" "):
        return first + then
    return f"{first} {then}"


def refuse_read_only(widget: Widget) -> None:
    """Say why nothing can change: the minutes are approved, or the user is a reader."""
    store = getattr(widget.app, "store", None)
    if store is not None and store.read_only:
        from ...read_only import read_only_key

        widget.notify(read_only_key(store), title="Read only", severity="warning", markup=False)
    else:
        widget.notify(READ_ONLY_NOTICE, title="Approved", severity="warning", markup=False)


class SectionPanel(Vertical):
    """One section of the meeting screen (see the module's notes)."""

    #: The layout kind this panel shows (``bullets``, ``round_robin``, ...).
    kind = ""
    #: What keys a saved item's row (``b`` for ``b12``); "": no items to resume editing.
    item_prefix = ""

    @dataclass
    class EditingChanged(Message):
        """The panel started or stopped editing a saved item (the keys on offer change)."""

        panel: SectionPanel

    @dataclass
    class PointFiled(Message):
        """A point saved here was filed as an action or decision (``outcome`` says where)."""

        panel: SectionPanel
        outcome: FilingOutcome

    @dataclass
    class Status(Message):
        """Something to say on the status line about a point (kept as typed, and why)."""

        text: str
        problem: bool = False

    class HeaderChanged(Message):
        """The meeting's series, title or date changed (the top bar shows them)."""

    @dataclass
    class SaveRefused(Message):
        """A save was refused because the minutes are approved (elsewhere, perhaps)."""

        panel: SectionPanel

    def __init__(self, session: MeetingSession, key: str, title: str, wid: str) -> None:
        super().__init__(id=f"s-{wid}", classes="panel")
        self.session = session
        self.key = key
        self.title = title
        #: The section's part of widget ids (``l-{wid}`` is its list, ``e-{wid}`` its entry).
        self.wid = wid
        #: Whether the entry holds an item picked from the list (Escape: Done).
        self.editing = False
        #: The saved item in the entry (None: a new one, not yet in the database).
        self.edit_id: int | None = None
        #: Whether rows show the time each item was saved.
        self.show_times = False
        #: Text a field holds after Enter failed to save it (approved elsewhere, say), by field.
        self._held: dict[str, str] = {}
        #: Points whose save failed while later text ended in the same field was still on its
        #: way: they go back into the field, in order, with that text (see :meth:`commit_text`).
        self._waiting: dict[str, str] = {}
        #: Fields whose Enter being handled has later text ended behind it.
        self._later: set[str] = set()

    # -- where things are ----------------------------------------------------------

    @property
    def meeting(self) -> Meeting:
        return self.session.meeting

    @property
    def fields(self) -> Fields:
        return self.session.fields

    @property
    def panel_id(self) -> str:
        return f"s-{self.wid}"

    @property
    def list_id(self) -> str | None:
        return f"l-{self.wid}"

    def rows(self) -> RowList:
        return self.query_one(f"#{self.list_id}", RowList)

    def q(self, widget_id: str) -> Any:
        return self.query_one(f"#{widget_id}")

    def entry(self, widget_id: str) -> Input:
        return self.query_one(f"#{widget_id}", Input)

    def next_fields(self) -> dict[str, str]:
        """Fields where Enter moves on to the next one (field id -> next field id)."""
        return {}

    def field_ids(self) -> list[str]:
        """Ids of the text fields of this panel (disabled when the minutes are approved)."""
        return []

    def primary_id(self) -> str:
        """The widget to focus when the section is shown."""
        return f"e-{self.wid}"

    def primary(self) -> Widget | None:
        """Where typing goes; the list when the minutes are read-only."""
        if self.session.read_only:
            return self.rows() if self.list_id else None
        return self.q(self.primary_id())

    # -- building --------------------------------------------------------------------

    def load(self) -> None:
        """Fill the widgets from the meeting and register the fields with the session."""

    def shown(self) -> None:
        """The section has just been switched to."""

    def set_times(self, show: bool) -> None:
        """Show or hide each row's time."""
        self.show_times = show

    def apply_read_only(self, read_only: bool, hold: bool = False) -> None:
        """Disable the fields (``hold``: not one that holds unsaved text or has the focus)."""
        for field_id in self.field_ids():
            for widget in self.query(f"#{field_id}"):
                holding = self.fields.needs_saving(field_id) or widget.has_focus
                widget.disabled = read_only and not (hold and holding)

    def busy(self) -> bool:
        """Whether an item is being edited or a field holds unsaved text (not refreshed then)."""
        return self.editing_item is not None or any(self.fields.needs_saving(f) for f in self.field_ids())

    def refresh_rows(self) -> None:
        """Show the section's items again (changed elsewhere)."""

    # -- typing --------------------------------------------------------------------

    def focus_now(self, widget: Widget | None) -> None:
        """Focus now (not after the queued keys), so the next key lands in ``widget``."""
        self.screen.set_focus(widget)

    def save_field(self, key: str) -> bool:
        """Save one field now; ``False`` if it could not be saved (the text stays in the field)."""
        retry = key in self.fields.unreachable
        result, message = self.fields.save(key)
        if result is Saved.INVALID or key in self.fields.errors:
            self.show_field_error(key, message)
        if result is Saved.LOCKED:
            self.notify(
                f"{message} Your text is still in its field.",
                title="Not saved: approved minutes",
                severity="error",
                markup=False,
            )
            self.post_message(self.SaveRefused(self))
        elif result is Saved.FAILED and not (retry and key in self.fields.unreachable):
            self.notify(message, title="Not saved", severity="error", markup=False)
        for notice in self.session.take_notices():  # a save met a change made elsewhere
            self.notify(notice, title="Changed elsewhere", severity="warning", timeout=8, markup=False)
            self.post_message(self.Status(notice, problem=True))
        return result is Saved.OK

    def show_field_error(self, key: str, message: str) -> None:
        for widget in self.query(f"#{key}-error"):
            if isinstance(widget, Static):
                widget.update(Content(displayable(message)))
        for widget in self.query(f"#{key}"):
            widget.set_class(bool(message), "-invalid")

    def commit_text(self, key: str, submitted: str | None) -> bool:
        """Save the item being typed in a list's entry, as it was when Enter was pressed.

        ``submitted`` is that text when the entry has already emptied itself
        (Enter); ``None`` means the text is still in the entry. If it cannot be
        saved, the text goes back into the entry, in the order typed: when later
        points ended in the field are still on their way (keys typed faster than
        Enter is handled), it waits and goes back with the last of them.
        """
        later = key in self._later
        self._later.discard(key)
        if submitted is not None:
            waiting = self._waiting.pop(key, "")
            submitted = _joined(waiting, submitted) if waiting else submitted
            self.fields.editors[key].text = submitted
        if self.save_field(key):
            return True
        if submitted and later:
            self._waiting[key] = submitted
        elif submitted:
            entry = self.entry(key)
            typed = entry.value  # typed since the last Enter: the next point, after a space
            entry.value = _joined(submitted, typed)
            entry.cursor_position = len(entry.value)
            if not typed:
                self._held[key] = submitted  # what is typed next gets a space before it
        return False

    def end_entry(self, key: str, submitted: str | None) -> None:
        """The item is done: the entry starts a new one."""
        if submitted is None:
            self.reset_entry(key)
        else:  # the entry emptied itself; what was typed since is on its way
            self.fields.reset(key)

    def reset_entry(self, key: str, text: str = "") -> None:
        """Put ``text`` (already saved) in a field without marking it pending."""
        self.fields.reset(key, text)
        entry = self.entry(key)
        entry.value = text
        entry.cursor_position = len(text)

    def put_text(self, key: str, text: str) -> None:
        """Put ``text`` in a field as if typed there (saved by the autosave)."""
        entry = self.entry(key)
        entry.value = text
        entry.cursor_position = len(text)
        self.fields.changed(key, text)

    def restore(self, kept: Kept, batch: Sequence[Kept] = ()) -> str:
        """Put text from the recovery file back in its field, to be saved as if typed.

        ``"same"``: already saved; ``"restored"`` (an edit resumed, see :mod:`.resume`; ``batch``:
        all that was recovered); ``"new"``: the item it was typed into changed or went since,
        so the text is a new item; ``"conflict"``: a detail changed since (the user decides).
        """
        if (resumed := resume_edit(self, kept, batch)) is not None:
            return resumed
        saved = self.fields.saved(kept.field)
        if kept.item is None and kept.text == saved:
            return "same"
        if kept.item is None and kept.base is not None and saved != kept.base:
            return "conflict"
        self.put_text(kept.field, kept.text)
        return "new" if kept.item is not None else "restored"

    def guard(self, fn: Callable[..., object], *args: object) -> bool:
        """Run a change through the session; a :class:`StoreError` becomes a notification."""
        try:
            fn(*args)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        return True

    def file_saved(self, source: tuple[str, int], text: str, as_kind: str | None = None) -> None:
        """File a saved point if its text says so (or ``as_kind``), and say what happened."""
        try:
            outcome = self.session.file_point(self.key, source, text, as_kind)
        except StoreError as exc:
            self.notify(str(exc), title="Not filed", severity="error", markup=False)
            return
        if outcome.filed is not None:
            self.post_message(self.PointFiled(self, outcome))
        elif outcome.message:
            self.post_message(self.Status(outcome.message, outcome.problem))

    # -- what the widgets ask for -------------------------------------------------------

    def commit(self, submitted: str | None = None) -> bool:
        """Save what the entry holds and make it ready for the next item; False if it can't."""
        return True

    def submitted(self, key: str, value: str) -> None:
        """Enter in one of this panel's fields."""
        self.commit(value)

    def stop_editing(self) -> None:
        """Escape: finish the item being edited."""
        self.commit()

    def edit_row(self, row: Row) -> None:
        pass

    def toggle_row(self, row: Row) -> None:
        pass

    def delete_question(self, row: Row) -> str | None:
        """What to ask before deleting the row (``None``: it cannot be deleted)."""
        return "Delete this item?"

    def delete_row(self, row: Row) -> None:
        pass

    def move_row(self, row: Row, delta: int) -> None:
        pass

    @property
    def editing_item(self) -> int | None:
        """The saved item the entry fields hold (None: a new one)."""
        return self.edit_id

    def item_texts(self, item_id: int) -> dict[str, str] | None:
        """What each field holds when the saved item is edited (None: no such item here)."""
        return None if (text := self.text_of(item_id)) is None else {self.field_ids()[0]: text}

    def edit_item(self, item_id: int) -> None:
        """Edit a saved item, as if picked from the list (rows keyed ``{item_prefix}{id}``)."""
        if row := self.rows().row(f"{self.item_prefix}{item_id}"):
            self.edit_row(row)

    def text_of(self, item_id: int) -> str | None:
        """The text of a saved point of this section (sections that file points say)."""
        return None

    def forget(self, item_id: int) -> None:
        """A point of this section has gone (filed elsewhere): drop its row."""

    def set_editing(self, editing: bool) -> None:
        if editing != self.editing:
            self.editing = editing
            self.post_message(self.EditingChanged(self))

    # -- messages from this panel's widgets ---------------------------------------------

    @on(Input.Changed)
    def _held_run_on(self, event: Input.Changed) -> None:
        """After a point held in its field, the next point typed starts after a space."""
        key = event.input.id or ""
        held = self._held.get(key)
        if held is None or event.value != event.input.value:
            return
        value = event.value
        if value.startswith(held) and len(value) > len(held):
            del self._held[key]
            if not (held.endswith(" ") or value[len(held)] == " "):
                event.input.value = f"{held} {value[len(held) :]}"
                event.input.cursor_position = len(event.input.value)
        elif not value.startswith(held):
            del self._held[key]

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        key = event.input.id or ""
        if key in self.fields:
            event.stop()
            entry = event.input
            if (
                isinstance(event, Entry.Submitted)
                and isinstance(entry, Entry)
                and entry.cleared > event.serial
            ):
                self._later.add(key)
            self.submitted(key, event.value)
            self._later.discard(key)

    def _row_of(self, event: RowList.RowMessage) -> Row | None:
        event.stop()
        if self.session.read_only:
            refuse_read_only(self)
            return None
        return event.row

    @on(RowList.Edit)
    def _edit_row(self, event: RowList.Edit) -> None:
        if row := self._row_of(event):
            self.edit_row(row)

    @on(RowList.Toggle)
    def _toggle_row(self, event: RowList.Toggle) -> None:
        if row := self._row_of(event):
            self.guard(self.toggle_row, row)

    @on(RowList.Move)
    def _move_row(self, event: RowList.Move) -> None:
        if row := self._row_of(event):
            self.guard(self.move_row, row, event.delta)

    @on(RowList.Delete)
    def _delete_row(self, event: RowList.Delete) -> None:
        row = self._row_of(event)
        question = self.delete_question(row) if row else None
        if row is None or question is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.guard(self.delete_row, row)

        self.app.push_screen(ConfirmScreen(question, row.text), done)
