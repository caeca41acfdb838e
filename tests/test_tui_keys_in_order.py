"""A field's own keys (Backspace, ←, →) act in order with the keys typed around them."""

from __future__ import annotations

from support.tui import send_keys

from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.meeting import MeetingScreen


async def test_corrections_typed_fast_land_where_they_were_typed(store):
    meeting = store.create_meeting(series="Skills", title="Workshop")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="overview"))
        await pilot.pause()
        keys = [("a", "a"), ("b", "b"), ("c", "c"), ("backspace", None), ("d", "d")]
        keys += [("left", None), ("x", "x"), ("enter", None), ("e", "e")]
        send_keys(app, keys)  # all at once, before the app has handled any
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
    assert [b.text for b in store.get_meeting(meeting.id).sections["overview"]] == ["abxd", "e"]
