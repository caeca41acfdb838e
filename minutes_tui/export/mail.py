"""Mail drafts (.eml) for a mail program to open: nothing is ever sent from here.

A draft carries ``X-Unsent: 1`` so Outlook opens it ready to send; Thunderbird and
Apple Mail open it too. Addresses come from the attendees' ``email``; the body is plain
text, user text as typed (control characters dropped), never markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default
from email.utils import format_datetime
from pathlib import Path

from ..model import ACTION_STATUS_LABELS, Action, ActionRow, Attendee, Meeting
from .layout import heading

#: What a .eml file is written with: CRLF line ends, as mail programs expect.
EML_POLICY = default.clone(linesep="\r\n")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: What an attachment is, by file suffix.
MIME_TYPES = {
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".pdf": ("application", "pdf"),
}
STILL_TO_DO = ("open", "on_hold")


def plain(text: str) -> str:
    """``text`` for a mail body: control characters gone, tabs and line ends kept."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """``text`` for a header: one line, control characters gone, runs of spaces as one."""
    return " ".join(_CONTROLS.sub(" ", text).split())


def uk(date: dt.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date else ""


@dataclass
class Recipients:
    """Who a draft is addressed to, and whom it could not reach (no address)."""

    to: list[Address] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def add(self, label: str, email: str) -> None:
        if any(a.addr_spec.casefold() == email.casefold() for a in self.to):
            return
        self.to.append(Address(display_name=one_line(label), addr_spec=email))


def chair_of(meeting: Meeting) -> Attendee | None:
    """The attendee who chairs: named in the chair field, else with the role "Chair"."""
    chair = meeting.chair.strip().casefold()
    for a in meeting.attendees:
        if chair and chair in (a.name.strip().casefold(), a.label.strip().casefold()):
            return a
    return next((a for a in meeting.attendees if a.role.strip().casefold() == "chair"), None)


def recipients(meeting: Meeting, wanted: Iterable[str]) -> Recipients:
    """``chair``, ``attendees`` (everyone listed) or addresses (already checked) as recipients."""
    out = Recipients()
    for want in wanted:
        if want == "chair":
            chair = chair_of(meeting)
            if chair is not None and chair.email:
                out.add(chair.label, chair.email)
            else:
                who = chair.label if chair else meeting.chair.strip()
                out.missing.append(f"the chair ({who})" if who else "the chair (none named)")
        elif want == "attendees":
            for a in meeting.attendees:
                if a.email:
                    out.add(a.label, a.email)
                elif a.label and a.label not in out.missing:
                    out.missing.append(a.label)
        else:
            out.add("", want)
    return out


def actions_before_next(meeting: Meeting) -> list[Action]:
    """Actions raised or carried at this meeting still to do, due by the next meeting (or undated)."""
    carried = [c.action for c in meeting.matters_arising]
    todo = [a for a in (*carried, *meeting.actions) if a.status in STILL_TO_DO]
    limit = meeting.next_meeting
    due = [a for a in todo if a.due is None or limit is None or a.due <= limit]
    return sorted(due, key=lambda a: (a.due is None, a.due or dt.date.min))


def _action_line(action: Action) -> str:
    parts = [plain(action.text).strip() or "(no text)"]
    if action.owner.strip():
        parts.append(plain(action.owner).strip())
    if action.due:
        parts.append(f"by {uk(action.due)}")
    if action.status != "open":
        parts.append(ACTION_STATUS_LABELS[action.status].lower())
    return "- " + " – ".join(parts)


def minutes_body(meeting: Meeting) -> str:
    """The short plain-text body of a minutes draft."""
    state = "approved" if meeting.status == "approved" else "draft (not yet approved)"
    lines = ["Please find the minutes attached.", ""]
    if meeting.series.strip():
        lines.append(plain(meeting.series).strip())
    lines.append(plain(heading(meeting)).strip())
    when = ", ".join(v for v in (uk(meeting.date), plain(meeting.place).strip()) if v)
    if when:
        lines.append(f"Date: {when}")
    lines += [f"Status: {state}", ""]
    actions = actions_before_next(meeting)
    if meeting.next_meeting:
        lines.append(f"Actions due before the next meeting ({uk(meeting.next_meeting)}):")
    else:
        lines.append("Actions still to do:")
    lines += [_action_line(a) for a in actions] or ["- none"]
    return "\n".join(lines) + "\n"


def subject_of(meeting: Meeting) -> str:
    what = " – ".join(one_line(t) for t in (meeting.series, heading(meeting)) if t.strip())
    state = "approved minutes" if meeting.status == "approved" else "draft minutes"
    return f"{what} ({uk(meeting.date)}): {state}" if meeting.date else f"{what}: {state}"


def draft(subject: str, to: Sequence[Address], body: str, now: dt.datetime | None = None) -> EmailMessage:
    """An unsent message: ``X-Unsent: 1``, no sender (the mail program fills it in)."""
    msg = EmailMessage(policy=EML_POLICY)
    msg["Subject"] = one_line(subject)
    if to:
        msg["To"] = list(to)
    msg["Date"] = format_datetime(now or dt.datetime.now(dt.UTC).astimezone())
    msg["X-Unsent"] = "1"
    msg.set_content(body)
    return msg


def minutes_draft(
    meeting: Meeting, to: Sequence[Address], attachment: Path, filename: str, now: dt.datetime | None = None
) -> EmailMessage:
    """The minutes of ``meeting`` as a draft to ``to``, with the file ``attachment`` as ``filename``."""
    msg = draft(subject_of(meeting), to, minutes_body(meeting), now)
    maintype, subtype = MIME_TYPES[Path(filename).suffix.lower()]
    msg.add_attachment(attachment.read_bytes(), maintype=maintype, subtype=subtype, filename=filename)
    return msg


def last_note(action: Action) -> str:
    """The last progress note in an action's history ("" if none)."""
    notes = [e.note for e in action.history if e.note.strip()]
    return one_line(notes[-1]) if notes else ""


