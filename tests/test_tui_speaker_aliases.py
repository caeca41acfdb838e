"""Linking a round-robin speaker to an attendee's organisation, as a note-taker does it."""

from __future__ import annotations

from support.tui import send_keys, type_text, wait_until

from minutes_tui.model import Attendee
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.confirm import ConfirmScreen
from minutes_tui.tui.screens.meeting import MeetingScreen
from minutes_tui.tui.widgets.status import SpeakerStrip


def bar(screen: MeetingScreen) -> str:
    """The speaker bar as it reads."""
    return str(screen.query_one("#speakers", SpeakerStrip).content)


def workshop(store, title="March"):
    meeting = store.create_meeting(series="Skills", title=title)
    for name, org in (("", "Cogent"), ("Ann", "SRBC"), ("", "JCP")):
        store.add_attendee(meeting.id, Attendee(name, org))
    return meeting


async def open_round_robin(app, pilot, meeting_id) -> MeetingScreen:
    await app.push_screen(MeetingScreen(meeting_id, section="round_robin"))
    await pilot.pause()
    assert isinstance(app.screen, MeetingScreen)
    return app.screen


async def answer(pilot, app, screen, text: str) -> None:
    """Type ``text`` into the dialog that opens and press Enter."""
    await wait_until(pilot, lambda: app.screen is not screen)
    await type_text(pilot, text)
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.screen is screen)
    await pilot.pause()


async def test_l_in_the_list_links_a_typed_speaker_and_the_next_meeting_knows(store):
    meeting = workshop(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_round_robin(app, pilot, meeting.id)
        rr = screen.panel("round_robin")
        await pilot.press("ctrl+o")
        await answer(pilot, app, screen, "South Ribble")
        await type_text(pilot, "Bus route agreed")
        await pilot.press("enter")
        await wait_until(pilot, lambda: store.get_meeting(meeting.id).round_robin)
        assert rr.queue.speakers == ["Cogent", "South Ribble", "SRBC", "JCP"]  # twice: the problem
        await pilot.press("up")  # into the list, on South Ribble's point
        await pilot.press("l")
        await wait_until(pilot, lambda: app.screen is not screen)
        await type_text(pilot, "sr")
        await pilot.press("right")  # accepts the suggestion: SRBC
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.pause()
        assert store.speaker_aliases("Skills") == {"South Ribble": "SRBC"}
        assert rr.queue.speakers == ["Cogent", "South Ribble", "JCP"]
        assert "SRBC" not in bar(screen) and bar(screen).count("South Ribble") == 1
    assert [t.speaker for t in store.get_meeting(meeting.id).round_robin] == ["South Ribble"]

    following = store.start_next_meeting("Skills", title="April")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_round_robin(app, pilot, following.id)
        rr = screen.panel("round_robin")
        assert rr.queue.speakers == ["Cogent", "South Ribble", "JCP"]
        await pilot.press("ctrl+o")  # typing the name as before goes to the one entry
        await answer(pilot, app, screen, "South Ribble")
        assert rr.queue.speakers == ["Cogent", "South Ribble", "JCP"] and rr.queue.current == "South Ribble"
        await type_text(pilot, "New depot open")
        await pilot.press("enter")
        await wait_until(pilot, lambda: store.get_meeting(following.id).round_robin)
        # Apologies for South Ribble know it is Ann of SRBC, marked present: they ask first.
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await pilot.pause()
    turns = store.get_meeting(following.id).round_robin
    assert [(t.speaker, [p.text for p in t.points]) for t in turns] == [("South Ribble", ["New depot open"])]


async def test_palette_links_an_attendance_list_speaker_to_the_name_the_minutes_use(store):
    meeting = workshop(store)
    turn = store.add_turn(meeting.id, "SRBC", points=["Bus route agreed"])
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_round_robin(app, pilot, meeting.id)
        rr = screen.panel("round_robin")
        await pilot.press("ctrl+k")
        await answer(pilot, app, screen, "SRBC")
        assert rr.queue.current == "SRBC"
        await pilot.press("ctrl+p")
        await type_text(pilot, "link speaker")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await answer(pilot, app, screen, "South Ribble")
        assert rr.queue.speakers == ["Cogent", "South Ribble", "JCP"]
        assert rr.queue.current == "South Ribble"
        assert "South Ribble –" in "\n".join(r.prefix for r in rr.rows().rows)
        # Linked already: the same key offers to unlink (an empty answer).
        rr.link_speaker()
        await wait_until(pilot, lambda: app.screen is not screen)
        await pilot.press("ctrl+u", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.pause()
        assert store.speaker_aliases("Skills") == {}
    # The minutes use the name typed; the attendance list keeps its own.
    saved = store.get_meeting(meeting.id)
    assert [(t.id, t.speaker) for t in saved.round_robin] == [(turn.id, "South Ribble")]
    assert [a.organisation for a in saved.attendees] == ["Cogent", "SRBC", "JCP"]


async def test_no_link_in_approved_minutes(store):
    meeting = workshop(store)
    store.add_turn(meeting.id, "South Ribble", points=["Bus route agreed"])
    store.approve_meeting(meeting.id)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_round_robin(app, pilot, meeting.id)
        await pilot.press("l")
        await pilot.pause()
        assert app.screen is screen
    assert store.speaker_aliases("Skills") == {}


async def test_right_then_enter_typed_fast_accepts_the_suggestion(store):
    meeting = workshop(store)
    store.add_turn(meeting.id, "South Ribble", points=["Bus route agreed"])
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_round_robin(app, pilot, meeting.id)
        screen.panel("round_robin").link_speaker("South Ribble")
        await wait_until(pilot, lambda: app.screen is not screen)
        await type_text(pilot, "sr")
        field = app.screen.query_one("#speaker-name")
        await wait_until(pilot, lambda: field._suggestion == "SRBC")
        send_keys(app, [("right", None), ("enter", None)])  # together, as a fast typist sends them
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.pause()
    assert store.speaker_aliases("Skills") == {"South Ribble": "SRBC"}
