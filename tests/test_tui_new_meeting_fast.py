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
