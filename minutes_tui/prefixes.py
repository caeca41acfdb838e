"""Typed prefixes: one line of text filed as an action or a decision.

The note-taker stays in one line and the app files it as the point is saved::

    A: Draft the employer offer @pri due:fri
    -> action "Draft the employer offer", owner Priya, due the next Friday

Forms understood (any case):

- at the start: ``A:``, ``Action:`` (an action); ``D:``, ``Decision:``, ``Agreed:`` (a decision);
- anywhere, as a word of its own: ``@Name`` or ``@Org`` (the owner; an unambiguous start of an
  attendee's name or organisation is completed, ``@"Jane Doe"`` or ``@Jane_Doe`` for several
  words) and ``due:WHEN`` where WHEN is ``30/04`` (the next 30 April on or after today),
  ``30/04/2026``, ``2026-04-30``, ``fri`` / ``friday`` (the next Friday after today), ``today``,
  ``tomorrow``, ``+3d``, ``+2w``, ``+1m`` or ``eom`` (the end of this month). "Today" is the date
  the caller gives: the meeting session gives the meeting's date, so minutes typed up later get
  the dates agreed in the room.

A point with an owner or a due date but no ``A:`` is an action too. An ``@Name`` at the end of
the text (where owners are written) is taken out of it; one anywhere else ("Send the list to
@JCP by May", "@Priya to draft the offer") stays in the sentence as the name. ``due:`` words are always taken out.

Anything malformed (``A:`` alone, ``due:31/02``, ``@`` alone, an ambiguous ``@P``) files
nothing: the point stays a note, exactly as typed, and :attr:`Filing.problems` says why in
plain words. Pure Python: no Textual, no SQLite.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .parsing import DateError, parse_date

KINDS = ("note", "action", "decision")

#: The prefix at the start of a point, and the kind it files.
_START = re.compile(r"^\s*(?P<prefix>action|decision|agreed|a|d)\s*:", re.IGNORECASE)
_START_KIND = {
    "a": "action",
    "action": "action",
    "d": "decision",
    "decision": "decision",
    "agreed": "decision",
}
#: ``@name``, ``@"two words"`` (maybe unclosed) or ``due:value``, each a word of its own.
_TOKEN = re.compile(
    r"""(?<!\S)(?:
        @(?P<quoted>"[^"\n]*"?)
      | @(?P<name>[^\s"]*)
      | (?P<due_key>due):(?P<due>\S*)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
#: Punctuation that ends a sentence rather than a name: ``@Priya.`` owns as "Priya".
_TRAILING = ".,;:!?)]}'"
#: English day names whatever the locale: the minutes are English.
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = {
    **{name.lower(): n for n, name in enumerate(_DAY_NAMES)},
    **{name[:3].lower(): n for n, name in enumerate(_DAY_NAMES)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
_DAY_MONTH = re.compile(r"^(\d{1,2})[/.](\d{1,2})$")
_OFFSET = re.compile(r"^\+(\d{1,3})([dwm])$", re.IGNORECASE)
#: Separators left dangling when a token at the end goes: "Draft the offer – @Priya".
_DANGLING = " \t-\u2013\u2014,;:/"
#: A space left before punctuation where a token went: "Draft the offer ." -> "Draft the offer."
_LOOSE_PUNCTUATION = re.compile(r"[ \t]+([.,;!?])(?=\s|$)")
DUE_HELP = "e.g. due:30/04, due:fri, due:+2w"


@dataclass(frozen=True)
class Filing:
    """What a typed point becomes.

    ``kind`` is "note", "action" or "decision"; ``text`` the point without its prefixes
    (exactly as typed for a note); ``owner`` and ``due`` the action's; ``problems`` why
    nothing was filed (empty when all is well); ``notes`` things worth saying that did not
    stop the filing (an owner who is not an attendee, a due date in the past); ``typed``
    the text as typed.
    """

    kind: str
    text: str
    owner: str = ""
    due: dt.date | None = None
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    typed: str = ""

    @property
    def filed(self) -> bool:
        """Whether the point goes anywhere other than where it was typed."""
        return self.kind != "note"


def parse_point(
    text: str, *, today: dt.date, people: Iterable[str] = (), as_kind: str | None = None
) -> Filing:
    """What ``text`` files as, on ``today``, with owners completed from ``people``.

    ``people`` are the attendees' names and organisations (see :func:`people_of`).
    ``as_kind`` ("action" or "decision") files a point that has no prefix of its own
    as that kind: the one key that turns a saved note into an action. Never raises.
    """
    if as_kind not in (None, "action", "decision"):
        raise ValueError(f"as_kind must be 'action' or 'decision', not {as_kind!r}")
    kind, body, problems, notes = as_kind or "note", text, [], []
    prefix = ""
    if match := _START.match(text):
        prefix = match["prefix"]
        kind = _START_KIND[prefix.lower()]
        body = text[match.end() :]
    owners: list[str] = []
    dues: list[tuple[str, dt.date]] = []
    #: Spans to replace: (start, end, end with the punctuation after it, replacement).
    inline: list[tuple[int, int, int, str]] = []
    for token in _TOKEN.finditer(body):
        if token["due_key"] is not None:
            value = token["due"].rstrip(_TRAILING)
            typed = token.group(0)[: len(token.group(0)) - len(token["due"]) + len(value)]
            try:
                dues.append((typed, due_date(value, today)))
            except DateError as exc:
                problems.append(f"{typed} {exc}" if value else f"{typed} needs a date after it ({DUE_HELP})")
            inline.append((token.start(), token.start() + len(typed), token.end(), ""))
            continue
        raw = token["quoted"] if token["quoted"] is not None else token["name"]
        end = token.end()
        if raw.startswith('"'):
            if len(raw) < 2 or not raw.endswith('"'):
                problems.append(f"{token.group(0)} needs a closing quote")
                continue
            wanted = " ".join(raw[1:-1].split())
        else:
            stripped = raw.rstrip(_TRAILING)
            end -= len(raw) - len(stripped)
            wanted = " ".join(stripped.replace("_", " ").split())
        if not wanted:
            problems.append(f"{token.group(0).rstrip(_TRAILING) or '@'} needs a name")
            continue
        owner, problem, note = match_owner(wanted, people)
        if problem:
            problems.append(problem)
            continue
        if note:
            notes.append(note)
        if owner.casefold() not in (o.casefold() for o in owners):
            owners.append(owner)
        inline.append((token.start(), end, token.end(), owner))
    if len(dues) > 1:
        problems.append(f"{' and '.join(typed for typed, _ in dues)}: give one due date")
    cleaned = _remove(body, inline)
    if not prefix and (late := _START.match(cleaned)):  # "due:30/04 A: Book venue"
        prefix = late["prefix"]
        kind = _START_KIND[prefix.lower()]
        cleaned = cleaned[late.end() :].strip()
    if kind == "note" and (owners or dues) and not problems:
        kind = "action"
    if kind == "decision" and (owners or dues):
        problems.append("a decision has no owner or due date (start with A: for an action)")
    if kind != "note" and not cleaned.strip() and not problems:
        what = f"{prefix}:" if prefix else f"an {kind}" if kind == "action" else f"a {kind}"
        problems.append(f"{what} needs some text after it")
    if problems:
        return Filing("note", text, problems=tuple(problems), typed=text)
    if kind == "note":
        return Filing("note", text, typed=text)
    due = dues[0][1] if dues else None
    if due is not None and due < today:
        notes.append(f"the due date {_short(due)} has passed")
    return Filing(kind, cleaned, ", ".join(owners), due, (), tuple(notes), text)


def due_date(value: str, today: dt.date) -> dt.date:
    """The date ``due:value`` means on ``today``. Raises :class:`DateError` saying why not."""
    word = value.strip().lower()
    if not word:
        raise DateError(f"needs a date after it ({DUE_HELP})")
    if word == "today":
        return today
    if word in ("tomorrow", "tmrw", "tmw"):
        return today + dt.timedelta(days=1)
    if word == "eom":
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if word in _WEEKDAYS:
        ahead = (_WEEKDAYS[word] - today.weekday() - 1) % 7 + 1
        return today + dt.timedelta(days=ahead)
    if match := _OFFSET.match(word):
        count, unit = int(match[1]), match[2].lower()
        if unit == "d":
            return today + dt.timedelta(days=count)
        if unit == "w":
            return today + dt.timedelta(weeks=count)
        return add_months(today, count)
    if match := _DAY_MONTH.match(word):
        day, month = int(match[1]), int(match[2])
        for year in range(today.year, today.year + 9):  # 29/02 waits for a leap year
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                if not 1 <= month <= 12 or day > 29 or day < 1:
                    break
                continue
            if candidate >= today:
                return candidate
        raise DateError(f"is not a date ({DUE_HELP})")
    try:
        parsed = parse_date(value)
    except DateError:
        raise DateError(f"is not a date ({DUE_HELP})") from None
    if parsed is None:  # pragma: no cover - empty text is handled above
        raise DateError("needs a date after it")
    return parsed


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, kept within the month (31/01 + 1m = 28/02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def match_owner(wanted: str, people: Iterable[str]) -> tuple[str, str, str]:
    """``(owner, problem, note)`` for ``@wanted`` among ``people`` (names and organisations).

    An exact match (any case) wins, then the one name that starts with ``wanted``, then
    the one with a word, after any title, that does ("nolan" finds "Cllr Mary Nolan").
    Several such names is a problem; none keeps ``wanted`` as typed, with a note.
    """
    key = wanted.casefold()
    candidates = _distinct(people)
    for person in candidates:
        if person.casefold() == key:
            return person, "", ""
    starting = _starting(key, candidates)
    if len(starting) == 1:
        return starting[0], "", ""
    if starting:
        shown = ", ".join(starting[:4]) + (" ..." if len(starting) > 4 else "")
        return "", f"@{wanted} could be {shown}: type more of the name", ""
    return wanted, "", f"{wanted} is not an attendee; kept as typed"


def owner_completions(fragment: str, people: Iterable[str]) -> list[str]:
    """The people an ``@fragment`` being typed could mean, for a completion list."""
    key = " ".join(fragment.lstrip("@").strip('"').replace("_", " ").split()).casefold()
    return _starting(key, _distinct(people))


#: Titles before a name, never matched as one of its words ("Cllr Mary Nolan").
_TITLES = frozenset(
    [
        "councillor",
        "councillors",
        "cllr",
        "cllrs",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "revd",
    ]
)


def _starting(key: str, people: list[str]) -> list[str]:
    """The people whose name starts with ``key``; if none, those with a word (after titles) that does."""
    starting = [p for p in people if p.casefold().startswith(key)]
    if starting or not key:
        return starting
    found = []
    for person in people:
        words = person.casefold().split()
        while words and words[0].rstrip(".") in _TITLES:
            words = words[1:]
        if any(" ".join(words[n:]).startswith(key) for n in range(len(words))):
            found.append(person)
    return found


def people_of(attendees: Iterable) -> list[str]:
    """Owners to complete ``@`` from: each attendee's name and organisation, in list order."""
    out: list[str] = []
    for attendee in attendees:
        out.extend((attendee.name, attendee.organisation))
    return _distinct(out)


def describe(filing: Filing) -> str:
    """A short plain summary for the screen, e.g. ``Action · owner Priya · due Fri 02/05/2026``."""
    if filing.problems:
        return "Kept as typed: " + "; ".join(filing.problems)
    parts = [filing.kind.capitalize()]
    if filing.owner:
        parts.append(f"owner {filing.owner}")
    if filing.due:
        parts.append(f"due {_short(filing.due)}")
    parts.extend(filing.notes)
    return " · ".join(parts)


def _short(day: dt.date) -> str:
    return f"{_DAY_NAMES[day.weekday()][:3]} {day:%d/%m/%Y}"


def _distinct(people: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for person in people:
        person = " ".join(str(person).split())
        if person and person.casefold() not in seen:
            seen.add(person.casefold())
            out.append(person)
    return out


def _remove(body: str, spans: list[tuple[int, int, int, str]]) -> str:
    """``body`` with the token spans replaced: names kept mid-sentence, dropped at the ends
    with the full stop after them ("... timetable @Tom." -> "... timetable")."""
    if not spans:
        return body.strip()
    rest = [(start, end) for start, end, _, _ in spans]

    def only_tokens(segment_start: int, segment_end: int) -> bool:
        text = body[segment_start:segment_end]
        for start, end in rest:
            if segment_start <= start and end <= segment_end:
                text = text.replace(body[start:end], " ", 1)
        return not text.strip(_DANGLING + _TRAILING)

    out, last = [], 0
    for start, end, tail, replacement in spans:
        out.append(body[last:start])
        at_end = only_tokens(end, len(body))
        out.append("" if not replacement or at_end else replacement)
        last = tail if at_end else end
    out.append(body[last:])
    lines = [" ".join(line.split()) for line in "".join(out).splitlines()]
    text = "\n".join(line for line in lines if line) if len(lines) > 1 else (lines[0] if lines else "")
    return _LOOSE_PUNCTUATION.sub(r"\1", text).strip(_DANGLING)
