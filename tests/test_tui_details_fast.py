"""Meeting details typed fast: ↑/↓ move between fields before the next keys land."""

from __future__ import annotations

from support.tui import keys_for, open_meeting, send_keys, wait_until

from minutes_tui.tui.app import make_app


async def test_down_typed_fast_moves_before_the_next_keys(store):
    meeting = store.create_meeting(series="Board", title="June")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting.id, "details")
        assert app.focused.id == "f-series"
        keys = [("down", None)] * 3 + keys_for("10:00") + [("down", None)] + keys_for("Runcorn")
        keys += [("up", None), ("up", None)] + keys_for("2025-07-14")
        send_keys(app, keys)  # all at once, before the app has handled any
        await wait_until(pilot, lambda: store.get_meeting(meeting.id).place == "Runcorn")
        await pilot.press("down")  # leaving the field saves it
        await wait_until(pilot, lambda: store.get_meeting(meeting.id).date is not None)
    saved = store.get_meeting(meeting.id)
    assert (saved.title, saved.time, saved.place) == ("June", "10:00", "Runcorn")
    assert str(saved.date) == "2025-07-14"
