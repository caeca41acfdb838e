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
    Point,
    Section,
    Turn,
)
from ..prefixes import owner_completions, people_of
from ..store import Conflict, NotFound, Store, StoreError
from . import lists, sync
from .fields import Fields
from .filing import Filed, Filer, FilingOutcome, Undone

#: An ``@name`` being typed at the end of a field.
_OWNER_AT_END = re.compile(r'(?<!\S)@(?P<name>[^\s"@]+)$')


class MeetingSession:
    """The one meeting being minuted, and every change made to it (see the module's notes)."""

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

    def load(self) -> Meeting:
        """Read the meeting (raises :class:`StoreError`)."""
        self._data_version = self.store.data_version()
        self.meeting = self.store.get_meeting(self.meeting_id)
        self.known_people = self.store.known_people()
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
        return self.meeting.approved

    def owner_suggestion(self, value: str) -> str:
        """``value`` with the ``@name`` at its end completed from the attendees, or ""."""
        match = _OWNER_AT_END.search(value)
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
        saved = self.store.add_declaration(self.meeting_id, attendee_id, item, text)
        self.meeting.declarations.append(saved)
        return saved

    def update_declaration(self, declaration_id: int, **fields: Any) -> Declaration:
        saved = self.store.update_declaration(declaration_id, **fields)
        lists.replace(self.meeting.declarations, saved)
        return saved

    def delete_declaration(self, declaration_id: int) -> None:
        self.store.delete_declaration(declaration_id)
        lists.drop(self.meeting.declarations, declaration_id)

    # -- the round robin -----------------------------------------------------------------

    @property
    def turns(self) -> list[Turn]:
        return self.meeting.round_robin

    def turn(self, turn_id: int) -> Turn:
        turn: Turn = lists.get(self.turns, turn_id)
        return turn

    def turn_of_point(self, point_id: int) -> Turn | None:
        return next((t for t in self.turns if lists.index_of(t.points, point_id) is not None), None)

    def latest_turn_of(self, speaker: str) -> Turn | None:
        """The latest turn of ``speaker`` (any case), if they have spoken already."""
        key = speaker.casefold()
        return next((t for t in reversed(self.turns) if t.speaker.casefold() == key), None)

    def add_point(self, speaker: str, text: str) -> tuple[Turn, Point]:
        """A new point of ``speaker``: it joins their latest turn, or starts one."""
        turn = self.latest_turn_of(speaker) if speaker else None
        if turn is None:
            turn = self.store.add_turn(self.meeting_id, speaker, points=[text])
            self.turns.append(turn)
            return turn, turn.points[0]
        point = self.store.add_point(turn.id, text)  # type: ignore[arg-type]
        turn.points.append(point)
        return turn, point

    def update_point(self, point_id: int, text: str) -> tuple[Turn, Point]:
        """Save the point's new text; if it changed elsewhere, both texts are kept (see :mod:`.sync`)."""
        turn = self.turn_of_point(point_id)
        if turn is None:  # pragma: no cover - the meeting in memory is the database's
            raise StoreError(f"No point with id {point_id} in this meeting")
        try:
            version = lists.get(turn.points, point_id).version
            point = self.store.update_point(point_id, text, expected_version=version)
        except Conflict as exc:
            theirs: Point = exc.current  # type: ignore[assignment]
            lists.replace(turn.points, theirs)
            if theirs.text == text:
                return turn, theirs
            index = (lists.index_of(turn.points, point_id) or 0) + 1
            point = self.store.add_point(turn.id, text, index)  # type: ignore[arg-type]
            turn.points.insert(index, point)
            self.notices.append(sync.KEPT_BOTH)
            return turn, point
        lists.replace(turn.points, point)
        return turn, point

    def delete_point(self, point_id: int) -> Turn | None:
        """Delete a point; a turn's only point takes its turn with it (returns the turn left, or None)."""
        turn = self.turn_of_point(point_id)
        if turn is None:
            return None
        if len(turn.points) <= 1:
            self.delete_turn(turn.id)  # type: ignore[arg-type]
            return None
        self.store.delete_point(point_id)
        lists.drop(turn.points, point_id)
        return turn

    def delete_turn(self, turn_id: int) -> Turn:
        self.store.delete_turn(turn_id)
        turn = self.turn(turn_id)
        self.turns.remove(turn)
        return turn

    def move_point(self, point_id: int, delta: int) -> bool:
        turn = self.turn_of_point(point_id)
        return turn is not None and lists.move(turn.points, point_id, delta, self.store.move_point)

    def move_turn(self, turn_id: int, delta: int) -> bool:
        return lists.move(self.turns, turn_id, delta, self.store.move_turn)

    def rename_turn(self, turn_id: int, speaker: str) -> Turn:
        saved = self.store.update_turn(turn_id, speaker)
        self.turn(turn_id).speaker = saved.speaker
        return self.turn(turn_id)

    def mark_turn(self, speaker: str, phrase: str) -> Turn:
        """Record ``phrase`` ("No update") as what ``speaker`` said (refused over real points)."""
        turn = self.latest_turn_of(speaker)
        saved = (
            self.store.add_turn(self.meeting_id, speaker, points=[phrase])
            if turn is None
            else self.store.mark_turn(turn.id, phrase)  # type: ignore[arg-type]
        )
        self._put_turn(saved)
        return saved

    def link_speaker(self, speaker: str, organisation: str) -> list[Turn]:
        """Link ``speaker`` to an attendee's ``organisation`` for the series; this meeting's
        turns under the organisation's name take the speaker's (those are returned)."""
        self.speaker_aliases = self.store.link_speaker(self.meeting.series, speaker, organisation)
        key = " ".join(organisation.split()).casefold()
        name = next((n for n, org in self.speaker_aliases.items() if org.casefold() == key), speaker)
        return [self.rename_turn(t.id, name) for t in list(self.turns) if t.speaker.casefold() == key]  # type: ignore[arg-type]

    def unlink_speaker(self, speaker: str) -> None:
        self.speaker_aliases = self.store.unlink_speaker(self.meeting.series, speaker)

    def _put_turn(self, turn: Turn) -> None:
        index = lists.index_of(self.turns, turn.id)  # type: ignore[arg-type]
        if index is None:
            self.turns.append(turn)
        else:
            self.turns[index] = turn

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
        saved = self.store.update_carried(carried_id, **fields)
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
        """File the saved point ``source`` of ``section`` if its text says so (see :class:`Filer`)."""
        return self.filer.file(section, source, text, self.today, as_kind)

    def undo_filing(self) -> Undone | None:
        """Take back the last filing (None: nothing to undo)."""
        return self.filer.undo()

    # -- approval, layout, stock phrases --------------------------------------------------

    def approve(self) -> None:
        self.meeting.status = self.store.approve_meeting(self.meeting_id).status

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
