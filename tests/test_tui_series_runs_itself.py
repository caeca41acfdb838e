"""A series that runs itself, in the app: the new-meeting dialog offers the recorded date,
and matters arising show the progress noted at earlier meetings."""

from __future__ import annotations

import datetime as dt

from support.tui import row_texts, screen_text, type_text, wait_until

from minutes_tui.model import Action, Attendee
from minutes_tui.parsing import format_date
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.meeting import MeetingScreen

SERIES = "Skills Board"


def seed(store):
    first = store.create_meeting(
        series=SERIES,
        title="July",
        date=dt.date(2025, 7, 14),
        time="10:00",
        place="Committee Room 2",
        chair="Cllr Nolan",
        next_meeting=dt.date(2025, 9, 11),
    )
    store.add_attendee(first.id, Attendee("Priya", "Cogent SSC"))
    store.add_action(first.id, Action("Draft the employer offer", "Priya"))
    store.add_action(first.id, Action("Share the contact list", "Tom"))
    return first


async def test_new_meeting_dialog_offers_the_recorded_date_and_carries_the_header(store):
    seed(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        date_field = app.screen.query_one("#new-date")
        assert date_field.value == format_date(dt.date.today())
        await type_text(pilot, "skills board")
        await pilot.pause()
        assert date_field.value == "11/09/2025"
        await pilot.press("enter")
        await type_text(pilot, "September")
        await pilot.press("enter", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen))
        new_id = app.screen.meeting_id
    new = store.get_meeting(new_id)
    assert (new.date, new.time, new.place, new.chair) == (
        dt.date(2025, 9, 11),
        "10:00",
        "Committee Room 2",
        "Cllr Nolan",
    )


async def test_a_date_typed_in_the_dialog_is_kept_when_the_series_changes(store):
    seed(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        date_field = app.screen.query_one("#new-date")
        date_field.value = "01/10/2025"
        app.screen.query_one("#new-series").focus()
        await type_text(pilot, "Skills Board")
        await pilot.pause()
        assert date_field.value == "01/10/2025"


async def test_matters_arising_show_progress_noted_at_earlier_meetings(store):
    seed(store)
    second = store.start_next_meeting(SERIES, title="September")
    store.update_carried(second.matters_arising[0].id, note="First draft circulated")
    store.update_meeting(second.id, next_meeting=dt.date(2025, 10, 9))
    third = store.start_next_meeting(SERIES, title="October")
    app = make_app(store)
    async with app.run_test(size=(110, 30)) as pilot:
        await app.push_screen(MeetingScreen(third.id, section="matters_arising"))
        await pilot.pause()
        assert "11/09/2025: First draft circulated" in " ".join(row_texts(app, "l-matters_arising"))
        await pilot.press("home", "enter")
        await type_text(pilot, "Agreed by providers")
        await wait_until(pilot, lambda: store.carried_actions(third.id)[0].note == "Agreed by providers")
        await pilot.press("enter")
        await pilot.pause()
        texts = " ".join(row_texts(app, "l-matters_arising"))
        assert "11/09/2025: First draft circulated" in texts  # still there after this meeting's note
        assert "Progress: Agreed by providers" in texts
        assert texts.count("First draft circulated") == 1
        assert "Draft the employer offer" in screen_text(app)
        await pilot.press("space")  # the cursor moved past the earlier note to the next action
        await wait_until(pilot, lambda: store.carried_actions(third.id)[1].action.status == "done")
    assert store.carried_actions(third.id)[0].action.status == "open"
