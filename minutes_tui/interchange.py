"""Meetings as plain JSON-ready dicts, and back (the shape is in docs/format.md)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from typing import Any

from .interchange_items import items_from_dict, items_to_dict
from .model import (
    ACTION_EVENTS,
    ACTION_STATUS,
    ATTENDANCE,
    MEETING_STATUS,
    SECTION_KINDS,
    SECTIONS,
    WORKSHOP_LAYOUT,
    Action,
    ActionEvent,
    Attendee,
    Bullet,
    CarriedAction,
    Declaration,
    Meeting,
    MeetingEvent,
    ModelError,
    Point,
    Section,
    Turn,
    check_clock,
    check_email,
    make_layout,
    slug,
)

FORMAT_VERSION = 2
_TEXT_FIELDS = ("series", "title", "time", "place", "chair", "minute_taker")
KEYS = (
    "format",
    *_TEXT_FIELDS[:2],
    "date",
    *_TEXT_FIELDS[2:],
    "status",
    "next_meeting",
    "attendees",
    *SECTIONS,
    "round_robin",
    "actions",
    "layout",
    "sections",
    "declarations",
    "matters_arising",
    "history",
    "closed",
    "items",
    "committee",
)
_ACTION_KEYS = ("text", "owner", "due", "status", "history", "item")
_CARRIED_KEYS = (*_ACTION_KEYS, "note", "raised_on", "raised_in")
#: Attendee keys written only when they say something (so older files read back the same).
_ATTENDEE_EXTRAS = ("arrived", "left", "on_behalf_of", "email")
#: ... and those read by :mod:`minutes_tui.interchange_items`.
_ATTENDEE_COMMITTEE = ("voting",)


class FormatError(ValueError):
    """A file that is not a meeting in our JSON shape; the message names the problem."""


#: The format versions this version reads.
READABLE_FORMATS = (1, 2)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Longest number read: far beyond any date or count, far below Python's own 4,300-digit limit.
_MAX_DIGITS = 100


def load_json(text: str) -> Any:
    """Parse ``text`` strictly: a repeated key, NaN/Infinity, a number of more than
    100 digits or nesting deeper than Python can follow raise :class:`FormatError`."""

    def pairs(items: list[tuple[str, Any]]) -> dict:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                raise FormatError(f"the key {key!r} appears twice in one object")
            seen[key] = value
        return seen

    def constant(name: str) -> Any:
        raise FormatError(f"{name} is not a number JSON allows")

    def number(kind):
        def parse(text: str):
            if len(text) > _MAX_DIGITS:
                raise FormatError(f"a number of {len(text)} characters is too long to be meant")
            return kind(text)

        return parse

    try:
        return json.loads(
            text,
            object_pairs_hook=pairs,
            parse_constant=constant,
            parse_int=number(int),
            parse_float=number(float),
        )
    except RecursionError:
        raise FormatError("the JSON is nested too deeply to be a meeting") from None
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"this is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None


def meeting_to_dict(meeting: Meeting) -> dict[str, Any]:
    """The JSON shape of a meeting (ids and timestamps left out)."""
    data: dict[str, Any] = {"format": FORMAT_VERSION}
    for name in _TEXT_FIELDS[:2]:
        data[name] = getattr(meeting, name)
    data["date"] = meeting.date.isoformat() if meeting.date else None
    for name in _TEXT_FIELDS[2:]:
        data[name] = getattr(meeting, name)
    data["status"] = meeting.status
    data["next_meeting"] = meeting.next_meeting.isoformat() if meeting.next_meeting else None
    data["attendees"] = [
        {
            "name": a.name,
            "organisation": a.organisation,
            "role": a.role,
            "attendance": a.attendance,
            **{key: getattr(a, key) for key in _ATTENDEE_EXTRAS if getattr(a, key)},
        }
        for a in meeting.attendees
    ]
    declarations = []
    for declaration in meeting.declarations:
        attendee = meeting.declarant(declaration)
        index = next((i for i, a in enumerate(meeting.attendees) if a is attendee), None)
        if index is not None:
            declarations.append({"attendee": index, "item": declaration.item, "text": declaration.text})
    if declarations:
        data["declarations"] = declarations
    for section in SECTIONS:
        data[section] = [_item(b) for b in meeting.sections.get(section, [])]
    data["round_robin"] = [
        {"speaker": t.speaker, "points": [_item(p) for p in t.points]} for t in meeting.round_robin
    ]
    if meeting.layout != WORKSHOP_LAYOUT:
        data["layout"] = [{"key": s.key, "title": s.title, "kind": s.kind} for s in meeting.layout]
    others = {
        key: [_item(b) for b in bullets]
        for key, bullets in meeting.sections.items()
        if key not in SECTIONS and bullets
    }
    if others:
        data["sections"] = others
    data["actions"] = [_action(a) for a in meeting.actions]
    if meeting.matters_arising:
        data["matters_arising"] = [
            {
                **_action(c.action),
                "note": c.note,
                "raised_on": c.raised_on.isoformat() if c.raised_on else None,
                "raised_in": c.raised_in,
            }
            for c in meeting.matters_arising
        ]
    if meeting.history:
        data["history"] = [
            {"event": e.event, "reason": e.reason, "at": _stamp(e.at), **({"by": e.by} if e.by else {})}
            for e in meeting.history
        ]
    items_to_dict(meeting, data, _item)
    return data


def _stamp(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _item(item: Bullet | Point) -> str | dict[str, Any]:
    """A point as text, or with the time it was typed when that is known."""
    return {"text": item.text, "created": _stamp(item.created)} if item.created else item.text


def _action(action: Action) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": action.text,
        "owner": action.owner,
        "due": action.due.isoformat() if action.due else None,
        "status": action.status,
    }
    if action.history:
        data["history"] = [
            {"event": e.event, "status": e.status, "note": e.note, "at": _stamp(e.at)} for e in action.history
        ]
    return data


def meeting_from_dict(data: Any) -> tuple[Meeting, list[str]]:
    """A meeting from its JSON shape, and warnings about keys that were ignored.

    Raises :class:`FormatError` naming the first problem found.
    """
    if not isinstance(data, dict):
        raise FormatError("the file must hold one JSON object (a meeting), not a list or value")
    version = data.get("format", 1)
    if type(version) is not int or version not in READABLE_FORMATS:
        raise FormatError(
            f"format {version!r} is not one this version of minutes reads "
            f"({' or '.join(map(str, READABLE_FORMATS))}); upgrade minutes to import it"
        )
    warnings = [f"unknown key {key!r} ignored" for key in data if key not in KEYS]
    texts = {name: _text(data, name) for name in _TEXT_FIELDS}
    meeting = Meeting(
        series=texts["series"],
        title=texts["title"],
        time=texts["time"],
        place=texts["place"],
        chair=texts["chair"],
        minute_taker=texts["minute_taker"],
        date=_date(data, "date"),
        status=_choice(data, "status", MEETING_STATUS, "draft"),
        next_meeting=_date(data, "next_meeting"),
        layout=_layout(data),
    )
    for n, item in enumerate(_list(data, "attendees")):
        where = f"attendees[{n}]"
        _object(
            item,
            where,
            ("name", "organisation", "role", "attendance", *_ATTENDEE_EXTRAS, *_ATTENDEE_COMMITTEE),
            warnings,
        )
        attendee = Attendee(
            name=_text(item, "name", where),
            organisation=_text(item, "organisation", where),
            role=_text(item, "role", where),
            attendance=_choice(item, "attendance", ATTENDANCE, "present", where),
            arrived=_clock(item, "arrived", where),
            left=_clock(item, "left", where),
            on_behalf_of=_text(item, "on_behalf_of", where),
            email=_email(item, "email", where),
        )
        if not attendee.name and not attendee.organisation:
            raise FormatError(f"{where} needs a name or an organisation")
        meeting.attendees.append(attendee)
    for n, item in enumerate(_list(data, "declarations")):
        where = f"declarations[{n}]"
        _object(item, where, ("attendee", "item", "text"), warnings)
        index = item.get("attendee")
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(meeting.attendees):
            raise FormatError(
                f"{where}.attendee must be the number of an attendee in the list (0 for the first), "
                f"not {index!r}"
            )
        meeting.declarations.append(
            Declaration(None, _text(item, "item", where), _text(item, "text", where), attendee_index=index)
        )
    for section in SECTIONS:
        meeting.sections[section] = [
            Bullet(*_point(text, f"{section}[{n}]", warnings)) for n, text in enumerate(_list(data, section))
        ]
    sections = data.get("sections") or {}
    if not isinstance(sections, dict):
        raise FormatError("sections must be an object of section key to list of points")
    bullet_keys = {s.key for s in meeting.bullet_sections}
    for key in sections:
        if key not in bullet_keys:
            raise FormatError(f"sections.{key} is not a bulleted section of the layout")
        meeting.sections[key] = [
            Bullet(*_point(t, f"sections.{key}[{n}]", warnings)) for n, t in enumerate(_list(sections, key))
        ]
    for n, item in enumerate(_list(data, "round_robin")):
        where = f"round_robin[{n}]"
        _object(item, where, ("speaker", "points"), warnings)
        points = _list(item, "points", where)
        meeting.round_robin.append(
            Turn(
                _text(item, "speaker", where),
                [Point(*_point(p, f"{where}.points[{k}]", warnings)) for k, p in enumerate(points)],
            )
        )
    for n, item in enumerate(_list(data, "actions")):
        meeting.actions.append(_read_action(item, f"actions[{n}]", _ACTION_KEYS, warnings))
    for n, item in enumerate(_list(data, "matters_arising")):
        where = f"matters_arising[{n}]"
        action = _read_action(item, where, _CARRIED_KEYS, warnings)
        meeting.matters_arising.append(
            CarriedAction(
                action,
                note=_text(item, "note", where),
                raised_on=_date(item, "raised_on", where),
                raised_in=_text(item, "raised_in", where),
            )
        )
    for n, item in enumerate(_list(data, "history")):
        where = f"history[{n}]"
        _object(item, where, ("event", "reason", "at", "by"), warnings)
        meeting.history.append(
            MeetingEvent(
                _choice(item, "event", ("approved", "reopened"), "approved", where),
                _text(item, "reason", where),
                _datetime(item, "at", where),
                _text(item, "by", where),
            )
        )
    items_from_dict(data, meeting, warnings, sys.modules[__name__])
    return meeting, warnings


def _read_action(item: Any, where: str, keys: tuple[str, ...], warnings: list[str]) -> Action:
    _object(item, where, keys, warnings)
    action = Action(
        text=_text(item, "text", where),
        owner=_text(item, "owner", where),
        due=_date(item, "due", where),
        status=_choice(item, "status", ACTION_STATUS, "open", where),
    )
    for k, event in enumerate(_list(item, "history", where)):
        at = f"{where}.history[{k}]"
        _object(event, at, ("event", "status", "note", "at"), warnings)
        action.history.append(
            ActionEvent(
                _choice(event, "event", ACTION_EVENTS, "updated", at),
                _choice(event, "status", ACTION_STATUS, "open", at),
                _text(event, "note", at),
                _datetime(event, "at", at),
            )
        )
    return action


def _point(value: Any, where: str, warnings: list[str]) -> tuple[str, None, dt.datetime | None]:
    """A point's text and when it was typed: from text, or ``{"text", "created"}``."""
    if isinstance(value, dict):
        _object(value, where, ("text", "created"), warnings)
        return _text(value, "text", where), None, _datetime(value, "created", where)
    return _string(value, where), None, None


