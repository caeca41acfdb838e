"""What every section of the meeting screen has in common.

A :class:`SectionPanel` is a controller, not a widget: it composes the widgets
of one section (a title, a :class:`~minutes_tui.tui.widgets.rows.RowList`, the
entry fields), fills them from the meeting, and turns what the widgets post
(Enter, edit/delete/move/toggle a row) into calls on the store. The
:class:`~.screen.MeetingScreen` owns the panels and routes messages to them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widget import Widget

from ....model import Meeting
from ....session import MeetingSession
from ...widgets.rows import RowList

if TYPE_CHECKING:
    from .screen import MeetingScreen

_SAFE_ID = re.compile(r"[a-z][a-z0-9_]*")
#: Ids the screen itself uses; a custom section with such a key gets a numbered id.
_RESERVED = {"details", "attendees", "nav", "sections", "body", "topbar", "speakers"}


#: Cells a time of day takes at the start of a row ("10:42 ").
STAMP_WIDTH = 6


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


class SectionPanel:
    """One section of the meeting screen (see the module's notes)."""

    #: The layout kind this panel shows (``bullets``, ``round_robin``, ...).
    kind = ""

    def __init__(self, screen: MeetingScreen, key: str, title: str, wid: str) -> None:
        self.screen = screen
        self.key = key
        self.title = title
        #: The section's part of widget ids (``l-{wid}`` is its list, ``s-{wid}`` its panel).
        self.wid = wid
        #: Whether the entry holds an item picked from the list (Escape: Done).
        self.editing = False
        #: The saved item in the entry (None: a new one, not yet in the database).
        self.edit_id: int | None = None

    # -- where things are ----------------------------------------------------------

    @property
    def session(self) -> MeetingSession:
        return self.screen.session

    @property
    def meeting(self) -> Meeting:
        return self.screen.session.meeting

    @property
    def panel_id(self) -> str:
        return f"s-{self.wid}"

    @property
    def list_id(self) -> str | None:
        return f"l-{self.wid}"

    def rows(self) -> RowList | None:
        return self.screen.query_one(f"#{self.list_id}", RowList) if self.list_id else None

    def q(self, widget_id: str) -> Widget:
        return self.screen.query_one(f"#{widget_id}")

    #: Fields where Enter moves on to the next one (field id -> next field id).
    def next_fields(self) -> dict[str, str]:
        return {}

    #: Ids of the text fields of this panel (disabled when the minutes are approved).
    def field_ids(self) -> list[str]:
        return []

    def primary_id(self) -> str:
        """The widget to focus when the section is shown."""
        return f"e-{self.wid}"

    # -- building --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        raise NotImplementedError

    def load(self, people: list[tuple[str, str]]) -> None:
        """Fill the widgets from :attr:`meeting` (and register the fields' editors)."""

    def shown(self) -> None:
        """The section has just been switched to."""

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

    def edit_row(self, kind: str, item_id: int) -> None:
        pass

    def toggle_row(self, kind: str, item_id: int) -> None:
        pass

    def delete_question(self, kind: str, item_id: int) -> str | None:
        """What to ask before deleting the row (``None``: it cannot be deleted)."""
        return "Delete this item?"

    def delete_item(self, kind: str, item_id: int) -> None:
        pass

    def move_row(self, kind: str, item_id: int, delta: int, key: str) -> None:
        pass

    # -- helpers --------------------------------------------------------------------------

    def set_editing(self, editing: bool) -> None:
        if editing != self.editing:
            self.editing = editing
            self.screen.refresh_bindings()

    @staticmethod
    def find(items: list, item_id: int) -> int | None:
        return next((n for n, item in enumerate(items) if item.id == item_id), None)
