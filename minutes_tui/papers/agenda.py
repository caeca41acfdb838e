"""An agenda's numbered lines as items: ``1.``, ``1)``, ``Item 8``, sub-items ``8.1`` and ``8a``."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Most characters kept of an item's title.
MAX_TITLE = 500

_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    "august|september|october|november|december"
)
_LEAD = re.compile(r"^[\s>*#•·▪‣◦\-–—]*")
_ITEM_WORD = re.compile(r"^(?:agenda\s+)?item(?:\s+no\.?)?\s*[:.]?\s*(?=\d)", re.IGNORECASE)
_NUMBER = re.compile(
    r"^(?P<major>\d{1,3})"
    r"(?:(?P<dotted>(?:\.\d{1,2}){1,2})|\s?\(?(?P<letter>[a-zA-Z])(?![a-zA-Z]))?"
    r"(?P<sep>\.\)|\.|\)|:|\s*[–—-](?=\s)|(?=\s)|(?=\t)|$)"
)
_DATE_TITLE = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:{_MONTHS})\b", re.IGNORECASE)
_TIME = re.compile(
    r"^\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[–—-]\s*\d{1,2}[:.]\d{2}\s*(?:am|pm)?)?\s+", re.I
)
_LEADER = re.compile(r"\s*(?:\.{3,}|…+|_{3,})\s*\d*\s*$")
_UNITS = re.compile(
    r"^(?:%|per\s?cent\b|[ap]\.?m\b\.?|(?:hours?|mins?|minutes|days?|weeks?|years?|months?)\W*$)", re.I
)


@dataclass(frozen=True)
class AgendaEntry:
    """One item as the agenda prints it: its number (``8``, ``8.1``, ``8a``) and title."""

    number: str
    title: str


def parse_agenda(text: str) -> list[AgendaEntry]:
    """The numbered items of an agenda, in order; other lines (headings, dates, notes) are left out.

    A number that appears a second time (a numbered list inside an item) is skipped.
    """
    entries: list[AgendaEntry] = []
    seen: set[str] = set()
    major = ""
    for line in text.splitlines():
        entry = _entry(line, major)
        if entry is None or entry.number in seen:
            continue
        seen.add(entry.number)
        entries.append(entry)
        if "." not in entry.number and entry.number.isdigit():
            major = entry.number
    return entries


def _entry(line: str, major: str) -> AgendaEntry | None:
    """The item on ``line``, or None; ``major`` is the number of the item before (for ``8.1``)."""
    cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
    if not cells:
        return None
    if len(cells) > 1:  # a table row, or a number and a title set apart by a tab
        if _TIME.fullmatch(cells[0] + " ") and len(cells) > 2:
            cells = cells[1:]
        number = _number_only(cells[0])
        if number is not None:
            return _make(number, cells[1])
        return _entry(cells[0], major)
    text = _ITEM_WORD.sub("", _LEAD.sub("", cells[0]))
    timed = _TIME.match(text)
    if timed and _NUMBER.match(text[timed.end() :]):
        text = text[timed.end() :]
    elif timed and not re.match(r"\d{1,2}\.\d{2}\s", text):
        return None  # "10:30 Coffee", "2pm Lunch": a time, not an item
    match = _NUMBER.match(text)
    if not match:
        return None
    title = text[match.end() :].strip()
    dotted, letter, sep = match.group("dotted"), match.group("letter"), match.group("sep").strip()
    if dotted and not sep and _is_time(match.group("major") + dotted) and match.group("major") != major:
        return None  # "10.30 Coffee"
    if letter and not sep and not (letter.islower() and title[:1].isupper()):
        return None  # "3 A4 pages", "8 a.m."
    if not title or _DATE_TITLE.match(title) or _UNITS.match(title):
        return None
    return _make(match.group("major") + (dotted or "") + (letter or "").lower(), title)


def _make(number: str, title: str) -> AgendaEntry | None:
    title = _LEADER.sub("", " ".join(title.split())).strip(" :–—-*_")
    if not title:
        return None
    return AgendaEntry(number, title[:MAX_TITLE])


def _number_only(cell: str) -> str | None:
    cell = _ITEM_WORD.sub("", cell.strip())
    match = _NUMBER.match(cell)
    if not match or cell[match.end() :].strip():
        return None
    return match.group("major") + (match.group("dotted") or "") + (match.group("letter") or "").lower()


def _is_time(number: str) -> bool:
    parts = number.strip().split(".")
    return len(parts) == 2 and len(parts[1]) == 2 and int(parts[0]) <= 23 and int(parts[1]) < 60
