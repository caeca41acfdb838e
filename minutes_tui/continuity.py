"""What carries from one meeting of a series to the next: the recorded date, the header, progress.

Pure Python on the domain model: no store, no Textual.
"""

from __future__ import annotations

import datetime as dt

from .model import ActionEvent, CarriedAction, Meeting


def recorded_next_date(meeting: Meeting | None) -> dt.date | None:
    """The "date of next meeting" recorded at ``meeting``, if it is a date after the meeting's own."""
    if meeting is None or meeting.next_meeting is None:
        return None
    if meeting.date is not None and meeting.next_meeting <= meeting.date:
        return None
    return meeting.next_meeting


#: What the next meeting of a series takes from the last one unless told otherwise.
CARRIED_FIELDS = ("time", "place", "chair")


def earlier_progress(carried: CarriedAction, meeting: Meeting) -> list[ActionEvent]:
    """Progress noted on a matter arising at meetings before ``meeting``, oldest first."""
    return [
        event
        for event in carried.action.history
        if event.note.strip()
        and event.event != "raised"
        and event.meeting_id is not None
        and event.meeting_id != meeting.id
        and (meeting.date is None or event.meeting_date is None or event.meeting_date <= meeting.date)
    ]
