"""The README's "Using the app", held to its word: lists, mouse, palette, resize, quitting.

Each test opens the meeting from the home list as a user does (Enter) and checks the
result in the store.
"""

from __future__ import annotations

import datetime as dt

from support.tui import screen_text, type_text

from minutes_tui.model import Action, Attendee, Meeting, Point, Turn
from minutes_tui.tui.app import make_app


def workshop(store) -> int:
    """A workshop with three of everything; its id."""
    meeting = Meeting(
        series="Skills Alliance",
        title="Workshop",
        date=dt.date(2025, 3, 14),
        attendees=[Attendee("Priya", "Cogent SSC"), Attendee("Tom", "LSC"), Attendee("Aisha", "JCP")],
        round_robin=[
            Turn("Cogent SSC", [Point("first"), Point("second"), Point("third")]),
            Turn("LSC", [Point("budget")]),
        ],
        actions=[
            Action("Draft the offer", "Priya", dt.date(2025, 4, 30)),
            Action("Book a room", "Tom"),
            Action("Share the list", "Aisha"),
        ],
    )
    return store.add_meeting(meeting).id


async def open_first_meeting(pilot) -> None:
    await pilot.press("enter")
    await pilot.pause()


def attendees(store, meeting_id) -> list[str]:
    return [f"{a.name}/{a.organisation}" for a in store.get_meeting(meeting_id).attendees]


def actions(store, meeting_id) -> list[str]:
    return [a.text for a in store.get_meeting(meeting_id).actions]


def turns(store, meeting_id) -> list[tuple[str, list[str]]]:
    return [(t.speaker, [p.text for p in t.points]) for t in store.get_meeting(meeting_id).round_robin]


async def confirm(pilot) -> None:
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()


async def test_attendees_list_edit_move_delete(store):
    meeting_id = workshop(store)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await open_first_meeting(pilot)
        await pilot.press("f3", "up")  # into the list, on the last attendee (Aisha)
        await pilot.press("shift+up")  # Aisha above Tom
        await pilot.pause()
        assert attendees(store, meeting_id) == ["Priya/Cogent SSC", "Aisha/JCP", "Tom/LSC"]
        await pilot.press("shift+down")  # and back
        await pilot.pause()
        assert attendees(store, meeting_id) == ["Priya/Cogent SSC", "Tom/LSC", "Aisha/JCP"]
        await pilot.press("up", "enter", "ctrl+u")  # edit Tom: retype him
        await type_text(pilot, "Tom Hughes (LSC)")
        await pilot.press("enter")
        await pilot.pause()
        assert attendees(store, meeting_id) == ["Priya/Cogent SSC", "Tom Hughes/LSC", "Aisha/JCP"]
        await pilot.press("up", "up", "delete")  # Priya, deleted (asks first)
        await confirm(pilot)
        assert attendees(store, meeting_id) == ["Tom Hughes/LSC", "Aisha/JCP"]


async def test_actions_list_edit_move_delete(store):
    meeting_id = workshop(store)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await open_first_meeting(pilot)
        await pilot.press("f9", "up")  # on the last action
        await pilot.press("shift+up")
        await pilot.pause()
        assert actions(store, meeting_id) == ["Draft the offer", "Share the list", "Book a room"]
        await pilot.press("up", "enter", "end")  # edit "Draft the offer"
        await type_text(pilot, " for 2025")
        await pilot.press("enter")
        await pilot.pause()
        assert actions(store, meeting_id)[0] == "Draft the offer for 2025"
        await pilot.press("escape")  # stop editing (Enter went on to the owner)
        await pilot.press("f9", "up")  # from the field into the list, on the action just edited
        await pilot.press("down", "down", "delete")  # the last one: "Book a room"
        await confirm(pilot)
        assert actions(store, meeting_id) == ["Draft the offer for 2025", "Share the list"]


