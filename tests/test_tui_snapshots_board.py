"""Snapshots of a board meeting (pytest-textual-snapshot), at 80×24 and 120×36: the agenda
items panel, the attendees with voting members and the quorum, and the resolution dialog.

Built as the CLI builds the app (``make_app``) on a database in a temporary folder, with the
clock stopped, and reached by the keys a note-taker presses. After a deliberate change, rewrite
them with ``pytest tests/test_tui_snapshots_board.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from support.committee import board_meeting
from textual.widgets import Input

from minutes_tui.store import Store
from minutes_tui.tui.app import make_app

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}
NOW = dt.datetime(2025, 7, 14, 11, 50)


@pytest.fixture(autouse=True)
def stopped_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def board(private_data):
    """The Skills and Employment Board of 14 July 2025 (four items, one exempt; quorum 4)."""
    store = Store.open("board.db")
    meeting = board_meeting()
    store.add_meeting(meeting)
    assert meeting.rules is not None
    store.set_committee_rules(meeting.series, meeting.rules)
    yield store
    store.close()


def keys(*pressed: str):
    """Press ``pressed``, then stop the text cursors blinking (a ``run_before`` for ``snap_compare``)."""

    async def run_before(pilot) -> None:
        await pilot.press(*pressed)
        await pilot.pause()
        for screen in pilot.app.screen_stack:
            for field in screen.query(Input):
                field.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_board_items(snap_compare, board, size):
    """F7 Items: minute numbers, the current item highlighted, resolutions with votes, the exempt item."""
    assert snap_compare(make_app(board), run_before=keys("enter", "f7"), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_board_attendees(snap_compare, board, size):
    """F3 Attendees: voting members marked; the top bar says whether the meeting is quorate."""
    assert snap_compare(make_app(board), run_before=keys("enter", "f3"), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_board_resolution_dialog(snap_compare, board, size):
    """Ctrl+N in the items: the outcome, then the text."""
    assert snap_compare(make_app(board), run_before=keys("enter", "f7", "ctrl+n"), terminal_size=SIZES[size])
