"""Approving minutes in the app (warned of items for decision with no resolution), reopening
them with a reason, and what read-only means."""

from __future__ import annotations

import pytest
from support.tui import Notices, open_meeting, screen_text, type_text
from textual.widgets import Static

from minutes_tui.agenda import AgendaItem, Resolution
from minutes_tui.model import BOARD_LAYOUT
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.confirm import ConfirmScreen
from minutes_tui.tui.screens.meeting import MeetingScreen

pytestmark = pytest.mark.both_backends

BANNER = "APPROVED – read-only (reopen to correct)"


async def test_approve_asks_then_locks_and_reopen_needs_a_reason(store):
    meeting = store.create_meeting(series="Board", title="March")
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="overview"))
        await pilot.pause()
        await type_text(pilot, "Typed just before approval")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "Approve these minutes?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert not store.get_header(meeting.id).approved
        await pilot.press("ctrl+t", "y")
        await pilot.pause()
        assert store.get_header(meeting.id).approved
        assert BANNER in screen_text(app)
        assert app.screen.query_one("#e-overview").disabled
        # Keys do not reach the disabled fields; list changes are refused with a notice.
        await type_text(pilot, "more")
        await pilot.press("up", "delete")
        await pilot.pause()
        assert notices.said("read-only")
        # Reopen: an empty reason is refused, then a reason is recorded.
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "Why are the approved minutes being reopened?" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "A reason is required" in screen_text(app)
        await type_text(pilot, "Correct a name")
        await pilot.press("enter")
        await pilot.pause()
        assert BANNER not in screen_text(app)
        assert not app.screen.query_one("#e-overview").disabled
    assert [b.text for b in store.get_meeting(meeting.id).sections["overview"]] == [
        "Typed just before approval"
    ]
    assert [(e.event, e.reason) for e in store.meeting_history(meeting.id)] == [
        ("approved", ""),
        ("reopened", "Correct a name"),
    ]


async def test_approved_meeting_opens_read_only(store):
    meeting = store.create_meeting(series="Board", title="March")
    store.add_bullet(meeting.id, "overview", "The record")
    store.approve_meeting(meeting.id)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "approved" in screen_text(app)  # the home list shows the status
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert BANNER in screen_text(app)
        assert app.screen.query_one("#f-series").disabled
        await pilot.press("f4")
        await type_text(pilot, "sneaky")
        await pilot.press("enter")
        await pilot.pause()
    assert [b.text for b in store.get_meeting(meeting.id).sections["overview"]] == ["The record"]


async def test_locked_while_typing_keeps_the_text_and_says_why(store):
    meeting = store.create_meeting(series="Board", title="March")
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="overview"))
        await pilot.pause()
        store.approve_meeting(meeting.id)  # e.g. by the CLI, in another window
        await type_text(pilot, "keep me")
        await pilot.press("enter")
        await pilot.pause()
        entry = app.screen.query_one("#e-overview")
        assert entry.value == "keep me"
        assert app.screen.query_one("#save-state").state == "failed"
        assert notices.said("approved")
        assert BANNER in screen_text(app)
    assert store.get_meeting(meeting.id).sections["overview"] == []


def undecided_board(store) -> tuple[int, int]:
    """A board meeting with two items for decision and no resolution (4 and 7), one for
    information, one resolved; the id of the meeting and of item 4."""
    meeting = store.create_meeting(series="Cabinet", title="June", layout=BOARD_LAYOUT)
    budget = store.add_agenda_item(meeting.id, AgendaItem("4", "Budget [bold]26/27\x1b", purpose="decision"))
    store.add_agenda_item(
        meeting.id, AgendaItem("5", "Report", purpose="information", recommendations=["Note"])
    )
    store.add_agenda_item(meeting.id, AgendaItem("7", "Grants", recommendations=["That grants be made"]))
    done = store.add_agenda_item(meeting.id, AgendaItem("8", "Fees", purpose="decision"))
    store.add_resolution(done.id, Resolution("deferred", "To July"))
    return meeting.id, budget.id


def question(app) -> str:
    return str(app.screen.query_one("#question", Static).visual)


async def test_approving_with_items_undecided_names_them_escape_n_and_enter_change_nothing(store):
    meeting_id, _ = undecided_board(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting_id, "overview")
        for key in ("escape", "n"):
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert question(app) == (
                "2 items for decision have no resolution: 4 Budget [bold]26/27\u241b, 7 Grants. Approve anyway?"
            )
            assert "[bold]26/27\u241b" in screen_text(app)  # the title as typed, markup and all
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen)
            assert store.get_header(meeting_id).status == "draft"
            assert BANNER not in screen_text(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("enter")  # No has the focus, as in every question: Enter alone is safe
        await pilot.pause()
        assert store.get_header(meeting_id).status == "draft"
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.get_header(meeting_id).status == "approved"
        assert BANNER in screen_text(app)
    assert [e.event for e in store.meeting_history(meeting_id)] == ["approved"]


async def test_once_resolved_elsewhere_approving_asks_as_before(store):
    meeting_id, budget = undecided_board(store)
    store.delete_agenda_item(store.agenda_items(meeting_id)[2].id)  # item 7: only item 4 is left
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting_id, "overview")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert (
            question(app)
            == "1 item for decision has no resolution: 4 Budget [bold]26/27\u241b. Approve anyway?"
        )
        await pilot.press("escape")
        store.add_resolution(budget, Resolution("approved", "That the budget be set"))  # in another window
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert question(app) == "Approve these minutes?"
        await pilot.press("y")
        await pilot.pause()
        assert store.get_header(meeting_id).status == "approved"
