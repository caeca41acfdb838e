"""The store's methods for committee business (mixed into :class:`~minutes_tui.store.store.Store`).

Agenda items, their discussion points and resolutions, each series' committee rules
and the decision register. Every method takes and returns domain objects of
:mod:`minutes_tui.agenda` and :mod:`minutes_tui.model`; a refused write raises
:class:`~minutes_tui.store.errors.StoreError` (``Locked`` for approved minutes,
``Conflict`` with ``expected_version``, ``NotFound``) and changes nothing. Bad values
(an unknown purpose or outcome, a negative vote) raise :class:`~minutes_tui.model.ModelError`.
"""

from __future__ import annotations

import datetime as dt

from ..agenda import AgendaItem, CommitteeRules, Decision, Resolution
from ..model import Point
from ..prefixes import Filing
from .agenda import AgendaRepository, ItemFiled


class AgendaFacade:
    """Committee business: see the module notes. ``self.agenda`` is the repository."""

    agenda: AgendaRepository

    # -- agenda items

    def agenda_items(self, meeting_id: int) -> list[AgendaItem]:
        """A meeting's items in order, each with its points and resolutions and minute number."""
        return self.agenda.agenda_items(meeting_id)

    def get_agenda_item(self, item_id: int) -> AgendaItem:
        return self.agenda.get_item(item_id)

    def add_agenda_item(self, meeting_id: int, item: AgendaItem, index: int | None = None) -> AgendaItem:
        """Save ``item`` (and any points and resolutions it holds) at ``index`` (``None``: the end);
        the meeting's minute numbers follow the new order."""
        return self.agenda.add_item(meeting_id, item, index)

    def merge_agenda(self, meeting_id: int, items: list[AgendaItem]) -> tuple[list[AgendaItem], int]:
        """Add an agenda's items in its order, keeping those already there (matched by number), in one
        transaction: the items added, and how many were kept."""
        return self.agenda.merge_agenda(meeting_id, items)

    def update_agenda_item(
        self, item_id: int, *, expected_version: int | None = None, **fields: object
    ) -> AgendaItem:
        """Change ``number``, ``title``, ``paper``, ``presenter``, ``purpose``, ``recommendations``
        (a list of texts), ``summary`` or ``exempt`` (the reason; ``""``: public)."""
        return self.agenda.update_item(item_id, fields, expected_version)

    def delete_agenda_item(self, item_id: int) -> None:
        """Remove an item with its points and resolutions (its actions stay, under no item)."""
        self.agenda.delete_item(item_id)

    def move_agenda_item(self, item_id: int, index: int) -> None:
        self.agenda.move_item(item_id, index)

    # -- discussion points of an item

    def add_item_point(self, item_id: int, text: str, index: int | None = None) -> Point:
        return self.agenda.add_point(item_id, text, index)

    def get_item_point(self, point_id: int) -> Point:
        return self.agenda.points.get(point_id)

    def update_item_point(self, point_id: int, text: str, *, expected_version: int | None = None) -> Point:
        self.agenda.points.update(point_id, {"text": text}, expected_version)
        return self.agenda.points.get(point_id)

    def delete_item_point(self, point_id: int) -> None:
        self.agenda.points.delete(point_id)

    def move_item_point(self, point_id: int, index: int) -> None:
        self.agenda.points.move(point_id, index)

    def file_item_point(self, item_id: int, filing: Filing, point_id: int | None = None) -> ItemFiled:
        """File what :func:`~minutes_tui.prefixes.parse_point` made of an item's point: an action
        raised under the item (``A:``) or an approved resolution (``D:``); the saved point
        ``point_id`` goes in the same transaction."""
        return self.agenda.file_point(item_id, filing, point_id)

    def undo_item_filing(self, filed: ItemFiled) -> Point | None:
        """Undo :meth:`file_item_point`: the action or resolution goes, the point comes back."""
        return self.agenda.undo_item_filing(filed)

    # -- resolutions

    def add_resolution(self, item_id: int, resolution: Resolution, index: int | None = None) -> Resolution:
        return self.agenda.add_resolution(item_id, resolution, index)

    def get_resolution(self, resolution_id: int) -> Resolution:
        return self.agenda.resolutions.get(resolution_id)

    def update_resolution(
        self, resolution_id: int, *, expected_version: int | None = None, **fields: object
    ) -> Resolution:
        """Change ``outcome``, ``text``, ``votes_for``, ``votes_against``, ``abstentions`` (a count
        or ``None``) or ``recorded`` (a list of names)."""
        return self.agenda.update_resolution(resolution_id, fields, expected_version)

    def delete_resolution(self, resolution_id: int) -> None:
        self.agenda.resolutions.delete(resolution_id)

    def move_resolution(self, resolution_id: int, index: int) -> None:
        self.agenda.resolutions.move(resolution_id, index)

    def approve_as_recommended(self, item_id: int) -> Resolution:
        """A new "approved" resolution copying the item's recommendations, for editing."""
        return self.agenda.approve_as_recommended(item_id)

    # -- series rules and the register

    def committee_rules(self, series: str) -> CommitteeRules:
        """A series' committee rules (the defaults if none were set)."""
        return self.agenda.rules(series)

    def set_committee_rules(self, series: str, rules: CommitteeRules) -> CommitteeRules:
        return self.agenda.set_rules(series, rules)

    def decisions(self, series: str | None = None, since: dt.date | None = None) -> list[Decision]:
        """The decision register: every resolution, oldest meeting first, in minute order."""
        return self.agenda.decisions(series, since)
