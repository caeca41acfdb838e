"""An attendee's e-mail address: stored (m014), typed in the app, carried in JSON,
remembered for the same person at the next meeting. Each test reads the database back."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database
from support.tui import open_meeting, row_texts, type_text

from minutes_tui.interchange import FormatError, meeting_from_dict, meeting_to_dict
from minutes_tui.model import Attendee, ModelError, check_email
from minutes_tui.session.meeting import MeetingSession
from minutes_tui.store import Store
from minutes_tui.store.schema import migrations
from minutes_tui.tui.app import make_app
from minutes_tui.tui.widgets.rows import RowList

pytestmark = pytest.mark.both_backends


@pytest.fixture
def meeting(store):
    meeting = store.create_meeting(series="Skills Alliance", title="Workshop", date=dt.date(2026, 4, 28))
    for attendee in (Attendee("Priya", "Cogent SSC"), Attendee("Tom", "LSC")):
        store.add_attendee(meeting.id, attendee)
    return store.get_meeting(meeting.id)


def test_an_international_domain_is_kept_in_the_form_mail_headers_carry():
    assert check_email(" zoe@café.example ") == "zoe@xn--caf-dma.example"


@pytest.mark.parametrize(
    "bad", ["priya", "a b@c.org", "a@b", "<a@b.org>", "a@b.org, c@d.org", "a@b.c\x07", "josé@x.org"]
)
def test_only_one_plain_address_is_an_email(bad):
    with pytest.raises(ModelError, match="not an e-mail address"):
        check_email(bad)


def test_email_is_stored_trimmed_and_refused_when_not_an_address(store, meeting):
    priya = meeting.attendees[0]
    assert priya.email == ""
    saved = store.update_attendee(priya.id, email="  priya@cogent.org.uk ")
    assert store.get_meeting(meeting.id).attendees[0].email == saved.email == "priya@cogent.org.uk"
    with pytest.raises(ModelError, match="not an e-mail address"):
        store.update_attendee(priya.id, email="[bold]priya")
    assert store.get_attendee(priya.id).email == "priya@cogent.org.uk"
    added = store.add_attendee(meeting.id, Attendee("Ravi", "Halton", email="ravi@halton.gov.uk"))
    assert added.email == "ravi@halton.gov.uk"


def test_upgrading_from_m013_gives_every_attendee_an_empty_address(tmp_path):
    path = tmp_path / "minutes.db"
    db = Database(path)
    migrations.apply(db, stop_before="m014_attendee_email")
    stamp = "2025-01-10T10:00:00+00:00"
    db.execute("INSERT INTO meetings (id, title, created, updated) VALUES (1, 'Old', ?, ?)", (stamp, stamp))
    db.execute("INSERT INTO attendees (meeting_id, name, position) VALUES (1, 'Priya', 1)")
    db.close()
    store = Store.open(path)
    try:
        assert store.get_meeting(1).attendees[0].email == ""
        assert store.update_attendee(store.get_meeting(1).attendees[0].id, email="p@x.org").email == "p@x.org"
    finally:
        store.close()


def test_json_carries_the_email_only_when_there_is_one(store, meeting):
    store.update_attendee(meeting.attendees[0].id, email="priya@cogent.org.uk")
    data = meeting_to_dict(store.get_meeting(meeting.id))
    assert data["attendees"][0]["email"] == "priya@cogent.org.uk"
    assert "email" not in data["attendees"][1]
    back, warnings = meeting_from_dict(data)
    assert warnings == []
    assert [a.email for a in back.attendees] == ["priya@cogent.org.uk", ""]
    data["attendees"][1]["email"] = "not an address"
    with pytest.raises(FormatError, match=r"attendees\[1\]\.email must be an e-mail address"):
        meeting_from_dict(data)


def test_the_next_meeting_and_a_new_attendee_remember_the_address(store, meeting):
    store.update_attendee(meeting.attendees[0].id, email="priya@cogent.org.uk")
    following = store.start_next_meeting("Skills Alliance", title="Next", date=dt.date(2026, 6, 1))
    assert [a.email for a in following.attendees] == ["priya@cogent.org.uk", ""]
    other = store.create_meeting(series="Another", title="Elsewhere")
    session = MeetingSession(store, other.id)
    session.load()
    assert session.add_attendee(Attendee("priya", "COGENT SSC")).email == "priya@cogent.org.uk"
    assert session.add_attendee(Attendee("Tom", "LSC")).email == ""
    assert store.get_meeting(other.id).attendees[0].email == "priya@cogent.org.uk"


async def test_m_in_the_attendees_list_asks_for_the_address_and_shows_it_literally(store, meeting):
    app = make_app(store)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = await open_meeting(app, pilot, meeting.id, "attendees")
        await pilot.press("up")  # into the list: Tom (LSC), the last
        assert isinstance(screen.focused, RowList)
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, "tom[/]@lsc.gov.uk")
        await pilot.press("enter")
        await pilot.pause()
        assert store.get_meeting(meeting.id).attendees[1].email == ""  # refused, with the reason
        assert any("not an e-mail address" in str(n.message) for n in app._notifications)
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, "tom.o'neil+minutes@lsc.gov.uk")
        await pilot.press("enter")
        await pilot.pause()
        assert store.get_meeting(meeting.id).attendees[1].email == "tom.o'neil+minutes@lsc.gov.uk"
        assert row_texts(app, "l-attendees")[1].endswith("Tom (LSC) <tom.o'neil+minutes@lsc.gov.uk>")


def test_export_and_import_keep_the_address(store, meeting):
    store.update_attendee(meeting.attendees[0].id, email="priya@cogent.org.uk")
    copied = store.add_meeting(meeting_from_dict(meeting_to_dict(store.get_meeting(meeting.id)))[0])
    assert [a.email for a in store.get_meeting(copied.id).attendees] == ["priya@cogent.org.uk", ""]
