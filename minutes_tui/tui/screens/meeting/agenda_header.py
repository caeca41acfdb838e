"""The quorum in the meeting screen's top bar, and the notice when it changes."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from ....session import MeetingSession


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
