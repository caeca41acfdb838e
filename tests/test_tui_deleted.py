"""Deleting on the home screen: the cursor stays put, the confirmation names the meeting,
and a deleted meeting comes back (u right after, or the Deleted meetings screen)."""

from __future__ import annotations

import datetime as dt

from support.tui import Notices, screen_text

from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.home import HomeScreen


def three(store):
    for day, title in ((3, "Third"), (2, "Second"), (1, "First")):
        store.create_meeting(series="Board", title=title, date=dt.date(2025, 3, day))


async def delete_highlighted(pilot) -> None:
    await pilot.press("d")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()


async def test_cursor_stays_in_place_and_a_second_delete_takes_the_next_row(store):
    three(store)
    app = make_app(store)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down")  # on "Second"
        await delete_highlighted(pilot)
        assert [m.title for m in store.list_meetings()] == ["Third", "First"]
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.selected_id() == store.list_meetings()[1].id  # "First" took its place
        await delete_highlighted(pilot)
        assert [m.title for m in store.list_meetings()] == ["Third"]


async def test_confirmation_names_the_meeting_literally(store):
    store.create_meeting(series="Board", title="[bold]Budget[/] review", date=dt.date(2025, 3, 14))
    app = make_app(store)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        text = screen_text(app)
        assert "14/03/2025" in text and "[bold]Budget[/] review" in text


async def test_u_right_after_undoes_the_delete(store):
    three(store)
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(100, 24), message_hook=notices) as pilot:
        await pilot.press("down")
        await delete_highlighted(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert [m.title for m in store.list_meetings()] == ["Third", "Second", "First"]
        assert app.screen.selected_id() == store.list_meetings()[1].id  # back on "Second"
        assert notices.said("delete undone")
        await pilot.press("u")  # nothing more to undo: nothing changes
        await pilot.pause()
        assert store.deleted_meetings() == []


async def test_deleted_meetings_screen_restores_and_purges(store):
    three(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await delete_highlighted(pilot)  # "Third"
        await delete_highlighted(pilot)  # "Second"
        await pilot.press("D")
        await pilot.pause()
        text = screen_text(app)
        assert "Deleted meetings" in text and "Third" in text and "Second" in text
        assert "First" not in text
        await pilot.press("enter")  # the most recently deleted: "Second"
        await pilot.pause()
        assert [m.title for m in store.deleted_meetings()] == ["Third"]
        assert "Second" not in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        assert "for good" in text and "02/03/2025" not in text and "03/03/2025" in text
        await pilot.press("y")
        await pilot.pause()
        assert store.deleted_meetings() == []
        assert "Nothing deleted" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [m.title for m in store.list_meetings()] == ["Second", "First"]
