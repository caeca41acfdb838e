"""The Actions section's Due field takes what ``due:`` takes in a point (fri, +2w, 30/04, eom)."""

from __future__ import annotations

import datetime as dt

from support.tui import screen_text, type_text

from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.meeting import MeetingScreen


async def test_due_field_counts_words_from_the_meetings_date(store):
    meeting = store.create_meeting(series="Skills", title="Workshop", date=dt.date(2025, 3, 14))  # a Friday
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="actions"))
        await pilot.pause()
        for what, due in [("Draft the offer", "fri"), ("Book a room", "+2w"), ("Send notes", "30/04")]:
            await type_text(pilot, what)
            await pilot.press("enter")
            await type_text(pilot, "Priya")
            await pilot.press("enter")
            await type_text(pilot, due)
            await pilot.press("enter")
            await pilot.pause()
        await type_text(pilot, "Call the college")
        await pilot.press("enter", "enter")
        await type_text(pilot, "next week")
        await pilot.press("enter")
        await pilot.pause()
        assert "'next week' is not a date" in screen_text(app)
        assert app.focused.id == "e-action-due"
    dues = {a.text: a.due for a in store.get_meeting(meeting.id).actions}
    assert dues["Draft the offer"] == dt.date(2025, 3, 21)
    assert dues["Book a room"] == dt.date(2025, 3, 28)
    assert dues["Send notes"] == dt.date(2025, 4, 30)
    assert dues["Call the college"] is None
