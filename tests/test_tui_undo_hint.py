""" "Ctrl+Z undoes" under the sections shows only where Ctrl+Z would undo the filing."""

from __future__ import annotations

from support.tui import open_meeting, screen_text, type_text

from minutes_tui.tui.app import make_app


async def test_the_undo_hint_stays_with_the_section_the_point_was_filed_from(store):
    meeting = store.create_meeting(series="NW Chemicals", title="Workshop")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting.id, "overview")
        await type_text(pilot, "D: Providers share one contact list")
        await pilot.press("enter")
        await pilot.pause()
        assert "Filed in All agreed" in screen_text(app)
        assert "Ctrl+Z undoes" in screen_text(app)
        await pilot.press("f9")  # Actions: Ctrl+Z does nothing here
        await pilot.pause()
        assert "Filed in All agreed" in screen_text(app)
        assert "Ctrl+Z undoes" not in screen_text(app)
        await pilot.press("f4")  # back where it was typed: Ctrl+Z undoes again
        await pilot.pause()
        assert "Ctrl+Z undoes" in screen_text(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
    assert store.get_meeting(meeting.id).sections["agreed"] == []
