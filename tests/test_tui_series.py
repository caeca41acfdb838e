"""A series in the app: the next meeting brings forward attendees and open actions, which
the matters arising section then tracks (status and progress note)."""

from __future__ import annotations

import datetime as dt

from support.tui import Notices, row_texts, screen_text, type_text, wait_until

from minutes_tui.model import Action, Attendee
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.action_log import ActionLogScreen
from minutes_tui.tui.screens.home import HomeScreen
from minutes_tui.tui.screens.meeting import MeetingScreen


def seed(store):
    old = store.create_meeting(series="Skills Alliance", title="March", date=dt.date(2025, 3, 14))
    store.add_attendee(old.id, Attendee("Priya", "Cogent SSC"))
    store.add_attendee(old.id, Attendee("Helen", "NWDA", attendance="apologies"))
    store.add_action(old.id, Action("Draft the employer offer", "Priya", dt.date(2025, 4, 30)))
    store.add_action(old.id, Action("Circulate [b]contacts[/b]", "JCP"))
    done = store.add_action(old.id, Action("Book the room", "Tom"))
    store.update_action(done.id, status="done")
    return old


async def test_next_meeting_brings_forward_attendees_and_open_actions(store):
    seed(store)
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await pilot.press("n")
        await type_text(pilot, "skills alliance")  # any case: the series' own name is used
        await pilot.pause()
        assert "Copy the 2 attendees of 14/03/2025 + 2 open actions" in screen_text(app)
        await pilot.press("enter")
        await type_text(pilot, "June")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        new_id = app.screen.meeting_id
        assert notices.said("2 attendees and 2 open actions brought forward")
    new = store.get_meeting(new_id)
    assert new.series == "Skills Alliance"
    assert [(a.name, a.attendance) for a in new.attendees] == [("Priya", "present"), ("Helen", "present")]
    assert [c.action.text for c in new.matters_arising] == [
        "Draft the employer offer",
        "Circulate [b]contacts[/b]",
    ]


async def test_matters_arising_status_and_progress_note(store):
    seed(store)
    new = store.start_next_meeting("Skills Alliance", title="June", date=dt.date(2025, 6, 12))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(new.id, section="matters_arising"))
        await pilot.pause()
        assert app.screen.query_one("#nav").get_option_at_index(4).prompt.plain.startswith("F6")
        assert "Actions from previous meetings" in screen_text(app)
        texts = row_texts(app, "l-matters_arising")
        assert texts[0].startswith(
            "Open     Draft the employer offer — Priya — by 30/04/2025 — raised 14/03/2025"
        )
        assert "Circulate [b]contacts[/b]" in screen_text(app)  # literal, not markup
        # The list has the focus; Enter opens the first one's progress note.
        await pilot.press("home", "enter")
        assert app.focused.id == "e-matters_arising"
        await type_text(pilot, "First draft is out")
        carried = new.matters_arising[0]
        await wait_until(pilot, lambda: store.carried_actions(new.id)[0].note == "First draft is out")
        await pilot.press("enter")  # done: back in the list, on the next action
        await pilot.pause()
        assert app.focused.id == "l-matters_arising"
        assert app.screen.query_one("#e-matters_arising").disabled
        await pilot.press("space")  # the second action: Open -> Done
        await pilot.pause()
        assert "Progress: First draft is out" in " ".join(row_texts(app, "l-matters_arising"))
    after = store.carried_actions(new.id)
    assert [(c.action.status, c.note) for c in after] == [("open", "First draft is out"), ("done", "")]
    history = store.action_history(after[1].action.id)
    assert history[-1].event == "closed" and history[-1].meeting_id == new.id
    assert carried.id == after[0].id


async def test_action_log_opens_from_home_and_meeting(store):
    old = seed(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionLogScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await app.push_screen(MeetingScreen(old.id, section="actions"))
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, ActionLogScreen)
        await pilot.press("x")  # mark the first (soonest due) action done in the log
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        # The meeting's action list follows what was changed in the log.
        assert row_texts(app, "l-actions")[0].startswith("Done")
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Action log" in commands and "Approve" in commands
    assert store.get_meeting(old.id).actions[0].status == "done"
