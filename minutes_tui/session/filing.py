"""Filing a saved point by its typed prefix (``A:`` an action, ``D:`` a decision), and undoing it.

:class:`Filer` makes the store file the point and keeps the meeting in memory in step:
the point leaves its section or turn, the action or decision appears where it went.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model import Action, Bullet, Meeting, Point, Turn
from ..prefixes import Filing, describe, parse_point, people_of
from ..store import Store
from . import lists

#: Sections decisions are filed in, in order of preference (the board layout has no "agreed").
DECISION_SECTIONS = ("agreed", "items")


@dataclass(frozen=True)
class Filed:
    """A point filed as an action or decision: what the store made, and from where.

    ``source_section`` is the key of the section the point was typed in,
    ``target_section`` the bulleted section a decision went to (None for an action).
    """

    record: Any  # the store's filing record, handed back to undo it
    filing: Filing
    source_section: str
    target_section: str | None

    @property
    def kind(self) -> str:
        return str(self.record.kind)

    @property
    def item(self) -> Action | Bullet:
        item: Action | Bullet = self.record.item
        return item

    @property
    def source(self) -> tuple[str, int] | None:
        source: tuple[str, int] | None = self.record.source
        return source


@dataclass(frozen=True)
class FilingOutcome:
    """What became of a saved point: ``filed`` (None: kept as typed) and what to say."""

    filed: Filed | None
    message: str = ""
    problem: bool = False


@dataclass(frozen=True)
class Undone:
    """A filing taken back: the item restored (None if it was never saved) and where."""

    filed: Filed
    restored: Point | Bullet | None
    turn: Turn | None


class Filer:
    """Files points of one meeting and remembers the last filing, for one undo."""

    def __init__(self, store: Store, meeting_id: int, meeting: Callable[[], Meeting]) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self._meeting = meeting
        #: The last filing, while it can still be undone.
        self.last: Filed | None = None

    @property
    def meeting(self) -> Meeting:
        return self._meeting()

    def decision_section(self) -> str | None:
        keys = {s.key for s in self.meeting.bullet_sections}
        return next((k for k in DECISION_SECTIONS if k in keys), None)

    def file(
        self, section: str, source: tuple[str, int], text: str, today: dt.date, as_kind: str | None = None
    ) -> FilingOutcome:
        """File the saved point ``source`` of ``section`` if its text says so (or ``as_kind``).

        Raises :class:`StoreError` if the store refuses; a point that is not filed is
        an outcome with a message, never an error.
        """
        people = people_of(self.meeting.attendees)
        filing = parse_point(text, today=today, people=people, as_kind=as_kind)
        if filing.problems:
            return FilingOutcome(None, describe(filing), problem=True)
        if not filing.filed:
            return FilingOutcome(None)
        target: str | None = None
        if filing.kind == "decision":
            target = self.decision_section()
            if target is None:
                return FilingOutcome(
                    None,
                    "Kept as typed: this meeting's layout has no All agreed (or Items) section "
                    "for decisions (Ctrl+G adds one)",
                    problem=True,
                )
            record = self.store.file_as_decision(self.meeting_id, filing.text, source, section=target)
        else:
            record = self.store.file_point(self.meeting_id, filing, source)
        filed = Filed(record, filing, section, target)
        self._apply(filed)
        self.last = filed
        layout = self.meeting.layout
        if target:
            where = next((s.title for s in layout if s.key == target), target)
        else:
            where = next((s.title for s in layout if s.kind == "actions"), "the actions")
        return FilingOutcome(filed, f"Filed in {where}: {describe(filing)}")

    def _apply(self, filed: Filed) -> None:
        m, source = self.meeting, filed.source
        if filed.kind == "action":
            m.actions.append(filed.record.item)
        elif filed.target_section is not None:
            bullets = m.sections.setdefault(filed.target_section, [])
            same = (
                source is not None and source[0] == "bullets" and filed.source_section == filed.target_section
            )
            index = lists.index_of(bullets, source[1]) if same and source is not None else None
            if index is not None:  # a decision typed in its own section keeps its place
                bullets[index] = filed.record.item
                return
            bullets.append(filed.record.item)
        if source is None:
            return
        table, item_id = source
        if table == "bullets":
            lists.drop(m.sections.setdefault(filed.source_section, []), item_id)
        else:
            for turn in m.round_robin:
                lists.drop(turn.points, item_id)

    def undo(self) -> Undone | None:
        """Take back the last filing: the point is back where it was, as typed (None: nothing to undo)."""
        filed, self.last = self.last, None
        if filed is None:
            return None
        restored = self.store.undo_filing(filed.record)
        m = self.meeting
        fresh = self.store.get_meeting(self.meeting_id)
        if filed.kind == "action":
            lists.drop(m.actions, filed.item.id)  # type: ignore[arg-type]
        for key in (filed.target_section, filed.source_section):
            if key is not None and key in fresh.sections:
                m.sections[key] = fresh.sections[key]
        turn: Turn | None = None
        if filed.source is not None and filed.source[0] == "points" and filed.record.turn_id is not None:
            turn = self.store.get_turn(filed.record.turn_id)
            index = lists.index_of(m.round_robin, filed.record.turn_id)
            if index is None:
                m.round_robin.append(turn)
            else:
                m.round_robin[index] = turn
        return Undone(filed, restored, turn)
