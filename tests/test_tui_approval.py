"""Approving minutes in the app, reopening them with a reason, and what read-only means."""

from __future__ import annotations

import pytest
from support.tui import Notices, screen_text, type_text

from minutes_tui.tui.app import make_app
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
