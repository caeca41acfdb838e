"""The meeting screen's top bar: the meeting's name and status, the quorum, and the notice
when the quorum changes."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from ....parsing import format_date
from ....session import MeetingSession
from ....text import displayable

READ_ONLY_LABEL = "APPROVED – read-only (reopen to correct)"


def meeting_label(session: MeetingSession) -> Content:
    """The quorum, the meeting's series, title and date, and whether it is a draft or approved
    (approved first, so that a long title cannot push it out of sight)."""
    m = session.meeting
    parts = [displayable(p) for p in (m.series, m.title, format_date(m.date)) if p]
    name = Content.styled(" · ".join(parts) or "(untitled meeting)", "bold")
    if m.approved:
        label = Content.assemble(Content.styled(f" {READ_ONLY_LABEL} ", "bold reverse"), "  ", name)
    else:
        label = Content.assemble(name, Content.styled(f"   {m.status}", "dim"))
    return Content.assemble(quorum_label(session), label)


def quorum_label(session: MeetingSession | None) -> Content:
    """``Quorate 5/7`` (reversed when not quorate) before the meeting's name; empty with no
    voting members and no quorum."""
    if session is None:
        return Content("")
    quorum = session.business.quorum()
    label = quorum.label
    if not label:
        return Content("")
    style = "bold reverse" if quorum.quorate is False else ("bold green" if quorum.quorate else "dim")
    return Content.assemble(Content.styled(f" {label} " if quorum.quorate is False else label, style), "  ")


def announce_quorum(screen: Widget, session: MeetingSession | None) -> None:
    """Say so when a late arrival or an early departure made the meeting (in)quorate."""
    if session is None:
        return
    news = session.business.quorum_news()
    show_label = getattr(screen, "show_label", None)
    if show_label is not None:
        show_label()
    if news:
        quorate = session.business.quorum().quorate
        screen.notify(
            news, title="Quorum", severity="information" if quorate else "warning", timeout=12, markup=False
        )
