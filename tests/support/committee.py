"""A committee meeting in the shape of the design notes' example (docs/DESIGN: Skills and Employment Board)."""

from __future__ import annotations

import datetime as dt

from minutes_tui.agenda import AgendaItem, CommitteeRules, Resolution
from minutes_tui.model import BOARD_LAYOUT, Action, Attendee, Meeting, Point

SECRET = "The offer from Crawley Holdings is 2.4m"
REASON = "Exempt \u2013 Part II, paragraph 3: commercially sensitive"


def board_meeting(*, status: str = "draft") -> Meeting:
    """The Skills and Employment Board of 14 July 2025: four items, one exempt, running minute numbers."""
    meeting = Meeting(
        series="Skills and Employment Board",
        title="Skills and Employment Board",
        date=dt.date(2025, 7, 14),
        time="10:00",
        place="Runcorn Town Hall",
        chair="Councillor Nolan",
        minute_taker="J. Hunt",
        status=status,
        layout=BOARD_LAYOUT,
        closed="11:45",
        rules=CommitteeRules(numbering="running", quorum=4, actions_table=False, first_minute=37),
    )
    meeting.attendees = [
        Attendee("Councillor Nolan", role="Chair", voting=True),
        Attendee("Councillor Dennett", voting=True, left="11:20"),
        Attendee("Councillor Okafor", voting=True),
        Attendee("Ms R. Patel", "LSC", voting=True, arrived="10:25"),
        Attendee("Councillor Ellis", attendance="apologies", voting=True),
        Attendee("A. Plant", role="Head of Skills", attendance="in_attendance"),
    ]
    meeting.agenda = [
        AgendaItem("1", "Declarations of interest", minute="25/37", points=[Point("None declared.")]),
        AgendaItem(
            "2",
            "Minutes of the meeting held on 12 June 2025",
            minute="25/38",
            resolutions=[Resolution("approved", "That the minutes be approved as a correct record.")],
        ),
        AgendaItem(
            "8",
            "Regional Skills Alliance: progress report",
            minute="25/39",
            paper="SEB/25/07",
            presenter="A. Plant",
            purpose="decision",
            recommendations=["That the Board NOTES the proposals and timescale."],
            points=[Point("Members asked whether the six local alliances would share one employer offer.")],
            resolutions=[
                Resolution("noted", "That the Board notes the proposals and timescale.", 6, 0, 1),
                Resolution("deferred", "That a decision on funding be deferred to September."),
            ],
        ),
        AgendaItem(
            "9",
            "Sale of the Crawley site",
            minute="25/40",
            paper="SEB/25/09",
            presenter="A. Plant",
            purpose="decision",
            summary=SECRET,
            exempt=REASON,
            points=[Point(SECRET)],
            resolutions=[
                Resolution("approved", "That the offer be accepted.", 5, 1, 0, recorded=["Nolan", "Okafor"])
            ],
        ),
    ]
    meeting.actions = [
        Action("Circulate the alliance timetable", "A. Plant", dt.date(2025, 8, 1), item_index=2),
        Action("Instruct agents on the Crawley sale", "A. Plant", item_index=3),
    ]
    return meeting
