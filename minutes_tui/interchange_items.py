"""Committee business in the JSON shape of a meeting (docs/format.md): ``items``, ``closed``,
``committee`` (the series' rules), each attendee's ``voting`` flag and the ``item`` an action
was raised under.

Used by :mod:`minutes_tui.interchange`, whose helpers read and check each value.
"""

from __future__ import annotations

from typing import Any

from .agenda import MINUTE_NUMBERING, OUTCOMES, PURPOSES, AgendaItem, CommitteeRules, Resolution, check_number
from .model import Meeting, ModelError, Point

ITEM_KEYS = (
    "number",
    "minute",
    "title",
    "paper",
    "presenter",
    "purpose",
    "recommendations",
    "summary",
    "points",
    "resolutions",
    "exempt",
)
RESOLUTION_KEYS = ("outcome", "text", "for", "against", "abstain", "recorded")
RULE_KEYS = ("numbering", "quorum", "actions_table", "first_minute")
_VOTES = (("for", "votes_for"), ("against", "votes_against"), ("abstain", "abstentions"))


def items_to_dict(meeting: Meeting, data: dict[str, Any], point: Any) -> None:
    """Add the committee keys of ``meeting`` to its JSON shape ``data`` (written only when they
    hold something, so other meetings' files stay as they were). ``point`` writes a point."""
    if meeting.closed:
        data["closed"] = meeting.closed
    for attendee, written in zip(meeting.attendees, data.get("attendees", [])):
        if attendee.voting:
            written["voting"] = True
    places = {item.id: n for n, item in enumerate(meeting.agenda) if item.id is not None}
    for action, written in zip(meeting.actions, data.get("actions", [])):
        place = action.item_index if action.item_id is None else places.get(action.item_id)
        if place is not None:
            written["item"] = place
    if meeting.agenda:
        data["items"] = [_item(item, point) for item in meeting.agenda]
    if meeting.rules is not None and meeting.rules != CommitteeRules():
        data["committee"] = {key: getattr(meeting.rules, key) for key in RULE_KEYS}


def _item(item: AgendaItem, point: Any) -> dict[str, Any]:
    return {
        "number": item.number,
        "minute": item.minute,
        "title": item.title,
        "paper": item.paper,
        "presenter": item.presenter,
        "purpose": item.purpose,
        "recommendations": list(item.recommendations),
        "summary": item.summary,
        "points": [point(p) for p in item.points],
        "resolutions": [
            {
                "outcome": r.outcome,
                "text": r.text,
                **{key: getattr(r, name) for key, name in _VOTES},
                "recorded": list(r.recorded),
            }
            for r in item.resolutions
        ],
        "exempt": item.exempt,
    }


def items_from_dict(data: dict[str, Any], meeting: Meeting, warnings: list[str], read: Any) -> None:
    """Fill ``meeting`` (already read from ``data``) with its committee keys.

    ``read`` is :mod:`minutes_tui.interchange` itself, whose checking helpers raise its
    ``FormatError`` naming the first problem found.
    """
    meeting.closed = read._clock(data, "closed")
    for n, (attendee, written) in enumerate(zip(meeting.attendees, read._list(data, "attendees"))):
        attendee.voting = _flag(written, "voting", f"attendees[{n}]", read)
    items = read._list(data, "items")
    for n, written in enumerate(read._list(data, "actions")):
        place = written.get("item")
        if place is None:
            continue
        if not isinstance(place, int) or isinstance(place, bool) or not 0 <= place < len(items):
            raise read.FormatError(
                f"actions[{n}].item must be the number of an item in the list (0 for the first), not {place!r}"
            )
        meeting.actions[n].item_index = place
    for n, written in enumerate(items):
        meeting.agenda.append(_read_item(written, f"items[{n}]", warnings, read))
    if data.get("committee") is not None:
        meeting.rules = _read_rules(data["committee"], warnings, read)


def _read_rules(written: Any, warnings: list[str], read: Any) -> CommitteeRules:
    read._object(written, "committee", RULE_KEYS, warnings)
    numbers = {}
    for key, default in (("quorum", None), ("first_minute", 1)):
        value = written.get(key, default)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise read.FormatError(f"committee.{key} must be a whole number, not {value!r}")
        numbers[key] = value
    try:
        return CommitteeRules(
            numbering=read._choice(written, "numbering", MINUTE_NUMBERING, "meeting", "committee"),
            actions_table=_flag(written, "actions_table", "committee", read, default=True),
            quorum=numbers["quorum"],
            first_minute=numbers["first_minute"] or 1,
        )
    except ModelError as exc:
        raise read.FormatError(f"committee: {exc}") from None


def _read_item(written: Any, where: str, warnings: list[str], read: Any) -> AgendaItem:
    read._object(written, where, ITEM_KEYS, warnings)
    number = read._text(written, "number", where)
    try:
        check_number(number)
    except ModelError:
        raise read.FormatError(f"{where}.number must be an agenda number such as 8, 8.1 or 8a") from None
    recommendations = [
        read._string(text, f"{where}.recommendations[{k}]")
        for k, text in enumerate(read._list(written, "recommendations", where))
    ]
    points = [
        Point(*read._point(p, f"{where}.points[{k}]", warnings))
        for k, p in enumerate(read._list(written, "points", where))
    ]
    resolutions = [
        _read_resolution(r, f"{where}.resolutions[{k}]", warnings, read)
        for k, r in enumerate(read._list(written, "resolutions", where))
    ]
    return AgendaItem(
        number=number,
        minute=read._text(written, "minute", where),
        title=read._text(written, "title", where),
        paper=read._text(written, "paper", where),
        presenter=read._text(written, "presenter", where),
        purpose=read._choice(written, "purpose", PURPOSES, "", where),
        recommendations=recommendations,
        summary=read._text(written, "summary", where),
        points=points,
        resolutions=resolutions,
        exempt=read._text(written, "exempt", where),
    )


def _read_resolution(written: Any, where: str, warnings: list[str], read: Any) -> Resolution:
    read._object(written, where, RESOLUTION_KEYS, warnings)
    votes: dict[str, int | None] = {}
    for key, name in _VOTES:
        value = written.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise read.FormatError(
                f"{where}.{key} must be a count of votes (0 or more) or null, not {value!r}"
            )
        votes[name] = value
    recorded = [
        read._string(name, f"{where}.recorded[{k}]")
        for k, name in enumerate(read._list(written, "recorded", where))
    ]
    try:
        return Resolution(
            outcome=read._choice(written, "outcome", OUTCOMES, "approved", where),
            text=read._text(written, "text", where),
            votes_for=votes["votes_for"],
            votes_against=votes["votes_against"],
            abstentions=votes["abstentions"],
            recorded=recorded,
        )
    except ModelError as exc:
        raise read.FormatError(f"{where}: {exc}") from None


def _flag(written: Any, key: str, where: str, read: Any, *, default: bool = False) -> bool:
    if not isinstance(written, dict):
        return default
    value = written.get(key, default)
    if not isinstance(value, bool):
        raise read.FormatError(f"{where}.{key} must be true or false, not {value!r}")
    return value
