"""User text is always shown literally: markup and escape sequences never change the display."""

from __future__ import annotations

from support.tui import screen_text, type_text

from minutes_tui.model import Action, Attendee
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.meeting import MeetingScreen

NASTY = ["[bold]bold?[/]", "[/]", "[link=https://x.example]click[/link]", "red\x1b[31mtext", "[b]"]


def _meeting(store):
    text = " ".join(NASTY)
    meeting = store.create_meeting(series="[link=x]Series[/]", title="[bold]Title[/]")
    store.add_attendee(meeting.id, Attendee("[b]Ann", "[/]Org\x1b[2J"))
    for section in ("overview", "purpose", "agreed", "comments", "next_steps"):
        store.add_bullet(meeting.id, section, text)
    store.add_turn(meeting.id, "[red]Speaker[/]", points=[text])
    store.add_turn(meeting.id, "[/]", points=["[bold]a[/]", "\x1b[0m b"])
    store.add_action(meeting.id, Action(text, "[i]owner"))
    return meeting


def _assert_literal(app, *expected: str) -> None:
    shown = screen_text(app)
    assert "\x1b" not in shown
    for text in expected:
        assert text.replace("\x1b", "\u241b") in shown, text


async def test_markup_and_escapes_show_literally_everywhere(store):
    _meeting(store)
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        _assert_literal(app, "[link=x]Series[/]", "[bold]Title[/]")
        await pilot.press("enter")  # open it
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        _assert_literal(app, "[link=x]Series[/]", "[bold]Title[/]")
        await pilot.press("f3")
        _assert_literal(app, "[b]Ann ([/]Org\x1b[2J)")
        for key in ("f4", "f5", "f8", "f10", "f11"):
            await pilot.press(key)
            _assert_literal(app, *NASTY[:3], "red\x1b[31mtext")
        await pilot.press("f7")
        _assert_literal(app, "[red]Speaker[/] – [bold]bold?[/]", "[/] –", "· [bold]a[/]", "· \x1b[0m b")
        await pilot.press("f9")
        _assert_literal(app, "[bold]bold?[/]", "— [i]owner")
        # Editing a point that holds an escape: the field shows it harmlessly too.
        await pilot.press("f4", "up", "enter")
        await pilot.pause()
        assert "\x1b" not in screen_text(app)


async def test_typed_markup_is_stored_and_shown_literally(store):
    meeting = store.create_meeting(title="Board")
    store.add_attendee(meeting.id, Attendee("", "JCP"))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="round_robin"))
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_text(pilot, "[bold]Area[/]")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "[link=x]typed[/] [/]")
        await pilot.press("enter")
        await pilot.press("f2")
        await type_text(pilot, "[red]")
        await pilot.press("enter")
        await pilot.pause()
        _assert_literal(app, "[red]")
        await pilot.press("f7")
        _assert_literal(app, "[bold]Area[/] – [link=x]typed[/] [/]")
    m = store.get_meeting(meeting.id)
    assert m.series == "[red]"
    assert [(t.speaker, [p.text for p in t.points]) for t in m.round_robin] == [
        ("[bold]Area[/]", ["[link=x]typed[/] [/]"])
    ]


async def test_pasted_lines_and_controls_are_kept_as_one_line(store):
    from textual import events

    meeting = store.create_meeting(title="Board")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="comments"))
        await pilot.pause()
        app.screen.focused.post_message(events.Paste("first line\nsecond\x1b[31m line\n"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert [b.text for b in store.get_meeting(meeting.id).sections["comments"]] == [
        "first line second[31m line"
    ]
