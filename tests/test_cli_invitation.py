"""``minutes import invite.ics``: a meeting from a calendar invitation, or one Error line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support.cli import run

from minutes_tui.papers import invitation
from minutes_tui.store import Store, default_target

pytestmark = [pytest.mark.both_backends, pytest.mark.usefixtures("backend")]
INVITES = Path(__file__).parent / "data" / "invitations"


def imported(path: Path):
    result = run("import", path)
    assert result.exit_code == 0, result.output
    meeting_id = int(result.output.strip())
    store = Store.open(default_target())
    try:
        return store.get_meeting(meeting_id)
    finally:
        store.close()


def test_outlook_invitation_gives_title_date_time_place_and_people():
    meeting = imported(INVITES / "outlook.ics")
    assert (meeting.title, meeting.date.isoformat(), meeting.time, meeting.place) == (
        "Skills and Employment Board",
        "2025-07-14",
        "10:00",  # "GMT Standard Time" in July: British Summer Time, as the invitation shows it
        "Committee Room 2, Runcorn Town Hall",
    )
    assert [(a.name, a.attendance) for a in meeting.attendees] == [
        ("Cllr Mary Nolan", "present"),
        ("Helen Ellis", "apologies"),  # declined
        ("Priya Shah", "present"),  # no name given: made from the address
    ]


@pytest.fixture
def london(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_google_invitation_in_utc_shows_local_time_chair_and_names(london):
    meeting = imported(INVITES / "google.ics")
    assert (meeting.title, meeting.date.isoformat(), meeting.time) == (
        "Apprenticeships Workshop",
        "2025-06-12",
        "10:00",
    )
    assert meeting.place == "Runcorn College, Room 4"
    assert meeting.chair == "Zoë Ní Bhriain"  # ROLE=CHAIR
    assert [a.name for a in meeting.attendees] == ["Zoë Ní Bhriain", "Lukasz Nowak", "[bold]Gareth[/] Evans"]


def test_invitees_keep_their_email_addresses():
    """The addresses are read, and kept on the attendees for `minutes circulate`."""
    meeting = imported(INVITES / "outlook.ics")
    assert [a.email for a in meeting.attendees] == [
        "mary.nolan@example.gov.uk",
        "h.ellis@nwda.example.org",
        "priya.shah@cogent.example.com",
    ]
    read = invitation.read_invitation(INVITES / "outlook.ics")
    assert [p.email for p in read.invitees] == [
        "mary.nolan@example.gov.uk",
        "h.ellis@nwda.example.org",
        "priya.shah@cogent.example.com",
    ]
    assert read.organiser is not None and read.organiser.name == "Jamie Hunt"  # Outlook's "Hunt, Jamie"


def test_all_day_invitation_has_a_date_and_no_time():
    meeting = imported(INVITES / "allday.ics")
    assert (meeting.title, meeting.date.isoformat(), meeting.time, meeting.attendees) == (
        "Partnership away day",
        "2025-09-05",
        "",
        [],
    )


def test_same_invitation_twice_is_refused_without_force():
    run("import", INVITES / "outlook.ics")
    again = run("import", INVITES / "outlook.ics")
    assert again.exit_code == 1 and "looks imported already" in again.output
    assert run("import", INVITES / "outlook.ics", "--force").exit_code == 0


def one_error(path) -> str:
    result = run("import", path)
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("cancel.ics", "cancels a meeting"),
        ("two_meetings.ics", "holds 2 meetings"),
        ("bad_date.ics", "not a date"),
        ("damaged.ics", "damaged .ics"),
    ],
)
def test_odd_invitations(name, words):
    assert words in one_error(INVITES / name)
    assert "No meetings yet" in run("list").output


def test_not_an_invitation(tmp_path):
    path = tmp_path / "invite.ics"
    path.write_text('{"title": "a JSON file under the wrong name"}')
    assert "not a calendar invitation" in one_error(path)


def test_huge_invitation(tmp_path):
    path = tmp_path / "invite.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\n" + b"X-PAD:" + b"x" * invitation.MAX_ICS_BYTES)
    assert "too big" in one_error(path)


def test_missing_file_and_pipe(tmp_path):
    assert "Cannot read" in one_error(tmp_path / "none.ics")
    import os

    os.mkfifo(tmp_path / "pipe.ics")
    assert "not a regular file" in one_error(tmp_path / "pipe.ics")


def test_a_file_name_with_a_newline_gives_one_error_line(tmp_path):
    path = tmp_path / "invite\nError: fake.ics"
    path.write_text("not a calendar")
    assert "\u240a" in one_error(path)


def test_a_huge_guest_list_is_cut_with_a_warning(tmp_path):
    people = "".join(
        f"ATTENDEE;CN=Person {i}:mailto:p{i}@example.org\r\n" for i in range(invitation.MAX_PEOPLE + 20)
    )
    path = tmp_path / "all-staff.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:all@example.org\r\nDTSTART:20250714T100000\r\n"
        f"SUMMARY:All staff\r\n{people}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = run("import", path)
    assert result.exit_code == 0
    assert (
        f"Warning: only the first {invitation.MAX_PEOPLE} of the {invitation.MAX_PEOPLE + 20} people"
        in result.output
    )


def test_a_calendar_with_only_tasks_holds_no_meeting(tmp_path):
    path = tmp_path / "todo.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:t@x\r\nSUMMARY:Todo\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    )
    assert "holds no meeting" in one_error(path)
