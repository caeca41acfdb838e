"""The store: the one place that reads and writes the minutes database.

Every method takes and returns domain objects from :mod:`minutes_tui.model`.
Each logical change is one short transaction that also stamps the meeting's
``updated`` time; a failed write raises :class:`StoreError` and changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from ..model import (
    MEETING_FIELDS,
    Action,
    Attendee,
    Bullet,
    Meeting,
    MeetingSummary,
    Point,
    Section,
    Turn,
    check_action_status,
    check_attendance,
    check_clock,
    check_meeting_status,
    check_section,
    make_layout,
)
from ..search_model import SearchHit
from ..text import storable
from . import maintenance, transfer
from .capture import CaptureMixin
from .database import connect
from .errors import Locked, NotFound, StoreError, translate
from .filing import FilingMixin
from .lists import ACTIONS, ATTENDEES, BULLETS, POINTS, TURNS, ListKind, position_at
from .search import search as search_archive
from .series import SeriesMixin, layout_from_json, layout_to_json, status_event
from .transaction import immediate


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _date_out(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _date_in(value: dt.date | str | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(value).isoformat()


def _datetime_out(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _datetime_in(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _clean(values: dict) -> dict:
    """Field values ready for SQLite: text made storable, dates as ISO strings."""
    out = {}
    for key, value in values.items():
        if key in ("date", "next_meeting", "due"):
            value = _date_in(value)
        elif isinstance(value, str):
            value = storable(value)
        out[key] = value
    return out


class Store(SeriesMixin, FilingMixin, CaptureMixin):
    """Meetings in one SQLite database (a file, or ``:memory:`` for tests)."""

    def __init__(self, db: Database, path: str | Path = ":memory:") -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(
        cls, path: str | Path = ":memory:", *, busy_timeout: float | None = None, create_folder: bool = True
    ) -> Store:
        """Open (creating and upgrading as needed) the database at ``path``.

        ``create_folder=False`` refuses a path whose folder does not exist (a typo in
        ``--db`` should not make a stray folder).
        """
        options = {} if busy_timeout is None else {"busy_timeout": busy_timeout}
        return cls(connect(path, create_folder=create_folder, **options), path)

    def close(self) -> None:
        self.db.close()

    # -- transactions -----------------------------------------------------

    @contextlib.contextmanager
    def _write(self, meeting_id: int | None = None, *, content: bool = True) -> Iterator[Database]:
        """One transaction; stamps ``updated`` on the meeting it changes.

        A change to the ``content`` of an approved meeting raises :class:`Locked`.
        """
        try:
            with immediate(self.db):
                if content and meeting_id is not None:
                    self._check_editable(meeting_id)
                yield self.db
                if meeting_id is not None:
                    self.db.execute("UPDATE meetings SET updated = ? WHERE id = ?", (_now(), meeting_id))
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def _check_editable(self, meeting_id: int) -> None:
        row = self.db.execute("SELECT status, title FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
        if row and row[0] == "approved":
            raise Locked(
                f"The minutes of {row[1] or 'this meeting'!r} are approved and cannot be changed; "
                "reopen them (the reopening is recorded) to make a correction"
            )

    def _read(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        try:
            params = tuple(storable(p) if isinstance(p, str) else p for p in params)  # as stored
            cursor = self.db.conn.execute(sql, params)
            columns = [c[0] for c in cursor.description]
            return [dict(zip(columns, row)) for row in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def _row(self, table: str, item_id: int) -> dict:
        rows = self._read(f"SELECT * FROM {table} WHERE id = ?", (item_id,))
        if not rows:
            raise NotFound(f"No {table[:-1].replace('_', ' ')} with id {item_id}")
        return rows[0]

    # -- meetings ---------------------------------------------------------

    def create_meeting(self, *, layout: tuple[Section, ...] | None = None, **fields) -> Meeting:
        """A new, empty meeting with the given header fields.

        Its layout is ``layout``, else its series' chosen layout, else that of the
        series' latest meeting, else the workshop default.
        """
        unknown = set(fields) - set(MEETING_FIELDS)
        if unknown:
            raise StoreError(f"Unknown meeting field(s): {', '.join(sorted(unknown))}")
        if "status" in fields:
            check_meeting_status(fields["status"])
        now = _now()
        with self._write() as db:
            cursor = db.execute("INSERT INTO meetings (created, updated) VALUES (?, ?)", (now, now))
            meeting_id = cursor.lastrowid
            if layout is None and fields.get("series"):
                layout = self._series_default_layout(fields["series"])
            if layout is not None:
                fields["layout"] = layout_to_json(make_layout(list(layout)))
            if fields:
                self._set_fields("meetings", meeting_id, _clean(fields))
        return self.get_header(meeting_id)

    def add_meeting(self, meeting: Meeting) -> Meeting:
        """Save a whole meeting (header and every list) as a new one, atomically."""
        header = {name: getattr(meeting, name) for name in MEETING_FIELDS}
        now = _now()
        with self._write() as db:
            meeting_id = db.execute(
                "INSERT INTO meetings (created, updated) VALUES (?, ?)", (now, now)
            ).lastrowid
            self._set_fields(
                "meetings", meeting_id, {**_clean(header), "layout": layout_to_json(meeting.layout)}
            )
            attendee_ids = [
                self._insert(ATTENDEES, (meeting_id,), self._attendee_values(attendee), None)
                for attendee in meeting.attendees
            ]
            self._insert_declarations(meeting_id, meeting, attendee_ids)
            for section, bullets in meeting.sections.items():
                for bullet in bullets:
                    values = {"text": bullet.text, "created": _datetime_in(bullet.created)}
                    self._insert(BULLETS, (meeting_id, section), values, None)
            for turn in meeting.round_robin:
                turn_id = self._insert(TURNS, (meeting_id,), {"speaker": turn.speaker}, None)
                for point in turn.points:
                    values = {
                        "text": point.text,
                        "meeting_id": meeting_id,
                        "created": _datetime_in(point.created),
                    }
                    self._insert(POINTS, (turn_id,), values, None)
            for action in meeting.actions:
                action_id = self._insert(ACTIONS, (meeting_id,), self._action_values(action), None)
                transfer.record_action_history(self, action_id, meeting_id, action)
            transfer.add_transfer_extras(self, meeting_id, meeting)
        return self.get_meeting(meeting_id)

    def matching_meetings(self, meeting: Meeting) -> list[MeetingSummary]:
        """Saved meetings with the same series, date and title as ``meeting``."""
        return transfer.matching_meetings(self, meeting)

    def get_header(self, meeting_id: int) -> Meeting:
        """A meeting's header fields only (its lists left empty)."""
        return self._meeting_from_row(self._row("meetings", meeting_id))

    def get_meeting(self, meeting_id: int) -> Meeting:
        """A whole meeting: header, attendees, sections, round robin and actions."""
        meeting = self.get_header(meeting_id)
        q = "SELECT * FROM {} WHERE meeting_id = ? ORDER BY position, id"
        meeting.attendees = [
            self._attendee_from_row(r) for r in self._read(q.format("attendees"), (meeting_id,))
        ]
        for row in self._read(
            "SELECT * FROM bullets WHERE meeting_id = ? ORDER BY section, position, id", (meeting_id,)
        ):
            meeting.sections.setdefault(row["section"], []).append(self._bullet_from_row(row))
        turns = {
            r["id"]: Turn(r["speaker"], [], r["id"]) for r in self._read(q.format("turns"), (meeting_id,))
        }
        for row in self._read(
            "SELECT * FROM points WHERE meeting_id = ? ORDER BY turn_id, position, id", (meeting_id,)
        ):
            turns[row["turn_id"]].points.append(self._point_from_row(row))
        meeting.round_robin = list(turns.values())
        meeting.declarations = self.declarations(meeting_id)
        meeting.actions = [self._action_from_row(r) for r in self._read(q.format("actions"), (meeting_id,))]
        meeting.matters_arising = self.carried_actions(meeting_id)
        transfer.load_histories(self, meeting)
        return meeting

    def list_meetings(self, limit: int | None = None, offset: int = 0) -> list[MeetingSummary]:
        """Meetings newest first (by date, then by when they were made)."""
        columns = "SELECT id, series, title, date, status, updated FROM meetings"
        if limit is None:
            rows = self._read(
                f"{columns} ORDER BY date IS NULL, date DESC, id DESC LIMIT -1 OFFSET ?", (offset,)
            )
        else:
            # Dated then undated, each in index order: a page reads its own rows, not the whole table.
            rows = self._read(
                f"{columns} WHERE date IS NOT NULL ORDER BY date DESC, id DESC LIMIT ? OFFSET ?",
                (limit, offset),
            )
            if len(rows) < limit:
                dated = self._read("SELECT count(*) AS n FROM meetings WHERE date IS NOT NULL")[0]["n"]
                rows += self._read(
                    f"{columns} WHERE date IS NULL ORDER BY id DESC LIMIT ? OFFSET ?",
                    (limit - len(rows), max(0, offset - dated)),
                )
        return [self._summary_from_row(r) for r in rows]

    def count_meetings(self) -> int:
        return self._read("SELECT count(*) AS n FROM meetings")[0]["n"]

    def update_meeting(self, meeting_id: int, **fields) -> Meeting:
        """Change header fields of a meeting; returns the saved header."""
        unknown = set(fields) - set(MEETING_FIELDS)
        if unknown:
            raise StoreError(f"Unknown meeting field(s): {', '.join(sorted(unknown))}")
        if "status" in fields:
            check_meeting_status(fields["status"])
        self._row("meetings", meeting_id)
        with self._write(meeting_id):
            self._set_fields("meetings", meeting_id, _clean(fields))
            if fields.get("status") == "approved":
                self._meeting_event(meeting_id, "approved")
        return self.get_header(meeting_id)

    def delete_meeting(self, meeting_id: int) -> None:
        """Delete a meeting and everything in it (not while its minutes, or minutes carrying its actions, are approved)."""
        self._row("meetings", meeting_id)
        with self._write() as db:
            self._check_editable(meeting_id)
            transfer.check_deletable(self, meeting_id)
            db.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))

    def series_names(self) -> list[str]:
        """Every series named so far, most recently met first."""
        rows = self._read(
            "SELECT series FROM meetings WHERE series != '' GROUP BY series "
            "ORDER BY max(coalesce(date, '')) DESC, max(id) DESC"
        )
        return [r["series"] for r in rows]

    def latest_in_series(self, series: str) -> Meeting | None:
        """The most recent meeting of ``series`` (with its lists), if any."""
        rows = self._read(
            "SELECT id FROM meetings WHERE series = ? ORDER BY date IS NULL, date DESC, id DESC LIMIT 1",
            (series,),
        )
        return self.get_meeting(rows[0]["id"]) if rows else None

    def known_people(self) -> list[tuple[str, str]]:
        """Distinct (name, organisation) pairs from every meeting, most used first."""
        rows = self._read(
            "SELECT name, organisation FROM attendees GROUP BY name, organisation "
            "ORDER BY count(*) DESC, max(id) DESC LIMIT 2000"
        )
        return [(r["name"], r["organisation"]) for r in rows]

    # -- attendees --------------------------------------------------------

    def add_attendee(self, meeting_id: int, attendee: Attendee, index: int | None = None) -> Attendee:
        with self._write(meeting_id):
            item_id = self._insert(ATTENDEES, (meeting_id,), self._attendee_values(attendee), index)
        return self.get_attendee(item_id)

    def get_attendee(self, attendee_id: int) -> Attendee:
        return self._attendee_from_row(self._row("attendees", attendee_id))

    def update_attendee(self, attendee_id: int, **fields) -> Attendee:
        if "attendance" in fields:
            check_attendance(fields["attendance"])
        for clock in ("arrived", "left"):
            if clock in fields:
                fields[clock] = check_clock(fields[clock] or "")
        self._update(ATTENDEES, attendee_id, fields)
        return self.get_attendee(attendee_id)

    def delete_attendee(self, attendee_id: int) -> None:
        self._delete("attendees", attendee_id)

    def move_attendee(self, attendee_id: int, index: int) -> None:
        self._move(ATTENDEES, attendee_id, index)

    # -- bulleted sections --------------------------------------------------

    def add_bullet(self, meeting_id: int, section: str, text: str, index: int | None = None) -> Bullet:
        check_section(section, self.get_header(meeting_id).layout)
        with self._write(meeting_id):
            item_id = self._insert(BULLETS, (meeting_id, section), {"text": text, "created": _now()}, index)
        return self.get_bullet(item_id)

    def get_bullet(self, bullet_id: int) -> Bullet:
        return self._bullet_from_row(self._row("bullets", bullet_id))

    def update_bullet(self, bullet_id: int, text: str) -> Bullet:
        self._update(BULLETS, bullet_id, {"text": text})
        return self.get_bullet(bullet_id)

    def delete_bullet(self, bullet_id: int) -> None:
        self._delete("bullets", bullet_id)

    def move_bullet(self, bullet_id: int, index: int) -> None:
        self._move(BULLETS, bullet_id, index)

    # -- round robin --------------------------------------------------------

    def add_turn(
        self, meeting_id: int, speaker: str, index: int | None = None, points: list[str] = ()
    ) -> Turn:
        with self._write(meeting_id):
            turn_id = self._insert(TURNS, (meeting_id,), {"speaker": speaker}, index)
            for text in points:
                self._insert(
                    POINTS, (turn_id,), {"text": text, "meeting_id": meeting_id, "created": _now()}, None
                )
        return self.get_turn(turn_id)

    def get_turn(self, turn_id: int) -> Turn:
        row = self._row("turns", turn_id)
        points = [
            self._point_from_row(r)
            for r in self._read(
                "SELECT id, text, created FROM points WHERE turn_id = ? ORDER BY position, id", (turn_id,)
            )
        ]
        return Turn(row["speaker"], points, row["id"])

    def update_turn(self, turn_id: int, speaker: str) -> Turn:
        self._update(TURNS, turn_id, {"speaker": speaker})
        return self.get_turn(turn_id)

    def delete_turn(self, turn_id: int) -> None:
        self._delete("turns", turn_id)

    def move_turn(self, turn_id: int, index: int) -> None:
        self._move(TURNS, turn_id, index)

    def add_point(self, turn_id: int, text: str, index: int | None = None) -> Point:
        meeting_id = self._row("turns", turn_id)["meeting_id"]
        with self._write(meeting_id):
            values = {"text": text, "meeting_id": meeting_id, "created": _now()}
            item_id = self._insert(POINTS, (turn_id,), values, index)
        return self.get_point(item_id)

    def get_point(self, point_id: int) -> Point:
        return self._point_from_row(self._row("points", point_id))

    def update_point(self, point_id: int, text: str) -> Point:
        self._update(POINTS, point_id, {"text": text})
        return self.get_point(point_id)

    def delete_point(self, point_id: int) -> None:
        self._delete("points", point_id)

    def move_point(self, point_id: int, index: int) -> None:
        self._move(POINTS, point_id, index)

    # -- actions ------------------------------------------------------------

    def add_action(self, meeting_id: int, action: Action, index: int | None = None) -> Action:
        with self._write(meeting_id):
            item_id = self._insert(ACTIONS, (meeting_id,), self._action_values(action), index)
            self._action_event(item_id, meeting_id, "raised", action.status)
        return self.get_action(item_id)

    def get_action(self, action_id: int) -> Action:
        return self._action_from_row(self._row("actions", action_id))

    def update_action(self, action_id: int, **fields) -> Action:
        """Edit an action of its own meeting; a status change is recorded in its history.

        A change of status alone is progress, not content: it is allowed after the
        meeting that raised the action has been approved.
        """
        unknown = set(fields) - set(ACTIONS.fields)
        if unknown:
            raise StoreError(f"Unknown actions field(s): {', '.join(sorted(unknown))}")
        status = fields.get("status")
        if status is not None:
            check_action_status(status)
        row = self._row("actions", action_id)
        with self._write(row["meeting_id"], content=bool(set(fields) - {"status"})):
            self._set_fields("actions", action_id, _clean(fields))
            if status is not None and status != row["status"]:
                self._action_event(action_id, row["meeting_id"], status_event(status), status)
        return self.get_action(action_id)

    def delete_action(self, action_id: int) -> None:
        self._delete("actions", action_id)

    def move_action(self, action_id: int, index: int) -> None:
        self._move(ACTIONS, action_id, index)

    # -- shared list machinery ------------------------------------------------

    def _set_fields(self, table: str, item_id: int, values: dict) -> None:
        if not values:
            return
        assignments = ", ".join(f"{column} = ?" for column in values)
        self.db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (*values.values(), item_id))

    def _insert(self, kind: ListKind, scope: tuple, values: dict, index: int | None) -> int:
        position = position_at(self.db, kind, scope, index)
        row = {**dict(zip(kind.scope, scope)), **_clean(values), "position": position}
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        return self.db.execute(
            f"INSERT INTO {kind.table} ({columns}) VALUES ({marks})", tuple(row.values())
        ).lastrowid

    def _update(self, kind: ListKind, item_id: int, fields: dict) -> None:
        unknown = set(fields) - set(kind.fields)
        if unknown:
            raise StoreError(f"Unknown {kind.table} field(s): {', '.join(sorted(unknown))}")
        meeting_id = self._row(kind.table, item_id)["meeting_id"]
        with self._write(meeting_id):
            self._set_fields(kind.table, item_id, _clean(fields))

    def _delete(self, table: str, item_id: int) -> None:
        meeting_id = self._row(table, item_id)["meeting_id"]
        with self._write(meeting_id) as db:
            db.execute(f"DELETE FROM {table} WHERE id = ?", (item_id,))

    def _move(self, kind: ListKind, item_id: int, index: int) -> None:
        """Move an item to ``index`` of its list (counted without the item itself)."""
        row = self._row(kind.table, item_id)
        scope = tuple(row[column] for column in kind.scope)
        with self._write(row["meeting_id"]) as db:
            position = position_at(db, kind, scope, max(index, 0), exclude=item_id)
            db.execute(f"UPDATE {kind.table} SET position = ? WHERE id = ?", (position, item_id))

    def _meeting_event(self, meeting_id: int, event: str, reason: str = "") -> None:
        self.db.execute(
            "INSERT INTO meeting_events (meeting_id, event, reason, at) VALUES (?, ?, ?, ?)",
            (meeting_id, event, storable(reason), _now()),
        )

    def _action_event(
        self, action_id: int, meeting_id: int | None, event: str, status: str, note: str = ""
    ) -> None:
        self.db.execute(
            "INSERT INTO action_events (action_id, meeting_id, event, status, note, at) VALUES (?, ?, ?, ?, ?, ?)",
            (action_id, meeting_id, event, status, storable(note), _now()),
        )

    # -- rows to domain objects -----------------------------------------------

    @staticmethod
    def _summary_from_row(row: dict) -> MeetingSummary:
        return MeetingSummary(
            row["id"],
            row["series"],
            row["title"],
            _date_out(row["date"]),
            row["status"],
            _datetime_out(row["updated"]),
        )

    @staticmethod
    def _meeting_from_row(row: dict) -> Meeting:
        return Meeting(
            series=row["series"],
            title=row["title"],
            date=_date_out(row["date"]),
            time=row["time"],
            place=row["place"],
            chair=row["chair"],
            minute_taker=row["minute_taker"],
            status=row["status"],
            next_meeting=_date_out(row["next_meeting"]),
            layout=layout_from_json(row["layout"]),
            created=_datetime_out(row["created"]),
            updated=_datetime_out(row["updated"]),
            id=row["id"],
        )

    @staticmethod
    def _attendee_from_row(row: dict) -> Attendee:
        return Attendee(
            row["name"],
            row["organisation"],
            row["role"],
            row["attendance"],
            row["id"],
            arrived=row.get("arrived") or "",
            left=row.get("left") or "",
            on_behalf_of=row.get("on_behalf_of") or "",
        )

    @staticmethod
    def _attendee_values(attendee: Attendee) -> dict:
        return {
            "name": attendee.name,
            "organisation": attendee.organisation,
            "role": attendee.role,
            "attendance": check_attendance(attendee.attendance),
            "arrived": check_clock(attendee.arrived),
            "left": check_clock(attendee.left),
            "on_behalf_of": attendee.on_behalf_of,
        }

    @staticmethod
    def _bullet_from_row(row: dict) -> Bullet:
        return Bullet(row["text"], row["id"], _datetime_out(row.get("created")))

    @staticmethod
    def _point_from_row(row: dict) -> Point:
        return Point(row["text"], row["id"], _datetime_out(row.get("created")))

    @staticmethod
    def _action_from_row(row: dict) -> Action:
        return Action(
            row["text"], row["owner"], _date_out(row["due"]), row["status"], row["meeting_id"], row["id"]
        )

    @staticmethod
    def _action_values(action: Action) -> dict:
        return {
            "text": action.text,
            "owner": action.owner,
            "due": action.due,
            "status": check_action_status(action.status),
        }

    # -- the archive: search, keyset paging, backup, check ---------------------

    def search(
        self,
        query: str,
        series: str | None = None,
        since: dt.date | str | None = None,
        limit: int = 50,
        *,
        prefix_last: bool = False,
    ) -> list[SearchHit]:
        """Items of any meeting matching ``query`` (see :mod:`minutes_tui.store.search`).

        Any text is a safe query. Few matches come best first, many come newest
        first; the work is bounded either way. ``prefix_last`` treats the last
        word as a prefix, for searching as the user types.
        """
        try:
            return search_archive(
                self.db, query, series=series, since=since, limit=limit, prefix_last=prefix_last
            )
        except ValueError as exc:
            raise StoreError(str(exc)) from None
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def list_meetings_before(
        self, date: dt.date | None, meeting_id: int, limit: int = 50
    ) -> list[MeetingSummary]:
        """The ``limit`` meetings that follow (``date``, ``meeting_id``) in :meth:`list_meetings` order.

        Keyset paging: pass the date and id of the last meeting shown to get the
        next page. It reads only those rows, however deep in the list.
        """
        columns = "SELECT id, series, title, date, status, updated FROM meetings"
        rows: list[dict] = []
        if date is not None:
            rows = self._read(
                f"{columns} WHERE date IS NOT NULL AND (date < ? OR (date = ? AND id < ?)) "
                "ORDER BY date DESC, id DESC LIMIT ?",
                (_date_in(date), _date_in(date), meeting_id, limit),
            )
        if len(rows) < limit:
            undated = f"{columns} WHERE date IS NULL" + ("" if date is not None else " AND id < ?")
            params = (limit - len(rows),) if date is not None else (meeting_id, limit - len(rows))
            rows += self._read(f"{undated} ORDER BY id DESC LIMIT ?", params)
        return [self._summary_from_row(r) for r in rows]

    def backup(self, path: str | Path | None = None) -> Path:
        """Copy the database, consistently even while it is being written, to a new file.

        ``path`` defaults to ``<name>-backup-YYYYMMDD-HHMMSS.db`` beside the database.
        Never overwrites; the copy is readable by its owner only. Returns its path.
        """
        return maintenance.backup(self.db, self.path, path)

    def check(self) -> list[str]:
        """What is wrong with the database, in plain sentences; ``[]`` when it is sound."""
        try:
            return maintenance.check(self.db)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def repair(self) -> list[str]:
        """Rebuild the lookup and search indexes from the minutes; says what it did."""
        try:
            return maintenance.repair(self.db)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
