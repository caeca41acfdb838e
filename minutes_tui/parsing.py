"""Parsing what the note-taker types: attendees, dates, and text made safe to show.

Pure Python (no Textual, no SQLite) so that it can be tested on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

_PAREN = re.compile(r"^(?P<name>.*?)\s*\((?P<org>.*)\)\s*$", re.DOTALL)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UK = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
#: C0 controls (but tab), DEL and C1 controls: shown as visible symbols, never sent to the terminal.

DATE_HELP = "use dd/mm/yyyy (e.g. 30/04/2025) or yyyy-mm-dd (e.g. 2025-04-30)"


class DateError(ValueError):
    """Text that is not a date; ``str()`` says what was typed and what to type instead."""


def parse_attendee(text: str) -> tuple[str, str]:
    """``(name, organisation)`` from ``Name (Organisation)``, ``Name, Organisation`` or ``Organisation``.

    >>> parse_attendee("Priya (Cogent SSC)")
    ('Priya', 'Cogent SSC')
    >>> parse_attendee("Tom, LSC")
    ('Tom', 'LSC')
    >>> parse_attendee("JCP")
    ('', 'JCP')
    """
    text = " ".join(text.split())
    if not text:
        return "", ""
    match = _PAREN.match(text)
    if match and match["org"].strip():
        return match["name"].strip(" ,"), match["org"].strip()
    if "," in text:
        name, org = text.split(",", 1)
        return name.strip(), org.strip()
    return "", text


def format_attendee(name: str, organisation: str) -> str:
    """The text :func:`parse_attendee` reads back as ``(name, organisation)``."""
    if name and organisation:
        return f"{name} ({organisation})"
    if name:
        # A name alone would read back as an organisation: keep the comma form.
        return f"{name},"
    return organisation


def parse_date(text: str) -> dt.date | None:
    """A date from ISO ``yyyy-mm-dd`` or UK ``dd/mm/yyyy`` (also ``dd/mm/yy``, ``.`` or ``-``).

    Empty text is ``None`` (no date). Anything else raises :class:`DateError`.
    """
    text = text.strip()
    if not text:
        return None
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _UK.match(text):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 2000
    else:
        raise DateError(f"{text!r} is not a date: {DATE_HELP}")
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateError(f"{text!r} is not a real date ({exc}): {DATE_HELP}") from None


def format_date(value: dt.date | None) -> str:
    """``dd/mm/yyyy`` as UK minutes write it, or ``""``."""
    return value.strftime("%d/%m/%Y") if value else ""


def single_line(text: str) -> str:
    """``text`` as one line for a one-line field: newlines (from a paste) become spaces."""
    return " ".join(text.splitlines()) if ("\n" in text or "\r" in text) else text


def people_completions(people: Iterable[tuple[str, str]]) -> list[str]:
    """What to offer while typing an attendee: ``Name (Organisation)`` labels, then organisations.

    ``people`` is ``(name, organisation)`` pairs, most used first; duplicates go.
    """
    seen: set[str] = set()
    labels: list[str] = []
    orgs: list[str] = []
    for name, org in people:
        label = format_attendee(name, org).rstrip(",")
        if label and label.casefold() not in seen:
            seen.add(label.casefold())
            labels.append(label)
        if org and org.casefold() not in seen:
            seen.add(org.casefold())
            orgs.append(org)
    return labels + orgs


def owner_completions(people: Iterable[tuple[str, str]]) -> list[str]:
    """What to offer as an action's owner: names, organisations, and ``Name (Organisation)``."""
    seen: set[str] = set()
    out: list[str] = []
    for name, org in people:
        for candidate in (name, org, format_attendee(name, org).rstrip(",")):
            if candidate and candidate.casefold() not in seen:
                seen.add(candidate.casefold())
                out.append(candidate)
    return out
