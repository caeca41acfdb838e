"""A whole meeting's lists read in one pass each: rows as tuples straight into domain objects.

Reading a meeting is the one place that makes tens of thousands of objects at once,
so it skips the general path (a dict per row, then a converter per kind): each list is
one query in its index's order (no sort), its columns named here in the order the
objects take them, each distinct timestamp is parsed once and values that repeat (an
owner, a status, a speaker) are kept once, which spares the memory (and the page
faults for fresh memory) a large meeting would otherwise cost. The converters in
:mod:`minutes_tui.store.rows` stay the reference for what a row means.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from ..model import Action, ActionEvent, Attendee, Bullet, Meeting, Point, Turn
from .gateway import Gateway

T = TypeVar("T", dt.date, dt.datetime)


def _parser(parse: Callable[[str], T]) -> Callable[[str | None], T | None]:
    """``parse`` for values that may be empty, each distinct text parsed once (the objects made
    are immutable, so items saved in the same second share one)."""
    seen: dict[str, T] = {}

    def parsed(text: str | None) -> T | None:
        if not text:
            return None
        value = seen.get(text)
        if value is None:
            value = seen[text] = parse(text)
        return value

    return parsed


def _kept_once() -> Callable[[Any, Any], Any]:
    """``same(value, value)``: the first value equal to ``value`` that was kept."""
    seen: dict[Any, Any] = {}
    return seen.setdefault


def load_lists(db: Gateway, meeting: Meeting) -> None:
    """Fill ``meeting`` (its header read) with its attendees, sections and round robin."""
    when = _parser(dt.datetime.fromisoformat)
    scope = (meeting.id,)
    meeting.attendees = [
        Attendee(
            name, organisation, role, attendance, item_id, arrived=arrived or "", left=left or "",
            on_behalf_of=on_behalf_of or "", version=version or 0, email=email or "", voting=bool(voting),
        )  # fmt: skip
        for (item_id, name, organisation, role, attendance, arrived, left, on_behalf_of, version, email,
             voting) in db.execute(
            'SELECT id, name, organisation, role, attendance, arrived, "left", on_behalf_of, version, '
            "email, voting FROM attendees WHERE meeting_id = ? ORDER BY position, id",
            scope,
        )
    ]  # fmt: skip
    sections = meeting.sections
    for section, text, item_id, created, version in db.execute(
        "SELECT section, text, id, created, version FROM bullets WHERE meeting_id = ? "
        "ORDER BY section, position, id",
        scope,
    ):
        bullets = sections.get(section)
        if bullets is None:
            bullets = sections[section] = []
        bullets.append(Bullet(text, item_id, when(created) if created else None, version or 0))
    same = _kept_once()
    turns = {
        item_id: Turn(same(speaker, speaker), [], item_id, version or 0)
        for item_id, speaker, version in db.execute(
            "SELECT id, speaker, version FROM turns WHERE meeting_id = ? ORDER BY position, id", scope
        )
    }
    # Turn by turn in the (turn_id, position) index's order: one pass, no sort.
    points: list[Point] = []
    turn_id = None
    for point_turn, text, item_id, created, version in db.execute(
        "SELECT points.turn_id, points.text, points.id, points.created, points.version "
        "FROM turns JOIN points ON points.turn_id = turns.id WHERE turns.meeting_id = ? "
        "ORDER BY turns.position, turns.id, points.position, points.id",
        scope,
    ):
        if point_turn != turn_id:
            turn_id = point_turn
            points = turns[turn_id].points
        points.append(Point(text, item_id, when(created) if created else None, version or 0))
    meeting.round_robin = list(turns.values())


def live_actions(db: Gateway, meeting_id: int) -> list[Action]:
    """A meeting's actions as they stand now, in order."""
    day = _parser(dt.date.fromisoformat)
    same = _kept_once()
    return [
        Action(
            text,
            same(owner, owner),
            day(due) if due else None,
            same(status, status),
            same(action_meeting, action_meeting),
            action_id,
            version=version or 0,
            item_id=agenda_item,
        )
        for action_id, text, owner, due, status, action_meeting, version, agenda_item in db.execute(
            "SELECT id, text, owner, due, status, meeting_id, version, item_id FROM actions "
            "WHERE meeting_id = ? ORDER BY position, id",
            (meeting_id,),
        )
    ]


def load_action_histories(db: Gateway, meeting: Meeting) -> None:
    """Fill the history of each of the meeting's actions and matters arising, oldest first."""
    actions = {a.id: a for a in [*meeting.actions, *(c.action for c in meeting.matters_arising)]}
    if not actions:
        return
    for a in actions.values():
        a.history = []
    when = _parser(dt.datetime.fromisoformat)
    day = _parser(dt.date.fromisoformat)
    columns = "e.action_id, e.event, e.status, e.note, e.at, e.meeting_id, em.date"
    at_meeting = "LEFT JOIN meetings em ON em.id = e.meeting_id"
    # By the meeting, not by a list of ids (a meeting may hold more actions than SQLite takes
    # parameters); each action's events oldest first, in the (action_id, id) index's order.
    raised = db.execute(
        f"SELECT {columns} FROM actions a JOIN action_events e ON e.action_id = a.id {at_meeting} "
        "WHERE a.meeting_id = ? ORDER BY a.position, a.id, e.id",
        (meeting.id,),
    )
    carried = db.execute(
        f"SELECT {columns} FROM carried_actions c JOIN action_events e ON e.action_id = c.action_id "
        f"{at_meeting} WHERE c.meeting_id = ? ORDER BY e.action_id, e.id",
        (meeting.id,),
    ).fetchall()
    same = _kept_once()
    done: set[int] = set()
    for rows in (raised, carried):
        filled = set()
        for action_id, event, status, note, at, meeting_id, meeting_date in rows:
            action = actions.get(action_id)
            if action is None or action_id in done:  # (an action raised and carried here: once)
                continue
            filled.add(action_id)
            action.history.append(
                ActionEvent(
                    same(event, event),
                    same(status, status),
                    note,
                    when(at),
                    same(meeting_id, meeting_id),
                    day(meeting_date),
                )  # fmt: skip
            )
        done |= filled
