"""Messages the widgets post to the screens (which decide what happens and call the store)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widget import Widget


@dataclass
class RowMessage(Message):
    """Something was asked of one row of a :class:`~.widgets.rows.RowList`."""

    sender: Widget
    key: str

    @property
    def control(self) -> Widget:
        return self.sender


class EditRow(RowMessage):
    """Edit the row (Enter, or a click on the highlighted row)."""


class DeleteRow(RowMessage):
    """Delete the row."""


class ToggleRow(RowMessage):
    """Cycle the row's status (attendance, action status)."""


@dataclass
class MoveRow(RowMessage):
    """Move the row up (``-1``) or down (``+1``)."""

    delta: int = 0


class LeaveList(RowMessage):
    """The user wants to go back to typing (Escape in a list)."""


@dataclass
class EntryCommand(Message):
    """A key in an entry that ends what was typed and asks for something else (e.g. next speaker).

    ``value`` is the text as it was when the key was pressed; the entry has already
    been cleared, so that whatever is typed next starts afresh.
    """

    entry: Widget
    value: str
    command: str

    @property
    def control(self) -> Widget:
        return self.entry
