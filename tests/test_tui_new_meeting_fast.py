"""The new-meeting dialog typed fast: Tab moves on before the next keys land."""

from __future__ import annotations

from support.tui import keys_for, send_keys, wait_until

from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.meeting import MeetingScreen


async def test_tab_typed_fast_puts_the_title_in_the_title_field(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        keys = keys_for("Skills Alliance") + [("tab", "\t")] + keys_for("Apprenticeships")
        keys += [("shift+tab", None)] + keys_for(" NW") + [("ctrl+s", None)]
        send_keys(app, keys)  # all at once, before the app has handled any
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen))
    [meeting] = store.list_meetings()
    assert (meeting.series, meeting.title) == ("Skills Alliance NW", "Apprenticeships")


async def test_a_series_set_up_before_its_first_meeting_is_suggested(store):
    from minutes_tui.model import BOARD_LAYOUT

    store.set_series_layout("Skills and Employment Board", BOARD_LAYOUT)
    store.create_meeting(series="Apprenticeships Workshop", title="March")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        send_keys(app, keys_for("Skills"))
        await pilot.pause(0.3)
        await pilot.press("right")  # accept the suggested series
        await pilot.press("tab")
        send_keys(app, keys_for("Board") + [("ctrl+s", None)])
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen))
        assert app.screen.session.meeting.has_section("agenda")  # the series' board layout
    series = sorted(m.series for m in store.list_meetings())
    assert series == ["Apprenticeships Workshop", "Skills and Employment Board"]
