"""Attendance as councils write it in committee minutes.

    Present: Councillors Nolan (Chair), Dennett, Okafor; Ms R. Patel (LSC)
    Officers: A. Plant (Head of Skills), J. Hunt (Democratic Services)
    In attendance: T. Hart (Runcorn College)
    Apologies: Councillor Ellis

Members are grouped under their title, officers listed with their posts, everyone else
with their organisation. A political party is not an organisation (it is left out), and
a post typed where the organisation goes is shown as the post.
"""

from __future__ import annotations

import re

from ..model import Attendee, Meeting
from .layout import has_label

#: Layout sections that make a meeting a committee's (numbered items, declarations, last minutes).
COMMITTEE_SECTIONS = ("items", "declarations", "last_minutes")

_MEMBER_TITLE = re.compile(r"^(?:county\s+|borough\s+|city\s+)?(?:councillors?|cllrs?)\.?\s+", re.IGNORECASE)
_PARTIES = {
    "labour", "lab", "labour and co-operative", "labour & co-operative", "lab/co-op", "labour co-op",
    "conservative", "con", "conservative and unionist", "tory",
    "liberal democrat", "liberal democrats", "lib dem", "lib dems", "ld",
    "green", "greens", "green party", "independent", "ind", "independents",
    "reform", "reform uk", "plaid cymru", "snp", "ukip", "residents association", "residents' association",
}  # fmt: skip
_POST = re.compile(
    r"\b(?:head|director|manager|officer|chief|executive|clerk|solicitor|lawyer|adviser|advisor|"
    r"co-?ordinator|lead|secretary|treasurer|accountant|analyst|planner|engineer|services?|"
    r"monitoring|democratic|governance|scrutiny|assistant|deputy)\b",
    re.IGNORECASE,
)
_CHAIR_ROLES = {
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair of the board",
    "chair of the committee",
}


def council_style(meeting: Meeting) -> bool:
    """Whether the meeting's attendance is written as councils write it: its layout is a board's or
    committee's (it has items, declarations or the last minutes)."""
    return any(section.key in COMMITTEE_SECTIONS for section in meeting.layout)


def is_party(text: str) -> bool:
    """Whether ``text`` names a political party ("Labour", "Lib Dem", "Green Party", "Ind")."""
    key = " ".join(text.casefold().replace("(", " ").replace(")", " ").split())
    key = re.sub(r"\s+(?:party|group)$", "", key)
    return key in _PARTIES


def looks_like_post(text: str) -> bool:
    """Whether ``text`` reads as a post or team ("Head of Skills", "Democratic Services")."""
    return bool(_POST.search(text))


def council_attendance(meeting: Meeting) -> list[tuple[str, str]]:
    """``(label, text)`` lines: Present, Officers, In attendance, Apologies, Absent (empty ones left out)."""
    chair = _MEMBER_TITLE.sub("", meeting.chair.strip()).casefold()
    people = [a for a in meeting.attendees if has_label(a)]
    officers = [a for a in people if a.attendance in ("present", "in_attendance") and _is_officer(a)]
    lines = [
        ("Present", _people_line([a for a in people if a.attendance == "present" and a not in officers], chair)),
        ("Officers", ", ".join(_officer(a) for a in officers)),
        ("In attendance", _people_line([a for a in people if a.attendance == "in_attendance" and a not in officers], chair)),
        ("Apologies", _people_line(meeting.attending("apologies"), chair)),
        ("Absent", _people_line(meeting.attending("absent"), chair)),
    ]  # fmt: skip
    return [(label, text) for label, text in lines if text]


def _is_member(attendee: Attendee) -> bool:
    return bool(_MEMBER_TITLE.match(attendee.name.strip()))


def _is_officer(attendee: Attendee) -> bool:
    if _is_member(attendee):
        return False
    role, organisation = attendee.role.strip(), attendee.organisation.strip()
    return bool(role and looks_like_post(role)) or bool(organisation and looks_like_post(organisation))


def _notes(attendee: Attendee) -> list[str]:
    notes = []
    if attendee.on_behalf_of.strip():
        notes.append(f"substituting for {attendee.on_behalf_of.strip()}")
    if attendee.arrived.strip():
        notes.append(f"from {attendee.arrived.strip()}")
    if attendee.left.strip():
        notes.append(f"left {attendee.left.strip()}")
    return notes


def _member(attendee: Attendee, chair: str) -> str:
    """A councillor without the title: ``Nolan (Chair)``, ``Dennett (from 10:40)``."""
    name = _MEMBER_TITLE.sub("", attendee.name.strip())
    role = attendee.role.strip()
    brackets = []
    if role.casefold() in _CHAIR_ROLES or (chair and name.casefold() == chair):
        brackets.append("Chair")
    elif role and not is_party(role):
        brackets.append(role)
    brackets += _notes(attendee)
    return f"{name} ({', '.join(brackets)})" if brackets else name


def _officer(attendee: Attendee) -> str:
    """``A. Plant (Head of Skills)``: the post, whether typed as the role or the organisation."""
    role, organisation = attendee.role.strip(), attendee.organisation.strip()
    details = [part for part in (role, organisation) if part and not is_party(part)]
    details += _notes(attendee)
    name = attendee.name.strip()
    if not name:
        return ", ".join(details)
    return f"{name} ({', '.join(details)})" if details else name


def _other(attendee: Attendee, chair: str) -> str:
    """``Ms R. Patel (LSC)``; the chair marked; a party left out."""
    name, role, organisation = attendee.name.strip(), attendee.role.strip(), attendee.organisation.strip()
    details = []
    if role.casefold() in _CHAIR_ROLES or (chair and name.casefold() == chair):
        details.append("Chair")
    elif role and not is_party(role):
        details.append(role)
    if organisation and not is_party(organisation):
        details.append(organisation)
    details += _notes(attendee)
    if not name:
        return ", ".join(details)
    return f"{name} ({', '.join(details)})" if details else name


def _people_line(people: list[Attendee], chair: str) -> str:
    """Members first under one title ("Councillors A, B"), then the others, separated by "; "."""
    people = [a for a in people if has_label(a)]
    members = [_member(a, chair) for a in people if _is_member(a)]
    parts = []
    if members:
        parts.append(f"{'Councillors' if len(members) > 1 else 'Councillor'} {', '.join(members)}")
    parts += [_other(a, chair) for a in people if not _is_member(a)]
    return "; ".join(part for part in parts if part)
