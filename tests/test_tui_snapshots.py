"""Snapshots of every screen (pytest-textual-snapshot), at 80×24 and 120×36.

Built as the CLI builds the app (``make_app``) on a database in a temporary folder,
with fixed data and the clock stopped at 20 March 2025 10:30, and reached by the keys
a note-taker presses. After a deliberate change to a screen, rewrite the snapshots
with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and look at the SVGs in
``tests/__snapshots__/`` before committing.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from textual.widgets import Input

from minutes_tui.model import Action, Attendee, Meeting
from minutes_tui.store import Store
from minutes_tui.tui.app import make_app

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}
SERIES = "North West Chemicals Skills Alliance"
#: When the snapshots are taken (local time): after both meetings, before some actions are due.
NOW = dt.datetime(2025, 3, 20, 10, 30)
#: The workshop's sections and the key that reaches each (README "Using the app").
SECTIONS = {
    "details": "f2",
    "attendees": "f3",
    "overview": "f4",
    "purpose": "f5",
    "matters_arising": "f6",
    "round_robin": "f7",
    "agreed": "f8",
    "actions": "f9",
    "comments": "f10",
    "next_steps": "f11",
}


@pytest.fixture(autouse=True)
def stopped_clock():
    """Today is 20 March 2025 (overdue actions, default dates) and the clock stands still."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def archive(private_data):
    """Three meetings: an approved board meeting, last month's workshop and today's (open)."""
    store = Store.open("snapshots.db")  # in the test's own folder; the home title shows the path
    store.add_meeting(
        Meeting(
            series="Employment and Skills Board",
            title="Quarterly board",
            date=dt.date(2025, 1, 9),
            status="approved",
        )
    )
    store.add_meeting(
        Meeting(
            series=SERIES,
            title="Apprenticeships workshop",
            date=dt.date(2025, 2, 13),
            attendees=[Attendee("Priya", "Cogent SSC", "Chair"), Attendee("Tom", "LSC")],
            actions=[
                Action("Draft the employer offer", "Priya", dt.date(2025, 3, 7)),
                Action("Share the contact list", "Tom", dt.date(2025, 4, 30)),
                Action("Book the venue", "Aisha", None, "done"),
            ],
        )
    )
    meeting = store.start_next_meeting(SERIES, title="Work trials workshop", date=dt.date(2025, 3, 14))
    meeting_id = meeting.id
    store.update_meeting(meeting_id, time="10:00", place="Runcorn", chair="Priya", minute_taker="Tom")
    store.add_attendee(meeting_id, Attendee("Aisha", "JCP", attendance="apologies"))
    store.add_attendee(meeting_id, Attendee("Dave", "ChemiCol", attendance="in_attendance"))
    store.add_bullet(meeting_id, "overview", "Level 3 trial has 24 apprentices in year one")
    store.add_bullet(meeting_id, "purpose", "To agree the employer offer for 2025/26")
    turn = store.add_turn(meeting_id, "Cogent SSC")
    store.add_point(turn.id, "Sector Skills Agreement stage 4 is complete.")
    store.add_point(turn.id, "Employers want one contact, not five.")
    store.add_point(store.add_turn(meeting_id, "LSC").id, "Train to Gain budget is committed until August.")
    store.add_bullet(meeting_id, "agreed", "Providers share one employer contact list")
    store.add_action(meeting_id, Action("Write to the employers' forum", "Dave", dt.date(2025, 4, 11)))
    store.add_bullet(meeting_id, "comments", "Look at the Humber approach to work trials")
    store.add_bullet(meeting_id, "next_steps", "Next workshop to review the offer")
    store.update_meeting(meeting_id, next_meeting=dt.date(2025, 6, 12))
    yield store
    store.close()


def app_on(store):
    return make_app(store)


def keys(*pressed: str):
    """Press ``pressed`` as a user would, then stop the text cursors blinking so that the
    snapshot never catches one half-way (a ``run_before`` for ``snap_compare``)."""

    async def run_before(pilot) -> None:
        await pilot.press(*pressed)
        await pilot.pause()
        for screen in pilot.app.screen_stack:
            for field in screen.query(Input):
                field.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, archive, size):
    assert snap_compare(app_on(archive), run_before=keys(), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("section", SECTIONS)
def test_workshop_meeting(snap_compare, archive, section, size):
    """Today's workshop (the top of the list) opened with Enter, then the section's key."""
    assert snap_compare(
        app_on(archive), run_before=keys("enter", SECTIONS[section]), terminal_size=SIZES[size]
    )


@pytest.mark.parametrize("size", SIZES)
def test_action_log(snap_compare, archive, size):
    assert snap_compare(app_on(archive), run_before=keys("a"), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, archive, size):
    """F1 in a meeting: the keys of the meeting screen."""
    assert snap_compare(app_on(archive), run_before=keys("enter", "f1"), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_sections_dialog(snap_compare, archive, size):
    assert snap_compare(app_on(archive), run_before=keys("enter", "ctrl+g"), terminal_size=SIZES[size])
