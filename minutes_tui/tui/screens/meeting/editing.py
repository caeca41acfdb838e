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
tried again every :data:`RETRY` seconds until they succeed. A save that fails for
another reason (a full or read-only disk, a busy database) keeps its text in that file too.
If the app closed before the text was saved, opening the meeting again puts the text back
in its fields (:meth:`AutosaveScreen.restore_kept`) and the file goes once it is saved.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from ....autosave import Debouncer
from ....session import MeetingSession, recovery
from ....session.recovery import Kept
from ...widgets.status import FAILED, SAVED, SAVING, UNREACHABLE, SaveIndicator
from ..confirm import ConfirmScreen
from .base import MeetingScreenBase
from .panel import SectionPanel

#: How often the pending edits are checked (seconds).
TICK = 0.1
#: How often saves that found no server are tried again (seconds).
RETRY = 1.0
_STATES = {"failed": FAILED, "saving": SAVING, "saved": SAVED, "unreachable": UNREACHABLE}
#: What the note-taker is told when text kept in the recovery file is put back.
RESTORED = "Text typed earlier in {} that could not be saved then is back in its field"
RESTORED_NEW = (
    "{} you were editing in {{}} was changed or deleted since: the text you typed is back as a new {}"
)
#: What the items of a section are called in that notice, by the section's kind (else "point").
NOUNS = {"actions": "action", "attendees": "attendee"}
RECOVERED_SAVED = "The recovered text is saved."


class AutosaveScreen(MeetingScreenBase):
    """A screen whose panels' text fields are saved as they are typed (see the module's notes)."""

    #: Fields holding text put back from the recovery file, until it is saved, and recovered
    #: text not put back yet (the user is asked, or its section has gone). Each screen gets its
    #: own in :meth:`start_autosave`; these empty ones are never changed.
    _recovering: set[str] = set()
    _held_back: list[Kept] = []

    def start_autosave(self) -> None:
        self._recovering, self._held_back = set(), []
        self.set_interval(TICK, self._tick)
        self.set_interval(RETRY, self._retry)
        self.restore_kept()

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
        was = bool(self.session and self.session.fields.failed)
        ok = panel.save_field(key) if panel is not None else True
        self._show_save_state()
        session = self.session
        if session is not None and (was or session.fields.failed or self._recovering or self._held_back):
            self._keep_locally(session)
        return ok

    def _kept(self, key: str) -> Kept:
        fields, panel = self.session.fields if self.session else None, self._owner(key)
        assert fields is not None
        item = panel.editing_item if panel is not None and key.startswith("e-") else None
        return Kept(key, fields.text(key), fields.saved(key), item)

    def _keep_locally(self, session: MeetingSession) -> None:
        """While saves fail: unsaved text in the recovery file; once all is saved, remove it."""
        fields = session.fields
        self._recovering = {k for k in self._recovering if fields.needs_saving(k)}
        keys = sorted(fields.failed | self._recovering)
        if keys or self._held_back:
            held = [k for k in self._held_back if k.field not in keys]
            recovery.keep(session.meeting_id, session.store.path, [self._kept(k) for k in keys] + held)
        else:
            recovery.clear(session.meeting_id, session.store.path)

    def restore_kept(self) -> None:
        """Put back the text the recovery file kept for this meeting (see the module's notes)."""
        session = self.session
        kept = recovery.read(session.meeting_id, session.store.path) if session is not None else []
        if session is None or not kept:
            return
        path = recovery.recovery_path(session.meeting_id, session.store.path)
        if session.read_only:
            self.notify(
                f"Text typed here earlier could not be saved; it is kept in {path} and is put back "
                "when these minutes can be changed again.",
                title="Unsaved text kept",
                severity="warning",
                timeout=30,
                markup=False,
            )
            return
        said: dict[str, list[str]] = {}
        for entry in kept:
            panel = self._owner(entry.field)
            outcome = panel.restore(entry, kept) if panel is not None else "gone"
            if panel is not None and outcome in ("restored", "new"):
                self._recovering.add(entry.field)
                noun = NOUNS.get(panel.kind, "point")
                new = RESTORED_NEW.format(f"{'An' if noun[0] in 'aeiou' else 'A'} {noun}", noun)
                titles = said.setdefault(new if outcome == "new" else RESTORED, [])
                if panel.title not in titles:
                    titles.append(panel.title)
                if len(self._recovering) == 1:
                    self.section = panel.key  # the meeting opens where the text is back
            elif outcome != "same":
                self._held_back.append(entry)
        for message, titles in said.items():
            where = ", ".join(titles)
            self.notify(
                f"{message.format(where)}; it is being saved.", title="Recovered", timeout=20, markup=False
            )
        if any(self._owner(k.field) is None for k in self._held_back):
            self.notify(
                f"Some text typed earlier belongs to a section this meeting no longer shows; it stays in {path}.",
                title="Recovered",
                severity="warning",
                timeout=30,
                markup=False,
            )
        self._ask_next()
        self._keep_locally(session)

    def _ask_next(self) -> None:
        """Ask about the next detail that changed since its text was typed."""
        entry = next((k for k in self._held_back if self._owner(k.field) is not None), None)
        if entry is None or self.session is None:
            return
        now = self.session.fields.saved(entry.field)
        name = entry.field.removeprefix("f-").replace("_", " ")
        question = (
            f"The meeting's {name} was changed since you typed in it (not saved then). Use what you typed?"
        )
        detail = f"Saved now: {now}\nYou typed: {entry.text}"

        def answer(use: bool | None) -> None:
            self._held_back.remove(entry)
            panel = self._owner(entry.field)
            if use and panel is not None:
                panel.put_text(entry.field, entry.text)
                self._recovering.add(entry.field)
            if self.session is not None:
                self._keep_locally(self.session)
            self._ask_next()

        self.app.push_screen(ConfirmScreen(question, detail), answer)

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
            if self._recovering and not any(self.session.fields.needs_saving(k) for k in self._recovering):
                self._keep_locally(self.session)
                if not self._recovering and not self.session.fields.failed:
                    self.notify(RECOVERED_SAVED, title="Recovered", markup=False)
            state = _STATES[self.session.fields.state()]
            self.query_one("#save-state", SaveIndicator).show_state(state)
