"""Meetings as a series: next meetings, matters arising, the action log, approval.

A mixin of :class:`~minutes_tui.store.store.Store`; it uses the store's
transaction and row helpers and returns domain objects.
"""

from __future__ import annotations

import datetime as dt
import json

from ..model import (
    WORKSHOP_LAYOUT,
    Action,
    ActionEvent,
    ActionRow,
    Attendee,
    CarriedAction,
    Meeting,
    MeetingEvent,
    Section,
    check_action_status,
    make_layout,
)
from ..text import storable
from .errors import StoreError
from .lists import ATTENDEES

#: Action statuses that still need doing (carried forward, listed by --open).
STILL_TO_DO = ("open", "on_hold")


def status_event(status: str) -> str:
    """The history event a change to ``status`` makes: closed, or updated."""
    return "closed" if status in ("done", "dropped") else "updated"


def layout_to_json(layout: tuple[Section, ...]) -> str | None:
    """A layout as stored: JSON, or NULL for the workshop default."""
    if tuple(layout) == WORKSHOP_LAYOUT:
        return None
    # storable: a heading pasted with a lone surrogate cannot be stored as UTF-8 otherwise
    return storable(
        json.dumps([{"key": s.key, "title": s.title, "kind": s.kind} for s in layout], ensure_ascii=False)
    )


