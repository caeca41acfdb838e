"""Searching every meeting from the home screen as you type, and landing on the item."""

from __future__ import annotations

import datetime as dt

from support.tui import screen_text, type_text, wait_until
from textual.widgets import OptionList

from minutes_tui.model import Action
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.home import HomeScreen
from minutes_tui.tui.screens.meeting import MeetingScreen
from minutes_tui.tui.widgets.rows import RowList


def seed(store):
    a = store.create_meeting(series="Skills Alliance", title="March", date=dt.date(2025, 3, 14))
    b = store.create_meeting(series="Board", title="[b]May[/b]", date=dt.date(2025, 5, 1))
    for n in range(30):
        store.add_bullet(a.id, "agreed", f"Filler point {n}")
    store.add_bullet(a.id, "agreed", "Providers share one employer contact list")
    store.add_action(b.id, Action("Draft the [red]employer[/red] offer", "Priya"))
    store.add_turn(a.id, "JCP", points=["Need a single contact", "Growth areas: apprenticeships"])
    return a, b


async def test_search_as_you_type_highlights_and_opens_the_item(store):
    a, b = seed(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        assert app.focused.id == "search"
        await type_text(pilot, "employ")  # the last word is a prefix while typing
        hits = app.screen.query_one("#hits", OptionList)
        await wait_until(pilot, lambda: hits.option_count == 2)
        text = screen_text(app)
        assert "Board · [b]May[/b]" in text and "All agreed" in text and "Actions" in text
        # Matched words are styled from the hit's segments, not markup.
        labels = [hits.get_option_at_index(n).prompt for n in range(hits.option_count)]
        action_label = next(label for label in labels if "offer" in label.plain)
        assert "[red]employer[/red]" in action_label.plain
        styled = [
            action_label.plain[s.start : s.end] for s in action_label.spans if "reverse" in str(s.style)
        ]
        assert styled == ["employer"]
        # Open the "agreed" hit: the meeting opens there, with the point highlighted.
        index = next(n for n, label in enumerate(labels) if "All agreed" in label.plain)
        await pilot.press("down")
        assert app.focused.id == "hits"
        hits.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting_id == a.id and app.screen.section == "agreed"
        rows = app.screen.query_one("#l-agreed", RowList)
        assert app.focused is rows
        point = store.get_meeting(a.id).sections["agreed"][-1]
        assert rows.cursor_key == f"b{point.id}"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_round_robin_point_and_escape_clears(store):
    a, _ = seed(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "apprenticeships")
        await pilot.pause(0.3)
        assert "Round robin" in screen_text(app)
        await pilot.press("enter")  # Enter in the field opens the first hit
        await pilot.pause()
        assert app.screen.section == "round_robin"
        point = store.get_meeting(a.id).round_robin[0].points[1]
        assert app.screen.query_one("#l-round_robin", RowList).cursor_key == f"p{point.id}"
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("slash")
        await type_text(pilot, "zzzzunknown")
        await pilot.pause(0.3)
        assert "Nothing found." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#search").value == ""
        assert "March" in screen_text(app)  # the meeting list is back
        assert app.focused.id == "meetings"
