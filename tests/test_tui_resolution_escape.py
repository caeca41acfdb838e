"""The resolution dialog after Ctrl+Y says what Escape does: the resolution is already recorded."""

from __future__ import annotations

import datetime as dt

from support.tui import open_meeting, screen_text

from minutes_tui.agenda import AgendaItem
from minutes_tui.model import BOARD_LAYOUT
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.resolution import ResolutionScreen

TODAY = dt.date(2025, 7, 14)


async def test_escape_after_as_recommended_keeps_the_recorded_resolution(store):
    meeting = store.create_meeting(series="Board", title="Board", date=TODAY, layout=BOARD_LAYOUT)
    store.add_agenda_item(
        meeting.id, AgendaItem("8", "Skills alliance", recommendations=["That the Board NOTES it."])
    )
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting.id, "items", today=TODAY)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, ResolutionScreen)
        assert "Escape: keep it as recorded" in screen_text(app)
        assert "Escape: cancel" not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+n")  # a new resolution: Escape cancels it
        await pilot.pause()
        assert "Escape: cancel" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    [item] = store.agenda_items(meeting.id)
    assert [r.text for r in item.resolutions] == ["That the Board NOTES it."]
