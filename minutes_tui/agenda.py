"""Committee business: agenda items, their resolutions, minute numbers and the quorum.

Pure domain, like :mod:`minutes_tui.model`: no database and no Textual. An
:class:`AgendaItem` is one item of a board or committee meeting, numbered as the
agenda prints it (``8``, ``8.1``, ``8a``) and given a minute number (``3`` or
``24/37``); its discussion points are typed like any others, and the actions
raised under it carry its id (``Action.item_id``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .model import ModelError, Point

if TYPE_CHECKING:
    from .model import Attendee, Meeting

#: Why an item is on the agenda ("" if the agenda does not say).
PURPOSES = ("", "decision", "discussion", "information")
PURPOSE_LABELS = {
    "": "",
    "decision": "For decision",
    "discussion": "For discussion",
    "information": "For information",
}
#: What a resolution decided.
OUTCOMES = ("noted", "approved", "approved_as_amended", "deferred", "rejected", "withdrawn")
#: The words that open a resolution in the minutes ("RESOLVED – That ...").
OUTCOME_WORDS = {
    "noted": "NOTED",
    "approved": "RESOLVED",
    "approved_as_amended": "RESOLVED (as amended)",
    "deferred": "DEFERRED",
    "rejected": "REJECTED",
    "withdrawn": "WITHDRAWN",
}
OUTCOME_LABELS = {
    "noted": "Noted",
    "approved": "Approved",
    "approved_as_amended": "Approved as amended",
    "deferred": "Deferred",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
}
#: How a series numbers its minutes: 1, 2, 3 in each meeting, or running on through the
#: year as ``24/37``, ``24/38``, ...
MINUTE_NUMBERING = ("meeting", "running")
#: A longest agenda number: "8", "8.1", "8a", "12(b)", "Item 8" is read as "8".
_NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.()/-]{0,15}$")


def check_purpose(value: str) -> str:
    text = value.strip().lower()
    for prefix in ("for ",):
        text = text.removeprefix(prefix)
    if text not in PURPOSES:
        raise ModelError(f"purpose must be one of decision, discussion, information, not {value!r}")
    return text


def check_outcome(value: str) -> str:
    text = value.strip().lower().replace(" ", "_")
    if text not in OUTCOMES:
        shown = ", ".join(o.replace("_", " ") for o in OUTCOMES)
        raise ModelError(f"outcome must be one of {shown}, not {value!r}")
    return text


def check_number(value: str) -> str:
    """An agenda number as printed (``8``, ``8.1``, ``8a``); ``""`` for none."""
    text = value.strip().rstrip(".)")
    if text.lower().startswith("item "):
        text = text[5:].strip()
    if text and not _NUMBER.match(text):
        raise ModelError(f"{value!r} is not an agenda number such as 8, 8.1 or 8a")
    return text


def same_number(a: str, b: str) -> bool:
    """Whether two agenda numbers are the same item's (``8A`` is ``8a``); no number matches none."""
    return bool(a.strip()) and a.strip().casefold() == b.strip().casefold()


_ITEM_WORD = re.compile(r"^(?:agenda\s+)?(?:item|minute)?\s*", re.IGNORECASE)


def declared_item(typed: str, agenda: Iterable[AgendaItem]) -> str:
    """A declaration's "which item" naming the item fully when only its number was typed:
    ``8`` or ``Item 8`` is ``Item 8: Skills alliance``; anything else is kept as typed."""
    number = _ITEM_WORD.sub("", typed.strip()).rstrip(".:")
    for item in agenda:
        if same_number(item.number, number) and item.title.strip():
            return f"Item {item.number}: {item.title.strip()}"
    return typed


def check_votes(value: object, what: str) -> int | None:
    """A count of votes (``None``: not counted)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100_000:
        raise ModelError(f"votes {what} must be a whole number from 0, not {value!r}")
    return value


@dataclass
class Resolution:
    """What the meeting decided on an item: the outcome, its text and any vote."""

    outcome: str = "approved"
    text: str = ""
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    #: A recorded vote: the names, as the minutes list them.
    recorded: list[str] = field(default_factory=list)
    id: int | None = None
    #: Raised by every saved change; an update naming it is refused if the row changed since.
    version: int = 0

    def __post_init__(self) -> None:
        self.outcome = check_outcome(self.outcome)
        check_votes(self.votes_for, "for")
        check_votes(self.votes_against, "against")
        check_votes(self.abstentions, "abstaining")

    @property
    def voted(self) -> bool:
        return any(v is not None for v in (self.votes_for, self.votes_against, self.abstentions))


@dataclass
class AgendaItem:
    """One item of a committee meeting's agenda, and what was minuted under it."""

    number: str = ""
    title: str = ""
    #: The paper or report's reference ("SEB/25/07").
    paper: str = ""
    presenter: str = ""
    #: "decision", "discussion", "information" or "" (see :data:`PURPOSES`).
    purpose: str = ""
    #: The paper's recommendations, each as its own paragraph.
    recommendations: list[str] = field(default_factory=list)
    #: The paper's summary, as read from it.
    summary: str = ""
    points: list[Point] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    #: Why the item is not for publication ("Exempt – Part II, paragraph 3 ..."); "" if it is.
    exempt: str = ""
    #: The minute number as the minutes print it ("3", "24/39"); the store gives it.
    minute: str = ""
    id: int | None = None
    #: Raised by every saved change; an update naming it is refused if the row changed since.
    version: int = 0

    def __post_init__(self) -> None:
        self.number = check_number(self.number)
        self.purpose = check_purpose(self.purpose)

    @property
    def label(self) -> str:
        """``24/39 Regional Skills Alliance`` (or whichever of the two there is)."""
        return " ".join(part for part in (self.minute or self.number, self.title.strip()) if part)