def _datetime(data: dict, key: str, where: str = "") -> dt.datetime | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    text = _string(value, _name(key, where))
    try:
        if not _ISO_DATE.match(text) or len(text) > 40:
            raise ValueError(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise FormatError(
            f"{_name(key, where)} must be a time as YYYY-MM-DDTHH:MM:SS+00:00, not {value!r}"
        ) from None


def _layout(data: dict) -> tuple[Section, ...]:
    entries = []
    for n, item in enumerate(_list(data, "layout")):
        where = f"layout[{n}]"
        if not isinstance(item, dict):
            raise FormatError(f"{where} must be an object with key, title and kind")
        entries.append(
            Section(
                _text(item, "key", where) or slug(_text(item, "title", where)),
                _text(item, "title", where),
                _choice(item, "kind", SECTION_KINDS, "bullets", where),
            )
        )
    if not entries:
        return WORKSHOP_LAYOUT
    try:
        return make_layout(entries)
    except ModelError as exc:
        raise FormatError(f"layout: {exc}") from None


def _name(key: str, where: str) -> str:
    return f"{where}.{key}" if where else key


def _object(item: Any, where: str, keys: tuple[str, ...], warnings: list[str]) -> None:
    if not isinstance(item, dict):
        raise FormatError(f"{where} must be an object")
    warnings.extend(f"unknown key {where}.{key} ignored" for key in item if key not in keys)


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise FormatError(f"{where} must be text, not {type(value).__name__}")
    return value


def _text(data: dict, key: str, where: str = "") -> str:
    value = data.get(key)
    if value is None:
        return ""
    return _string(value, _name(key, where))


def _list(data: dict, key: str, where: str = "") -> list:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise FormatError(f"{_name(key, where)} must be a list")
    return value


def _choice(data: dict, key: str, allowed: tuple[str, ...], default: str, where: str = "") -> str:
    value = data.get(key)
    if value is None or value == "":
        return default
    if value not in allowed:
        raise FormatError(f"{_name(key, where)} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _clock(data: dict, key: str, where: str = "") -> str:
    value = _text(data, key, where)
    try:
        return check_clock(value)
    except ModelError:
        raise FormatError(f"{_name(key, where)} must be a time as HH:MM, not {value!r}") from None


def _email(data: dict, key: str, where: str = "") -> str:
    value = _text(data, key, where)
    try:
        return check_email(value)
    except ModelError:
        raise FormatError(f"{_name(key, where)} must be an e-mail address, not {value[:80]!r}") from None


def _date(data: dict, key: str, where: str = "") -> dt.date | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    try:
        text = _string(value, _name(key, where))
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FormatError(f"{_name(key, where)} must be a date as YYYY-MM-DD, not {value!r}") from None
