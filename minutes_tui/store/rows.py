"""Rows to domain objects and back: the one place per kind where the two meet."""

from __future__ import annotations

import datetime as dt
import json

from ..model import (
    WORKSHOP_LAYOUT,
    Action,
    ActionEvent,
    ActionRow,
    Attendee,
    Bullet,
    CarriedAction,
    Declaration,
    Meeting,
    MeetingEvent,
    MeetingSummary,
    Point,
    Section,
    Turn,
    check_action_status,
    check_attendance,
    check_clock,
    check_email,
)
from ..text import storable
from .gateway import Row

#: Columns that hold a date (stored as ``YYYY-MM-DD``).
DATE_COLUMNS = ("date", "next_meeting", "due")


def date_out(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def date_in(value: dt.date | str | None) -> str | None:
    """A date as stored; ``None`` or ``""`` for none; raises ``ValueError`` for a non-date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(value).isoformat()


def datetime_out(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def datetime_in(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def clean(values: dict[str, object]) -> dict[str, object]:
    """Field values ready for SQLite: text made storable, dates as ISO strings."""
    out: dict[str, object] = {}
    for key, value in values.items():
        if key in DATE_COLUMNS:
            if not (value is None or isinstance(value, str | dt.date)):
                raise TypeError(f"{key} must be a date, not {value!r}")
            value = date_in(value)
        elif isinstance(value, str):
            value = storable(value)
        out[key] = value
    return out


# -- layouts ---------------------------------------------------------------------


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


# -- meetings --------------------------------------------------------------------


def summary_from_row(row: Row) -> MeetingSummary:
    return MeetingSummary(
        row["id"],
        row["series"],
        row["title"],
        date_out(row["date"]),
        row["status"],
        datetime_out(row["updated"]),
        datetime_out(row.get("deleted")),
    )


def meeting_from_row(row: Row) -> Meeting:
    """A meeting's header (its lists empty)."""
    return Meeting(
        series=row["series"],
        title=row["title"],
        date=date_out(row["date"]),
        time=row["time"],
        place=row["place"],
        chair=row["chair"],
        minute_taker=row["minute_taker"],
        status=row["status"],
        next_meeting=date_out(row["next_meeting"]),
        layout=layout_from_json(row["layout"]),
        created=datetime_out(row["created"]),
        updated=datetime_out(row["updated"]),
        id=row["id"],
        deleted=datetime_out(row.get("deleted")),
        version=row.get("version") or 0,
        closed=row.get("closed") or "",
    )


# -- list items ------------------------------------------------------------------


def attendee_from_row(row: Row) -> Attendee:
    return Attendee(
        row["name"],
        row["organisation"],
        row["role"],
        row["attendance"],
        row["id"],
        arrived=row.get("arrived") or "",
        left=row.get("left") or "",
        on_behalf_of=row.get("on_behalf_of") or "",
        version=row.get("version") or 0,
        email=row.get("email") or "",
        voting=bool(row.get("voting")),
    )


def attendee_values(attendee: Attendee) -> dict[str, object]:
    return {
        "name": attendee.name,
        "organisation": attendee.organisation,
        "role": attendee.role,
        "attendance": check_attendance(attendee.attendance),
        "arrived": check_clock(attendee.arrived),
        "left": check_clock(attendee.left),
        "on_behalf_of": attendee.on_behalf_of,
        "email": check_email(attendee.email),
        "voting": int(bool(attendee.voting)),
    }


def bullet_from_row(row: Row) -> Bullet:
    return Bullet(row["text"], row["id"], datetime_out(row.get("created")), row.get("version") or 0)


def point_from_row(row: Row) -> Point:
    return Point(row["text"], row["id"], datetime_out(row.get("created")), row.get("version") or 0)


def action_from_row(row: Row) -> Action:
    return Action(
        row["text"],
        row["owner"],
        date_out(row["due"]),
        row["status"],
        row["meeting_id"],
        row["id"],
        version=row.get("version") or 0,
        item_id=row.get("item_id"),
    )


def action_values(action: Action) -> dict[str, object]:
    return {
        "text": action.text,
        "owner": action.owner,
        "due": action.due,
        "status": check_action_status(action.status),
    }


def declaration_from_row(row: Row) -> Declaration:
    return Declaration(
        row["attendee_id"], row["item"], row["text"], row["id"], version=row.get("version") or 0
    )


def turn_from_row(row: Row) -> Turn:
    """A turn without its points (they are rows of their own)."""
    return Turn(row["speaker"], [], row["id"], version=row.get("version") or 0)


# -- joined rows and history -----------------------------------------------------


def carried_from_row(row: Row) -> CarriedAction:
    """A matter arising: an action's row with ``carried_id``, ``carried_note``, ``raised_on``, ``raised_in``."""
    return CarriedAction(
        action_from_row(row),
        row["carried_note"],
        date_out(row["raised_on"]),
        row["raised_in"],
        row["carried_id"],
        row.get("carried_version") or 0,
    )


def approved_action_from_row(row: Row) -> Action:
    """An action as approved minutes show it: a row of ``approved_actions`` (version 0: fixed)."""
    return action_from_row(
        {**row, "id": row["action_id"], "meeting_id": row["action_meeting_id"], "version": 0}
    )


def approved_carried_from_row(row: Row) -> CarriedAction:
    """A matter arising as approved minutes show it: a row of ``approved_actions``."""
    return CarriedAction(
        approved_action_from_row(row),
        row["note"],
        date_out(row["raised_on"]),
        row["raised_in"],
        row["carried_id"],
    )


def action_row_from_row(row: Row) -> ActionRow:
    """An action log line: an action's row with ``meeting_date``, ``series``, ``meeting_title``."""
    return ActionRow(action_from_row(row), date_out(row["meeting_date"]), row["series"], row["meeting_title"])


def meeting_event_from_row(row: Row) -> MeetingEvent:
    return MeetingEvent(row["event"], row["reason"], datetime_out(row["at"]), row["author"])


def action_event_from_row(row: Row) -> ActionEvent:
    """An action's history event; with ``meeting_date`` when the query joined the meeting's date."""
    return ActionEvent(
        row["event"],
        row["status"],
        row["note"],
        datetime_out(row["at"]),
        row["meeting_id"],
        date_out(row.get("meeting_date")),
    )
