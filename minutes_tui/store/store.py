"""The store: the one place that reads and writes the minutes database.

:class:`Store` is a facade over small repositories, each handed the one
:class:`~minutes_tui.store.gateway.Gateway` (the write path: transaction, ``updated`` stamp,
approval lock, error translation). Methods take and return :mod:`minutes_tui.model` objects;
a failed write raises :class:`~minutes_tui.store.errors.StoreError` and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import (
    Action,
    ActionEvent,
    ActionRow,
    Attendee,
    Bullet,
    CarriedAction,
    Declaration,
    Meeting,
    MeetingEvent,
    MeetingSummary,
    Point,
    Section,
    Turn,
)
from .actions import ActionLogRepository
from .agenda import AgendaRepository
from .agenda_facade import AgendaFacade
from .archive_facade import ArchiveFacade
from .capture import CaptureRepository
from .carried import CarriedRepository
from .database import connect
from .errors import StoreError
from .gateway import Gateway, SqliteGateway
from .history import HistoryRepository
from .items import ItemRepository
from .layouts import LayoutRepository
from .listing import listing_utf8
from .meetings import MeetingRepository
from .record import RecordRepository
from .series import SeriesRepository
from .speakers import SpeakerAliasRepository
from .urls import is_server_url

if TYPE_CHECKING:  # loaded when first used (filing, search, sqlite-utils), not at start-up
    from sqlite_utils import Database

    from ..prefixes import Filing
    from .filing import Filed, FilingRepository
    from .search import SearchRepository


class Store(AgendaFacade, ArchiveFacade):
    """Meetings in one database: a SQLite file (``:memory:`` for tests) or a PostgreSQL server."""

    def __init__(
        self,
        db: Database | sqlite3.Connection | None,
        path: str | Path = ":memory:",
        *,
        gateway: Gateway | None = None,
    ) -> None:
        if gateway is None:
            assert db is not None, "a store needs a SQLite database or a gateway"
            gateway = SqliteGateway(db, path)
        self._sqlite = gateway if isinstance(gateway, SqliteGateway) else None
        self.path = path
        self.gateway = gateway
        self.history = HistoryRepository(gateway)
        self.items = ItemRepository(gateway, self.history)
        self.capture = CaptureRepository(gateway, self.items)
        self.layouts = LayoutRepository(gateway)
        self.carried = CarriedRepository(gateway, self.history)
        self.record = RecordRepository(gateway)
        self.agenda = AgendaRepository(gateway, self.items)
        self.meetings = MeetingRepository(
            gateway,
            self.items,
            self.capture,
            self.layouts,
            self.carried,
            self.history,
            self.record,
            self.agenda,
        )
        self.series = SeriesRepository(gateway, self.meetings, self.items, self.carried, self.history)
        self.action_log = ActionLogRepository(gateway, self.history)
        self.speakers = SpeakerAliasRepository(gateway)

    @cached_property
    def filing(self) -> FilingRepository:
        from .filing import FilingRepository

        return FilingRepository(self.gateway, self.items)

    @cached_property
    def archive(self) -> SearchRepository:
        from .search import SearchRepository

        return SearchRepository(self.gateway)

    @classmethod
    def open(
        cls, path: str | Path = ":memory:", *, busy_timeout: float | None = None, create_folder: bool = True
    ) -> Store:
        """Open (creating and upgrading as needed) the database at ``path``.

        ``create_folder=False`` refuses a path whose folder does not exist (a typo in
        ``--db`` should not make a stray folder). A ``postgresql://`` URL opens that
        server's database instead (see docs/database.md).
        """
        if is_server_url(path):
            from .pg_database import open_gateway

            gateway = open_gateway(str(path))
            return cls(None, gateway.path, gateway=gateway)
        if busy_timeout is None:
            return cls(connect(path, create_folder=create_folder), path)
        return cls(connect(path, busy_timeout=busy_timeout, create_folder=create_folder), path)

    @property
    def db(self) -> Database:
        """The SQLite database (for maintenance and tests); a server has none."""
        if self._sqlite is None:
            raise StoreError("This is not possible on a PostgreSQL server; use the server's own tools")
        return self._sqlite.db

    @property
    def on_server(self) -> bool:
        """Whether the minutes live on a PostgreSQL server rather than in a SQLite file."""
        return self._sqlite is None

    @property
    def read_only(self) -> bool:
        """Whether every change is refused (a reader on a server, a file that cannot be written)."""
        return bool(getattr(self.gateway, "read_only", False))

    @property
    def read_only_why(self) -> tuple[str, str]:
        """Why changes are refused, and what to do: each to follow "Read only: "."""
        return self.gateway.read_only_reason, self.gateway.read_only_advice

    def close(self) -> None:
        self.gateway.close()

    def data_version(self) -> int:
        """A number that changes when another connection (app, process) has committed a
        change since it was last read; not by this store's own (cheap to poll)."""
        return self.gateway.data_version()

    # -- meetings (see MeetingRepository, SeriesRepository, LayoutRepository)

    def create_meeting(self, *, layout: tuple[Section, ...] | None = None, **fields: object) -> Meeting:
        return self.meetings.create_meeting(layout, fields)

    def add_meeting(self, meeting: Meeting) -> Meeting:
        return self.meetings.add_meeting(meeting)

    def matching_meetings(self, meeting: Meeting) -> list[MeetingSummary]:
        """Saved meetings with the same series, date and title as ``meeting``."""
        return self.meetings.matching_meetings(meeting)

    def get_header(self, meeting_id: int, *, include_deleted: bool = False) -> Meeting:
        return self.meetings.get_header(meeting_id, include_deleted=include_deleted)

    def get_meeting(self, meeting_id: int, *, include_deleted: bool = False) -> Meeting:
        return self.meetings.get_meeting(meeting_id, include_deleted=include_deleted)

    def list_meetings(self, limit: int | None = None, offset: int = 0) -> list[MeetingSummary]:
        return self.meetings.list_meetings(limit, offset)

    def listing_utf8(self) -> bytes:
        return listing_utf8(self.meetings)

    def list_meetings_before(
        self, date: dt.date | None, meeting_id: int, limit: int = 50
    ) -> list[MeetingSummary]:
        return self.meetings.list_meetings_before(date, meeting_id, limit)

    def count_meetings(self) -> int:
        return self.meetings.count_meetings()

    def update_meeting(
        self, meeting_id: int, *, expected_version: int | None = None, **fields: object
    ) -> Meeting:
        return self.meetings.update_meeting(meeting_id, fields, expected_version)

    def delete_meeting(self, meeting_id: int) -> None:
        self.meetings.delete_meeting(meeting_id)

    def restore_meeting(self, meeting_id: int) -> Meeting:
        return self.meetings.restore_meeting(meeting_id)

    def purge_meeting(self, meeting_id: int) -> None:
        self.meetings.purge_meeting(meeting_id)

    def deleted_meetings(self) -> list[MeetingSummary]:
        return self.meetings.deleted_meetings()

    def series_names(self, *, planned: bool = False) -> list[str]:
        return self.meetings.series_names(planned=planned)

    def latest_in_series(self, series: str) -> Meeting | None:
        return self.meetings.latest_in_series(series)

    def known_people(self) -> list[tuple[str, str]]:
        return self.meetings.known_people()

    def known_emails(self) -> dict[tuple[str, str], str]:
        return self.meetings.known_emails()

    def approve_meeting(self, meeting_id: int) -> Meeting:
        return self.series.approve_meeting(meeting_id)

    def reopen_meeting(self, meeting_id: int, reason: str) -> Meeting:
        return self.series.reopen_meeting(meeting_id, reason)

    def meeting_history(self, meeting_id: int) -> list[MeetingEvent]:
        return self.history.meeting_history(meeting_id)

    def start_next_meeting(self, series: str, **fields: object) -> Meeting:
        return self.series.start_next_meeting(series, fields)

    def set_layout(self, meeting_id: int, layout: Iterable[str | Section]) -> Meeting:
        return self.layouts.set_layout(meeting_id, layout)

    def set_series_layout(self, series: str, layout: Iterable[str | Section]) -> tuple[Section, ...]:
        return self.layouts.set_series_layout(series, layout)

    def series_layout(self, series: str) -> tuple[Section, ...]:
        return self.layouts.series_layout(series)

    # -- attendees (see ItemRepository)

    def add_attendee(self, meeting_id: int, attendee: Attendee, index: int | None = None) -> Attendee:
        return self.items.add_attendee(meeting_id, attendee, index)

    def get_attendee(self, attendee_id: int) -> Attendee:
        return self.items.attendees.get(attendee_id)

    def update_attendee(
        self, attendee_id: int, *, expected_version: int | None = None, **fields: object
    ) -> Attendee:
        return self.items.update_attendee(attendee_id, fields, expected_version)

    def delete_attendee(self, attendee_id: int) -> None:
        self.items.attendees.delete(attendee_id)

    def move_attendee(self, attendee_id: int, index: int) -> None:
        self.items.attendees.move(attendee_id, index)

    # -- bulleted sections

    def add_bullet(self, meeting_id: int, section: str, text: str, index: int | None = None) -> Bullet:
        return self.items.add_bullet(meeting_id, section, text, index)

    def get_bullet(self, bullet_id: int) -> Bullet:
        return self.items.bullets.get(bullet_id)

    def update_bullet(self, bullet_id: int, text: str, *, expected_version: int | None = None) -> Bullet:
        return self.items.bullets.update(bullet_id, {"text": text}, expected_version)

    def delete_bullet(self, bullet_id: int) -> None:
        self.items.bullets.delete(bullet_id)

    def move_bullet(self, bullet_id: int, index: int) -> None:
        self.items.bullets.move(bullet_id, index)

    # -- round robin

    def add_turn(
        self, meeting_id: int, speaker: str, index: int | None = None, points: Sequence[str] = ()
    ) -> Turn:
        return self.items.add_turn(meeting_id, speaker, index, points)

    def get_turn(self, turn_id: int) -> Turn:
        return self.items.get_turn(turn_id)

    def update_turn(self, turn_id: int, speaker: str, *, expected_version: int | None = None) -> Turn:
        self.items.turns.update(turn_id, {"speaker": speaker}, expected_version)
        return self.items.get_turn(turn_id)

    def delete_turn(self, turn_id: int) -> None:
        self.items.turns.delete(turn_id)

    def move_turn(self, turn_id: int, index: int) -> None:
        self.items.turns.move(turn_id, index)

    def add_point(self, turn_id: int, text: str, index: int | None = None) -> Point:
        return self.items.add_point(turn_id, text, index)

    def get_point(self, point_id: int) -> Point:
        return self.items.points.get(point_id)

    def update_point(self, point_id: int, text: str, *, expected_version: int | None = None) -> Point:
        return self.items.points.update(point_id, {"text": text}, expected_version)

    def delete_point(self, point_id: int) -> None:
        self.items.points.delete(point_id)

    def move_point(self, point_id: int, index: int) -> None:
        self.items.points.move(point_id, index)

    def mark_turn(self, turn_id: int, phrase: str) -> Turn:
        return self.capture.mark_turn(turn_id, phrase)

    # -- actions, matters arising and the action log

    def add_action(self, meeting_id: int, action: Action, index: int | None = None) -> Action:
        return self.items.add_action(meeting_id, action, index)

    def get_action(self, action_id: int) -> Action:
        return self.items.actions.get(action_id)

    def update_action(
        self, action_id: int, *, expected_version: int | None = None, **fields: object
    ) -> Action:
        return self.items.update_action(action_id, fields, expected_version)

    def delete_action(self, action_id: int) -> None:
        self.items.actions.delete(action_id)

    def move_action(self, action_id: int, index: int) -> None:
        self.items.actions.move(action_id, index)

    def action_history(self, action_id: int) -> list[ActionEvent]:
        return self.history.action_history(action_id)

    def carried_actions(self, meeting_id: int) -> list[CarriedAction]:
        return self.carried.carried_actions(meeting_id)

    def update_carried(
        self,
        carried_id: int,
        *,
        note: str | None = None,
        status: str | None = None,
        expected_version: int | None = None,
    ) -> CarriedAction:
        return self.carried.update_carried(
            carried_id, note=note, status=status, expected_version=expected_version
        )

    def list_actions(
        self,
        *,
        series: str | None = None,
        owner: str | None = None,
        still_to_do: bool = False,
        overdue: bool = False,
        today: dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
        latest_first: bool = False,
    ) -> list[ActionRow]:
        return self.action_log.list_actions(
            series=series,
            owner=owner,
            still_to_do=still_to_do,
            overdue=overdue,
            today=today,
            limit=limit,
            offset=offset,
            latest_first=latest_first,
        )

    def count_actions(
        self,
        *,
        series: str | None = None,
        owner: str | None = None,
        still_to_do: bool = False,
        overdue: bool = False,
        today: dt.date | None = None,
    ) -> tuple[int, int]:
        return self.action_log.count_actions(
            series=series, owner=owner, still_to_do=still_to_do, overdue=overdue, today=today
        )

    def set_action_status(self, action_id: int, status: str, note: str = "") -> Action:
        return self.action_log.set_action_status(action_id, status, note)

    # -- declarations of interest, stock phrases (see CaptureRepository), speaker links

    def declarations(self, meeting_id: int) -> list[Declaration]:
        return self.items.declarations.items((meeting_id,))

    def add_declaration(
        self, meeting_id: int, attendee_id: int, item: str, text: str, index: int | None = None
    ) -> Declaration:
        return self.capture.add_declaration(meeting_id, attendee_id, item, text, index)

    def get_declaration(self, declaration_id: int) -> Declaration:
        return self.items.declarations.get(declaration_id)

    def update_declaration(
        self, declaration_id: int, *, expected_version: int | None = None, **fields: object
    ) -> Declaration:
        return self.capture.update_declaration(declaration_id, fields, expected_version)

    def delete_declaration(self, declaration_id: int) -> None:
        self.items.declarations.delete(declaration_id)

    def move_declaration(self, declaration_id: int, index: int) -> None:
        self.items.declarations.move(declaration_id, index)

    def stock_phrases(self, series: str) -> list[str]:
        return self.capture.stock_phrases(series)

    def set_stock_phrases(self, series: str, phrases: list[str]) -> list[str]:
        return self.capture.set_stock_phrases(series, phrases)

    def speaker_aliases(self, series: str) -> dict[str, str]:
        return self.speakers.speaker_aliases(series)

    def link_speaker(self, series: str, speaker: str, organisation: str) -> dict[str, str]:
        return self.speakers.link_speaker(series, speaker, organisation)

    def unlink_speaker(self, series: str, speaker: str) -> dict[str, str]:
        return self.speakers.unlink_speaker(series, speaker)

    # -- filing (see FilingRepository)

    def file_as_action(
        self,
        meeting_id: int,
        text: str,
        owner: str = "",
        due: dt.date | None = None,
        source: tuple[str, int] | None = None,
    ) -> Filed:
        return self.filing.file_as_action(meeting_id, text, owner, due, source)

    def file_as_decision(
        self, meeting_id: int, text: str, source: tuple[str, int] | None = None, *, section: str = "agreed"
    ) -> Filed:
        return self.filing.file_as_decision(meeting_id, text, source, section=section)

    def file_point(self, meeting_id: int, filing: Filing, source: tuple[str, int] | None = None) -> Filed:
        return self.filing.file_point(meeting_id, filing, source)

    def undo_filing(self, filed: Filed) -> Point | Bullet | None:
        return self.filing.undo_filing(filed)
