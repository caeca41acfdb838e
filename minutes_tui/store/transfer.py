"""Handing a whole meeting on: its histories, and matters arising from another database.

Used by the meeting repository when a meeting is read whole and when one is added
from a file (each function is handed the store's :class:`Gateway`): the
approve/reopen history, each action's history, and matters arising, whose
actions were raised at earlier meetings that may not be in this database.
"""

from __future__ import annotations

import datetime as dt

from ..model import Action, ActionEvent, CarriedAction, Meeting, MeetingEvent, MeetingSummary
from ..text import storable
from .gateway import Gateway, now
from .lists import OrderedList
from .rows import action_values, datetime_in, summary_from_row


def _at(value: dt.datetime | None) -> str:
    return datetime_in(value) or now()


def record_action_history(db: Gateway, action_id: int, meeting_id: int, action: Action) -> None:
    """An added action's history: as the file gave it, else "raised" now."""
    events = action.history or [ActionEvent("raised", action.status)]
    for event in events:
        db.execute(
            "INSERT INTO action_events (action_id, meeting_id, event, status, note, at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                action_id,
                meeting_id if event.event == "raised" else None,
                storable(event.event),
                event.status,
                storable(event.note),
                _at(event.at),
            ),
        )


def add_transfer_extras(
    db: Gateway, actions: OrderedList[Action], meeting_id: int, meeting: Meeting, author: str
) -> None:
    """Inside ``add_meeting``'s transaction: the meeting's history and its matters arising.

    Approved minutes get an "approved" event if their history has none, as
    ``approve`` would record (made by ``author``, who imports them). A matter arising links to the same action if this
    database holds it (same series, raising meeting's date and title, text and
    owner); otherwise its action is kept in a draft meeting of that date and
    title, made to hold the actions raised there.
    """
    events = list(meeting.history)
    if meeting.status == "approved" and not any(e.event == "approved" for e in events):
        events.append(MeetingEvent("approved", by=author))
    for event in events:
        db.execute(
            "INSERT INTO meeting_events (meeting_id, event, reason, at, author) VALUES (?, ?, ?, ?, ?)",
            (meeting_id, storable(event.event), storable(event.reason), _at(event.at), storable(event.by)),
        )
    holders: dict[tuple[object, str], int] = {}
    for position, carried in enumerate(meeting.matters_arising, 1):
        action_id = _find_action(db, meeting_id, meeting.series, carried) or _hold_action(
            db, actions, meeting, carried, holders
        )
        db.execute(
            "INSERT INTO carried_actions (meeting_id, action_id, note, position) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (meeting_id, action_id, storable(carried.note), float(position)),
        )


def _find_action(db: Gateway, meeting_id: int, series: str, carried: CarriedAction) -> int | None:
    a = carried.action
    row = db.execute(
        "SELECT a.id FROM actions a JOIN meetings m ON m.id = a.meeting_id WHERE m.id != ? AND m.deleted IS NULL AND m.series = ? "
        "AND m.title = ? AND m.date IS ? AND a.text = ? AND a.owner = ? ORDER BY a.id LIMIT 1",
        (
            meeting_id,
            storable(series),
            storable(carried.raised_in),
            carried.raised_on.isoformat() if carried.raised_on else None,
            storable(a.text),
            storable(a.owner),
        ),
    ).fetchone()
    return int(row[0]) if row else None


def _hold_action(
    db: Gateway,
    actions: OrderedList[Action],
    meeting: Meeting,
    carried: CarriedAction,
    holders: dict[tuple[object, str], int],
) -> int:
    """Add the carried action to a draft meeting standing for the one that raised it."""
    key = (carried.raised_on, carried.raised_in)
    if key not in holders:
        stamp = now()
        holders[key] = db.insert(
            "INSERT INTO meetings (series, title, date, layout, created, updated) VALUES (?, ?, ?, ?, ?, ?)",
            (
                storable(meeting.series),
                storable(carried.raised_in),
                carried.raised_on.isoformat() if carried.raised_on else None,
                None,
                stamp,
                stamp,
            ),
        )
    holder = holders[key]
    action = carried.action
    action_id = actions.append_all((holder,), [action_values(action)])[0]
    record_action_history(db, action_id, holder, action)
    return action_id


def matching_meetings(db: Gateway, meeting: Meeting) -> list[MeetingSummary]:
    """Meetings with ``meeting``'s series, date and title (an import that was done already)."""
    rows = db.read(
        "SELECT id, series, title, date, status, updated FROM meetings "
        "WHERE series = ? AND title = ? AND date IS ? AND deleted IS NULL ORDER BY id",
        (meeting.series, meeting.title, meeting.date.isoformat() if meeting.date else None),
    )
    return [summary_from_row(r) for r in rows]
