"""Agenda items of committee meetings: items, their points and resolutions, minute numbers,
each series' committee rules, and the decision register.

Items, points and resolutions are :class:`~minutes_tui.store.lists.OrderedList` kinds, so
every change is one transaction of the gateway, stamped on the meeting and refused while
its minutes are approved. Minute numbers are given by the store: whenever a draft
meeting's items are added, removed or reordered, they are numbered again in order
(1, 2, 3, or running on from the series' earlier meetings of the year as ``24/37``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..agenda import (
    AgendaItem,
    CommitteeRules,
    Decision,
    Resolution,
    minute_counter,
    minute_number,
    recommendations_as_resolution,
    same_number,
)
from ..model import Action, Meeting, Point
from ..prefixes import Filing
from .agenda_rows import (
    item_fields,
    item_from_row,
    item_point_from_row,
    item_values,
    resolution_fields,
    resolution_from_row,
    resolution_values,
    rules_from_row,
)
from .errors import StoreError
from .gateway import Gateway, now
from .items import ItemRepository
from .lists import AGENDA_ITEMS, ITEM_POINTS, RESOLUTIONS, OrderedList, position_at
from .rows import date_in, date_out, datetime_in


@dataclass(frozen=True)
class ItemFiled:
    """A discussion point filed as an action (raised under its item) or a resolution."""

    kind: str  # "action" or "resolution"
    made: Action | Resolution
    item_id: int
    #: The point it came from, as it was (restored by :meth:`AgendaRepository.undo_item_filing`).
    point: Point | None = None
    index: int | None = None


class AgendaRepository:
    """Agenda items of a meeting with their points and resolutions, and committee rules."""

    def __init__(self, db: Gateway, items: ItemRepository) -> None:
        self.db = db
        self.lists = items
        self.items = OrderedList(db, AGENDA_ITEMS, item_from_row)
        self.points = OrderedList(db, ITEM_POINTS, item_point_from_row)
        self.resolutions = OrderedList(db, RESOLUTIONS, resolution_from_row)

    # -- committee rules of a series

    def rules(self, series: str) -> CommitteeRules:
        rows = self.db.read("SELECT * FROM committee_rules WHERE series = ?", (series,))
        return rules_from_row(rows[0] if rows else None)

    def set_rules(self, series: str, rules: CommitteeRules) -> CommitteeRules:
        """Save a series' committee rules (numbering, quorum, actions table, first minute number);
        the series' draft minutes are numbered again by them (approved ones keep their numbers)."""
        if not series.strip():
            raise StoreError("Committee rules belong to a series: give the meeting a series first")
        with self.db.write():
            self.db.execute(
                "INSERT INTO committee_rules (series, numbering, quorum, actions_table, first_minute) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(series) DO UPDATE SET numbering = excluded.numbering, "
                "quorum = excluded.quorum, actions_table = excluded.actions_table, "
                "first_minute = excluded.first_minute",
                (series, rules.numbering, rules.quorum, int(rules.actions_table), rules.first_minute),
            )
            for row in self.db.read(  # draft minutes take the new numbering, oldest first
                "SELECT id FROM meetings WHERE series = ? AND status = 'draft' AND deleted IS NULL "
                "AND id IN (SELECT meeting_id FROM agenda_items) ORDER BY date IS NULL, date, id",
                (series,),
            ):
                self.renumber(row["id"])
        return self.rules(series)

    # -- reading

    def agenda_items(self, meeting_id: int) -> list[AgendaItem]:
        """A meeting's items in order, each with its points and resolutions (three queries)."""
        items = self.items.items((meeting_id,))
        by_id = {item.id: item for item in items}
        for table, rows_of in (("item_points", "points"), ("resolutions", "resolutions")):
            rows = self.db.read(
                f"SELECT * FROM {table} WHERE meeting_id = ? ORDER BY item_id, position, id", (meeting_id,)
            )
            for row in rows:
                item = by_id.get(row["item_id"])
                if item is None:
                    continue
                if rows_of == "points":
                    item.points.append(item_point_from_row(row))
                else:
                    item.resolutions.append(resolution_from_row(row))
        return items

    def get_item(self, item_id: int) -> AgendaItem:
        """One item with its points and resolutions."""
        item = self.items.get(item_id)
        item.points = self.points.items((item_id,))
        item.resolutions = self.resolutions.items((item_id,))
        return item

    def load_into(self, meeting: Meeting) -> None:
        """Fill a meeting read from the database: its items, its series' rules, and the item
        each action was raised under (approved minutes keep actions as fixed at approval)."""
        assert meeting.id is not None
        meeting.agenda = self.agenda_items(meeting.id)
        meeting.rules = self.rules(meeting.series)
        linked = {
            row["id"]: row["item_id"]
            for row in self.db.read(
                "SELECT id, item_id FROM actions WHERE meeting_id = ? AND item_id IS NOT NULL", (meeting.id,)
            )
        }
        for action in meeting.actions:
            if action.id in linked and action.meeting_id == meeting.id:
                action.item_id = linked[action.id]

    # -- items

    def add_item(self, meeting_id: int, item: AgendaItem, index: int | None = None) -> AgendaItem:
        """Save a new item (with any points and resolutions it holds) at ``index`` (``None``: the end)."""
        self.db.row("meetings", meeting_id)  # NotFound: "No meeting with id ..."
        with self.db.write(meeting_id):
            item_id = self.insert_item(meeting_id, item, index)
            self.renumber(meeting_id)
        return self.get_item(item_id)

    def insert_item(self, meeting_id: int, item: AgendaItem, index: int | None = None) -> int:
        """Save an item, its points and resolutions inside the caller's transaction; its id."""
        item_id = self.items.insert((meeting_id,), {**item_values(item), "minute": item.minute}, index)
        self.points.append_all(
            (item_id,),
            (
                {"text": p.text, "meeting_id": meeting_id, "created": datetime_in(p.created)}
                for p in item.points
            ),
        )
        self.resolutions.append_all(
            (item_id,), ({**resolution_values(r), "meeting_id": meeting_id} for r in item.resolutions)
        )
        return item_id

    def update_item(
        self, item_id: int, fields: dict[str, object], expected_version: int | None = None
    ) -> AgendaItem:
        """Change some of an item's own fields (number, title, paper, presenter, purpose,
        recommendations, summary, exempt). ``expected_version`` as for every list item."""
        unknown = set(fields) - (set(AGENDA_ITEMS.fields) - {"minute"})
        if unknown:
            raise StoreError(f"Unknown agenda item field(s): {', '.join(sorted(unknown))}")
        self.items.update(item_id, item_fields(fields), expected_version)
        return self.get_item(item_id)

    def delete_item(self, item_id: int) -> None:
        """Remove an item with its points and resolutions; its actions stay, no longer under it."""
        meeting_id = self.items.meeting_of(item_id)
        with self.db.write(meeting_id):
            self.db.execute("DELETE FROM agenda_items WHERE id = ?", (item_id,))
            self.renumber(meeting_id)

    def move_item(self, item_id: int, index: int) -> None:
        meeting_id = self.items.meeting_of(item_id)
        with self.db.write(meeting_id):
            position = position_at(self.db, AGENDA_ITEMS, (meeting_id,), max(index, 0), exclude=item_id)
            self.db.execute("UPDATE agenda_items SET position = ? WHERE id = ?", (position, item_id))
            self.renumber(meeting_id)

    def merge_agenda(self, meeting_id: int, items: Sequence[AgendaItem]) -> tuple[list[AgendaItem], int]:
        """Add an agenda's items in its order, keeping the items already there, in one transaction.

        An item whose number is already on the meeting is kept as it is (its title filled if it
        had none); each new one goes after the last item of the agenda met so far. Returns the
        items added and how many were kept.
        """
        added: list[int] = []
        kept = 0
        self.db.row("meetings", meeting_id)  # NotFound: "No meeting with id ..."
        with self.db.write(meeting_id):
            cursor = 0
            for item in items:
                existing = self.items.items((meeting_id,))
                match = next((n for n, e in enumerate(existing) if same_number(e.number, item.number)), None)
                if match is None:
                    added.append(self.insert_item(meeting_id, item, cursor))
                    cursor += 1
                    continue
                kept += 1
                cursor = match + 1
                old = existing[match]
                if not old.title.strip() and item.title.strip():
                    assert old.id is not None
                    self.db.set_fields("agenda_items", old.id, item_fields({"title": item.title}))
            self.renumber(meeting_id)
        return [self.get_item(item_id) for item_id in added], kept

    # -- minute numbers

    def renumber(self, meeting_id: int) -> None:
        """Number a meeting's items in order (inside the caller's transaction)."""
        header = self.db.row("meetings", meeting_id)
        rules = self.rules(header["series"])
        date = date_out(header["date"])
        first = 1 if rules.numbering == "meeting" else self._first_running(header, rules, date)
        ids = [
            r["id"]
            for r in self.db.read(
                "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position, id", (meeting_id,)
            )
        ]
        numbers = [minute_number(rules, date, first + n) for n in range(len(ids))]
        self.db.executemany(
            "UPDATE agenda_items SET minute = ? WHERE id = ? AND minute != ?",
            [(minute, item, minute) for minute, item in zip(numbers, ids)],
        )

    def _first_running(self, header: dict[str, object], rules: CommitteeRules, date: dt.date | None) -> int:
        """The first running number of a meeting: one after the last of the series' earlier
        meetings in the same year, else the series' first minute number."""
        year = (date or dt.date.today()).year % 100
        params: tuple[object, ...]
        if date is None:
            before, params = "m.id < ?", (header["id"],)
        else:
            before = "m.date IS NOT NULL AND (m.date < ? OR (m.date = ? AND m.id < ?))"
            params = (date_in(date), date_in(date), header["id"])
        rows = self.db.read(
            "SELECT a.minute FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id "
            f"WHERE m.series = ? AND m.deleted IS NULL AND m.id != ? AND a.minute LIKE ? AND {before}",
            (header["series"], header["id"], f"{year:02d}/%", *params),
        )
        counts = [c[1] for c in (minute_counter(r["minute"]) for r in rows) if c and c[0] == year]
        return max(counts) + 1 if counts else rules.first_minute

    # -- discussion points

    def add_point(self, item_id: int, text: str, index: int | None = None) -> Point:
        meeting_id = self.items.meeting_of(item_id)
        values: dict[str, object] = {"text": text, "meeting_id": meeting_id, "created": now()}
        return self.points.get(self.points.add(meeting_id, (item_id,), values, index))

    # -- resolutions

    def add_resolution(self, item_id: int, resolution: Resolution, index: int | None = None) -> Resolution:
        meeting_id = self.items.meeting_of(item_id)
        values = {**resolution_values(resolution), "meeting_id": meeting_id}
        return self.resolutions.get(self.resolutions.add(meeting_id, (item_id,), values, index))

    def update_resolution(
        self, resolution_id: int, fields: dict[str, object], expected_version: int | None = None
    ) -> Resolution:
        """Change a resolution's outcome, text, votes (``votes_for``, ``votes_against``,
        ``abstentions``: a count or ``None``) or recorded vote (a list of names)."""
        unknown = set(fields) - set(RESOLUTIONS.fields)
        if unknown:
            raise StoreError(f"Unknown resolution field(s): {', '.join(sorted(unknown))}")
        self.resolutions.update(resolution_id, resolution_fields(fields), expected_version)
        return self.resolutions.get(resolution_id)

    def approve_as_recommended(self, item_id: int) -> Resolution:
        """A new "approved" resolution whose text is the item's recommendations, for editing."""
        item = self.items.get(item_id)
        if not any(r.strip() for r in item.recommendations):
            raise StoreError(f"Item {item.label or item_id} has no recommendation to approve")
        return self.add_resolution(item_id, recommendations_as_resolution(item))

    # -- filing a point typed with A: or D:

    def file_point(self, item_id: int, filing: Filing, point_id: int | None = None) -> ItemFiled:
        """File a point of an item: ``A:`` as an action raised under the item, ``D:`` as an
        approved resolution. The point (if saved) is removed in the same transaction."""
        if filing.kind not in ("action", "decision"):
            reason = "; ".join(filing.problems) or "it has no A: or D: prefix"
            raise StoreError(f"Nothing to file: {reason}")
        if not filing.text.strip():
            raise StoreError(f"An {'action' if filing.kind == 'action' else 'resolution'} needs some text")
        meeting_id = self.items.meeting_of(item_id)
        point, index = None, None
        with self.db.write(meeting_id):
            if point_id is not None:
                point, index = self._take_point(item_id, point_id)
            if filing.kind == "action":
                action = Action(filing.text, filing.owner, filing.due, item_id=item_id)
                made: Action | Resolution = self.lists.actions.get(
                    self.lists.insert_action(meeting_id, action)
                )
            else:
                values = {**resolution_values(Resolution("approved", filing.text)), "meeting_id": meeting_id}
                made = self.resolutions.get(self.resolutions.insert((item_id,), values))
        kind = "action" if filing.kind == "action" else "resolution"
        return ItemFiled(kind, made, item_id, point, index)

    def _take_point(self, item_id: int, point_id: int) -> tuple[Point, int]:
        row = self.db.row("item_points", point_id)
        if row["item_id"] != item_id:
            raise StoreError(f"The point {point_id} belongs to another item")
        index = self.db.execute(
            "SELECT count(*) FROM item_points WHERE item_id = ? AND (position < ? OR (position = ? AND id < ?))",
            (item_id, row["position"], row["position"], point_id),
        ).fetchone()[0]
        self.db.execute("DELETE FROM item_points WHERE id = ?", (point_id,))
        return item_point_from_row(row), int(index)

    def undo_item_filing(self, filed: ItemFiled) -> Point | None:
        """Remove what :meth:`file_point` made and put the point back where it was."""
        table = "actions" if filed.kind == "action" else "resolutions"
        meeting_id = self.items.meeting_of(filed.item_id)
        with self.db.write(meeting_id):
            if self.db.execute(f"DELETE FROM {table} WHERE id = ?", (filed.made.id,)).rowcount == 0:
                raise StoreError(f"This {filed.kind} is no longer there: the filing was already undone")
            if filed.point is None:
                return None
            values: dict[str, object] = {
                "text": filed.point.text,
                "meeting_id": meeting_id,
                "created": datetime_in(filed.point.created) or now(),
            }
            point_id = self.points.insert((filed.item_id,), values, filed.index)
        return self.points.get(point_id)

    # -- whole meetings

    def insert_all(self, meeting_id: int, meeting: Meeting, action_ids: Sequence[int]) -> None:
        """Inside ``add_meeting``'s transaction: the meeting's items, and which item each action
        was raised under (by the item's id in ``meeting``, else its place in the agenda)."""
        rules = meeting.rules
        if rules is not None and rules != CommitteeRules() and meeting.series.strip():  # new series here
            self.db.execute(
                "INSERT INTO committee_rules (series, numbering, quorum, actions_table, first_minute) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (series) DO NOTHING",
                (
                    meeting.series,
                    rules.numbering,
                    rules.quorum,
                    int(rules.actions_table),
                    rules.first_minute,
                ),
            )
        new_ids = [self.insert_item(meeting_id, item) for item in meeting.agenda]
        old_ids = {item.id: n for n, item in enumerate(meeting.agenda) if item.id is not None}
        links = []
        for action_id, action in zip(action_ids, meeting.actions):
            index = action.item_index
            if index is None and action.item_id is not None:
                index = old_ids.get(action.item_id)
            if index is not None and 0 <= index < len(new_ids):
                links.append((new_ids[index], action_id))
        self.db.executemany("UPDATE actions SET item_id = ? WHERE id = ?", links)
        if any(not item.minute for item in meeting.agenda):
            self.renumber(meeting_id)

    # -- the decision register

    def decisions(self, series: str | None = None, since: dt.date | None = None) -> list[Decision]:
        """Every resolution of meetings not deleted, oldest meeting first, in minute order."""
        where = ["m.deleted IS NULL"]
        params: list[object] = []
        if series is not None:
            where.append("m.series = ?")
            params.append(series)
        if since is not None:
            where.append("m.date >= ?")
            params.append(date_in(since))
        rows = self.db.read(
            "SELECT m.id AS meeting_id, m.date, m.series, m.title AS meeting_title, a.minute, a.number, "
            "a.title AS item, a.exempt, r.outcome, r.text, r.votes_for, r.votes_against, r.abstentions "
            "FROM resolutions r JOIN agenda_items a ON a.id = r.item_id JOIN meetings m ON m.id = r.meeting_id "
            f"WHERE {' AND '.join(where)} "
            "ORDER BY m.date IS NULL, m.date, m.id, a.position, a.id, r.position, r.id",
            params,
        )
        return [
            Decision(
                r["meeting_id"],
                date_out(r["date"]),
                r["series"],
                r["meeting_title"],
                r["minute"],
                r["number"],
                r["item"],
                r["outcome"],
                r["text"],
                r["votes_for"],
                r["votes_against"],
                r["abstentions"],
                r["exempt"],
            )
            for r in rows
        ]