@dataclass(frozen=True)
class CommitteeRules:
    """A series' rules for committee minutes.

    ``numbering`` is "meeting" (1, 2, 3 at each meeting) or "running" (``24/37``:
    the year of the meeting, then a count that runs on through the series' meetings
    of that year from ``first_minute``); ``quorum`` the voting members needed
    present (``None``: not set); ``actions_table`` whether the minutes show the
    actions table (committee minutes often leave it out).
    """

    numbering: str = "meeting"
    quorum: int | None = None
    actions_table: bool = True
    first_minute: int = 1

    def __post_init__(self) -> None:
        if self.numbering not in MINUTE_NUMBERING:
            raise ModelError(f"minute numbering must be 'meeting' or 'running', not {self.numbering!r}")
        if self.quorum is not None and (isinstance(self.quorum, bool) or not 0 < self.quorum <= 10_000):
            raise ModelError(f"a quorum must be a whole number from 1, not {self.quorum!r}")
        if isinstance(self.first_minute, bool) or not 0 < self.first_minute <= 1_000_000:
            raise ModelError(
                f"the first minute number must be a whole number from 1, not {self.first_minute!r}"
            )


def minute_number(rules: CommitteeRules, date: dt.date | None, count: int) -> str:
    """The ``count``-th minute number (from 1 in a meeting, or from ``first_minute`` in a year)."""
    if rules.numbering == "meeting":
        return str(count)
    year = (date or dt.date.today()).year % 100
    return f"{year:02d}/{count}"


def minute_counter(minute: str) -> tuple[int, int] | None:
    """``(year, count)`` of a running minute number such as ``24/37``; ``None`` otherwise."""
    match = re.fullmatch(r"([0-9]{2})/([0-9]{1,7})", minute.strip())
    return (int(match[1]), int(match[2])) if match else None


@dataclass(frozen=True)
class Decision:
    """One line of the decision register: a resolution with its meeting and item."""

    meeting_id: int
    date: dt.date | None
    series: str
    meeting_title: str
    minute: str
    number: str
    item: str
    outcome: str
    text: str
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    #: The item's exemption ("" if public): the register may be asked to leave its text out.
    exempt: str = ""


# -- the quorum -------------------------------------------------------------------


@dataclass(frozen=True)
class QuorumChange:
    """The meeting became quorate, or stopped being so, at ``at`` (HH:MM) when ``who`` came or went."""

    at: str
    who: str
    arrived: bool
    present: int
    quorate: bool


def voting_members(meeting: Meeting) -> list[Attendee]:
    """The attendees flagged as voting members, whatever their attendance."""
    return [a for a in meeting.attendees if a.voting]


def present_voting(meeting: Meeting, at: str | None = None) -> int:
    """Voting members present at ``at`` (HH:MM; ``None``: at the start of the meeting).

    A late arrival counts from their time of arrival, an early leaver until they left.
    """
    count = 0
    for attendee in voting_members(meeting):
        if attendee.attendance != "present":
            continue
        if at is None:
            if not attendee.arrived or not meeting.time or attendee.arrived <= meeting.time:
                count += 1
            continue
        if attendee.arrived and attendee.arrived > at:
            continue
        if attendee.left and attendee.left <= at:
            continue
        count += 1
    return count


def quorum_statement(meeting: Meeting, quorum: int | None) -> str:
    """``The meeting was quorate (5 of 7 voting members present).``; ``""`` with no quorum set."""
    if not quorum:
        return ""
    members = len(voting_members(meeting))
    present = present_voting(meeting)
    state = "quorate" if present >= quorum else "not quorate"
    return f"The meeting was {state} ({present} of {members} voting members present; the quorum is {quorum})."