def digest_body(owner: str, rows: Sequence[ActionRow], today: dt.date) -> str:
    """An owner's open and overdue actions, across meetings, soonest due first."""
    overdue = [r for r in rows if r.is_overdue(today)]
    lines = [
        f"Actions for {plain(owner).strip()} still to do, as of {uk(today)}"
        + (f" ({len(overdue)} overdue)." if overdue else "."),
        "",
    ]
    for n, row in enumerate(rows, 1):
        a = row.action
        meeting = " – ".join(one_line(t) for t in (row.series, row.meeting_title) if t.strip())
        raised = f"{meeting} ({uk(row.meeting_date)})" if row.meeting_date else meeting
        state = ACTION_STATUS_LABELS[a.status] + (", OVERDUE" if row.is_overdue(today) else "")
        lines.append(f"{n}. {plain(a.text).strip() or '(no text)'}")
        lines.append(f"   Meeting: {raised or '(untitled)'}")
        lines.append(f"   Due: {uk(a.due) or 'no date'}")
        lines.append(f"   Status: {state}")
        note = last_note(a)
        lines.append(f"   Last progress: {note or 'none recorded'}")
        lines.append("")
    return "\n".join(lines)


def digest_draft(
    owner: str, to: Sequence[Address], rows: Sequence[ActionRow], today: dt.date
) -> EmailMessage:
    overdue = sum(r.is_overdue(today) for r in rows)
    subject = f"Your actions: {len(rows)} still to do" + (f", {overdue} overdue" if overdue else "")
    return draft(subject, to, digest_body(owner, rows, today))


def address_of(owner: str, known: dict[tuple[str, str], str]) -> str:
    """The address of an action's owner (``Name``, ``Name (Org)`` or ``Org``) among ``known``
    (keys: lower-case name and organisation); "" unless exactly one address fits."""
    key = one_line(owner).casefold()
    found = {
        email
        for (name, org), email in known.items()
        if key and key in (name, f"{name} ({org})" if name and org else name or org, org)
    }
    return found.pop() if len(found) == 1 else ""


def write_eml(message: EmailMessage, path: Path) -> None:
    """Write ``message`` to ``path`` as a .eml file (bytes, CRLF line ends)."""
    path.write_bytes(message.as_bytes(policy=EML_POLICY))
