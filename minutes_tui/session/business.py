"""What the app's items panel asks of the meeting session, on top of :mod:`.agenda`.

:class:`CommitteeBusiness` (``session.business``) knows nothing of Textual. It keeps the
*current item* (the one being discussed, where typed points go), reads what the note-taker
types (``8.1 Capital programme``, votes ``6 0 1``, an exemption, the closing time), says
what a filed point became, and when the quorum changes as members come and go. Every change
goes through the :class:`~minutes_tui.session.agenda.AgendaSession` methods of the session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..agenda import (
    OUTCOME_WORDS,
    AgendaItem,
    CommitteeRules,
    QuorumChange,
    Resolution,
    check_number,
    joined,
    quorum_change_text,
    quorum_changes,
    voting_members,
)
from ..model import Action, Attendee, Meeting, ModelError, Point, check_clock
from ..prefixes import describe, parse_point, people_of
from ..store import StoreError
from ..store.agenda import ItemFiled
from . import lists

if TYPE_CHECKING:
    from .meeting import MeetingSession

#: "8.1 Budget", "Item 8: Budget", "8a) Budget": an agenda number, then the title.
_NUMBERED = re.compile(r"^\s*(?:item\s+)?([0-9][0-9A-Za-z.()/-]{0,15}?)[.):]?\s+(.+)$", re.IGNORECASE)


def split_item(text: str) -> tuple[str, str]:
    """``(number, title)`` of an item typed as ``8.1 Budget`` (a title alone has no number)."""
    text = " ".join(text.split())
    match = _NUMBERED.match(text)
    if match:
        try:
            return check_number(match[1]), match[2].strip()
        except ModelError:
            pass
    return "", text


def parse_votes(text: str) -> tuple[int | None, int | None, int | None]:
    """``6 0 1`` or ``6/0/1`` or ``for 6, against 0, abstain 1``: (for, against, abstaining).

    Missing counts are ``None``; an empty text clears the vote. Raises :class:`ModelError`.
    """
    numbers = re.findall(r"-?[0-9]+", text)
    words = re.sub(r"[0-9\s,/;:-]|for|against|abstain(?:ing|ed|s)?|abs", "", text.lower())
    if words or len(numbers) > 3:
        raise ModelError(f"{text!r}: type the votes as for, against, abstaining, e.g. 6 0 1")
    counts: list[int | None] = [int(n) for n in numbers]
    for n in counts:
        if n is not None and not 0 <= n <= 100_000:
            raise ModelError(f"{n} is not a number of votes")
    counts += [None] * (3 - len(counts))
    return counts[0], counts[1], counts[2]


#: Where a recorded vote starts in the votes prompt: "6 0 1 recorded: Nolan, Okafor".
_RECORDED = re.compile(r"\brecorded(?:\s+vote)?\s*:?", re.IGNORECASE)


def parse_vote_entry(text: str) -> tuple[tuple[int | None, int | None, int | None], list[str]]:
    """``6 0 1 recorded: Cllr Nolan, Cllr Dennett and Cllr Shah``: the counts (as
    :func:`parse_votes`) and the recorded vote's names (commas, semicolons or "and" between them).
    Raises :class:`ModelError`."""
    counts, names = (_RECORDED.split(text, maxsplit=1) + [""])[:2]
    recorded = [" ".join(n.split()) for n in re.split(r"[,;]|\band\b", names) if n.strip()]
    return parse_votes(counts), recorded


def vote_entry(resolution: Resolution) -> str:
    """A resolution's vote as the votes prompt takes it, to correct."""
    counts = (resolution.votes_for, resolution.votes_against, resolution.abstentions)
    typed = " ".join("" if n is None else str(n) for n in counts).strip() if resolution.voted else ""
    if resolution.recorded:
        typed = f"{typed} recorded: {', '.join(resolution.recorded)}".strip()
    return typed