async def test_round_robin_list_edit_move_delete(store):
    meeting_id = workshop(store)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await open_first_meeting(pilot)
        await pilot.press("f7", "up")  # the last row: LSC's point "budget"
        await pilot.press("up")  # Cogent SSC's "third"
        await pilot.press("shift+up")  # "third" above "second"
        await pilot.pause()
        assert turns(store, meeting_id)[0] == ("Cogent SSC", ["first", "third", "second"])
        await pilot.press("enter", "end")
        await type_text(pilot, " (amended)")
        await pilot.press("enter")
        await pilot.pause()
        assert turns(store, meeting_id)[0] == ("Cogent SSC", ["first", "third (amended)", "second"])
        await pilot.press("up", "delete")  # back on "third (amended)"... delete it
        await confirm(pilot)
        assert turns(store, meeting_id) == [("Cogent SSC", ["first", "second"]), ("LSC", ["budget"])]


def comments(store, meeting_id) -> list[str]:
    return [b.text for b in store.get_meeting(meeting_id).sections["comments"]]


def place_of(app, text: str) -> tuple[int, int]:
    """Where ``text`` is on the screen (column, line), as a user would find it by eye."""
    for y, line in enumerate(screen_text(app).splitlines()):
        if text in line:
            return line.index(text), y
    raise AssertionError(f"{text!r} is not on the screen:\n{screen_text(app)}")


async def test_the_mouse_picks_a_section_and_edits_a_row(store):
    """README: the mouse works too (click a section, a row)."""
    meeting_id = workshop(store)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await open_first_meeting(pilot)
        await pilot.click(offset=place_of(pilot.app, "F10 Comments"))  # the section list on the left
        await pilot.pause()
        await type_text(pilot, "Reached by the mouse")
        await pilot.press("enter")
        await pilot.pause()
        assert comments(store, meeting_id) == ["Reached by the mouse"]
        await pilot.click(offset=place_of(pilot.app, "F3  Attendees"))  # (the meeting opens on them)
        await pilot.pause()
        tom = place_of(pilot.app, "Tom (LSC)")
        await pilot.click(offset=tom)  # the row: highlighted
        await pilot.click(offset=tom)  # again: edit it
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, "Tom Hughes (LSC)")
        await pilot.press("enter")
        await pilot.pause()
        assert attendees(store, meeting_id) == ["Priya/Cogent SSC", "Tom Hughes/LSC", "Aisha/JCP"]


async def test_the_command_palette_opens_by_its_key_and_goes_to_a_section(store):
    meeting_id = workshop(store)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await open_first_meeting(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "General comments")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "Reached from the palette")
        await pilot.press("enter")
        await pilot.pause()
        assert comments(store, meeting_id) == ["Reached from the palette"]


async def test_a_terminal_resize_keeps_every_section_in_reach(store):
    """README: the app fits 80×24 and uses the room of a larger terminal."""
    meeting_id = workshop(store)
    async with make_app(store).run_test(size=(120, 36)) as pilot:
        await open_first_meeting(pilot)
        await pilot.press("f10")
        await type_text(pilot, "typed before the resize")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        shown = screen_text(pilot.app)
        assert len(shown.splitlines()) == 24 and "F11 Next steps" in shown
        assert "typed before the resize" in shown
        await type_text(pilot, " and after")
        await pilot.press("enter")
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert "typed before the resize and after" in screen_text(pilot.app)
        assert comments(store, meeting_id) == ["typed before the resize and after"]


async def test_ctrl_q_saves_pending_text(store):
    """README: quitting loses nothing; the half-typed point is saved before the app exits."""
    meeting_id = workshop(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_meeting(pilot)
        await pilot.press("f10")
        await type_text(pilot, "typed just before quitting")
        await pilot.press("ctrl+q")  # at once, well inside the one-second debounce
        await pilot.pause()
    assert app.return_code == 0
    assert comments(store, meeting_id) == ["typed just before quitting"]
