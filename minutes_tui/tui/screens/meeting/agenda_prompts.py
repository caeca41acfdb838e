"""The dialogs of the agenda panel: a new item, a resolution, votes, an exemption, the closing
time, the quorum.

:class:`AgendaPrompts` asks in a dialog and makes the change through the panel's session;
the panel shows the result. Each coroutine runs in a worker (:meth:`AgendaPanel.ask`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ....agenda import AgendaItem, Resolution
from ....session.business import resolution_line, vote_entry
from ..prompt import PromptScreen
from ..resolution import ResolutionScreen
from .agenda_rows import item_heading
from .top_bar import announce_quorum

if TYPE_CHECKING:
    from .agenda import AgendaPanel

#: What the exempt prompt starts with (the paragraph of Schedule 12A follows).
EXEMPT_START = "Exempt – Part II, paragraph "


class AgendaPrompts:
    """Asks what a key needs to know, for one :class:`~.agenda.AgendaPanel`."""

    def __init__(self, panel: AgendaPanel) -> None:
        self.panel = panel

    async def new_item(self, after: AgendaItem | None) -> None:
        text = await self.panel.app.push_screen_wait(
            PromptScreen(
                "New agenda item: its number and title", "e.g. 6 Budget monitoring, or 8.1 Capital programme"
            )
        )
        if text:
            index = None
            if after is not None and self.panel.screen.focused is self.panel.rows() and after.id is not None:
                index = (next(n for n, i in enumerate(self.panel.business.items) if i.id == after.id)) + 1
            item = self.panel.try_(self.panel.business.add_item, text, index)
            if isinstance(item, AgendaItem):
                self.panel.show_rows(cursor_key=f"i{item.id}")
                self.panel.post_message(self.panel.Status(f"Added {item.minute} {item_heading(item)}"))

    async def resolution(self, item: AgendaItem, resolution: Resolution | None) -> None:
        title = f"Resolution of {item.label}"
        if resolution is None:
            answer = await self.panel.app.push_screen_wait(ResolutionScreen(title, text="That "))
        else:
            answer = await self.panel.app.push_screen_wait(
                ResolutionScreen(title, resolution.outcome, resolution.text, escape="keep it as recorded")
            )
        if answer is not None:
            outcome, text = answer
            if resolution is None:
                saved = self.panel.try_(self.panel.business.add_resolution, item.id, outcome, text)
            else:
                saved = self.panel.try_(self.update_resolution, resolution.id, outcome, text)
            if isinstance(saved, Resolution):
                self.panel.show_rows(cursor_key=f"r{saved.id}")

    def update_resolution(self, resolution_id: int, outcome: str, text: str) -> Resolution:
        return self.panel.business.update_resolution(resolution_id, outcome=outcome, text=text)

    def as_recommended(self, item: AgendaItem) -> None:
        saved = self.panel.try_(self.panel.business.approve_as_recommended, item.id)
        if isinstance(saved, Resolution):
            self.panel.show_rows(cursor_key=f"r{saved.id}")
            self.panel.post_message(
                self.panel.Status(f"{resolution_line(saved)}   (Enter on it in the list edits it)")
            )
            self.panel.ask(self.resolution(item, saved))

    async def exempt(self, item: AgendaItem) -> None:
        reason = await self.panel.app.push_screen_wait(
            PromptScreen(
                f"Exempt: why is {item.label} not for publication?",
                "e.g. Exempt – Part II, paragraph 3: commercially sensitive",
                value=item.exempt or EXEMPT_START,
                detail="Empty: the item is public again. The public minutes keep only its number, title and this reason.",
                allow_empty=True,
            )
        )
        if reason is not None and reason != EXEMPT_START.strip():
            saved = self.panel.try_(self.panel.business.set_exempt, item.id, reason)
            if isinstance(saved, AgendaItem):
                self.panel.show_rows(cursor_key=f"i{saved.id}")

    async def votes(self, item: AgendaItem, resolution: Resolution | None) -> None:
        resolution = resolution or (item.resolutions[-1] if item.resolutions else None)
        if resolution is None:
            self.panel.notify(
                f"{item.label} has no resolution to vote on yet: Ctrl+N records one.", markup=False
            )
            return
        answer = await self.panel.app.push_screen_wait(
            PromptScreen(
                "Votes: for, against, abstaining, then any recorded vote",
                "e.g. 6 0 1, or 6 0 1 recorded: Cllr Nolan, Cllr Shah   (empty: no vote)",
                value=vote_entry(resolution),
                detail=resolution_line(resolution),
                allow_empty=True,
            )
        )
        if answer is not None:
            saved = self.panel.try_(self.panel.business.set_votes, resolution.id, answer)
            if isinstance(saved, Resolution):
                self.panel.show_rows(cursor_key=f"r{saved.id}")

    async def quorum(self) -> None:
        business = self.panel.business
        answer = await self.panel.app.push_screen_wait(
            PromptScreen(
                f"Quorum of {self.panel.meeting.series}: voting members needed present",
                "e.g. 4   (empty: no quorum)",
                value="" if business.quorum_rule is None else str(business.quorum_rule),
                detail="Kept for the series' next meetings; v in the attendees list flags a voting member.",
                allow_empty=True,
            )
        )
        if answer is not None and self.panel.try_(business.set_quorum, answer) is not None:
            announce_quorum(self.panel.screen, self.panel.session)  # the top bar shows it

    async def closed(self) -> None:
        now = self.panel.meeting.closed or dt.datetime.now().strftime("%H:%M")
        answer = await self.panel.app.push_screen_wait(
            PromptScreen(
                "The meeting closed at", "HH:MM, e.g. 11:45 (empty: not noted)", value=now, allow_empty=True
            )
        )
        if answer is not None and self.panel.try_(self.panel.business.set_closed, answer) is not None:
            self.panel.show_current()

    async def retitle(self, item: AgendaItem) -> None:
        text = await self.panel.app.push_screen_wait(
            PromptScreen(
                "Agenda item: number and title",
                "e.g. 8.1 Capital programme",
                value=" ".join(p for p in (item.number, item.title) if p),
                required="An item needs a title.",
            )
        )
        if text:
            saved = self.panel.try_(self.panel.business.retitle, item.id, text)
            if isinstance(saved, AgendaItem):
                self.panel.show_rows(cursor_key=f"i{saved.id}")
