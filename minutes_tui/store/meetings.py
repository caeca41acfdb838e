"""Meetings: headers, whole meetings read and saved at once, and the lists of meetings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..gc_pause import paused_gc
from ..model import (
    MEETING_FIELDS,
    Action,
    CarriedAction,
    Meeting,
    MeetingSummary,
    Section,
    check_clock,
    check_meeting_status,
    make_layout,
)
from .bulk import indexed_at_end
from .capture import CaptureRepository
from .carried import CarriedRepository
from .errors import Conflict, NotFound, StoreError
from .gateway import Gateway, Row, now
from .history import HistoryRepository
from .items import ItemRepository
from .layouts import LayoutRepository
from .loading import live_actions, load_action_histories, load_lists
from .record import RecordRepository
from .rows import (
    action_values,
    attendee_values,
    clean,
    date_in,
    datetime_in,
    layout_to_json,
    meeting_from_row,
    summary_from_row,
)
from .transfer import (
    add_transfer_extras,
    matching_meetings,
    record_action_history,
)

if TYPE_CHECKING:
    from .agenda import AgendaRepository

_SUMMARY = "SELECT id, series, title, date, status, updated, deleted FROM meetings"
#: A meeting as ``minutes list`` prints it: id, date (``YYYY-MM-DD``, or ``None``), series,
#: title, status.
Listed = tuple[int, str | None, str, str, str]
#: Meetings not deleted (deleted ones wait in :meth:`MeetingRepository.deleted_meetings`).
LIVE = "deleted IS NULL"


def _check_fields(fields: dict[str, object]) -> None:
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise StoreError(f"Unknown meeting field(s): {', '.join(sorted(unknown))}")
    if "status" in fields:
        check_meeting_status(str(fields["status"]))
    if "closed" in fields:
        fields["closed"] = check_clock(str(fields["closed"] or ""))


class MeetingRepository:
    """The ``meetings`` table, and whole meetings with every list they hold."""

    def __init__(
        self,
        db: Gateway,
        items: ItemRepository,
        capture: CaptureRepository,
        layouts: LayoutRepository,
        carried: CarriedRepository,
        history: HistoryRepository,
        record: RecordRepository,
        agenda: AgendaRepository | None = None,
    ) -> None:
        self.db = db
        #: Agenda items of committee meetings (read and saved with the whole meeting).
        self.agenda = agenda
        self.record = record
        self.items = items
        self.capture = capture
        self.layouts = layouts
        self.carried = carried
        self.history = history

    # -- one meeting

    def create_meeting(self, layout: tuple[Section, ...] | None, fields: dict[str, object]) -> Meeting:
        """A new, empty meeting with the given header fields.

        Its layout is ``layout``, else its series' chosen layout, else that of the
        series' latest meeting, else the workshop default.
        """
        _check_fields(fields)
        with self.db.write():
            meeting_id = self._insert_meeting()
            series = fields.get("series")
            if layout is None and series:
                layout = self.layouts.series_default_layout(str(series))
            if layout is not None:
                fields["layout"] = layout_to_json(make_layout(list(layout)))
            self.db.set_fields("meetings", meeting_id, clean(fields))
        return self.get_header(meeting_id)

    def _insert_meeting(self) -> int:
        stamp = now()
        return self.db.insert("INSERT INTO meetings (created, updated) VALUES (?, ?)", (stamp, stamp))

    def add_meeting(self, meeting: Meeting) -> Meeting:
        """Save a whole meeting (header and every list) as a new one, atomically.

        Each list's end is read once and its items take the positions after it; the
        search index takes the new rows at the end, in one statement per table.
        """
        header: dict[str, object] = {name: getattr(meeting, name) for name in MEETING_FIELDS}
        items = self.items
        with self.db.write(), indexed_at_end(self.db):
            meeting_id = self._insert_meeting()
            self.db.set_fields(
                "meetings", meeting_id, {**clean(header), "layout": layout_to_json(meeting.layout)}
            )
            attendee_ids = items.attendees.append_all(
                (meeting_id,), [attendee_values(a) for a in meeting.attendees]
            )
            self.capture.insert_declarations(meeting_id, meeting, attendee_ids)
            for section, bullets in meeting.sections.items():
                items.bullets.append_all(
                    (meeting_id, section),
                    [{"text": b.text, "created": datetime_in(b.created)} for b in bullets],
                )
            turn_ids = items.turns.append_all(
                (meeting_id,), [{"speaker": t.speaker} for t in meeting.round_robin]
            )
            for turn_id, turn in zip(turn_ids, meeting.round_robin):
                items.points.append_all(
                    (turn_id,),
                    [
                        {"text": p.text, "meeting_id": meeting_id, "created": datetime_in(p.created)}
                        for p in turn.points
                    ],
                )
            action_ids = items.actions.append_all((meeting_id,), [action_values(a) for a in meeting.actions])
            for action_id, action in zip(action_ids, meeting.actions):
                record_action_history(self.db, action_id, meeting_id, action)
            if self.agenda is not None:
                self.agenda.insert_all(meeting_id, meeting, action_ids)
            add_transfer_extras(self.db, items.actions, meeting_id, meeting, self.history.author)
            if meeting.status == "approved":
                self.fix_record(meeting_id)
        return self.get_meeting(meeting_id)

    def matching_meetings(self, meeting: Meeting) -> list[MeetingSummary]:
        """Saved meetings with the same series, date and title as ``meeting``."""
        return matching_meetings(self.db, meeting)

    def get_header(self, meeting_id: int, *, include_deleted: bool = False) -> Meeting:
        """A meeting's header fields only (its lists left empty).

        A deleted meeting is :class:`NotFound` unless ``include_deleted``.
        """
        row = self.db.row("meetings", meeting_id)
        if row["deleted"] is not None and not include_deleted:
            raise NotFound(f"The meeting {meeting_id} has been deleted (it can be restored)")
        return meeting_from_row(row)

    def get_meeting(self, meeting_id: int, *, include_deleted: bool = False) -> Meeting:
        """A whole meeting: header, attendees, sections, round robin and actions.

        Approved minutes show actions and matters arising as they stood at approval.
        Each list is one query read in its index's order (no sort), and the
        cyclic garbage collector is paused while the objects are made: it would
        otherwise rescan them again and again, so that loading grew faster than
        the meeting.
        """
        with paused_gc():
            return self._load(meeting_id, include_deleted)

    def _load(self, meeting_id: int, include_deleted: bool) -> Meeting:
        meeting = self.get_header(meeting_id, include_deleted=include_deleted)
        load_lists(self.db, meeting)
        scope = (meeting_id,)
        meeting.declarations = self.items.declarations.items(scope)
        if meeting.approved:
            meeting.actions, meeting.matters_arising = self.record.approved(meeting_id)
        else:
            meeting.actions, meeting.matters_arising = self.live_actions(meeting_id)
        meeting.history = self.history.meeting_history(meeting_id)
        load_action_histories(self.db, meeting)
        if self.agenda is not None:
            self.agenda.load_into(meeting)
        return meeting

    def live_actions(self, meeting_id: int) -> tuple[list[Action], list[CarriedAction]]:
        """A meeting's actions and matters arising as they stand now."""
        return live_actions(self.db, meeting_id), self.carried.carried_actions(meeting_id)

    def fix_record(self, meeting_id: int) -> None:
        """Fix what the approved minutes of ``meeting_id`` show (inside the approving transaction)."""
        self.record.fix(meeting_id, *self.live_actions(meeting_id))

    def update_meeting(
        self, meeting_id: int, fields: dict[str, object], expected_version: int | None = None
    ) -> Meeting:
        """Change header fields of a meeting; returns the saved header.

        With ``expected_version``, a header changed since raises :class:`Conflict`.
        """
        _check_fields(fields)
        self.db.row("meetings", meeting_id)
        try:
            with self.db.write(meeting_id):
                self.db.set_fields("meetings", meeting_id, clean(fields), expected_version=expected_version)
                if self.agenda is not None and {"date", "series"} & set(fields):
                    self.agenda.renumber(meeting_id)  # running minute numbers follow the year and series
                if fields.get("status") == "approved":
                    self.history.record_meeting(meeting_id, "approved")
                    self.fix_record(meeting_id)
        except Conflict as exc:
            raise Conflict(str(exc), self.get_header(meeting_id)) from None
        return self.get_header(meeting_id)

    def delete_meeting(self, meeting_id: int) -> None:
        """Delete a meeting (not while its minutes are approved): it is hidden everywhere,
        with its actions, until restored or purged."""
        self.get_header(meeting_id)
        with self.db.write():
            self.db.check_editable(meeting_id)
            self.db.execute("UPDATE meetings SET deleted = ? WHERE id = ?", (now(), meeting_id))

    def restore_meeting(self, meeting_id: int) -> Meeting:
        """Bring back a deleted meeting as it was."""
        if self.get_header(meeting_id, include_deleted=True).deleted is None:
            raise StoreError(f"The meeting {meeting_id} is not deleted, so there is nothing to restore")
        with self.db.write():
            self.db.execute("UPDATE meetings SET deleted = NULL WHERE id = ?", (meeting_id,))
        return self.get_header(meeting_id)

    def purge_meeting(self, meeting_id: int) -> None:
        """Remove a deleted meeting and everything in it for good."""
        if self.get_header(meeting_id, include_deleted=True).deleted is None:
            raise StoreError(f"The meeting {meeting_id} is not deleted; delete it before purging it")
        with self.db.write():
            self.db.execute("DELETE FROM meetings WHERE id = ? AND deleted IS NOT NULL", (meeting_id,))

    def deleted_meetings(self) -> list[MeetingSummary]:
        """Deleted meetings (``deleted`` says when), most recently deleted first."""
        rows = self.db.read(f"{_SUMMARY} WHERE deleted IS NOT NULL ORDER BY deleted DESC, id DESC")
        return [summary_from_row(r) for r in rows]

    # -- lists of meetings

    def list_meetings(self, limit: int | None = None, offset: int = 0) -> list[MeetingSummary]:
        """Meetings newest first (by date, then by when they were made)."""
        if limit is None:
            rows = self.db.read(
                f"{_SUMMARY} WHERE {LIVE} ORDER BY date IS NULL, date DESC, id DESC LIMIT -1 OFFSET ?",
                (offset,),
            )
        else:
            # Dated then undated, each in index order: a page reads its own rows, not the whole table.
            rows = self.db.read(
                f"{_SUMMARY} WHERE date IS NOT NULL AND {LIVE} ORDER BY date DESC, id DESC LIMIT ? OFFSET ?",
                (limit, offset),
            )
            if len(rows) < limit:
                dated = self._count("date IS NOT NULL")
                rows += self.db.read(
                    f"{_SUMMARY} WHERE date IS NULL AND {LIVE} ORDER BY id DESC LIMIT ? OFFSET ?",
                    (limit - len(rows), max(0, offset - dated)),
                )
        return [summary_from_row(r) for r in rows]

    def listing(self) -> list[Listed]:
        """Every meeting in :meth:`list_meetings` order as a plain row: for printing thousands
        at once, without an object or a parsed date per row."""
        columns = f"SELECT id, date, series, title, status FROM meetings WHERE {LIVE}"
        # Dated then undated, each in index order: no sort.
        rows: list[Listed] = self.db.execute(
            f"{columns} AND date IS NOT NULL ORDER BY date DESC, id DESC"
        ).fetchall()
        rows += self.db.execute(f"{columns} AND date IS NULL ORDER BY id DESC").fetchall()
        return rows

    def list_meetings_before(
        self, date: dt.date | None, meeting_id: int, limit: int = 50
    ) -> list[MeetingSummary]:
        """The ``limit`` meetings that follow (``date``, ``meeting_id``) in :meth:`list_meetings` order.

        Keyset paging: pass the date and id of the last meeting shown to get the
        next page. It reads only those rows, however deep in the list.
        """
        rows: list[Row] = []
        if date is not None:
            rows = self.db.read(
                f"{_SUMMARY} WHERE date IS NOT NULL AND {LIVE} AND (date < ? OR (date = ? AND id < ?)) "
                "ORDER BY date DESC, id DESC LIMIT ?",
                (date_in(date), date_in(date), meeting_id, limit),
            )
        if len(rows) < limit:
            undated = f"{_SUMMARY} WHERE date IS NULL AND {LIVE}" + (
                "" if date is not None else " AND id < ?"
            )
            params = (limit - len(rows),) if date is not None else (meeting_id, limit - len(rows))
            rows += self.db.read(f"{undated} ORDER BY id DESC LIMIT ?", params)
        return [summary_from_row(r) for r in rows]

    def count_meetings(self) -> int:
        """How many meetings there are (not counting deleted ones)."""
        return self._count()

    def _count(self, condition: str | None = None) -> int:
        """Meetings not deleted meeting ``condition``: the table's count less the deleted ones
        (few, and found by their own index), so no row is read."""
        where = f" WHERE {condition}" if condition else ""
        also = f" AND {condition}" if condition else ""
        every: int = self.db.read(f"SELECT count(*) AS n FROM meetings{where}")[0]["n"]
        deleted: int = self.db.read(f"SELECT count(*) AS n FROM meetings WHERE deleted IS NOT NULL{also}")[0][
            "n"
        ]
        return every - deleted

    def series_names(self, *, planned: bool = False) -> list[str]:
        """Every series named so far, most recently met first; ``planned``: then the series
        given a layout or committee rules before any meeting of theirs."""
        rows = self.db.read(
            f"SELECT series FROM meetings WHERE series != '' AND {LIVE} GROUP BY series "
            "ORDER BY max(coalesce(date, '')) DESC, max(id) DESC"
        )
        names = [r["series"] for r in rows]
        if planned:
            seen = {n.casefold() for n in names}
            sql = "SELECT series FROM series_layouts UNION SELECT series FROM committee_rules ORDER BY 1"
            names += [
                r["series"] for r in self.db.read(sql) if r["series"] and r["series"].casefold() not in seen
            ]
        return names

    def latest_in_series(self, series: str) -> Meeting | None:
        """The most recent meeting of ``series`` (with its lists), if any."""
        rows = self.db.read(
            f"SELECT id FROM meetings WHERE series = ? AND {LIVE} "
            "ORDER BY date IS NULL, date DESC, id DESC LIMIT 1",
            (series,),
        )
        return self.get_meeting(rows[0]["id"]) if rows else None

    def known_people(self) -> list[tuple[str, str]]:
        """Distinct (name, organisation) pairs from every meeting, most used first."""
        rows = self.db.read(
            "SELECT name, organisation FROM attendees "
            "WHERE meeting_id NOT IN (SELECT id FROM meetings WHERE deleted IS NOT NULL) "
            "GROUP BY name, organisation "
            "ORDER BY count(*) DESC, max(id) DESC LIMIT 2000"
        )
        return [(r["name"], r["organisation"]) for r in rows]

    def known_emails(self) -> dict[tuple[str, str], str]:
        """The latest e-mail address given for each (name, organisation), keys in lower case."""
        rows = self.db.read(
            "SELECT name, organisation, email FROM attendees WHERE email != '' "
            "AND meeting_id NOT IN (SELECT id FROM meetings WHERE deleted IS NOT NULL) ORDER BY id"
        )
        return {(r["name"].casefold(), r["organisation"].casefold()): r["email"] for r in rows}