def tidy(text: str) -> str:
    """Spaces tidied in each line; the lines (one per recommendation) kept."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def resolution_line(resolution: Resolution) -> str:
    """``RESOLVED – That ...  (for 6, against 0, abstaining 1)``: as the minutes will read."""
    words = OUTCOME_WORDS[resolution.outcome]
    text = " ".join(resolution.text.split()) or "(no text yet)"
    line = f"{words} – {text}"
    if resolution.voted:
        counts = (resolution.votes_for, resolution.votes_against, resolution.abstentions)
        shown = [
            f"{w} {n}" for w, n in zip(("for", "against", "abstaining"), counts, strict=True) if n is not None
        ]
        line += f"  ({', '.join(shown)})"
    if resolution.recorded:
        line += f"  recorded vote: {joined(resolution.recorded)}"
    return line


@dataclass(frozen=True)
class PointOutcome:
    """What became of a point typed under an item: ``filed`` (None: kept as typed) and what to say."""

    filed: ItemFiled | None
    message: str = ""
    problem: bool = False


@dataclass(frozen=True)
class Quorum:
    """Whether the meeting is quorate now: voting members present of all, and the quorum."""

    present: int
    members: int
    quorum: int | None

    @property
    def quorate(self) -> bool | None:
        """``None`` when the series sets no quorum or no one is flagged a voting member."""
        return None if not self.quorum or not self.members else self.present >= self.quorum

    @property
    def label(self) -> str:
        if self.quorate is None:
            if self.members:
                return f"Voting {self.present}/{self.members}"
            return f"Quorum {self.quorum}: no one voting" if self.quorum else ""
        if self.quorate:
            return f"Quorate {self.present}/{self.members}"
        return f"NOT QUORATE {self.present}/{self.members} (quorum {self.quorum})"


class CommitteeBusiness:
    """The items panel's part of the meeting session (see the module's notes)."""

    def __init__(self, session: MeetingSession) -> None:
        self.session = session
        #: The id of the item under discussion (None: the last one minuted, else the first).
        self._current: int | None = None
        #: Whether the meeting was quorate when last asked (see :meth:`quorum_news`).
        self._quorate: bool | None = None
        self._primed = False
        self._seen: list[QuorumChange] = []

    @property
    def meeting(self) -> Meeting:
        return self.session.meeting

    @property
    def items(self) -> list[AgendaItem]:
        return self.meeting.agenda

    def item(self, item_id: int) -> AgendaItem:
        return self.session.agenda_item(item_id)

    # -- the current item --------------------------------------------------------------

    @property
    def current(self) -> AgendaItem | None:
        """The item under discussion: the one chosen, else the last with something minuted."""
        if self._current is not None and lists.index_of(self.items, self._current) is not None:
            return self.item(self._current)
        if not self.items:
            return None
        started = [n for n, i in enumerate(self.items) if i.points or i.resolutions]
        item = self.items[started[-1] if started else 0]
        self._current = item.id
        return item

    def set_current(self, item_id: int) -> AgendaItem:
        self._current = self.item(item_id).id
        return self.item(item_id)

    def step(self, delta: int) -> tuple[AgendaItem | None, bool]:
        """Move to the next (``delta=1``) or previous item; ``(item, moved)``: not past either end."""
        current = self.current
        if current is None:
            return None, False
        index = (lists.index_of(self.items, current.id) or 0) + delta  # type: ignore[arg-type]
        if not 0 <= index < len(self.items):
            return current, False
        self._current = self.items[index].id
        return self.items[index], True

    # -- items ------------------------------------------------------------------------------

    def add_item(self, text: str, index: int | None = None) -> AgendaItem:
        """A new item typed as ``8.1 Budget monitoring`` (``index``: where; ``None``: the end)."""
        number, title = split_item(text)
        if not title:
            raise ModelError("An item needs a title, e.g. 6 Budget monitoring")
        saved = self.session.add_agenda_item(AgendaItem(number, title), index)
        return self.item(saved.id)  # type: ignore[arg-type]

    def retitle(self, item_id: int, text: str) -> AgendaItem:
        """Number and title typed as one line (``8.1 Budget``); a title alone keeps the number."""
        number, title = split_item(text)
        if not title:
            raise ModelError("An item needs a title")
        return self.session.update_agenda_item(
            item_id, number=number or self.item(item_id).number, title=title
        )

    def set_exempt(self, item_id: int, reason: str) -> AgendaItem:
        """Mark the item exempt (not for publication) with ``reason``; ``""``: public again."""
        return self.session.update_agenda_item(item_id, exempt=" ".join(reason.split()))

    def delete_item(self, item_id: int) -> None:
        self.session.delete_agenda_item(item_id)

    def move_item(self, item_id: int, delta: int) -> bool:
        return self.session.move_agenda_item(item_id, delta)

    # -- discussion points ---------------------------------------------------------------------

    def item_of_point(self, point_id: int) -> AgendaItem | None:
        return next((i for i in self.items if lists.index_of(i.points, point_id) is not None), None)

    def _item_of_point(self, point_id: int) -> AgendaItem:
        item = self.item_of_point(point_id)
        if item is None:
            raise StoreError(f"No point with id {point_id} in this meeting's items")
        return item

    def add_point(self, item_id: int, text: str) -> Point:
        return self.session.add_item_point(item_id, text)

    def update_point(self, point_id: int, text: str) -> Point:
        """Save a point's new text (changed elsewhere: both kept, and this one is a new point)."""
        return self.session.update_item_point(self._item_of_point(point_id).id, point_id, text)  # type: ignore[arg-type]

    def delete_point(self, point_id: int) -> None:
        item = self.item_of_point(point_id)
        if item is not None:
            self.session.delete_item_point(item.id, point_id)  # type: ignore[arg-type]

    def move_point(self, point_id: int, delta: int) -> bool:
        item = self.item_of_point(point_id)
        return item is not None and self.session.move_item_point(item.id, point_id, delta)  # type: ignore[arg-type]

    def file_point(self, point_id: int, as_kind: str | None = None) -> PointOutcome:
        """File a saved point by its prefix: ``A:``/``@owner``/``due:`` an action raised under its
        item, ``D:`` an approved resolution. Anything else stays a point; a malformed prefix says why."""
        item = self.item_of_point(point_id)
        if item is None:
            return PointOutcome(None)
        text = lists.get(item.points, point_id).text
        people = people_of(self.meeting.attendees)
        filing = parse_point(
            text, today=self.meeting.date or self.session.today, people=people, as_kind=as_kind
        )
        if filing.problems:
            return PointOutcome(None, describe(filing), problem=True)
        filed = self.session.file_item_point(item.id, point_id, as_kind)  # type: ignore[arg-type]
        if filed is None:
            return PointOutcome(None)
        if isinstance(filed.made, Action):
            return PointOutcome(filed, f"Action raised under {item.label}: {describe(filing)}")
        return PointOutcome(filed, f"Resolution of {item.label}: {resolution_line(filed.made)}")

    def undo_filing(self, filed: ItemFiled) -> Point | None:
        """Take back a filing: the action or resolution goes, the point is back where it was."""
        return self.session.undo_item_filing(filed)

    # -- resolutions -------------------------------------------------------------------------------

    def item_of_resolution(self, resolution_id: int) -> AgendaItem | None:
        return next((i for i in self.items if lists.index_of(i.resolutions, resolution_id) is not None), None)

    def add_resolution(self, item_id: int, outcome: str, text: str) -> Resolution:
        return self.session.add_resolution(item_id, Resolution(outcome, tidy(text)))

    def update_resolution(self, resolution_id: int, **fields: Any) -> Resolution:
        item = self.item_of_resolution(resolution_id)
        if item is None:
            raise StoreError(f"No resolution with id {resolution_id} in this meeting")
        return self.session.update_resolution(item.id, resolution_id, **fields)  # type: ignore[arg-type]

    def set_votes(self, resolution_id: int, text: str) -> Resolution:
        """Votes typed as ``6 0 1`` (for, against, abstaining), then perhaps a recorded vote
        (``recorded: Nolan, Okafor``); empty: no vote counted."""
        (votes_for, against, abstain), recorded = parse_vote_entry(text)
        return self.update_resolution(
            resolution_id, votes_for=votes_for, votes_against=against, abstentions=abstain, recorded=recorded
        )

    def delete_resolution(self, resolution_id: int) -> None:
        item = self.item_of_resolution(resolution_id)
        if item is not None:
            self.session.delete_resolution(item.id, resolution_id)  # type: ignore[arg-type]

    def approve_as_recommended(self, item_id: int) -> Resolution:
        """Record "approved as recommended" (refused, with a message, if the item has none)."""
        return self.session.approve_as_recommended(item_id)

    # -- the meeting as a whole --------------------------------------------------------------------

    def set_closed(self, text: str) -> str:
        """The time the meeting closed (``11:45``; ``""`` clears it)."""
        self.session.update_header("closed", check_clock(text))
        return self.meeting.closed

    def set_voting(self, attendee_id: int, voting: bool) -> Attendee:
        """Flag a voting member (or not). Flagging members is not news: :meth:`quorum_news` takes
        the new count as it is, without announcing it."""
        saved = self.session.update_attendee(attendee_id, voting=voting)
        self._quorate = self.quorum().quorate
        self._seen = quorum_changes(self.meeting, self.quorum_rule)
        return saved

    def set_quorum(self, text: str) -> Quorum:
        """The series' quorum typed as a number of voting members (``""``: none), saved as its
        committee rules. Changing the rule is not news (as :meth:`set_voting`)."""
        typed = text.strip()
        if typed and not typed.isdigit():
            raise ModelError(f"{typed!r}: type the quorum as a number of voting members, e.g. 4")
        rules = self.meeting.rules or CommitteeRules()
        self.session.set_committee_rules(replace(rules, quorum=int(typed) if typed else None))
        self._quorate = self.quorum().quorate
        self._seen = quorum_changes(self.meeting, self.quorum_rule)
        return self.quorum()

    @property
    def quorum_rule(self) -> int | None:
        rules = self.meeting.rules
        return rules.quorum if rules is not None else None

    def quorum(self) -> Quorum:
        """Voting members present now: marked present and not gone (a late arrival counts once
        marked present)."""
        members = voting_members(self.meeting)
        present = [a for a in members if a.attendance == "present" and not a.left]
        return Quorum(len(present), len(members), self.quorum_rule)

    def quorum_news(self) -> str:
        """What to announce since the last call: the meeting became, or ceased to be, quorate
        (``""``: no change; the first call, as the meeting opens, only takes note)."""
        now = self.quorum()
        before, self._quorate = self._quorate, now.quorate
        changes = quorum_changes(self.meeting, now.quorum)
        seen, self._seen = self._seen, changes
        if not self._primed:
            self._primed = True
            return ""
        if now.quorate is None or before is None or before == now.quorate:
            return ""
        counts = f"{now.present} of {now.members} voting members present; the quorum is {now.quorum}"
        news = [c for c in changes if c not in seen and c.quorate == now.quorate]
        if news:  # a time was noted: when, and who came or went
            return f"{quorum_change_text(news[-1])[:-1]} ({counts})."
        state = "is now quorate" if now.quorate else "is no longer quorate"
        return f"The meeting {state} ({counts})."
