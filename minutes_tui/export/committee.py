"""What committee minutes show, shared by the Word and Markdown writers.

A meeting is minuted in committee style when its layout has an agenda section: each
item under its minute number and title, its discussion, each resolution as a bold
"RESOLVED – That ..." with its vote, exempt items marked "Not for publication"; the
opening says "Minutes of the meeting held on <date>" and whether the meeting was
quorate, the end records when the meeting closed and leaves the chair a signature
and date block. Until an item has a resolution, draft minutes show the paper's
recommendations under it ("RECOMMENDED – That ..."); approved minutes show only what
was resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..agenda import (
    OUTCOME_WORDS,
    PURPOSE_LABELS,
    AgendaItem,
    Resolution,
    joined,
    quorum_change_text,
    quorum_changes,
    quorum_statement,
)
from ..model import Action, Meeting

_DASH = " \u2013 "
NOT_FOR_PUBLICATION = "Not for publication"
#: Before one recommendation (bold), and the line before several (then listed).
RECOMMENDED = f"RECOMMENDED{_DASH}"
RECOMMENDATIONS_WERE = "The recommendations were:"
SIGNATURE = ("Chair", "\u2026" * 22, "Date", "\u2026" * 12)  # one line in Word and LibreOffice


@dataclass(frozen=True)
class ResolutionLines:
    """A resolution as printed: ``words`` ("RESOLVED –") in bold, then ``text``; its vote lines."""

    words: str
    text: str
    votes: str = ""
    recorded: str = ""


@dataclass(frozen=True)
class ItemBlock:
    """One minuted item: ``minute`` and ``title`` make its heading; ``about`` the line under it."""

    minute: str
    title: str
    about: str = ""
    exempt: str = ""
    points: list[str] = field(default_factory=list)
    resolutions: list[ResolutionLines] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    #: The paper's recommendations, shown in a draft until a resolution is recorded.
    recommended: list[str] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return "  ".join(part for part in (self.minute.strip(), self.title.strip()) if part)


def is_committee(meeting: Meeting) -> bool:
    """Whether ``meeting`` is minuted in committee style (its layout has an agenda section)."""
    return meeting.has_section("agenda")


def held_on(meeting: Meeting) -> str:
    """``Minutes of the meeting held on Monday 14 July 2025 at Runcorn Town Hall``."""
    from .layout import long_date  # layout imports this module

    when = long_date(meeting.date)
    place = meeting.place.strip()
    if not when:
        return ""
    return f"Minutes of the meeting held on {when}" + (f" at {place}" if place else "")


def quorum_lines(meeting: Meeting) -> list[str]:
    """Whether the meeting was quorate, then each change a late arrival or early departure made."""
    quorum = meeting.rules.quorum if meeting.rules else None
    statement = quorum_statement(meeting, quorum)
    changes = [quorum_change_text(c) for c in quorum_changes(meeting, quorum)]
    return [statement, *changes] if statement else []


def closing_lines(meeting: Meeting) -> list[str]:
    """``The meeting closed at 11:45.`` (if noted)."""
    return [f"The meeting closed at {meeting.closed}."] if meeting.closed.strip() else []


def resolution_lines(resolution: Resolution) -> ResolutionLines:
    """A resolution as printed: outcome words, text, counted votes, a recorded vote."""
    votes = ""
    if resolution.voted:
        counts = (
            ("For", resolution.votes_for),
            ("against", resolution.votes_against),
            ("abstaining", resolution.abstentions),
        )
        votes = "(" + ", ".join(f"{label} {n}" for label, n in counts if n is not None) + ")"
    recorded = f"Recorded vote: {joined(resolution.recorded)}." if joined(resolution.recorded) else ""
    return ResolutionLines(f"{OUTCOME_WORDS[resolution.outcome]}{_DASH}", resolution.text, votes, recorded)


def _about(item: AgendaItem) -> str:
    """``Paper SEB/25/07, presented by A. Plant. For decision.``"""
    parts = []
    if item.paper.strip():
        parts.append(f"Paper {item.paper.strip()}")
    if item.presenter.strip():
        parts.append(f"presented by {item.presenter.strip()}")
    text = ", ".join(parts)
    text = text[:1].upper() + text[1:] + ("." if text else "")
    purpose = PURPOSE_LABELS.get(item.purpose, "")
    return " ".join(part for part in (text, f"{purpose}." if purpose else "") if part)


def _action_line(action: Action) -> str:
    due = f"by {action.due:%d/%m/%Y}" if action.due else ""
    return _DASH.join(part for part in (action.text.strip(), action.owner.strip(), due) if part)


def declarations_item(meeting: Meeting) -> int | None:
    """The place of the agenda item "Declarations of interest", which the declarations open."""
    for n, item in enumerate(meeting.agenda):
        if item.title.strip().casefold().startswith("declaration"):
            return n
    return None


#: Usual titles of the agenda items that hold the business of the board preset's sections.
_SAME_BUSINESS = {
    "declarations": ("declaration",),
    "last_minutes": ("minutes",),
    "matters_arising": ("matters arising",),
    "aob": ("any other business", "aob", "any other urgent business", "urgent business"),
}


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def item_for_section(meeting: Meeting, key: str, title: str) -> int | None:
    """The place of the (public) agenda item that holds the business of the layout's section
    ``key`` (headed ``title``): the first titled as the section is, or (a board preset section)
    starting with a usual name for it ("Minutes of the meeting held on ..." for "Minutes of the
    last meeting"). ``None`` if no item does: the section keeps its own heading."""
    heading, starts = _words(title), _SAME_BUSINESS.get(key, ())
    for n, item in enumerate(meeting.agenda):
        words = _words(item.title)
        if not words or item.exempt.strip():
            continue
        if words == heading or any(words.startswith(start) for start in starts):
            return n
    return None


def item_blocks(meeting: Meeting, folded: dict[int, list[str]] | None = None) -> list[ItemBlock]:
    """Every agenda item as the minutes show it, in order; ``folded``: points of layout sections
    that hold the same business as an item (by its place), shown first under it."""
    from .layout import declarations  # layout imports this module

    folded = folded or {}
    blocks = []
    declared = declarations_item(meeting)
    for n, item in enumerate(meeting.agenda):
        actions = [
            _action_line(a)
            for a in meeting.actions
            if (a.item_id is not None and a.item_id == item.id)
            or (a.item_id is None and a.item_index == n and item.id is None)
        ]
        exempt = f"{NOT_FOR_PUBLICATION} ({item.exempt.strip()})" if item.exempt.strip() else ""
        resolutions = [resolution_lines(r) for r in item.resolutions if r.text.strip() or r.voted]
        draft = meeting.status == "draft" and not resolutions
        blocks.append(
            ItemBlock(
                minute=item.minute or item.number,
                title=item.title,
                about=_about(item),
                exempt=exempt,
                points=(declarations(meeting) if n == declared else [])
                + folded.get(n, [])
                + [p.text for p in item.points if p.text.strip()],
                resolutions=resolutions,
                actions=[line for line in actions if line],
                recommended=[r.strip() for r in item.recommendations if r.strip()] if draft else [],
            )
        )
    return blocks


def shows_actions_table(meeting: Meeting) -> bool:
    """Whether the minutes show the actions table (a series may leave it out)."""
    return meeting.rules is None or meeting.rules.actions_table
