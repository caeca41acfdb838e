"""Section layouts in the app: the screen follows the meeting's layout; the layout can be changed."""

from __future__ import annotations

from support.tui import Notices, row_texts, screen_text, type_text

from minutes_tui.model import BOARD_LAYOUT, Section
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.layout import LayoutScreen
from minutes_tui.tui.screens.meeting import MeetingScreen


def nav(app) -> list[str]:
    options = app.screen.query_one("#nav")
    return [options.get_option_at_index(n).prompt.plain for n in range(options.option_count)]


#: A board layout as saved before agenda items (its "Items" a bulleted section).
BULLETED_BOARD = tuple(Section("items", "Items") if s.key == "items" else s for s in BOARD_LAYOUT)


async def test_board_meeting_shows_its_sections_with_f_keys(store):
    meeting = store.create_meeting(series="Board", title="May", layout=BULLETED_BOARD)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        assert nav(app) == [
            "F2  Details",
            "F3  Attendees",
            "F4  Declarations o…",
            "F5  Minutes of the…",
            "F6  Matters arising",
            "F7  Items",
            "F8  Actions",
            "F9  Any other busi…",
        ]
        await pilot.press("f4")
        assert "Declarations of interest" in screen_text(app)
        await type_text(pilot, "None declared")
        await pilot.press("enter")
        await pilot.press("f7")
        await type_text(pilot, "Budget 2025/26 agreed")
        await pilot.press("enter")
        await pilot.press("f8")
        assert app.focused.id == "e-action-text"
        # No Next steps section: the next meeting's date is with the details.
        await pilot.press("f2")
        assert app.screen.query("#f-next_meeting")
        await pilot.pause()
    m = store.get_meeting(meeting.id)
    assert m.sections["declarations"][0].text == "None declared"
    assert m.sections["items"][0].text == "Budget 2025/26 agreed"


async def test_custom_sections_beyond_f12_are_reached_from_the_list_and_palette(store):
    layout = [Section(f"part_{n}", f"Part {n} [b]x[/b]") for n in range(12)]
    meeting = store.create_meeting(title="Long", layout=layout)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        labels = nav(app)
        assert labels[10].startswith("F12 Part 8") and labels[11].startswith("    Part 9")
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        command = commands["Part 11 \\[b]x\\[/b]"]  # escaped: the palette reads markup
        command.callback()
        await pilot.pause()
        assert app.screen.section == "part_11"
        await type_text(pilot, "Last part")
        await pilot.press("enter")
        await pilot.pause()
        assert "Part 11 [b]x[/b]" in screen_text(app)  # headings are literal
    assert store.get_meeting(meeting.id).sections["part_11"][0].text == "Last part"


async def test_change_layout_add_move_remove_and_preset(store):
    meeting = store.create_meeting(title="Workshop")
    store.add_bullet(meeting.id, "overview", "Keep me")
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="overview"))
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, LayoutScreen)
        # The overview holds a point: it cannot be removed.
        await pilot.press("d")
        await pilot.pause()
        assert notices.said("holds 1 item")
        await pilot.press("down", "d")  # purpose is empty: removed
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Funding update")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("u", "u")  # added below the highlighted section; up above the overview
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert nav(app)[2:4] == ["F4  Funding update", "F5  Overview"]
        await pilot.press("f4")
        await type_text(pilot, "New money")
        await pilot.press("enter")
        await pilot.pause()
        # The board preset keeps the overview, which holds a point.
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("b", "enter")
        await pilot.pause()
    m = store.get_meeting(meeting.id)
    assert [s.key for s in m.layout][:6] == [
        "declarations",
        "last_minutes",
        "matters_arising",
        "items",
        "actions",
        "aob",
    ]
    assert "overview" in [s.key for s in m.layout]
    # The funding update holds a point: the preset kept it.
    assert m.sections["funding_update"][0].text == "New money"


async def test_a_refused_layout_is_a_notification(store, monkeypatch):
    from minutes_tui.store import StoreError

    meeting = store.create_meeting(title="Workshop")
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()

        def refuse(*args, **kwargs):
            raise StoreError("The database is busy in another program; nothing was changed, try again")

        monkeypatch.setattr(store, "set_layout", refuse)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("b", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert notices.said("busy")
        assert row_texts(app, "l-overview") == []


async def test_sections_saved_for_the_series_next_meetings(store):
    meeting = store.create_meeting(series="Skills Board", title="May")
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("b", "s")
        await pilot.pause()
        assert notices.said("Next meetings of Skills Board")
    assert store.get_header(meeting.id).layout == BOARD_LAYOUT
    assert store.series_layout("Skills Board") == BOARD_LAYOUT
    following = store.start_next_meeting("Skills Board", title="June")
    assert following.layout == BOARD_LAYOUT
