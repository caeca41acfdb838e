"""Typing a whole meeting through the app (Pilot), then reading the database (SQLite, and
PostgreSQL: modules marked ``both_backends`` run each test on both)."""

from __future__ import annotations

import datetime as dt

import pytest
from support.tui import Notices, row_texts, screen_text, type_text, wait_until

from minutes_tui.model import Attendee
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.meeting import MeetingScreen

pytestmark = pytest.mark.both_backends


async def test_type_a_whole_meeting(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        # Home: a new meeting.
        await pilot.press("n")
        await type_text(pilot, "North West Chemicals Skills Alliance")
        await pilot.press("enter")
        await type_text(pilot, "Apprenticeships Workshop")
        await pilot.press("enter")
        await pilot.press(*["backspace"] * 12)
        await type_text(pilot, "14/03/2025")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        meeting_id = app.screen.meeting_id

        # Attendees (the screen opens on them): five, in mixed formats.
        for person in ["Priya (Cogent SSC)", "Tom, LSC", "Business Link", "Aisha (JCP)", "Dave & (ChemiCol)"]:
            await type_text(pilot, person)
            await pilot.press("enter")
        # Dave sent apologies: toggle the status of the last attendee.
        await pilot.press("up")  # into the list, on the last attendee
        await pilot.press("space")
        await pilot.press("escape")

        # Details.
        await pilot.press("f2")
        await pilot.press("down", "down", "down")  # series, title, date, time
        await type_text(pilot, "10:00")
        await pilot.press("enter")
        await type_text(pilot, "Runcorn (ChemiCol)")
        await pilot.press("enter")
        await type_text(pilot, "Priya")
        await pilot.press("enter")
        await type_text(pilot, "Tom")

        # Overview and purpose.
        await pilot.press("f4")
        await type_text(pilot, "Level 3 trial has 24 apprentices in year one")
        await pilot.press("enter")
        await pilot.press("f5")
        await type_text(pilot, "To agree the employer offer for 2025/26")
        await pilot.press("enter")

        # Round robin: Cogent SSC, LSC, (Business Link has nothing), JCP with two points, then Humber.
        await pilot.press("f7")
        await type_text(pilot, "Sector Skills Agreement stage 4 is complete.")
        await pilot.press("enter", "pagedown")
        await type_text(pilot, "Train to Gain budget is committed until August.")
        await pilot.press("enter", "pagedown", "pagedown")
        await type_text(pilot, "Need a single contact for employers")
        await pilot.press("enter")
        await type_text(pilot, "Growth areas: process operators, maintenance")
        await pilot.press("enter")
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_text(pilot, "Humber")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "Work trials are working well")
        await pilot.press("enter")

        # Decisions.
        await pilot.press("f8")
        await type_text(pilot, "Providers share one employer contact list")
        await pilot.press("enter")
        await type_text(pilot, "Level 3 trial continues")
        await pilot.press("enter")

        # Actions: one with a UK date, one ISO; a bad date first gets a clear message.
        await pilot.press("f9")
        await type_text(pilot, "Draft the employer offer")
        await pilot.press("enter")
        await type_text(pilot, "Priya")
        await pilot.press("enter")
        await type_text(pilot, "next week")
        await pilot.press("enter")
        await pilot.pause()
        assert "not a date" in screen_text(app)
        assert app.focused.id == "e-action-due"
        await pilot.press("ctrl+u")
        await type_text(pilot, "30/04/2025")
        await pilot.press("enter")
        await type_text(pilot, "Circulate the contact list")
        await pilot.press("enter")
        await type_text(pilot, "JCP")
        await pilot.press("enter")
        await type_text(pilot, "2025-05-15")
        await pilot.press("enter")
        await pilot.pause()
        # Done action: toggle the second action's status.
        assert app.focused.id == "e-action-text"
        await pilot.press("up", "space")

        # Comments and next meeting.
        await pilot.press("f10")
        await type_text(pilot, "Look at the Humber approach to work trials")
        await pilot.press("enter")
        await pilot.press("f11")
        await type_text(pilot, "Confirm the trial numbers")
        await pilot.press("shift+tab", "shift+tab")  # up to the next meeting's date
        assert app.focused.id == "f-next_meeting"
        await type_text(pilot, "12/06/2025")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#save-state").state == "saved"

    m = store.get_meeting(meeting_id)
    assert (m.series, m.title, m.date) == (
        "North West Chemicals Skills Alliance",
        "Apprenticeships Workshop",
        dt.date(2025, 3, 14),
    )
    assert (m.time, m.place, m.chair, m.minute_taker) == ("10:00", "Runcorn (ChemiCol)", "Priya", "Tom")
    assert m.next_meeting == dt.date(2025, 6, 12)
    assert [(a.name, a.organisation, a.attendance) for a in m.attendees] == [
        ("Priya", "Cogent SSC", "present"),
        ("Tom", "LSC", "present"),
        ("", "Business Link", "present"),
        ("Aisha", "JCP", "present"),
        ("Dave &", "ChemiCol", "apologies"),
    ]
    assert {k: [b.text for b in v] for k, v in m.sections.items()} == {
        "overview": ["Level 3 trial has 24 apprentices in year one"],
        "purpose": ["To agree the employer offer for 2025/26"],
        "agreed": ["Providers share one employer contact list", "Level 3 trial continues"],
        "comments": ["Look at the Humber approach to work trials"],
        "next_steps": ["Confirm the trial numbers"],
    }
    assert [(t.speaker, [p.text for p in t.points]) for t in m.round_robin] == [
        ("Cogent SSC", ["Sector Skills Agreement stage 4 is complete."]),
        ("LSC", ["Train to Gain budget is committed until August."]),
        ("JCP", ["Need a single contact for employers", "Growth areas: process operators, maintenance"]),
        ("Humber", ["Work trials are working well"]),
    ]
    assert [(a.text, a.owner, a.due, a.status) for a in m.actions] == [
        ("Draft the employer offer", "Priya", dt.date(2025, 4, 30), "open"),
        ("Circulate the contact list", "JCP", dt.date(2025, 5, 15), "done"),
    ]


