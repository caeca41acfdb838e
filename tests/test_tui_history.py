"""The approve/reopen history (when and why) in a meeting's Details panel."""

from __future__ import annotations

import datetime as dt

import pytest
from support.tui import open_meeting, screen_text, type_text

from minutes_tui.tui.app import make_app


def local(when: dt.datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone().strftime("%d/%m/%Y %H:%M")


def history_line(app) -> str:
    return " ".join(str(app.screen.query_one("#details-history").render()).split())


@pytest.fixture(autouse=True)
def login(monkeypatch):
    """Approvals are recorded under the user's login name."""
    monkeypatch.setenv("LOGNAME", "jhunt")


async def test_details_show_the_history_recorded_before_opening(store):
    meeting = store.create_meeting(title="Board", date=dt.date(2025, 3, 14))
    store.approve_meeting(meeting.id)
    store.reopen_meeting(meeting.id, "Wrong [bold]date[/]")
    approved, reopened = store.meeting_history(meeting.id)
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_meeting(app, pilot, meeting.id, "details")
        text = screen_text(app)
        assert f"Approved {local(approved.at)} by jhunt" in text
        assert f"reopened {local(reopened.at)} by jhunt (Wrong [bold]date[/])" in text


async def test_details_history_follows_approve_and_reopen_in_the_app(store):
    meeting = store.create_meeting(title="Board", date=dt.date(2025, 3, 14))
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_meeting(app, pilot, meeting.id, "details")
        assert "Never approved" in history_line(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        (approved,) = store.meeting_history(meeting.id)
        assert history_line(app) == f"Approved {local(approved.at)} by jhunt"
        await pilot.press("ctrl+t")
        await pilot.pause()
        await type_text(pilot, "Typo in title")
        await pilot.press("enter")
        await pilot.pause()
        _, reopened = store.meeting_history(meeting.id)
        assert (
            history_line(app)
            == f"Approved {local(approved.at)} by jhunt; reopened {local(reopened.at)} by jhunt (Typo in title)"
        )
