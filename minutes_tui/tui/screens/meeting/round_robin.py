"""The round robin: each organisation in turn; points typed for the current speaker.

Turns are grouped by speaker: a speaker's second point joins their turn. The
speaker queue comes from the attendance list (and anyone added with Ctrl+O);
PageDown/PageUp move along it from the point field.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input

from ....model import Turn
from ....parsing import visible
from ....roundrobin import SpeakerQueue
from ....store import StoreError
from ...widgets.entry import PointEntry
from ...widgets.rows import Row, RowList
from ...widgets.status import SpeakerStrip
from ..speaker import SpeakerScreen
from .editing import Editor
from .panel import STAMP_WIDTH, SectionPanel, clock


def turn_rows(turn: Turn, times: bool = False) -> list[Row]:
    """A turn as rows: one line for a single point, else a heading and its points.

    With ``times``, each row starts with the time its point was saved.
    """
    speaker = turn.speaker or "(no speaker)"
    extra = STAMP_WIDTH if times else 0
    if len(turn.points) == 1:
        point = turn.points[0]
        return [
            Row(
                f"p{point.id}",
                point.text,
                prefix=f"{speaker} – ",
                prefix_style="bold",
                indent=4 + extra,
                stamp=clock(point.created) if times else "",
            )
        ]
    if not turn.points:
        return [
            Row(
                f"t{turn.id}",
                "(nothing noted)",
                prefix=f"{speaker} – ",
                prefix_style="bold",
                style="dim italic",
                stamp=" " * (STAMP_WIDTH - 1) if times else "",
            )
        ]
    first = clock(turn.points[0].created) if times else ""
    rows = [Row(f"t{turn.id}", "", prefix=f"{speaker} –", prefix_style="bold", stamp=first)]
    rows += [
        Row(f"p{p.id}", p.text, prefix="    · ", indent=6 + extra, stamp=clock(p.created) if times else "")
        for p in turn.points
    ]
    return rows


class RoundRobinPanel(SectionPanel):
    kind = "round_robin"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.turns: dict[int, Turn] = {}
        self.turn_order: list[int] = []
        self.turn_keys: dict[int, list[str]] = {}
        self.point_turn: dict[int, int] = {}
        self.queue = SpeakerQueue()
        #: Speakers added on the fly (not from the attendance list).
        self.extra_speakers: list[str] = []
        #: The point in the entry (None: a new one, not yet in the database).
        self.point_edit: int | None = None
        #: True when the point in the entry was picked from the list (not typed as new).
        self.point_existing = False

    @property
    def entry_id(self) -> str:
        return f"e-{self.wid}"

    def field_ids(self) -> list[str]:
        return [self.entry_id]

    def compose(self) -> ComposeResult:
        with Vertical(id=self.panel_id, classes="panel"):
            yield SpeakerStrip("", id="speakers")
            yield RowList(empty="No turns yet.", id=self.list_id)
            yield PointEntry(
                placeholder="Type a point; Enter saves it (A: action, D: decision, @owner, due:fri)",
                complete=self.screen.owner_suggestion,
                id=self.entry_id,
            )

    def load(self, people: list[tuple[str, str]]) -> None:
        self.screen.editors[self.entry_id] = Editor(self._save)
        for turn in self.meeting.round_robin:
            self._register(turn)
        self._show_all()
        self.queue = SpeakerQueue.build(self.meeting.attendees, [t.speaker for t in self.meeting.round_robin])
        self.show_speaker()

    def shown(self) -> None:
        self.rebuild_queue()

    # -- showing turns ---------------------------------------------------------------

    def _register(self, turn: Turn) -> None:
        self.turns[turn.id] = turn
        if turn.id not in self.turn_order:
            self.turn_order.append(turn.id)
        for point in turn.points:
            self.point_turn[point.id] = turn.id

    def _show_all(self, cursor_key: str | None = None) -> None:
        rows: list[Row] = []
        self.turn_keys = {}
        for turn_id in self.turn_order:
            these = turn_rows(self.turns[turn_id], self.screen.show_times)
            self.turn_keys[turn_id] = [r.key for r in these]
            rows += these
        self.rows().set_rows(rows, cursor_key=cursor_key)

    def _show_turn(self, turn_id: int, select: str | None = None) -> None:
        rows = turn_rows(self.turns[turn_id], self.screen.show_times)
        widget = self.rows()
        old = self.turn_keys.get(turn_id, [])
        if [r.key for r in rows] == old:
            for row in rows:
                widget.put(row)
        else:
            widget.replace_block(old, rows)
        self.turn_keys[turn_id] = [r.key for r in rows]
        if select:
            widget.select(select)

    def _turn_for(self, speaker: str) -> int | None:
        """The latest turn of ``speaker``, if they have spoken already."""
        key = speaker.casefold()
        for turn_id in reversed(self.turn_order):
            if self.turns[turn_id].speaker.casefold() == key:
                return turn_id
        return None

    # -- saving points ----------------------------------------------------------------

    def _save(self, text: str) -> None:
        if self.point_edit is None:
            if not text.strip():
                return
            speaker = self.queue.current or ""
            turn_id = self._turn_for(speaker) if speaker else None
            if turn_id is None:
                turn = self.store.add_turn(self.meeting_id, speaker, points=[text])
                self._register(turn)
                point = turn.points[0]
            else:
                point = self.store.add_point(turn_id, text)
                self.turns[turn_id].points.append(point)
                self.point_turn[point.id] = turn_id
            self.point_edit = point.id
            self._show_turn(self.point_turn[point.id], select=f"p{point.id}")
            self.show_speaker()
        else:
            point = self.store.update_point(self.point_edit, text)
            turn = self.turns[self.point_turn[point.id]]
            index = self.find(turn.points, point.id)
            if index is not None:
                turn.points[index] = point
            self._show_turn(turn.id, select=f"p{point.id}")

    def commit(self, submitted: str | None = None) -> bool:
        if not self.screen.commit_text(self.entry_id, submitted):
            return False
        item = self.point_edit  # after the save: a point typed and ended at once is saved by it
        self.point_edit = None
        self.point_existing = False
        text = self.screen.editors[self.entry_id].saved
        if item is not None and not text.strip():
            self.screen.guard(self.delete_item, "p", item)
        self.screen.end_entry(self.entry_id, submitted)
        self.show_speaker()
        self.set_editing(False)
        if item is not None and text.strip():
            self.screen.file_typed(self, ("points", item), text)
        return True

    # -- rows ----------------------------------------------------------------------------

    def edit_row(self, kind: str, item_id: int) -> None:
        if kind == "t":
            self.rename_turn(item_id)
            return
        if not self.commit():
            return
        turn = self.turns[self.point_turn[item_id]]
        point = next(p for p in turn.points if p.id == item_id)
        self.point_edit = item_id
        self.point_existing = True
        self.screen.reset_entry(self.entry_id, point.text)
        self.show_speaker()
        self.set_editing(True)
        self.screen.focus_now(self.q(self.entry_id))

    def delete_question(self, kind: str, item_id: int) -> str | None:
        if kind == "t":
            turn = self.turns[item_id]
            return f"Delete the turn of {turn.speaker or 'no speaker'} and its {len(turn.points)} point(s)?"
        return "Delete this point?"

    def delete_item(self, kind: str, item_id: int) -> None:
        if kind == "p":
            turn = self.turns[self.point_turn[item_id]]
            if len(turn.points) <= 1:
                self.delete_item("t", turn.id)
                return
            self.store.delete_point(item_id)
            turn.points = [p for p in turn.points if p.id != item_id]
            del self.point_turn[item_id]
            self._show_turn(turn.id)
            if self.point_edit == item_id:
                self.point_edit = None
                self.screen.reset_entry(self.entry_id)
        elif kind == "t":
            self.store.delete_turn(item_id)
            turn = self.turns.pop(item_id)
            self.turn_order.remove(item_id)
            for point in turn.points:
                self.point_turn.pop(point.id, None)
                if self.point_edit == point.id:
                    self.point_edit = None
                    self.screen.reset_entry(self.entry_id)
            self.rows().replace_block(self.turn_keys.pop(item_id, []), [])
            self.show_speaker()

    def move_row(self, kind: str, item_id: int, delta: int, key: str) -> None:
        turn_id = item_id if kind == "t" else self.point_turn[item_id]
        turn = self.turns[turn_id]
        if kind == "p" and len(turn.points) > 1:
            self.move_in(turn.points, item_id, delta, self.store.move_point)
            self._show_turn(turn_id, select=key)
        else:
            order = self.turn_order
            index = order.index(turn_id)
            target = index + delta
            if 0 <= target < len(order):
                self.store.move_turn(turn_id, target)
                order.insert(target, order.pop(index))
                self._show_all(cursor_key=key)

    # -- speakers ---------------------------------------------------------------------------

    def rebuild_queue(self) -> None:
        current = self.queue.current
        heard = [self.turns[t].speaker for t in self.turn_order]
        queue = SpeakerQueue.build(self.meeting.attendees, heard)
        for speaker in self.extra_speakers:  # those added on the fly stay
            if queue.find(speaker) is None:
                queue.speakers.append(speaker)
        if current and queue.find(current) is not None and self.queue.speakers:
            queue.index = queue.find(current)
        self.queue = queue
        self.show_speaker()

    def show_speaker(self) -> None:
        heard = {self.turns[t].speaker.casefold() for t in self.turn_order}
        self.screen.query_one("#speakers", SpeakerStrip).show_speakers(
            self.queue.speakers, self.queue.index, heard
        )
        entry = self.screen.query_one(f"#{self.entry_id}", Input)
        if self.point_existing and self.point_edit in self.point_turn:
            speaker = self.turns[self.point_turn[self.point_edit]].speaker
            entry.border_title = Content(f"Editing a point of {visible(speaker)}")
        else:
            speaker = self.queue.current
            entry.border_title = (
                Content.assemble("Speaking: ", Content.styled(visible(speaker), "bold"))
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
        elif command == "no_update":
            self.mark("No update")
        elif command == "apologies":
            self.mark("Apologies received")

    def mark(self, phrase: str) -> None:
        """Mark the current speaker's turn ``phrase`` (one key) and move on to the next speaker.

        A turn that already holds points said is not overwritten: the store refuses, and says so.
        """
        speaker = self.queue.current
        if not speaker:
            self.screen.notify("No speaker to mark: Ctrl+O adds one.", severity="warning", markup=False)
            return
        turn_id = self._turn_for(speaker)
        try:
            if turn_id is None:
                turn = self.store.add_turn(self.meeting_id, speaker, points=[phrase])
            else:
                turn = self.store.mark_turn(turn_id, phrase)
        except StoreError as exc:
            self.screen.notify(str(exc), title="Not marked", severity="error", markup=False)
            return
        self.set_turn(turn)
        self.next_speaker()

    # -- filing (the store has already done it; these keep the screen in step) ------------

    def text_of(self, item_id: int) -> str | None:
        turn_id = self.point_turn.get(item_id)
        if turn_id is None:
            return None
        return next((p.text for p in self.turns[turn_id].points if p.id == item_id), None)

    def forget(self, item_id: int) -> None:
        """The point ``item_id`` has gone from the database (filed elsewhere); its turn stays."""
        turn_id = self.point_turn.pop(item_id, None)
        if turn_id is None:
            return
        turn = self.turns[turn_id]
        turn.points = [p for p in turn.points if p.id != item_id]
        self._show_turn(turn_id)

    def set_turn(self, turn: Turn, select: str | None = None) -> None:
        """Show ``turn`` as the store has it now (a new turn goes at the end)."""
        old = self.turns.get(turn.id)
        if old is not None:
            for point in old.points:
                self.point_turn.pop(point.id, None)
        self._register(turn)
        self._show_turn(turn.id, select=select)
        self.show_speaker()

    def next_speaker(self) -> None:
        if self.queue.at_end():
            self.screen.notify("That was the last speaker. Ctrl+O adds another.", timeout=3)
        self.queue.next()
        self.show_speaker()
        self._follow_speaker()

    def previous_speaker(self) -> None:
        self.queue.previous()
        self.show_speaker()
        self._follow_speaker()

    def _follow_speaker(self) -> None:
        turn_id = self._turn_for(self.queue.current or "")
        if turn_id is not None and self.turn_keys.get(turn_id):
            self.rows().select(self.turn_keys[turn_id][-1])

    def _suggestions(self) -> list[str]:
        out: list[str] = []
        for a in self.meeting.attendees:
            out += [a.organisation, a.name]
        out += [self.turns[t].speaker for t in self.turn_order]
        try:
            for name, org in self.store.known_people()[:500]:
                out += [org, name]
        except StoreError:
            pass
        seen: set[str] = set()
        return [s for s in out if s and not (s.casefold() in seen or seen.add(s.casefold()))]

    def ask_speaker(self) -> None:
        self.screen.run_worker(self._ask_speaker(), group="speaker")

    async def _ask_speaker(self) -> None:
        name = await self.screen.app.push_screen_wait(SpeakerScreen("Who is speaking?", self._suggestions()))
        if name:
            name = self.queue.add(name)
            if name not in self.extra_speakers:
                self.extra_speakers.append(name)
            self.show_speaker()
            self._follow_speaker()
        self.screen.focus_now(self.q(self.entry_id))

    def rename_highlighted(self) -> None:
        key = self.rows().cursor_key
        if key:
            kind, item_id = key[0], int(key[1:])
            self.rename_turn(item_id if kind == "t" else self.point_turn[item_id])

    def rename_turn(self, turn_id: int) -> None:
        self.screen.run_worker(self._rename_turn(turn_id), group="speaker")

    async def _rename_turn(self, turn_id: int) -> None:
        turn = self.turns[turn_id]
        name = await self.screen.app.push_screen_wait(
            SpeakerScreen("Speaker of this turn", self._suggestions(), turn.speaker)
        )
        if name and name != turn.speaker:
            try:
                saved = self.store.update_turn(turn_id, name)
            except StoreError as exc:
                self.screen.notify(str(exc), severity="error", markup=False)
                return
            self.queue.rename(turn.speaker, saved.speaker)
            turn.speaker = saved.speaker
            self._show_turn(turn_id)
            self.show_speaker()
