"""PDF minutes (LibreOffice, read back with pdftotext), PDF/A-2b, the message when
LibreOffice is missing, and the next meeting as an .ics event read back with icalendar."""

from __future__ import annotations

import datetime as dt
import email
import os
import shutil
import subprocess
from email.policy import default
from pathlib import Path

import icalendar
import pytest
from support.cli import run

from minutes_tui.model import Action, Attendee
from minutes_tui.store import Store

needs_office = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="needs LibreOffice (soffice) and pdftotext: apt-get install libreoffice-writer-nogui poppler-utils",
)


@pytest.fixture
def meeting_id() -> int:
    store = Store.open(os.environ["MINUTES_DB"])
    try:
        m = store.create_meeting(
            series="Skills Board",
            title="July <meeting> & [bold]",
            date=dt.date(2025, 7, 14),
            time="10:30",
            place="Runcorn Town Hall",
            chair="Cllr Nolan",
            next_meeting=dt.date(2025, 9, 8),
        )
        store.add_attendee(m.id, Attendee("Cllr Nolan", "Halton", role="Chair", email="nolan@halton.gov.uk"))
        store.add_attendee(m.id, Attendee("Tom", "LSC"))
        store.add_action(m.id, Action("Draft the employer offer", "Cllr Nolan", dt.date(2025, 8, 1)))
        return m.id
    finally:
        store.close()


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_without_libreoffice_pdf_says_which_package_to_install(meeting_id, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run("export", meeting_id, "--format", "pdf", "-o", tmp_path / "m.pdf", catch_exceptions=True)
    assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
    assert "libreoffice-writer-nogui" in result.output and result.output.startswith("Error: ")
    assert not (tmp_path / "m.pdf").exists() and not list(tmp_path.glob(".minutes-*"))
    mail = run("circulate", meeting_id, "--format", "pdf", "-o", tmp_path / "out", catch_exceptions=True)
    assert mail.exit_code == 1 and "libreoffice-writer-nogui" in mail.output
    assert not (tmp_path / "out").exists()


def test_pdfa_only_with_pdf(meeting_id, tmp_path):
    result = run("export", meeting_id, "--format", "docx", "--pdfa", catch_exceptions=True)
    assert result.exit_code == 2 and "--pdfa" in result.output


@pytest.mark.slow
@needs_office
def test_pdf_and_pdfa_read_back(meeting_id, tmp_path):
    for name, extra in (("plain.pdf", []), ("archive.pdf", ["--pdfa"])):
        result = run("export", meeting_id, "--format", "pdf", *extra, "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
        text = pdf_text(tmp_path / name)
        assert "July <meeting> & [bold]" in text and "Draft the employer offer" in text
    assert b"pdfaid:part>2<" in (tmp_path / "archive.pdf").read_bytes()
    assert b"pdfaid:conformance>B<" in (tmp_path / "archive.pdf").read_bytes()
    assert b"pdfaid" not in (tmp_path / "plain.pdf").read_bytes()


@pytest.mark.slow
@needs_office
def test_circulate_attaches_a_pdf_that_reads_back(meeting_id, tmp_path):
    result = run("circulate", meeting_id, "--format", "pdf", "--pdfa", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    (path,) = tmp_path.glob("*.eml")
    with path.open("rb") as f:
        msg = email.message_from_binary_file(f, policy=default)
    (part,) = list(msg.iter_attachments())
    assert part.get_content_type() == "application/pdf" and part.get_filename().endswith(".pdf")
    data = part.get_content()
    assert data.startswith(b"%PDF-") and b"pdfaid:part>2<" in data
    (tmp_path / "back.pdf").write_bytes(data)
    assert "Draft the employer offer" in pdf_text(tmp_path / "back.pdf")


def test_the_next_meeting_as_a_calendar_event(meeting_id, tmp_path):
    result = run("export", meeting_id, "--format", "ics", "-o", tmp_path / "next.ics")
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical((tmp_path / "next.ics").read_bytes())
    (event,) = cal.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.replace(tzinfo=None) == dt.datetime(2025, 9, 8, 10, 30)
    assert start.utcoffset() == dt.timedelta(hours=1)  # British Summer Time
    assert str(event["summary"]) == "Skills Board: next meeting"
    assert str(event["location"]) == "Runcorn Town Hall"
    attendees = event["attendee"]
    attendees = attendees if isinstance(attendees, list) else [attendees]
    assert [str(a) for a in attendees] == ["mailto:nolan@halton.gov.uk"]
    assert attendees[0].params["CN"] == "Cllr Nolan (Halton)"
    assert "Tom (LSC)" in str(event["description"])  # no address: named, not dropped
    assert cal.walk("VTIMEZONE")


def test_no_next_meeting_no_event(tmp_path):
    store = Store.open(os.environ["MINUTES_DB"])
    m = store.create_meeting(series="Board", title="Undated")
    store.close()
    result = run("export", m.id, "--format", "ics", "-o", tmp_path / "x.ics", catch_exceptions=True)
    assert result.exit_code == 1 and "no next meeting date" in result.output
    assert not (tmp_path / "x.ics").exists()


def test_a_time_that_is_not_a_clock_time_makes_an_all_day_event(tmp_path):
    from minutes_tui.export.ics import next_meeting_calendar
    from minutes_tui.model import Meeting

    meeting = Meeting(series="Board", time="after lunch\x00", next_meeting=dt.date(2025, 12, 1))
    (event,) = next_meeting_calendar(meeting).walk("VEVENT")
    assert event.decoded("dtstart") == dt.date(2025, 12, 1)
    assert "Time: after lunch." in str(event["description"])
