"""The round robin of the meeting being minuted (no Textual): turns, their points and the
speakers linked to organisations. :class:`RoundRobinSession` is mixed into
:class:`~minutes_tui.session.meeting.MeetingSession`: each change goes to the store first,
then into ``meeting.round_robin``.
"""

from __future__ import annotations

from ..model import Meeting, Point, Turn
from ..store import Conflict, Store, StoreError
from . import lists, sync


class RoundRobinSession:
    """Turns and points of the round robin (see the module notes)."""

    store: Store
    meeting_id: int
    meeting: Meeting
    notices: list[str]
    #: The series' round-robin speakers linked to an organisation: name -> organisation.
    speaker_aliases: dict[str, str]

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