def layout_from_json(text: str | None) -> tuple[Section, ...]:
    if not text:
        return WORKSHOP_LAYOUT
    return tuple(Section(d["key"], d["title"], d["kind"]) for d in json.loads(text))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _when(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _action_filter(
    series: str | None, owner: str | None, still_to_do: bool, overdue: bool, today: dt.date | None
) -> tuple[str, list]:
    """The WHERE clause (with its parameters) of the action log's filters."""
    where, params = [], []
    if series:
        where.append("m.series = ?")
        params.append(series)
    if owner:
        where.append("a.owner LIKE ? ESCAPE '\\'")
        escaped = owner.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(f"%{escaped}%")
    if still_to_do or overdue:
        where.append(f"a.status IN {STILL_TO_DO}")
    if overdue:
        where.append("a.due IS NOT NULL AND a.due < ?")
        params.append((today or dt.date.today()).isoformat())
    return (" WHERE " + " AND ".join(where) if where else ""), params


class SeriesMixin:
    """Series, matters arising, the action log and approval, for the Store."""

    # -- approval -----------------------------------------------------------

    def approve_meeting(self, meeting_id: int) -> Meeting:
        """Mark the minutes approved: the record, locked against edits until reopened."""
        return self.update_meeting(meeting_id, status="approved")

    def reopen_meeting(self, meeting_id: int, reason: str) -> Meeting:
        """Reopen approved minutes for a correction; the reason is recorded."""
        reason = reason.strip()
        if not reason:
            raise StoreError("Say why the approved minutes are being reopened; the reason is recorded")
        header = self.get_header(meeting_id)
        if header.status != "approved":
            raise StoreError("These minutes are not approved, so there is nothing to reopen")
        with self._write(meeting_id, content=False) as db:
            db.execute("UPDATE meetings SET status = 'draft' WHERE id = ?", (meeting_id,))
            self._meeting_event(meeting_id, "reopened", reason)
        return self.get_header(meeting_id)

    def meeting_history(self, meeting_id: int) -> list[MeetingEvent]:
        """When the minutes were approved and reopened (and why), oldest first."""
        rows = self._read(
            "SELECT event, reason, at FROM meeting_events WHERE meeting_id = ? ORDER BY id", (meeting_id,)
        )
        return [MeetingEvent(r["event"], r["reason"], _when(r["at"])) for r in rows]

    # -- layouts --------------------------------------------------------------------

    def set_layout(self, meeting_id: int, layout) -> Meeting:
        """Give a meeting a new section layout (entries as for :func:`make_layout`).

        A bulleted section that still holds points cannot be left out.
        """
        layout = make_layout(list(layout))
        keep = {s.key for s in layout if s.kind == "bullets"}
        with self._write(meeting_id) as db:
            for section, count in db.execute(
                "SELECT section, count(*) FROM bullets WHERE meeting_id = ? GROUP BY section", (meeting_id,)
            ).fetchall():
                if section not in keep:
                    raise StoreError(
                        f"The section {section!r} still holds {count} point(s); "
                        "delete or move them before leaving it out"
                    )
            db.execute("UPDATE meetings SET layout = ? WHERE id = ?", (layout_to_json(layout), meeting_id))
        return self.get_header(meeting_id)

    def set_series_layout(self, series: str, layout) -> tuple[Section, ...]:
        """Choose the layout that new meetings of ``series`` start with."""
        layout = make_layout(list(layout))
        with self._write() as db:
            db.execute(
                "INSERT INTO series_layouts (series, layout) VALUES (?, ?) "
                "ON CONFLICT(series) DO UPDATE SET layout = excluded.layout",
                (storable(series), layout_to_json(layout) or "null"),
            )
        return layout

    def series_layout(self, series: str) -> tuple[Section, ...]:
        """The layout the next meeting of ``series`` will have."""
        return self._series_default_layout(series) or WORKSHOP_LAYOUT

    def _series_default_layout(self, series: str) -> tuple[Section, ...] | None:
        series = storable(series)  # as it was stored; a lone surrogate cannot even be looked up
        row = self.db.execute("SELECT layout FROM series_layouts WHERE series = ?", (series,)).fetchone()
        if row:
            return layout_from_json(None if row[0] == "null" else row[0])
        row = self.db.execute(
            "SELECT layout FROM meetings WHERE series = ? ORDER BY date IS NULL, date DESC, id DESC LIMIT 1",
            (series,),
        ).fetchone()
        return layout_from_json(row[0]) if row else None

    # -- the next meeting of a series -------------------------------------------

    def start_next_meeting(self, series: str, **fields) -> Meeting:
        """A new meeting of ``series``: its last attendee list (members reset to present,
        those in attendance kept so) and every action still to do brought forward as matters arising."""
        previous = self.latest_in_series(series)
        meeting = self.create_meeting(series=series, **fields)
        with self._write(meeting.id):
            for attendee in previous.attendees if previous else []:
                kind = "in_attendance" if attendee.attendance == "in_attendance" else "present"
                values = self._attendee_values(
                    Attendee(attendee.name, attendee.organisation, attendee.role, kind)
                )
                self._insert(ATTENDEES, (meeting.id,), values, None)
            outstanding = self.db.execute(
                "SELECT actions.id FROM actions JOIN meetings ON meetings.id = actions.meeting_id "
                f"WHERE meetings.series = ? AND actions.status IN {STILL_TO_DO} AND meetings.id != ? "
                "ORDER BY meetings.date, meetings.id, actions.position",
                (series, meeting.id),
            ).fetchall()
            for position, (action_id,) in enumerate(outstanding, 1):
                self.db.execute(
                    "INSERT INTO carried_actions (meeting_id, action_id, position) VALUES (?, ?, ?)",
                    (meeting.id, action_id, float(position)),
                )
        return self.get_meeting(meeting.id)

    def carried_actions(self, meeting_id: int) -> list[CarriedAction]:
        """The matters arising of a meeting, in order."""
        rows = self._read(
            "SELECT c.id AS carried_id, c.note AS carried_note, a.*, m.date AS raised_on, "
            "m.title AS raised_in FROM carried_actions c JOIN actions a ON a.id = c.action_id "
            "JOIN meetings m ON m.id = a.meeting_id WHERE c.meeting_id = ? ORDER BY c.position, c.id",
            (meeting_id,),
        )
        return [
            CarriedAction(
                self._action_from_row(r),
                r["carried_note"],
                _date(r["raised_on"]),
                r["raised_in"],
                r["carried_id"],
            )
            for r in rows
        ]

    def update_carried(
        self, carried_id: int, *, note: str | None = None, status: str | None = None
    ) -> CarriedAction:
        """Record progress on a matter arising at the meeting that carries it:
        a progress note and/or a new status (kept in the action's history)."""
        row = self._row("carried_actions", carried_id)
        if status is not None:
            check_action_status(status)
        with self._write(row["meeting_id"]) as db:
            if note is not None:
                db.execute("UPDATE carried_actions SET note = ? WHERE id = ?", (storable(note), carried_id))
            action = self._row("actions", row["action_id"])
            if status is not None and status != action["status"]:
                db.execute("UPDATE actions SET status = ? WHERE id = ?", (status, row["action_id"]))
                self._action_event(
                    row["action_id"],
                    row["meeting_id"],
                    status_event(status),
                    status,
                    note if note is not None else row["note"],
                )
        return next(c for c in self.carried_actions(row["meeting_id"]) if c.id == carried_id)

    def action_history(self, action_id: int) -> list[ActionEvent]:
        """Raised, updated and closed: an action's history, oldest first."""
        self._row("actions", action_id)
        rows = self._read(
            "SELECT event, status, note, at, meeting_id FROM action_events WHERE action_id = ? ORDER BY id",
            (action_id,),
        )
        return [
            ActionEvent(r["event"], r["status"], r["note"], _when(r["at"]), r["meeting_id"]) for r in rows
        ]

    # -- the action log -----------------------------------------------------------

    def list_actions(
        self,
        *,
        series: str | None = None,
        owner: str | None = None,
        still_to_do: bool = False,
        overdue: bool = False,
        today: dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
        latest_first: bool = False,
    ) -> list[ActionRow]:
        """Actions across meetings, soonest due first (undated last), or latest first.

        ``owner`` matches case-insensitively anywhere in the owner; ``overdue`` keeps
        actions still to do whose due date is before ``today``. ``limit``/``offset``
        page through the log.
        """
        where, params = _action_filter(series, owner, still_to_do, overdue, today)
        order = "DESC" if latest_first else ""
        sql = (
            "SELECT a.*, m.date AS meeting_date, m.series AS series, m.title AS meeting_title "
            f"FROM actions a JOIN meetings m ON m.id = a.meeting_id{where} "
            f"ORDER BY a.due IS NULL {order}, a.due {order}, m.date {order}, a.meeting_id {order}, "
            f"a.position {order}"
        )
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else limit, offset]
        return [
            ActionRow(self._action_from_row(r), _date(r["meeting_date"]), r["series"], r["meeting_title"])
            for r in self._read(sql, tuple(params))
        ]

    def count_actions(
        self,
        *,
        series: str | None = None,
        owner: str | None = None,
        still_to_do: bool = False,
        overdue: bool = False,
        today: dt.date | None = None,
    ) -> tuple[int, int]:
        """How many actions :meth:`list_actions` would give, and how many of them are overdue."""
        where, params = _action_filter(series, owner, still_to_do, overdue, today)
        row = self._read(
            f"SELECT count(*) AS total, coalesce(sum(a.status IN {STILL_TO_DO} AND a.due < ?), 0) AS late "
            f"FROM actions a JOIN meetings m ON m.id = a.meeting_id{where}",
            ((today or dt.date.today()).isoformat(), *params),
        )[0]
        return row["total"], row["late"]

    def set_action_status(self, action_id: int, status: str, note: str = "") -> Action:
        """Change an action's status from the action log, with an optional note.

        Progress, not content: allowed after the raising meeting is approved; kept
        in the action's history.
        """
        check_action_status(status)
        row = self._row("actions", action_id)
        with self._write(row["meeting_id"], content=False) as db:
            db.execute("UPDATE actions SET status = ? WHERE id = ?", (status, action_id))
            self._action_event(action_id, None, status_event(status), status, note)
        return self.get_action(action_id)
