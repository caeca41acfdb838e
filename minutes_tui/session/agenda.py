"""The agenda items of the meeting being minuted, for the app's items panel (no Textual).

:class:`AgendaSession` is mixed into :class:`~minutes_tui.session.meeting.MeetingSession`:
each change goes to the store first, then into ``meeting.agenda`` (and ``meeting.actions``
for actions filed under an item), so the meeting in memory stays what the database holds.
Minute numbers are the store's: after an item is added, moved or deleted the whole
agenda is read again, since the items after it were renumbered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..agenda import AgendaItem, CommitteeRules, Resolution, present_voting, voting_members
from ..model import Action, Meeting, Point
from ..prefixes import parse_point, people_of
from ..store import Conflict, NotFound, Store
from ..store.agenda import ItemFiled
from . import lists, sync


class AgendaSession:
    """Agenda items, their points and resolutions, filing and the quorum (see the module notes)."""

    store: Store
    meeting_id: int
    meeting: Meeting
    notices: list[str]
    _today: Callable[[], dt.date]

    @property
    def agenda(self) -> list[AgendaItem]:
        return self.meeting.agenda

    def agenda_item(self, item_id: int) -> AgendaItem:
        item: AgendaItem = lists.get(self.agenda, item_id)
        return item

    def item_after(self, item_id: int | None) -> AgendaItem | None:
        """The item after ``item_id`` (``None``: the first item); ``None`` after the last."""
        if item_id is None:
            return self.agenda[0] if self.agenda else None
        index = lists.index_of(self.agenda, item_id)
        return self.agenda[index + 1] if index is not None and index + 1 < len(self.agenda) else None

    def _reload_agenda(self) -> None:
        self.meeting.agenda = self.store.agenda_items(self.meeting_id)

    # -- items

    def add_agenda_item(self, item: AgendaItem, index: int | None = None) -> AgendaItem:
        saved = self.store.add_agenda_item(self.meeting_id, item, index)
        self._reload_agenda()
        return saved

    def update_agenda_item(self, item_id: int, **fields: Any) -> AgendaItem:
        """Save fields of an item. One changed in another window since it was read is taken in
        (``meeting.agenda`` shows theirs) and :class:`~minutes_tui.store.Conflict` raised, with a
        notice: the screen keeps what was typed in its field for the note-taker to save again."""
        version = self.agenda_item(item_id).version
        try:
            saved = self.store.update_agenda_item(item_id, expected_version=version, **fields)
        except Conflict as exc:
            theirs = self.store.get_agenda_item(item_id)
            lists.replace(self.agenda, theirs)
            exc.current = theirs
            self.notices.append("Changed in another window: theirs is shown; save yours again to replace it.")
            raise
        lists.replace(self.agenda, saved)
        return saved

    def delete_agenda_item(self, item_id: int) -> None:
        """Delete an item with its points and resolutions (its actions stay, under no item)."""
        self.store.delete_agenda_item(item_id)
        self._reload_agenda()
        for action in self.meeting.actions:
            if action.item_id == item_id:
                action.item_id = None

    def move_agenda_item(self, item_id: int, delta: int) -> bool:
        moved = lists.move(self.agenda, item_id, delta, self.store.move_agenda_item)
        if moved:
            self._reload_agenda()
        return moved

    def merge_agenda(self, items: list[AgendaItem]) -> tuple[list[AgendaItem], int]:
        """Add an agenda's items, keeping those there (see :meth:`Store.merge_agenda`)."""
        result = self.store.merge_agenda(self.meeting_id, items)
        self._reload_agenda()
        return result

    # -- discussion points

    def add_item_point(self, item_id: int, text: str) -> Point:
        saved = self.store.add_item_point(item_id, text)
        self.agenda_item(item_id).points.append(saved)
        return saved

    def update_item_point(self, item_id: int, point_id: int, text: str) -> Point:
        """Save a point's new text; one changed elsewhere keeps both texts, one deleted elsewhere
        is saved again where it was (as for bullets and round-robin points)."""
        points = self.agenda_item(item_id).points
        try:
            saved = self.store.update_item_point(
                point_id, text, expected_version=lists.get(points, point_id).version
            )
        except Conflict as exc:
            theirs: Point = exc.current  # type: ignore[assignment]
            lists.replace(points, theirs)
            if theirs.text == text:
                return theirs
            index = (lists.index_of(points, point_id) or 0) + 1
            saved = self.store.add_item_point(item_id, text, index)
            points.insert(index, saved)
            self.notices.append(sync.KEPT_BOTH)
            return saved
        except NotFound:
            at = lists.index_of(points, point_id)
            lists.drop(points, point_id)
            saved = self.store.add_item_point(item_id, text, at)
            points.insert(len(points) if at is None else at, saved)
            self.notices.append(sync.DELETED_ELSEWHERE)
            return saved
        lists.replace(points, saved)
        return saved

    def delete_item_point(self, item_id: int, point_id: int) -> None:
        self.store.delete_item_point(point_id)
        lists.drop(self.agenda_item(item_id).points, point_id)

    def move_item_point(self, item_id: int, point_id: int, delta: int) -> bool:
        return lists.move(self.agenda_item(item_id).points, point_id, delta, self.store.move_item_point)

    def file_item_point(self, item_id: int, point_id: int, as_kind: str | None = None) -> ItemFiled | None:
        """File a saved point of an item by its prefix (``A:`` an action under the item, ``D:`` an
        approved resolution) or as ``as_kind``; ``None`` when it is a note and stays."""
        item = self.agenda_item(item_id)
        point = lists.get(item.points, point_id)
        filing = parse_point(
            point.text,
            today=self.meeting.date or self._today(),  # due:+1w counts from the meeting's date
            people=people_of(self.meeting.attendees),
            as_kind=as_kind,
        )
        if not filing.filed:
            return None
        filed = self.store.file_item_point(item_id, filing, point_id)
        lists.drop(item.points, point_id)
        if isinstance(filed.made, Action):
            self.meeting.actions.append(filed.made)
        else:
            item.resolutions.append(filed.made)
        return filed

    def undo_item_filing(self, filed: ItemFiled) -> Point | None:
        restored = self.store.undo_item_filing(filed)
        if filed.kind == "action":
            lists.drop(self.meeting.actions, filed.made.id or 0)
        self._reload_agenda()
        return restored

    # -- resolutions

    def add_resolution(self, item_id: int, resolution: Resolution) -> Resolution:
        saved = self.store.add_resolution(item_id, resolution)
        self.agenda_item(item_id).resolutions.append(saved)
        return saved

    def approve_as_recommended(self, item_id: int) -> Resolution:
        """The one key: a new "approved" resolution copying the item's recommendations."""
        saved = self.store.approve_as_recommended(item_id)
        self.agenda_item(item_id).resolutions.append(saved)
        return saved

    def update_resolution(self, item_id: int, resolution_id: int, **fields: Any) -> Resolution:
        resolutions = self.agenda_item(item_id).resolutions
        version = lists.get(resolutions, resolution_id).version
        try:
            saved = self.store.update_resolution(resolution_id, expected_version=version, **fields)
        except Conflict as exc:
            lists.replace(resolutions, exc.current)
            self.notices.append("Changed in another window: theirs is shown; save yours again to replace it.")
            raise
        lists.replace(resolutions, saved)
        return saved

    def delete_resolution(self, item_id: int, resolution_id: int) -> None:
        self.store.delete_resolution(resolution_id)
        lists.drop(self.agenda_item(item_id).resolutions, resolution_id)

    # -- the quorum

    def set_committee_rules(self, rules: CommitteeRules) -> CommitteeRules:
        """Save the rules of this meeting's series (the quorum, say) and use them here."""
        saved = self.store.set_committee_rules(self.meeting.series, rules)
        self.meeting.rules = saved
        self._reload_agenda()  # the series' draft minutes are numbered by the rules
        return saved

    def quorum_now(self, at: str | None = None) -> tuple[int, int, bool | None]:
        """(voting members present at ``at`` — HH:MM, ``None``: the start —, voting members,
        quorate or ``None`` when the series sets no quorum), for the header."""
        quorum = self.meeting.rules.quorum if self.meeting.rules else None
        present = present_voting(self.meeting, at)
        return present, len(voting_members(self.meeting)), (present >= quorum if quorum else None)