def quorum_changes(meeting: Meeting, quorum: int | None) -> list[QuorumChange]:
    """Each late arrival or early departure of a voting member that changed whether the meeting
    was quorate, in time order."""
    if not quorum:
        return []
    moments: list[tuple[str, bool, Attendee]] = []
    for attendee in voting_members(meeting):
        if attendee.attendance != "present":
            continue
        if attendee.arrived and (not meeting.time or attendee.arrived > meeting.time):
            moments.append((attendee.arrived, True, attendee))
        if attendee.left:
            moments.append((attendee.left, False, attendee))
    changes = []
    quorate = present_voting(meeting) >= quorum
    for at, arrived, attendee in sorted(moments, key=lambda m: (m[0], not m[1])):
        present = present_voting(meeting, at)
        now_quorate = present >= quorum
        if now_quorate != quorate:
            changes.append(QuorumChange(at, attendee.label, arrived, present, now_quorate))
            quorate = now_quorate
    return changes


def quorum_change_text(change: QuorumChange) -> str:
    """``The meeting ceased to be quorate at 11:20, when Cllr Ellis left.``"""
    how = "arrived" if change.arrived else "left"
    state = "became quorate" if change.quorate else "ceased to be quorate"
    return f"The meeting {state} at {change.at}, when {change.who or 'a voting member'} {how}."


# -- the public version -------------------------------------------------------------


def public_item(item: AgendaItem) -> AgendaItem:
    """An exempt item as the public minutes show it: number, minute number, title, reason."""
    if not item.exempt.strip():
        return item
    return AgendaItem(
        number=item.number, title=item.title, exempt=item.exempt, minute=item.minute, id=item.id
    )


def public_version(meeting: Meeting) -> Meeting:
    """A copy of ``meeting`` for publication: each exempt item keeps its number, title and
    reason and loses everything else, with the actions raised under it."""
    exempt = {item.id for item in meeting.agenda if item.exempt.strip() and item.id is not None}
    exempt_index = {n for n, item in enumerate(meeting.agenda) if item.exempt.strip()}
    actions = [
        a
        for a in meeting.actions
        if not (a.item_id is not None and a.item_id in exempt)
        and not (a.item_index is not None and a.item_index in exempt_index)
    ]
    exempt_items = [item for item in meeting.agenda if item.exempt.strip()]
    declarations = [
        d for d in meeting.declarations if not any(names_item(d.item, item) for item in exempt_items)
    ]
    return replace(
        meeting, agenda=[public_item(i) for i in meeting.agenda], actions=actions, declarations=declarations
    )


def names_item(typed: str, item: AgendaItem) -> bool:
    """Whether ``typed`` (a declaration's "which item") means ``item``: its number or minute
    number as a word of its own ("Item 9", "Minute 25/40", not "9.1"), or its title."""
    text = " ".join(typed.split()).casefold()
    for number in (item.number, item.minute):
        number = number.strip().casefold()
        if number and re.search(rf"(?<![\w./]){re.escape(number)}(?![\w/]|[.]\w)", text):
            return True
    title = " ".join(item.title.split()).casefold()
    return bool(title) and title in text


def recommendations_as_resolution(item: AgendaItem) -> Resolution:
    """ "Approved as recommended": the item's recommendations as an approved resolution's text."""
    return Resolution("approved", "\n".join(r.strip() for r in item.recommendations if r.strip()))


def joined(names: Iterable[str]) -> str:
    """``A, B and C``."""
    shown = [n.strip() for n in names if n.strip()]
    if len(shown) < 2:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


# -- approving the minutes ----------------------------------------------------------


def undecided_items(agenda: Iterable[AgendaItem]) -> list[AgendaItem]:
    """The items the meeting was asked to decide that have no resolution recorded, in order.

    An item asks for a decision when its purpose is "decision", or when the agenda gives
    no purpose and the paper makes a recommendation. Items for discussion or information
    never do; exempt items count like any other. Any resolution (noted, deferred,
    withdrawn ...) records what the meeting decided. Approving minutes with such an item
    approves a record with a decision missing.
    """
    return [
        item
        for item in agenda
        if not item.resolutions
        and (
            item.purpose == "decision" or (not item.purpose and any(r.strip() for r in item.recommendations))
        )
    ]


def undecided_summary(items: list[AgendaItem], most: int = 5) -> str:
    """``2 items for decision have no resolution: 4 Budget 2026/27, 7 Grants`` (the first
    ``most`` named by agenda number and title, long titles shortened; then "and N more").
    The titles are as typed: callers show them literally."""
    names = []
    for item in items[:most]:
        title = item.title.strip()
        title = title if len(title) <= 60 else title[:59] + "\u2026"
        names.append(" ".join(p for p in (item.number or item.minute, title) if p) or "(untitled item)")
    if len(items) > most:
        names.append(f"and {len(items) - most} more")
    count = "1 item for decision has" if len(items) == 1 else f"{len(items)} items for decision have"
    return f"{count} no resolution: {', '.join(names)}"
