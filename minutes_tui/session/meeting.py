"""One meeting being minuted: the store, the meeting in memory, autosave timing, filing.

:class:`MeetingSession` knows nothing of Textual. The meeting screen and its panels
read and change the meeting only through it: each change goes to the store first,
then into :attr:`MeetingSession.meeting`, so the meeting in memory is always what
the database holds (the sections dialog counts from it; the exporters could read it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from ..agenda import AgendaItem, declared_item, undecided_items
from ..autosave import Debouncer
from ..model import (
    ACTION_STATUS,
    ATTENDANCE,
    Action,
    Attendee,
    Bullet,
    CarriedAction,
    Declaration,
    Meeting,
    MeetingEvent,
    Section,
)
from ..prefixes import owner_completions, people_of
from ..store import Conflict, NotFound, Store, StoreError
from . import lists, sync
from .agenda import AgendaSession
from .business import CommitteeBusiness
from .fields import Fields
from .filing import Filed, Filer, FilingOutcome, Undone
from .round_robin import RoundRobinSession

#: An ``@name`` being typed at the end of a field.
_OWNER_AT_END = re.compile(r'(?<!\S)@(?P<name>[^\s"@]+)$')
#: How far from the end of a field an ``@name`` being typed is looked for.
_OWNER_TAIL = 200


class MeetingSession(RoundRobinSession, AgendaSession):
    """The one meeting being minuted, and every change made to it (see the module's notes).

    The round robin: see :class:`~minutes_tui.session.round_robin.RoundRobinSession`; agenda
    items of a committee meeting: :class:`~minutes_tui.session.agenda.AgendaSession`.
    """

    def __init__(
        self,
        store: Store,
        meeting_id: int,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        debounce: Debouncer | None = None,
    ) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self._today = today
        self.meeting = Meeting()
        #: Names and organisations of everyone in earlier meetings (for completion).
        self.known_people: list[tuple[str, str]] = []
        #: The e-mail address last given for each (name, organisation), in lower case.
        self.known_emails: dict[tuple[str, str], str] = {}
        #: The series' round-robin speakers linked to an organisation: name -> organisation.
        self.speaker_aliases: dict[str, str] = {}
        #: When to save typed text (keys are the fields' ids).
        self.debounce = debounce or Debouncer()
        self.filer = Filer(store, meeting_id, lambda: self.meeting)
        #: The typed fields of the meeting and where their text goes.
        self.fields = Fields(self.debounce)
        self._phrases: list[str] | None = None
        #: What the note-taker must be told (a save met a change made elsewhere).
        self.notices: list[str] = []
        #: Parts changed elsewhere but not taken in, as they were being edited.
        self.held: set[str] = set()
        self._data_version: int | None = None
        #: What the items panel's keys do: the current item, typed items and votes, the quorum.
        self.business = CommitteeBusiness(self)

    def load(self) -> Meeting:
        """Read the meeting (raises :class:`StoreError`)."""
        self._data_version = self.store.data_version()
        self.meeting = self.store.get_meeting(self.meeting_id)
        self.known_people = self.store.known_people()
        self.known_emails = self.store.known_emails()
        self.business.quorum_news()  # takes note of the quorum as the meeting opens
        self.speaker_aliases = self.store.speaker_aliases(self.meeting.series)
        return self.meeting

    # -- other windows on the same database ----------------------------------------------

    def changed_elsewhere(self) -> bool:
        """Whether another app or process has committed since the last look (cheap to poll)."""
        version = self.store.data_version()
        changed = version != self._data_version
        self._data_version = version
        return changed

    def refresh(self, keep: set[str]) -> set[str]:
        """Read the meeting again and take in what changed, except the parts in ``keep``
        (being edited: held until later). Returns the parts changed (and ``status``)."""
        self._data_version = self.store.data_version()
        changed, self.held = sync.merge(self.meeting, self.store.get_meeting(self.meeting_id), keep)
        return changed

    def take_notices(self) -> list[str]:
        notices, self.notices = self.notices, []
        return notices

    @property
    def today(self) -> dt.date:
        return self._today()

    @property
    def read_only(self) -> bool:
        return self.meeting.approved or self.store.read_only

    def owner_suggestion(self, value: str) -> str:
        """``value`` with the ``@name`` at its end completed from the attendees, or ""."""
        # Only the end can hold it: a scan of a 50,000-character point would cost a ms a key.
        match = _OWNER_AT_END.search(value, max(0, len(value) - _OWNER_TAIL))
        if match is None:
            return ""
        fragment = match["name"]
        for person in owner_completions(fragment, self.people()):
            completed = person.replace(" ", "_")  # one word: @Cogent_SSC
            if len(completed) > len(fragment):
                return value[: match.start("name")] + completed
        return ""

    def people(self) -> list[str]:
        """Owners ``@`` completes from: the attendees' names and organisations."""
        return people_of(self.meeting.attendees)

    def counts(self) -> dict[str, int]:
        """How many items each section holds (the sections dialog refuses to drop a full one)."""
        m = self.meeting
        counts = {key: len(bullets) for key, bullets in m.sections.items()}
        counts["round_robin"] = len(m.round_robin)
        counts["actions"] = len(m.actions)
        counts["matters_arising"] = len(m.matters_arising)
        counts.update({s.key: len(m.agenda) for s in m.layout if s.kind == "agenda"})
        return counts

    # -- the header ----------------------------------------------------------------

    def update_header(self, name: str, value: object) -> None:
        fields: dict[str, Any] = {name: value}
        header = self.store.update_meeting(self.meeting_id, **fields)
        setattr(self.meeting, name, getattr(header, name))

    # -- bulleted sections -----------------------------------------------------------

    def bullets(self, section: str) -> list[Bullet]:
        return self.meeting.sections.setdefault(section, [])

    def add_bullet(self, section: str, text: str) -> Bullet:
        saved = self.store.add_bullet(self.meeting_id, section, text)
        self.bullets(section).append(saved)
        return saved

    def update_bullet(self, section: str, bullet_id: int, text: str) -> Bullet:
        """Save the bullet's new text; if it changed elsewhere, both texts are kept (see :mod:`.sync`)."""
        bullets = self.bullets(section)
        try:
            saved = self.store.update_bullet(
                bullet_id, text, expected_version=lists.get(bullets, bullet_id).version
            )
        except Conflict as exc:
            theirs: Bullet = exc.current  # type: ignore[assignment]
            lists.replace(bullets, theirs)
            if theirs.text == text:
                return theirs
            index = (lists.index_of(bullets, bullet_id) or 0) + 1
            saved = self.store.add_bullet(self.meeting_id, section, text, index)
            bullets.insert(index, saved)
            self.notices.append(sync.KEPT_BOTH)
            return saved
        except NotFound:  # deleted elsewhere: the text typed is saved again, where it was
            at = lists.index_of(bullets, bullet_id)
            lists.drop(bullets, bullet_id)
            saved = self.store.add_bullet(self.meeting_id, section, text, at)
            bullets.insert(len(bullets) if at is None else at, saved)
            self.notices.append(sync.DELETED_ELSEWHERE)
            return saved
        lists.replace(bullets, saved)
        return saved

    def delete_bullet(self, section: str, bullet_id: int) -> None:
        self.store.delete_bullet(bullet_id)
        lists.drop(self.bullets(section), bullet_id)

    def move_bullet(self, section: str, bullet_id: int, delta: int) -> bool:
        return lists.move(self.bullets(section), bullet_id, delta, self.store.move_bullet)

    # -- attendees and declarations ------------------------------------------------------

    def add_attendee(self, attendee: Attendee) -> Attendee:
        """Add ``attendee``; someone known from earlier meetings gets their e-mail address back."""
        if not attendee.email:
            key = (attendee.name.casefold(), attendee.organisation.casefold())
            attendee.email = self.known_emails.get(key, "")
        saved = self.store.add_attendee(self.meeting_id, attendee)
        self.meeting.attendees.append(saved)
        return saved

    def update_attendee(self, attendee_id: int, **fields: Any) -> Attendee:
        saved = self.store.update_attendee(attendee_id, **fields)
        lists.replace(self.meeting.attendees, saved)
        return saved

    def cycle_attendance(self, attendee_id: int) -> Attendee:
        current = lists.get(self.meeting.attendees, attendee_id).attendance
        return self.update_attendee(attendee_id, attendance=lists.cycle(ATTENDANCE, current))

    def delete_attendee(self, attendee_id: int) -> list[Declaration]:
        """Delete an attendee; returns their declarations, which go with them."""
        self.store.delete_attendee(attendee_id)
        m = self.meeting
        lists.drop(m.attendees, attendee_id)
        gone = [d for d in m.declarations if d.attendee_id == attendee_id]
        m.declarations = [d for d in m.declarations if d.attendee_id != attendee_id]
        return gone

    def move_attendee(self, attendee_id: int, delta: int) -> bool:
        return lists.move(self.meeting.attendees, attendee_id, delta, self.store.move_attendee)

    def add_declaration(self, attendee_id: int, item: str, text: str) -> Declaration:
        item = declared_item(item, self.meeting.agenda)
        saved = self.store.add_declaration(self.meeting_id, attendee_id, item, text)
        self.meeting.declarations.append(saved)
        return saved

    def update_declaration(self, declaration_id: int, **fields: Any) -> Declaration:
        if isinstance(fields.get("item"), str):
            fields["item"] = declared_item(fields["item"], self.meeting.agenda)
        saved = self.store.update_declaration(declaration_id, **fields)
        lists.replace(self.meeting.declarations, saved)
        return saved

    def delete_declaration(self, declaration_id: int) -> None:
        self.store.delete_declaration(declaration_id)
        lists.drop(self.meeting.declarations, declaration_id)

    # -- actions and matters arising -------------------------------------------------------

    def add_action(self, action: Action) -> Action:
        saved = self.store.add_action(self.meeting_id, action)
        self.meeting.actions.append(saved)
        return saved

    def update_action(self, action_id: int, **fields: Any) -> Action:
        saved = self.store.update_action(action_id, **fields)
        lists.replace(self.meeting.actions, saved)
        return saved

    def cycle_action_status(self, action_id: int) -> Action:
        current = lists.get(self.meeting.actions, action_id).status
        return self.update_action(action_id, status=lists.cycle(ACTION_STATUS, current))

    def delete_action(self, action_id: int) -> None:
        self.store.delete_action(action_id)
        lists.drop(self.meeting.actions, action_id)

    def move_action(self, action_id: int, delta: int) -> bool:
        return lists.move(self.meeting.actions, action_id, delta, self.store.move_action)

    def update_carried(self, carried_id: int, **fields: Any) -> CarriedAction:
        earlier = lists.get(self.meeting.matters_arising, carried_id).action.history
        saved = self.store.update_carried(carried_id, **fields)
        saved.action.history = saved.action.history or earlier  # earlier meetings' progress stays in sight
        lists.replace(self.meeting.matters_arising, saved)
        return saved

    def cycle_carried_status(self, carried_id: int) -> CarriedAction:
        current = lists.get(self.meeting.matters_arising, carried_id).action.status
        return self.update_carried(carried_id, status=lists.cycle(ACTION_STATUS, current))

    def reload_actions(self) -> set[str]:
        """Read actions and matters arising again (changed in the action log); which changed."""
        fresh = self.store.get_meeting(self.meeting_id)
        changed = set()
        if fresh.matters_arising != self.meeting.matters_arising:
            self.meeting.matters_arising = fresh.matters_arising
            changed.add("matters_arising")
        if fresh.actions != self.meeting.actions:
            self.meeting.actions = fresh.actions
            changed.add("actions")
        return changed

    # -- filing typed prefixes ---------------------------------------------------------------

    @property
    def last_filed(self) -> Filed | None:
        """The last filing, while Ctrl+Z can still undo it."""
        return self.filer.last

    def file_point(
        self, section: str, source: tuple[str, int], text: str, as_kind: str | None = None
    ) -> FilingOutcome:
        """File the saved point ``source`` of ``section`` if its text says so (see :class:`Filer`).

        ``due:+1w``, ``due:fri`` and the like count from the meeting's date (today if it has none).
        """
        return self.filer.file(section, source, text, self.meeting.date or self.today, as_kind)

    def undo_filing(self) -> Undone | None:
        """Take back the last filing (None: nothing to undo)."""
        return self.filer.undo()

    # -- approval, layout, stock phrases --------------------------------------------------

    def approve(self) -> None:
        self.meeting.status = self.store.approve_meeting(self.meeting_id).status

    def undecided(self) -> list[AgendaItem]:
        """Items for decision with no resolution (see :func:`~minutes_tui.agenda.undecided_items`),
        as the database holds them (another window may have recorded one); else as in memory."""
        try:
            return undecided_items(self.store.agenda_items(self.meeting_id))
        except StoreError:
            return undecided_items(self.meeting.agenda)

    def reopen(self, reason: str) -> None:
        self.meeting.status = self.store.reopen_meeting(self.meeting_id, reason).status

    def refresh_status(self) -> None:
        """Read the status again (a save was refused: approved elsewhere?)."""
        try:
            self.meeting.status = self.store.get_header(self.meeting_id).status
        except StoreError:
            self.meeting.status = "approved"

    def set_layout(self, layout: tuple[Section, ...], for_series: bool) -> bool:
        """Save the sections (and, ``for_series``, the series' next meetings'); True if they changed.

        A section that holds items cannot be dropped (the store itself guards only bulleted ones).
        """
        kept = {s.key for s in layout}
        counts = self.counts()
        for section in self.meeting.layout:
            if section.key not in kept and counts.get(section.key, 0):
                raise StoreError(
                    f"{section.title!r} holds {counts[section.key]} item(s); "
                    "delete or move them before removing it"
                )
        if for_series and self.meeting.series:
            self.store.set_series_layout(self.meeting.series, layout)
        if tuple(layout) == tuple(self.meeting.layout):
            return False
        self.meeting.layout = self.store.set_layout(self.meeting_id, layout).layout
        return True

    def phrases(self) -> list[str]:
        if self._phrases is None:
            try:
                self._phrases = self.store.stock_phrases(self.meeting.series)
            except StoreError:
                return []
        return self._phrases

    def set_phrases(self, phrases: list[str]) -> list[str]:
        self._phrases = self.store.set_stock_phrases(self.meeting.series, phrases)
        return self._phrases

    def history(self) -> list[MeetingEvent]:
        """When the minutes were approved and reopened (and why), oldest first (read-only)."""
        return self.store.meeting_history(self.meeting_id)
