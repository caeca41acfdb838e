"""The meeting screen keeps one meeting: what a panel saves is what every other part sees."""

from __future__ import annotations

import pytest
from support.tui import row_texts, type_text, wait_until

from minutes_tui.model import Attendee
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.confirm import ConfirmScreen
from minutes_tui.tui.screens.layout import LayoutScreen
from minutes_tui.tui.screens.meeting import MeetingScreen

pytestmark = pytest.mark.both_backends


async def test_sections_dialog_counts_the_round_robin_points_just_typed(store):
    meeting = store.create_meeting(series="Skills", title="Workshop")
    store.add_attendee(meeting.id, Attendee("Priya", "Cogent"))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="round_robin"))
        await pilot.pause()
        await type_text(pilot, "Trial starts in May")
        await pilot.press("enter")
        await wait_until(pilot, lambda: store.get_meeting(meeting.id).round_robin)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: isinstance(app.screen, LayoutScreen))
        assert app.screen.counts["round_robin"] == 1
        # Removing it is refused: the turn and its point stay, and so does the section.
        dialog = app.screen
        options = dialog.query_one("#layout-sections")
        options.highlighted = [s.key for s in dialog.sections].index("round_robin")
        await pilot.press("d", "enter")
        await pilot.pause()
    saved = store.get_meeting(meeting.id)
    assert any(s.kind == "round_robin" for s in saved.layout)
    assert [p.text for t in saved.round_robin for p in t.points] == ["Trial starts in May"]


async def test_ctrl_z_undoes_a_filing_only_in_its_section_while_its_notice_shows(store):
    meeting = store.create_meeting(series="Skills", title="Workshop")
    store.add_attendee(meeting.id, Attendee("Priya", "Cogent"))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="round_robin"))
        await pilot.pause()
        await type_text(pilot, "A: draft the offer @priya")
        await pilot.press("enter")
        await wait_until(pilot, lambda: store.get_meeting(meeting.id).actions)
        # Elsewhere, after saving another point: Ctrl+Z does not reach back to that filing.
        await pilot.press("f8")
        await type_text(pilot, "Budget agreed")
        await pilot.press("enter")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [a.text for a in store.get_meeting(meeting.id).actions] == ["draft the offer"]
        # Back in its section, with the notice gone: still no undo.
        await pilot.press("f7")
        app.screen.hide_status()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [a.text for a in store.get_meeting(meeting.id).actions] == ["draft the offer"]


async def test_ctrl_z_while_the_notice_shows_puts_the_point_back(store):
    meeting = store.create_meeting(series="Skills", title="Workshop")
    store.add_attendee(meeting.id, Attendee("Priya", "Cogent"))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="round_robin"))
        await pilot.pause()
        await type_text(pilot, "A: draft the offer @priya")
        await pilot.press("enter")
        await wait_until(pilot, lambda: store.get_meeting(meeting.id).actions)
        await pilot.press("ctrl+z")
        await pilot.pause()
    saved = store.get_meeting(meeting.id)
    assert saved.actions == []
    assert [p.text for t in saved.round_robin for p in t.points] == ["A: draft the offer @priya"]


@pytest.mark.sqlite_only  # moving about the screen: no backend in it (CI time)
async def test_apologies_for_a_speaker_marked_present_asks_first(store):
    meeting = store.create_meeting(series="Skills", title="Workshop")
    store.add_attendee(meeting.id, Attendee("Priya", "Cogent"))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="round_robin"))
        await pilot.pause()
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await pilot.pause()
        assert store.get_meeting(meeting.id).round_robin == []
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: store.get_meeting(meeting.id).round_robin)
        await pilot.pause()
        assert "Apologies" in row_texts(app, "l-attendees")[0]
    saved = store.get_meeting(meeting.id)
    assert [(t.speaker, [p.text for p in t.points]) for t in saved.round_robin] == [
        ("Cogent", ["Apologies received"])
    ]
    assert saved.attendees[0].attendance == "apologies"


@pytest.mark.sqlite_only  # moving about the screen: no backend in it (CI time)
async def test_pgdn_and_pgup_wrap_round_the_speakers(store):
    meeting = store.create_meeting(series="Skills", title="Workshop")
    for org in ("Cogent", "JCP", "LSC"):
        store.add_attendee(meeting.id, Attendee("", org))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="round_robin"))
        await pilot.pause()
        rr = app.screen.panel("round_robin")
        await pilot.press("pageup")
        assert rr.queue.current == "LSC"
        await pilot.press("pagedown")
        assert rr.queue.current == "Cogent"


@pytest.mark.sqlite_only  # moving about the screen: no backend in it (CI time)
async def test_ctrl_k_jumps_to_a_speaker_by_the_start_of_its_name(store):
    meeting = store.create_meeting(series="Skills", title="Workshop")
    for org in ("Cogent", "JCP", "LSC", "South Ribble"):
        store.add_attendee(meeting.id, Attendee("", org))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await app.push_screen(MeetingScreen(meeting.id, section="round_robin"))
        await pilot.pause()
        screen = app.screen
        rr = screen.panel("round_robin")
        await type_text(pilot, "Trial in May")
        await pilot.press("ctrl+k")
        await wait_until(pilot, lambda: app.screen is not screen)
        await type_text(pilot, "sou")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen)
        assert rr.queue.current == "South Ribble"
        await type_text(pilot, "Bus route agreed")
        await pilot.press("enter")
        await pilot.pause()
    turns = [(t.speaker, [p.text for p in t.points]) for t in store.get_meeting(meeting.id).round_robin]
    assert turns == [("Cogent", ["Trial in May"]), ("South Ribble", ["Bus route agreed"])]


async def test_a_point_added_to_an_earlier_speakers_turn_shows_at_the_end_of_that_turn(store):
    """A new point of a turn of several points is put as one row, after that turn's last row
    (before the turns of later speakers), and the list reads as the database does."""
    meeting = store.create_meeting(series="Skills", title="Workshop")
    for org in ("Cogent", "JCP"):
        store.add_attendee(meeting.id, Attendee("", org))
    store.add_turn(meeting.id, "Cogent", points=["one", "two", "three"])
    store.add_turn(meeting.id, "JCP", points=["trial in May"])
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="round_robin"))
        await pilot.pause()
        rr = app.screen.panel("round_robin")
        while rr.queue.current != "Cogent":
            await pilot.press("pagedown")
        await type_text(pilot, "four")
        await pilot.press("enter")
        await type_text(pilot, "five")
        await pilot.press("enter")
        await pilot.pause()
        shown = row_texts(app, "l-round_robin")
    assert shown == [
        "Cogent –",
        *(f"    · {p}" for p in ("one", "two", "three", "four", "five")),
        "JCP – trial in May",
    ]
    turns = store.get_meeting(meeting.id).round_robin
    assert [(t.speaker, [p.text for p in t.points]) for t in turns] == [
        ("Cogent", ["one", "two", "three", "four", "five"]),
        ("JCP", ["trial in May"]),
    ]
