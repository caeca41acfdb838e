"""A series that runs itself (issue 13): what an officer meets over three meetings.

The next meeting's date is the one recorded, time, place and chair carry over, earlier
progress stays in sight, ``due:+1w`` counts from the meeting, owners match as people
write them, and overdue actions on hold are marked.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from support.cli import run

from minutes_tui.continuity import earlier_progress
from minutes_tui.model import Action, Attendee
from minutes_tui.session import MeetingSession
from minutes_tui.store import Store

pytestmark = pytest.mark.both_backends
SERIES = "Skills and Employment Board"
TODAY = dt.date(2025, 9, 1)


def first_meeting(store: Store):
    m = store.create_meeting(
        series=SERIES,
        title="Board",
        date=dt.date(2025, 7, 14),
        time="10:00",
        place="Committee Room 2",
        chair="Cllr Nolan",
        next_meeting=dt.date(2025, 9, 11),
    )
    store.add_attendee(m.id, Attendee("Priya", "Cogent SSC"))
    return m


# --- the next meeting ---------------------------------------------------------------------------


def test_next_meeting_takes_the_recorded_date_time_place_and_chair(store):
    first_meeting(store)
    second = store.start_next_meeting(SERIES, title="Board")
    assert (second.date, second.time, second.place, second.chair) == (
        dt.date(2025, 9, 11),
        "10:00",
        "Committee Room 2",
        "Cllr Nolan",
    )


def test_next_meeting_fields_given_win_over_those_carried(store):
    first_meeting(store)
    second = store.start_next_meeting(
        SERIES, title="Board", date=dt.date(2025, 9, 18), place="Runcorn College"
    )
    assert (second.date, second.time, second.place) == (dt.date(2025, 9, 18), "10:00", "Runcorn College")


def test_cli_next_defaults_to_the_recorded_date(backend):
    store = Store.open(os.environ["MINUTES_DB"])
    first_meeting(store)
    store.close()
    result = run("next", SERIES)
    assert result.exit_code == 0, result.output
    new_id = result.output.split()[0]
    data = json.loads(run("export", new_id, "--format", "json", "-o", "-").output)
    assert (data["date"], data["time"], data["place"], data["chair"]) == (
        "2025-09-11",
        "10:00",
        "Committee Room 2",
        "Cllr Nolan",
    )


def test_cli_next_without_a_recorded_date_is_today(backend):
    store = Store.open(os.environ["MINUTES_DB"])
    store.create_meeting(series=SERIES, title="Board", date=dt.date(2025, 7, 14))
    store.close()
    new_id = run("next", SERIES).output.split()[0]
    data = json.loads(run("export", new_id, "--format", "json", "-o", "-").output)
    assert data["date"] == dt.date.today().isoformat()


# --- matters arising keep earlier progress in sight ---------------------------------------------


def test_earlier_progress_notes_are_visible_at_the_third_meeting(store):
    first = first_meeting(store)
    store.add_action(first.id, Action("Draft the employer offer", "Priya", dt.date(2025, 8, 30)))
    second = store.start_next_meeting(SERIES, title="Board")
    store.update_carried(second.matters_arising[0].id, note="First draft circulated")
    store.update_meeting(second.id, next_meeting=dt.date(2025, 10, 9))
    third = store.start_next_meeting(SERIES, title="Board")
    carried = third.matters_arising[0]
    assert carried.note == ""  # nothing said yet at this meeting
    assert [(e.meeting_date, e.note) for e in earlier_progress(carried, third)] == [
        (dt.date(2025, 9, 11), "First draft circulated")
    ]
    # Looking back at the second meeting, the third meeting's notes are not "earlier".
    store.update_carried(carried.id, note="Agreed by providers")
    again = store.get_meeting(second.id).matters_arising[0]
    assert earlier_progress(again, store.get_meeting(second.id)) == []


# --- due dates count from the meeting ------------------------------------------------------------


def test_due_offsets_count_from_the_meeting_date_not_today(store):
    meeting = store.create_meeting(series=SERIES, title="Board", date=dt.date(2025, 7, 14))
    session = MeetingSession(store, meeting.id, today=lambda: TODAY)
    session.load()
    text = "A: Send the employer list @Priya due:+1w"
    bullet = session.add_bullet("agreed", text)
    session.file_point("agreed", ("bullets", bullet.id), text)
    actions = store.get_meeting(meeting.id).actions
    assert [a.due for a in actions] == [dt.date(2025, 7, 21)]


def test_due_offsets_without_a_meeting_date_count_from_today(store):
    meeting = store.create_meeting(series=SERIES, title="Board")
    session = MeetingSession(store, meeting.id, today=lambda: TODAY)
    session.load()
    bullet = session.add_bullet("agreed", "A: Send the employer list due:+1w")
    session.file_point("agreed", ("bullets", bullet.id), bullet.text)
    assert [a.due for a in store.get_meeting(meeting.id).actions] == [dt.date(2025, 9, 8)]


# --- owners as people write them -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "found"),
    [("zoe", ["Zoë Ní Bhriain"]), ("ZOË", ["Zoë Ní Bhriain"]), ("łukasz", ["Łukasz Nowak"]),
     ("lukasz", ["Łukasz Nowak"]), ("ni bhriain", ["Zoë Ní Bhriain"]), ("%", []), ("_", [])],
)  # fmt: skip
def test_owner_filter_folds_case_and_accents(store, typed, found):
    m = store.create_meeting(series=SERIES, title="Board", date=dt.date(2025, 7, 14))
    store.add_action(m.id, Action("Offer", "Zoë Ní Bhriain"))
    store.add_action(m.id, Action("Levy", "Łukasz Nowak"))
    store.add_action(m.id, Action("Room", "Tom"))
    assert [r.action.owner for r in store.list_actions(owner=typed)] == found
    assert store.count_actions(owner=typed)[0] == len(found)


def test_cli_actions_owner_zoe(backend):
    store = Store.open(os.environ["MINUTES_DB"])
    m = store.create_meeting(series=SERIES, title="Board", date=dt.date(2025, 7, 14))
    store.add_action(m.id, Action("Draft the offer", "Zoë"))
    store.close()
    assert "Draft the offer" in run("actions", "--owner", "zoe").output


# --- overdue actions on hold are marked ----------------------------------------------------------


def test_overdue_on_hold_is_marked_like_open(store):
    m = store.create_meeting(series=SERIES, title="Board", date=dt.date(2025, 7, 14))
    late_open = store.add_action(m.id, Action("Open and late", "Tom", dt.date(2025, 8, 1)))
    late_held = store.add_action(m.id, Action("Held and late", "Tom", dt.date(2025, 8, 1)))
    store.update_action(late_held.id, status="on_hold")
    done = store.add_action(m.id, Action("Done and late", "Tom", dt.date(2025, 8, 1)))
    store.update_action(done.id, status="done")
    rows = store.list_actions(today=TODAY)
    marked = {r.action.text for r in rows if r.is_overdue(TODAY)}
    assert marked == {"Open and late", "Held and late"}
    assert store.count_actions(today=TODAY)[1] == len(marked)
    assert late_open.id is not None


def test_cli_table_marks_overdue_on_hold(backend):
    from minutes_tui.export.action_log import actions_table

    store = Store.open(os.environ["MINUTES_DB"])
    m = store.create_meeting(series=SERIES, title="Board", date=dt.date(2025, 7, 14))
    held = store.add_action(m.id, Action("Held and late", "Tom", dt.date(2025, 8, 1)))
    store.update_action(held.id, status="on_hold")
    table = actions_table(store.list_actions(), TODAY)
    store.close()
    assert "!2025-08-01" in table
