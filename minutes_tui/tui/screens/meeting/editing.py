"""Autosave for the meeting screen: every keystroke reaches the database within a second.

The fields and what they save to are the session's (:class:`~minutes_tui.session.fields.Fields`);
each panel registers its own. This screen part hears the keystrokes, saves pending
fields once typing pauses (and at least every ``max_wait``), saves a field at once
when it loses focus, and everything when the screen closes and when the app quits
or is signalled. The first save of a new point creates it in the database, so even
a half-typed point survives a crash.

If a save fails (the database is busy, the minutes were approved meanwhile), the
text stays in its field, the indicator says NOT SAVED and a notification says why.
If the server cannot be reached, the indicator says so, the unsaved text is also kept
in a local recovery file (:mod:`~minutes_tui.session.recovery`), and the saves are
tried again every :data:`RETRY` seconds until they succeed.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from ....autosave import Debouncer
from ....session import MeetingSession, recovery
from ...widgets.status import FAILED, SAVED, SAVING, UNREACHABLE, SaveIndicator
from .base import MeetingScreenBase
from .panel import SectionPanel

#: How often the pending edits are checked (seconds).
TICK = 0.1
#: How often saves that found no server are tried again (seconds).
RETRY = 1.0
_STATES = {"failed": FAILED, "saving": SAVING, "saved": SAVED, "unreachable": UNREACHABLE}


class AutosaveScreen(MeetingScreenBase):
    """A screen whose panels' text fields are saved as they are typed (see the module's notes)."""

    def start_autosave(self) -> None:
        self.set_interval(TICK, self._tick)
        self.set_interval(RETRY, self._retry)

    @property
    def debounce(self) -> Debouncer | None:
        return self.session.debounce if self.session else None

    @property
    def failed(self) -> set[str]:
        return self.session.fields.failed if self.session else set()

    def _owner(self, key: str) -> SectionPanel | None:
        return next((p for p in self.panels if key in p.field_ids()), None)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        key = event.input.id or ""
        if self.session is None or key not in self.session.fields or event.value != event.input.value:
            return  # not a field of the minutes, or a later Changed brings the text as it is now
        self.session.fields.changed(key, event.value)
        self._show_save_state()

    @on(Input.Blurred)
    def _input_blurred(self, event: Input.Blurred) -> None:
        key = event.input.id or ""
        if self.session is not None and self.session.fields.needs_saving(key):
            self.save_field(key)

    def _tick(self) -> None:
        if self.session is not None:
            for key in self.session.fields.due():
                self.save_field(key)
        self._show_save_state()

    def _retry(self) -> None:
        if self.session is not None:
            for key in sorted(self.session.fields.unreachable):
                self.save_field(key)

    def save_field(self, key: str) -> bool:
        """Save one field now (its panel says what went wrong); False if it could not be."""
        panel = self._owner(key)
        was = bool(self.session and self.session.fields.unreachable)
        ok = panel.save_field(key) if panel is not None else True
        self._show_save_state()
        if self.session is not None and (was or self.session.fields.unreachable):
            self._keep_locally(self.session)
        return ok

    def _keep_locally(self, session: MeetingSession) -> None:
        """While the server is away: unsaved text in the recovery file; then remove it."""
        if session.fields.unreachable:
            recovery.keep(session.meeting_id, session.fields.unsaved())
        elif not session.fields.failed:
            recovery.clear(session.meeting_id)

    def flush(self) -> bool:
        """Save every pending field now (called on leaving, quitting and on signals)."""
        if self.session is None:
            return True
        ok = True
        for key in self.session.fields.pending():
            ok = self.save_field(key) and ok
        return ok

    def _show_save_state(self) -> None:
        if self.session is not None:
            state = _STATES[self.session.fields.state()]
            self.query_one("#save-state", SaveIndicator).show_state(state)
