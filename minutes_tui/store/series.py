"""Meetings as a series: approval and reopening, and starting the next meeting."""

from __future__ import annotations

from ..continuity import CARRIED_FIELDS, recorded_next_date
from ..model import Attendee, Meeting
from .carried import CarriedRepository
from .errors import StoreError
from .gateway import Gateway
from .history import HistoryRepository
from .items import ItemRepository
from .meetings import MeetingRepository
from .rows import attendee_values


class SeriesRepository:
    """Approval (a record locked against edits until reopened) and the next meeting of a series."""

    def __init__(
        self,
        db: Gateway,
        meetings: MeetingRepository,
        items: ItemRepository,
        carried: CarriedRepository,
        history: HistoryRepository,
    ) -> None:
        self.db = db
        self.meetings = meetings
        self.items = items
        self.carried = carried
        self.history = history

    def approve_meeting(self, meeting_id: int) -> Meeting:
        """Mark the minutes approved: the record, locked against edits until reopened."""
        return self.meetings.update_meeting(meeting_id, {"status": "approved"})

    def reopen_meeting(self, meeting_id: int, reason: str) -> Meeting:
        """Reopen approved minutes for a correction; the reason is recorded."""
        reason = reason.strip()
        if not reason:
            raise StoreError("Say why the approved minutes are being reopened; the reason is recorded")
        if self.meetings.get_header(meeting_id).status != "approved":
            raise StoreError("These minutes are not approved, so there is nothing to reopen")
        with self.db.write(meeting_id, content=False):
            self.db.set_fields("meetings", meeting_id, {"status": "draft"})
            self.history.record_meeting(meeting_id, "reopened", reason)
            self.meetings.record.clear(meeting_id)
        return self.meetings.get_header(meeting_id)

    def start_next_meeting(self, series: str, fields: dict[str, object]) -> Meeting:
        """A new meeting of ``series``: its last attendee list (members reset to present,
        those in attendance kept so) and every action still to do brought forward as matters arising.

        ``fields`` not given (or empty) come from the last meeting: its time, place and chair,
        and as the date the "date of next meeting" it recorded.
        """
        previous = self.meetings.latest_in_series(series)
        carried: dict[str, object] = {}
        if previous is not None:
            carried = {name: getattr(previous, name) for name in CARRIED_FIELDS}
            carried["date"] = recorded_next_date(previous)
        given = {name: value for name, value in fields.items() if value is not None and value != ""}
        meeting = self.meetings.create_meeting(None, {"series": series, **carried, **given})
        assert meeting.id is not None
        with self.db.write(meeting.id):
            self.items.attendees.append_all(
                (meeting.id,),
                [
                    attendee_values(
                        Attendee(
                            a.name,
                            a.organisation,
                            a.role,
                            "in_attendance" if a.attendance == "in_attendance" else "present",
                            email=a.email,
                            voting=a.voting,
                        )
                    )
                    for a in (previous.attendees if previous else [])
                ],
            )
            self.carried.carry_forward(meeting.id, series)
        return self.meetings.get_meeting(meeting.id)