async def test_typing_is_saved_by_the_debounce_without_enter(store):
    meeting = store.create_meeting(title="Board")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="comments"))
        await pilot.pause()
        await type_text(pilot, "half a thought")
        assert app.screen.query_one("#save-state").state == "saving"
        await wait_until(pilot, lambda: store.get_meeting(meeting.id).sections["comments"])
        assert [b.text for b in store.get_meeting(meeting.id).sections["comments"]] == ["half a thought"]
        await type_text(pilot, " and the rest")
        await wait_until(
            pilot,
            lambda: (
                store.get_meeting(meeting.id).sections["comments"][0].text == "half a thought and the rest"
            ),
        )
        await wait_until(pilot, lambda: app.screen.query_one("#save-state").state == "saved")
        # Enter keeps it as one point and starts the next.
        await pilot.press("enter")
        await type_text(pilot, "second")
        await pilot.press("f9")  # leaving the field saves at once
        await pilot.press("ctrl+s")
        assert [b.text for b in store.get_meeting(meeting.id).sections["comments"]] == [
            "half a thought and the rest",
            "second",
        ]


async def test_edit_move_and_delete_points(store):
    meeting = store.create_meeting(title="Board")
    for text in ["one", "two", "three"]:
        store.add_bullet(meeting.id, "agreed", text)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="agreed"))
        await pilot.pause()
        assert row_texts(app, "l-agreed") == ["· one", "· two", "· three"]
        await pilot.press("up")  # into the list: "three"
        await pilot.press("shift+up")  # three moves above two
        assert row_texts(app, "l-agreed") == ["· one", "· three", "· two"]
        await pilot.press("up", "enter")  # edit "one"
        await pilot.press("end")
        await type_text(pilot, " (amended)")
        await pilot.press("enter")
        await pilot.press("up")  # back in the list, on the point just edited
        await pilot.press("down", "down", "delete")  # delete "two", with confirmation
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        texts = [b.text for b in store.get_meeting(meeting.id).sections["agreed"]]
        assert texts == ["one (amended)", "three"]


async def test_edit_a_turn_later_and_rename_its_speaker(store):
    meeting = store.create_meeting(title="Board")
    store.add_attendee(meeting.id, Attendee("Priya", "Cogent SSC"))
    store.add_turn(meeting.id, "Cogent SSC", points=["first"])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="round_robin"))
        await pilot.pause()
        await pilot.press("up", "enter")  # edit the point
        await pilot.press("end")
        await type_text(pilot, " point")
        await pilot.press("enter")
        await type_text(pilot, "another")  # a second point for the current speaker
        await pilot.press("enter")
        await pilot.press("up", "up", "up", "enter")  # the turn's heading: rename
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, "Cogent")
        await pilot.press("enter")
        await pilot.pause()
    turns = store.get_meeting(meeting.id).round_robin
    assert [(t.speaker, [p.text for p in t.points]) for t in turns] == [
        ("Cogent", ["first point", "another"])
    ]


@pytest.mark.sqlite_only  # the store is patched to fail: the backend under it does not matter
async def test_store_error_is_a_notification_and_the_text_stays(store, monkeypatch):
    from minutes_tui.store import StoreError

    meeting = store.create_meeting(title="Board")
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(80, 24), message_hook=notices) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="overview"))
        await pilot.pause()

        def broken(*args, **kwargs):
            raise StoreError("The database is busy in another program; nothing was changed, try again")

        monkeypatch.setattr(store, "add_bullet", broken)
        await type_text(pilot, "keep me")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#e-overview").value == "keep me"
        assert app.screen.query_one("#save-state").state == "failed"
        assert notices.said("busy")
        monkeypatch.undo()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#save-state").state == "saved"
    assert [b.text for b in store.get_meeting(meeting.id).sections["overview"]] == ["keep me"]
