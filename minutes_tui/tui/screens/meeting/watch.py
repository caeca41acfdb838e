"""The meeting screen watching the database for changes made by other apps and processes.

About every second the screen asks its session whether another connection has
committed (SQLite's ``data_version``); if so it reads the meeting again and shows the
sections that changed, except those being edited (held until the edit ends). Minutes
approved elsewhere turn read-only, but a field holding unsaved text (or the focus)
stays as it is, so nothing typed is lost; reopened elsewhere, they are editable again
and the held text is saved.

A part of :class:`~.screen.MeetingScreen` (relying only on :class:`~.base.MeetingScreenBase`).
"""

from __future__ import annotations

from textual.widgets import Static

from ....session.sync import APPROVED_ELSEWHERE
from ....store import StoreError
from .base import MeetingScreenBase

#: How often the database is checked for others' changes (seconds).
POLL = 1.0


class WatchElsewhere(MeetingScreenBase):
    """Take in changes made in other windows (see the module's notes)."""

    def start_watching(self) -> None:
        self.set_interval(POLL, self.check_elsewhere)

    def check_elsewhere(self) -> None:
        session = self.session
        if session is None:
            return
        keep = {p.key for p in self.panels if p.busy()} | {"details"}
        try:
            if not session.changed_elsewhere() and not session.held - keep:
                return
            changed = session.refresh(keep)
        except StoreError:
            return  # busy or gone: try again at the next look
        for panel in self.panels:
            if panel.key in changed:
                panel.refresh_rows()
        if "status" in changed:
            self.status_changed_elsewhere()

    def status_changed_elsewhere(self) -> None:
        """Approved or reopened in another window or by ``minutes approve``."""
        session = self.session
        if session is None:
            return
        status = self.query_one("#capture-status", Static)
        if session.read_only:
            self.apply_read_only(hold=True)
            self.notify(
                "These minutes were approved in another window. " + APPROVED_ELSEWHERE,
                title="Approved elsewhere",
                severity="warning",
                timeout=10,
                markup=False,
            )
            status.update(APPROVED_ELSEWHERE)
            return
        self.apply_read_only()
        status.update("")
        saved = self.flush()
        self.notify(
            "Reopened in another window: editable again" + ("; held text saved." if saved else "."),
            markup=False,
        )
