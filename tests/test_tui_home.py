"""The home screen: meetings newest first, new (with the series' last attendees), open, delete."""

from __future__ import annotations

import datetime as dt

from support.tui import Notices, screen_text, type_text

from minutes_tui.model import Attendee
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.help import HelpScreen
from minutes_tui.tui.screens.meeting import MeetingScreen


async def test_lists_meetings_newest_first(store):
    store.create_meeting(series="Alliance", title="Older", date=dt.date(2025, 1, 10))
    store.create_meeting(series="Board", title="Newer", date=dt.date(2025, 3, 14), status="approved")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert text.index("14/03/2025") < text.index("10/01/2025")
        assert "approved" in text and "2 meetings" in text


async def test_new_meeting_in_a_series_offers_its_last_attendees(store):
    old = store.create_meeting(series="Skills Alliance", title="March", date=dt.date(2025, 3, 14))
    store.add_attendee(old.id, Attendee("Priya", "Cogent SSC"))
    store.add_attendee(old.id, Attendee("Helen", "NWDA", attendance="apologies"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Skills")
        await pilot.press("right")  # accept the suggested series
        await pilot.pause()
        assert "Copy the 2 attendees of 14/03/2025" in screen_text(app)
        await pilot.press("enter")
        await type_text(pilot, "June")
        await pilot.press("enter", "enter")  # keep today's date; create
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        new_id = app.screen.meeting_id
        assert app.focused.id == "e-attendees"
    new = store.get_meeting(new_id)
    assert (new.series, new.title, new.date) == ("Skills Alliance", "June", dt.date.today())
    assert [(a.name, a.organisation, a.attendance) for a in new.attendees] == [
        ("Priya", "Cogent SSC", "present"),
        ("Helen", "NWDA", "present"),
    ]


async def test_delete_asks_first(store):
    store.create_meeting(title="Keep")
    store.create_meeting(title="Doomed", date=dt.date(2030, 1, 1))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("delete")
        await pilot.pause()
        assert "Delete this meeting" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert store.count_meetings() == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [m.title for m in store.list_meetings()] == ["Keep"]
        assert "Doomed" not in screen_text(app)


async def test_open_close_help_and_palette(store):
    store.create_meeting(title="Board")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Next speaker" in text or "Round robin" in text
        await pilot.press("escape")
        await pilot.pause()
        commands = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Round robin", "Actions", "Export", "Save", "Meetings", "Help", "Quit"):
            assert title in commands
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_export_writes_a_file_and_says_where(store, tmp_path):
    meeting = store.create_meeting(series="Board", title="June", date=dt.date(2025, 6, 12))
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(80, 24), message_hook=notices) as pilot:
        await app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        await pilot.press("ctrl+r", "enter")  # the chooser opens on Word
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = notices.messages
    written = [m for m in messages if m.startswith("Minutes written to ")]
    assert written, messages
    path = written[0].removeprefix("Minutes written to ")
    assert path.startswith(str(tmp_path)) and (tmp_path / "exports").is_dir()


async def test_the_export_key_offers_each_format_by_keyboard(store, tmp_path, monkeypatch):
    """Ctrl+R asks which format: a letter writes Markdown or the web page at once, Escape writes
    nothing; PDF is offered only when LibreOffice is installed."""
    from textual.widgets import OptionList

    from minutes_tui.tui.screens import export as chooser

    meeting = store.create_meeting(series="Board", title="June", date=dt.date(2025, 6, 12))
    store.add_bullet(meeting.id, "overview", "Level 3 trial has 24 apprentices")
    app = make_app(store)
    async with app.run_test(size=(90, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id))
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, chooser.ExportScreen)
        offered = [str(o.id) for o in app.screen.query_one(OptionList).options]
        assert offered == (
            ["docx", "pdf", "md", "html"] if chooser.has_libreoffice() else ["docx", "md", "html"]
        )
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, chooser.ExportScreen)
        assert not (tmp_path / "exports").exists()
        for key in ("m", "h"):
            await pilot.press("ctrl+r", key)
            await app.workers.wait_for_complete()
            await pilot.pause()
        monkeypatch.setattr(chooser, "has_libreoffice", lambda: False)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert [str(o.id) for o in app.screen.query_one(OptionList).options] == ["docx", "md", "html"]
        await pilot.press("p")  # not offered: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, chooser.ExportScreen)
        await pilot.press("escape")
    written = sorted(p.suffix for p in (tmp_path / "exports").iterdir())
    assert written == [".html", ".md"]
    (page,) = (tmp_path / "exports").glob("*.html")
    assert "Level 3 trial has 24 apprentices" in page.read_text(encoding="utf-8")
