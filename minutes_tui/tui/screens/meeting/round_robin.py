"""The round robin: each organisation in turn; points typed for the current speaker.

Turns are grouped by speaker: a speaker's second point joins their turn. The
speaker queue comes from the attendance list (and anyone added with Ctrl+O);
PageDown/PageUp move along it from the point field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message

from ....model import Attendee, Point, Turn
from ....roundrobin import SpeakerQueue
from ....session.recovery import Kept
from ....store import StoreError
from ....text import displayable
from ...widgets.entry import PointEntry
from ...widgets.rows import Row, RowList
from ...widgets.status import SpeakerStrip
from ..confirm import ConfirmScreen
from ..speaker import SpeakerScreen
from .panel import SectionPanel
from .speaker_names import ask_link, present_attendee, suggestions
from .turns import show_turn, turn_rows

#: What Ctrl+Y records for a speaker.
APOLOGIES = "Apologies received"


class RoundRobinPanel(SectionPanel):
    kind = "round_robin"
    item_prefix = "p"

    @dataclass
    class AttendeeChanged(Message):
        """An attendee's attendance was changed from here (apologies for a speaker)."""

        attendee: Attendee

    def __init__(self, *args, complete: Callable[[str], str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.complete = complete
        #: The row keys each turn shows as (so a save replaces only its own rows).
        self.turn_keys: dict[int, list[str]] = {}
        self.queue = SpeakerQueue()
        #: Speakers added on the fly (not from the attendance list).
        self.extra_speakers: list[str] = []
        #: The point in the entry (None: a new one, not yet in the database).
        self.point_edit: int | None = None
        #: True when the point in the entry was picked from the list (not typed as new).
        self.point_existing = False

    @property
    def turns(self) -> list[Turn]:
        return self.session.turns

    @property
    def entry_id(self) -> str:
        return f"e-{self.wid}"

    def field_ids(self) -> list[str]:
        return [self.entry_id]

    def compose(self) -> ComposeResult:
        yield SpeakerStrip("", id="speakers")
        yield RowList(empty="No turns yet.", id=self.list_id)
        yield PointEntry(
            placeholder="Type a point; Enter saves it (A: action, D: decision, @owner, due:fri)",
            complete=self.complete,
            id=self.entry_id,
        )

    def load(self) -> None:
        self.fields.register(self.entry_id, self._save)
        self._show_all()
        self.queue = self._build_queue()
        self.show_speaker()

    def _build_queue(self) -> SpeakerQueue:
        aliases = self.session.speaker_aliases
        return SpeakerQueue.build(self.meeting.attendees, [t.speaker for t in self.turns], aliases)

    def shown(self) -> None:
        self.rebuild_queue()

    @property
    def editing_item(self) -> int | None:
        return self.point_edit

    def restore(self, kept: Kept, batch: Sequence[Kept] = ()) -> str:
        """As :meth:`SectionPanel.restore`; a point kept beside theirs joins its speaker's turn."""
        outcome = super().restore(kept, batch)
        turn = self.session.turn_of_point(kept.item) if kept.item and outcome == "new" else None
        if turn and turn.speaker:
            self.queue.add(turn.speaker)
            self.show_speaker()
        return outcome

    def refresh_rows(self) -> None:
        self._show_all(cursor_key=self.rows().cursor_key)
        self.show_speaker()

    def set_times(self, show: bool) -> None:
        super().set_times(show)
        self._show_all(cursor_key=self.rows().cursor_key)

    # -- showing turns ---------------------------------------------------------------

    def _show_all(self, cursor_key: str | None = None) -> None:
        rows: list[Row] = []
        self.turn_keys = {}
        for turn in self.turns:
            these = turn_rows(turn, self.show_times)
            self.turn_keys[turn.id] = [r.key for r in these]
            rows += these
        self.rows().set_rows(rows, cursor_key=cursor_key)

    def _show_turn(self, turn: Turn, select: str | None = None, point: Point | None = None) -> None:
        """Show ``turn`` again (see :func:`.turns.show_turn`)."""
        show_turn(self.rows(), self.turn_keys, turn, self.show_times, point)
        if select:
            self.rows().select(select)

    # -- saving points ----------------------------------------------------------------

    def _save(self, text: str) -> None:
        if self.point_edit is None:
            if not text.strip():
                return
            known = len(self.turns)
            turn, point = self.session.add_point(self.queue.current or "", text)
            self.point_edit = point.id
            self._show_turn(turn, select=f"p{point.id}", point=point)
            if len(self.turns) != known:
                self.show_speaker()
        else:
            turn, point = self.session.update_point(self.point_edit, text)
            self.point_edit = point.id  # a new point when it had changed elsewhere
            self._show_turn(turn, select=f"p{point.id}", point=point)

    def commit(self, submitted: str | None = None) -> bool:
        if not self.commit_text(self.entry_id, submitted):
            return False
        item = self.point_edit  # after the save: a point typed and ended at once is saved by it
        self.point_edit = None
        self.point_existing = False
        text = self.fields.saved(self.entry_id)
        if item is not None and not text.strip():
            self.guard(self._delete_point, item)
        self.end_entry(self.entry_id, submitted)
        self.show_speaker()
        self.set_editing(False)
        if item is not None and text.strip():
            self.file_saved(("points", item), text)
        return True

    # -- rows ----------------------------------------------------------------------------

    @on(PointEntry.Command)
    def _command(self, event: PointEntry.Command) -> None:
        event.stop()
        self.command(event.command, event.value)

    def edit_row(self, row: Row) -> None:
        if row.kind == "turn":
            self.rename_turn(row.item_id)
            return
        if not self.commit():
            return
        item_id = row.item_id
        turn = self.session.turn_of_point(item_id)
        if turn is None:
            return
        point = next(p for p in turn.points if p.id == item_id)
        self.point_edit = item_id
        self.point_existing = True
        self.reset_entry(self.entry_id, point.text)
        self.show_speaker()
        self.set_editing(True)
        self.focus_now(self.q(self.entry_id))

    def delete_question(self, row: Row) -> str | None:
        if row.kind == "turn":
            turn = self.session.turn(row.item_id)
            return f"Delete the turn of {turn.speaker or 'no speaker'} and its {len(turn.points)} point(s)?"
        return "Delete this point?"

    def delete_row(self, row: Row) -> None:
        if row.kind == "turn":
            self._delete_turn(row.item_id)
        else:
            self._delete_point(row.item_id)

    def _delete_point(self, item_id: int) -> None:
        turn = self.session.turn_of_point(item_id)
        if turn is None:
            return
        if len(turn.points) <= 1:
            self._delete_turn(turn.id)
            return
        self.session.delete_point(item_id)
        self._show_turn(turn)
        if self.point_edit == item_id:
            self.point_edit = None
            self.reset_entry(self.entry_id)

    def _delete_turn(self, turn_id: int) -> None:
        turn = self.session.delete_turn(turn_id)
        if self.point_edit in {p.id for p in turn.points}:
            self.point_edit = None
            self.reset_entry(self.entry_id)
        self.rows().replace_block(self.turn_keys.pop(turn_id, []), [])
        self.show_speaker()

    def move_row(self, row: Row, delta: int) -> None:
        is_turn = row.kind == "turn"
        turn = self.session.turn(row.item_id) if is_turn else self.session.turn_of_point(row.item_id)
        if turn is None:
            return
        if not is_turn and len(turn.points) > 1:
            if self.session.move_point(row.item_id, delta):
                self._show_turn(turn, select=row.key)
        elif self.session.move_turn(turn.id, delta):
            self._show_all(cursor_key=row.key)

    # -- speakers ---------------------------------------------------------------------------

    def rebuild_queue(self) -> None:
        current = self.queue.current
        queue = self._build_queue()
        for speaker in self.extra_speakers:  # those added on the fly stay
            if queue.find(speaker) is None:
                queue.speakers.append(speaker)
        if current and queue.find(current) is not None and self.queue.speakers:
            queue.index = queue.find(current)
        self.queue = queue
        self.show_speaker()

    def show_speaker(self) -> None:
        heard = self.queue.heard(t.speaker for t in self.turns)
        self.query_one("#speakers", SpeakerStrip).show_speakers(self.queue.speakers, self.queue.index, heard)
        entry = self.entry(self.entry_id)
        editing = (
            self.session.turn_of_point(self.point_edit) if self.point_existing and self.point_edit else None
        )
        if editing is not None:
            entry.border_title = Content(f"Editing a point of {displayable(editing.speaker)}")
        else:
            speaker = self.queue.current
            entry.border_title = (
                Content.assemble("Speaking: ", Content.styled(displayable(speaker), "bold"))
                if speaker
                else Content("No speaker: Ctrl+O adds one")
            )

    def command(self, command: str, value: str) -> None:
        """A key in the point field that ends the point: next/previous/add speaker."""
        if not self.commit(value):
            return
        if command == "next_speaker":
            self.next_speaker()
        elif command == "previous_speaker":
            self.previous_speaker()
        elif command == "add_speaker":
            self.ask_speaker()
        elif command == "jump_speaker":
            self.run_worker(self._jump_to_speaker(), group="speaker")
        elif command == "no_update":
            self.mark("No update")
        elif command == "apologies":
            self.mark(APOLOGIES)

    def mark(self, phrase: str) -> None:
        """Mark the current speaker's turn ``phrase`` (one key) and move on to the next speaker.

        A turn that already holds points said is not overwritten: the store refuses, and says so.
        """
        speaker = self.queue.current
        if not speaker:
            self.notify("No speaker to mark: Ctrl+O adds one.", severity="warning", markup=False)
            return
        aliases = self.session.speaker_aliases
        present = present_attendee(self.meeting.attendees, speaker, aliases) if phrase == APOLOGIES else None
        if present is not None:  # ask first: the minutes would contradict themselves
            self.run_worker(self._confirm_apologies(speaker, present), group="speaker")
            return
        self._mark(speaker, phrase)

    async def _confirm_apologies(self, speaker: str, attendee: Attendee) -> None:
        who = attendee.label or speaker
        yes = await self.app.push_screen_wait(
            ConfirmScreen(
                f"{who} is marked present. Record apologies?",
                "Yes records 'Apologies received' and marks them as sending apologies in the attendance list.",
            )
        )
        self.focus_now(self.q(self.entry_id))
        if not yes:
            return
        try:
            saved = self.session.update_attendee(attendee.id, attendance="apologies")  # type: ignore[arg-type]
        except StoreError as exc:
            self.notify(str(exc), title="Not marked", severity="error", markup=False)
            return
        self.post_message(self.AttendeeChanged(saved))
        self._mark(speaker, APOLOGIES)

    def _mark(self, speaker: str, phrase: str) -> None:
        try:
            turn = self.session.mark_turn(speaker, phrase)
        except StoreError as exc:
            self.notify(str(exc), title="Not marked", severity="error", markup=False)
            return
        self.set_turn(turn)
        self.next_speaker()

    # -- filing (the session has already done it; these keep the rows in step) ------------

    def text_of(self, item_id: int) -> str | None:
        turn = self.session.turn_of_point(item_id)
        return None if turn is None else next(p.text for p in turn.points if p.id == item_id)

    def forget(self, item_id: int) -> None:
        """The point ``item_id`` has gone (filed elsewhere); its turn stays."""
        for turn in self.turns:
            if f"p{item_id}" in self.turn_keys.get(turn.id, []):
                self._show_turn(turn)
                return

    def set_turn(self, turn: Turn, select: str | None = None) -> None:
        """Show ``turn`` as the session has it now."""
        self._show_turn(turn, select=select)
        self.show_speaker()

    def next_speaker(self) -> None:
        if self.queue.at_end() and len(self.queue.speakers) > 1:
            self.notify("That was the last speaker: back to the first. Ctrl+O adds another.", timeout=3)
        self.queue.next()
        self.show_speaker()
        self._follow_speaker()

    def previous_speaker(self) -> None:
        self.queue.previous()
        self.show_speaker()
        self._follow_speaker()

    def _follow_speaker(self) -> None:
        turn = self.session.latest_turn_of(self.queue.current or "")
        if turn is not None and self.turn_keys.get(turn.id):
            self.rows().select(self.turn_keys[turn.id][-1])

    def ask_speaker(self) -> None:
        self.run_worker(self._ask_speaker(), group="speaker")

    async def _ask_speaker(self) -> None:
        name = await self.app.push_screen_wait(SpeakerScreen("Who is speaking?", suggestions(self.session)))
        if name:
            name = self.queue.add(name)
            if name not in self.extra_speakers:
                self.extra_speakers.append(name)
            self.show_speaker()
            self._follow_speaker()
        self.focus_now(self.q(self.entry_id))

    async def _jump_to_speaker(self) -> None:
        """Ctrl+K: type the start of a speaker's name, Enter goes to them."""
        typed = await self.app.push_screen_wait(
            SpeakerScreen("Go to speaker (type the start of the name)", list(self.queue.speakers))
        )
        index = self.queue.match(typed or "")
        if typed and index is None:
            self.notify(f"No speaker in the list matches {typed!r}. Ctrl+O adds one.", markup=False)
        elif index is not None:
            self.queue.index = index
            self.show_speaker()
            self._follow_speaker()
        self.focus_now(self.q(self.entry_id))

    def rename_highlighted(self) -> None:
        row = self.rows().cursor_row
        if row is not None:
            is_turn = row.kind == "turn"
            turn = self.session.turn(row.item_id) if is_turn else self.session.turn_of_point(row.item_id)
            if turn is not None:
                self.rename_turn(turn.id)  # type: ignore[arg-type]

    def rename_turn(self, turn_id: int) -> None:
        self.run_worker(self._rename_turn(turn_id), group="speaker")

    async def _rename_turn(self, turn_id: int) -> None:
        turn = self.session.turn(turn_id)
        old = turn.speaker
        name = await self.app.push_screen_wait(
            SpeakerScreen("Speaker of this turn", suggestions(self.session), turn.speaker)
        )
        if name and name != old:
            try:
                turn = self.session.rename_turn(turn_id, name)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.queue.rename(old, turn.speaker)
            self._show_turn(turn)
            self.show_speaker()

    # -- a speaker linked to an attendee's organisation -----------------------------------

    def link_speaker(self, speaker: str | None = None) -> None:
        """Link ``speaker`` (default: the current one) to an organisation of the attendance list."""
        speaker = speaker or self.queue.current
        if not speaker:
            self.notify("No speaker to link: Ctrl+O adds one.", severity="warning", markup=False)
            return
        self.run_worker(self._link_speaker(speaker), group="speaker")

    def link_highlighted(self) -> None:
        row = self.rows().cursor_row
        if row is not None:
            is_turn = row.kind == "turn"
            turn = self.session.turn(row.item_id) if is_turn else self.session.turn_of_point(row.item_id)
            if turn is not None and turn.speaker:
                self.link_speaker(turn.speaker)

    async def _link_speaker(self, speaker: str) -> None:
        aliases = self.session.speaker_aliases
        link = await ask_link(self.app, speaker, self.meeting.attendees, aliases, self.queue)
        self.focus_now(self.q(self.entry_id))
        if link is None:
            return
        try:
            if link.organisation:
                renamed = self.session.link_speaker(link.speaker, link.organisation)
            else:
                self.session.unlink_speaker(link.speaker)
                renamed = []
        except StoreError as exc:
            self.notify(str(exc), title="Not linked", severity="error", markup=False)
            return
        self.rebuild_queue()
        if renamed:
            self._show_all(cursor_key=self.rows().cursor_key)
        self.notify(link.said(self.meeting.series), timeout=4, markup=False)
