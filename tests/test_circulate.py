"""Mail drafts from the command line: `minutes circulate` and `minutes actions --by-owner
--format eml`. Each draft is parsed back with the `email` package as a mail program would."""

from __future__ import annotations

import datetime as dt
import email
import io
import os
import zipfile
from email.policy import default
from pathlib import Path

import docx
import pytest
from support.cli import run

from minutes_tui.model import Action, Attendee
from minutes_tui.store import Store

pytestmark = pytest.mark.both_backends
TODAY = dt.date.today()


def cli(*args):
    return run(*args, catch_exceptions=True)


def assert_error(result, *words):
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
    for word in words:
        assert word in result.output, result.output


@pytest.fixture
def meeting_id(backend) -> int:
    """A board meeting: chair with an address, one attendee without, actions due before and after next."""
    store = Store.open(os.environ["MINUTES_DB"])
    try:
        m = store.create_meeting(
            series="Skills Board",
            title="July [bold]meeting[/]",
            date=TODAY - dt.timedelta(days=20),
            chair="Cllr Nolan",
            place="Runcorn",
            next_meeting=TODAY + dt.timedelta(days=30),
        )
        store.add_attendee(m.id, Attendee("Cllr Nolan", "Halton", role="Chair", email="nolan@halton.gov.uk"))
        store.add_attendee(m.id, Attendee("Priya", "Cogent SSC", email="priya@cogent.org.uk"))
        store.add_attendee(m.id, Attendee("Tom", "LSC", attendance="apologies"))
        store.add_action(m.id, Action("Draft the employer offer", "Priya", TODAY + dt.timedelta(days=10)))
        store.add_action(m.id, Action("Book the venue", "Tom", TODAY + dt.timedelta(days=60)))
        store.add_action(m.id, Action("Send <script> list", "Priya", TODAY - dt.timedelta(days=5)))
        store.add_action(m.id, Action("Done already", "Tom", None, "done"))
        return m.id
    finally:
        store.close()


def approve(meeting_id: int) -> None:
    store = Store.open(os.environ["MINUTES_DB"])
    try:
        store.approve_meeting(meeting_id)
    finally:
        store.close()


def parse(path: Path) -> email.message.EmailMessage:
    with path.open("rb") as f:
        return email.message_from_binary_file(f, policy=default)


def only_eml(folder: Path) -> Path:
    files = sorted(folder.glob("*.eml"))
    assert len(files) == 1, files
    assert not [p for p in folder.iterdir() if p.name.startswith(".minutes-")]
    return files[0]


def test_draft_minutes_go_to_the_chair_with_the_word_minutes_attached(meeting_id, tmp_path):
    result = run("circulate", meeting_id, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    path = only_eml(tmp_path / "out")
    assert result.output.splitlines()[0] == str(path)
    msg = parse(path)
    assert msg["X-Unsent"] == "1"
    assert [a.addr_spec for a in msg["To"].addresses] == ["nolan@halton.gov.uk"]
    assert "draft minutes" in msg["Subject"] and "July [bold]meeting[/]" in msg["Subject"]
    body = msg.get_body(("plain",)).get_content()
    assert "Status: draft (not yet approved)" in body
    assert "July [bold]meeting[/]" in body
    due_section = body.split("Actions due before the next meeting", 1)[1]
    assert "Draft the employer offer – Priya" in due_section
    assert "Send <script> list – Priya" in due_section  # overdue, still to do: listed, literally
    assert "Book the venue" not in body  # due after the next meeting
    assert "Done already" not in body
    (part,) = list(msg.iter_attachments())
    assert part.get_filename().endswith(".docx")
    assert (
        part.get_content_type() == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    document = docx.Document(io.BytesIO(part.get_content()))
    assert any("Draft the employer offer" in c.text for t in document.tables for r in t.rows for c in r.cells)


def test_approved_minutes_go_to_the_attendees_and_those_without_an_address_are_named(meeting_id, tmp_path):
    approve(meeting_id)
    result = run("circulate", meeting_id, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert "No e-mail address for: Tom (LSC)" in result.output
    msg = parse(only_eml(tmp_path))
    assert [a.addr_spec for a in msg["To"].addresses] == ["nolan@halton.gov.uk", "priya@cogent.org.uk"]
    assert [a.display_name for a in msg["To"].addresses] == ["Cllr Nolan (Halton)", "Priya (Cogent SSC)"]
    assert "approved minutes" in msg["Subject"]
    assert "Status: approved" in msg.get_body(("plain",)).get_content()


def test_addresses_given_on_the_command_line_and_a_bad_one_refused(meeting_id, tmp_path):
    result = run("circulate", meeting_id, "--to", "clerk@halton.gov.uk", "--to", "chair", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    msg = parse(only_eml(tmp_path))
    assert [a.addr_spec for a in msg["To"].addresses] == ["clerk@halton.gov.uk", "nolan@halton.gov.uk"]
    bad = cli("circulate", meeting_id, "--to", "clerk@halton", "-o", tmp_path / "other")
    assert bad.exit_code == 2 and "not an e-mail address" in bad.output
    assert not (tmp_path / "other").exists()


def test_a_draft_is_never_written_over_without_force(meeting_id, tmp_path):
    assert run("circulate", meeting_id, "-o", tmp_path).exit_code == 0
    path = only_eml(tmp_path)
    path.write_bytes(b"my edited draft")
    assert_error(cli("circulate", meeting_id, "-o", tmp_path), "already exists", "--force")
    assert path.read_bytes() == b"my edited draft"
    assert run("circulate", meeting_id, "-o", tmp_path, "--force").exit_code == 0
    assert parse(path)["X-Unsent"] == "1"


def test_a_missing_meeting_is_one_error_line(tmp_path):
    Store.open(os.environ["MINUTES_DB"]).close()
    assert_error(cli("circulate", "99", "-o", tmp_path), "99")


def test_each_owner_gets_a_digest_of_open_and_overdue_actions(meeting_id, tmp_path):
    store = Store.open(os.environ["MINUTES_DB"])
    try:
        later = store.start_next_meeting("Skills Board", title="August", date=TODAY)
        carried = later.matters_arising[0]
        store.update_carried(carried.id, note="First draft with the board")
        store.add_action(later.id, Action("Chase the JCP figures", "priya", None))
    finally:
        store.close()
    result = run("actions", "--by-owner", "--format", "eml", "-o", tmp_path / "digests")
    assert result.exit_code == 0, result.output
    assert "No e-mail address for: Tom" in result.output
    files = {p.name: p for p in (tmp_path / "digests").glob("*.eml")}
    assert set(files) == {"Actions for Priya.eml", "Actions for Tom.eml"}
    priya = parse(files["Actions for Priya.eml"])
    assert priya["X-Unsent"] == "1"
    assert [a.addr_spec for a in priya["To"].addresses] == ["priya@cogent.org.uk"]
    assert priya["Subject"] == "Your actions: 3 still to do, 1 overdue"
    body = priya.get_body(("plain",)).get_content()
    offer = body.split("Draft the employer offer", 1)[1].split("\n\n", 1)[0]
    assert "Meeting: Skills Board – July [bold]meeting[/]" in offer
    assert f"Due: {(TODAY + dt.timedelta(days=10)):%d/%m/%Y}" in offer
    assert "Status: Open" in offer and "Last progress: First draft with the board" in offer
    script = body.split("Send <script> list", 1)[1].split("\n\n", 1)[0]
    assert "Status: Open, OVERDUE" in script and "Last progress: none recorded" in script
    assert "Chase the JCP figures" in body and "Due: no date" in body
    tom = parse(files["Actions for Tom.eml"])
    assert tom["To"] is None
    assert "Book the venue" in tom.get_body(("plain",)).get_content()
    assert "Done already" not in tom.get_body(("plain",)).get_content()
    again = cli("actions", "--by-owner", "--format", "eml", "-o", tmp_path / "digests")
    assert_error(again, "already exists")


def test_by_owner_and_eml_go_together(tmp_path):
    result = cli("actions", "--format", "eml")
    assert result.exit_code == 2 and "--by-owner" in result.output


def test_the_attachment_is_the_same_word_file_export_writes(meeting_id, tmp_path):
    run("circulate", meeting_id, "-o", tmp_path)
    (part,) = list(parse(only_eml(tmp_path)).iter_attachments())
    with zipfile.ZipFile(io.BytesIO(part.get_content())) as z:
        assert "word/document.xml" in z.namelist()


def test_an_output_folder_that_is_a_file_is_one_error_line(meeting_id, tmp_path):
    blocker = tmp_path / "drafts"
    blocker.write_text("not a folder", encoding="utf-8")
    refused = cli("circulate", meeting_id, "-o", blocker)
    assert refused.exit_code == 2 and "is a file" in refused.output
    assert_error(cli("actions", "--by-owner", "--format", "eml", "-o", blocker), "drafts")
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_an_owner_is_found_by_name_label_or_organisation_when_only_one_address_fits():
    from minutes_tui.export.mail import address_of

    known = {
        ("priya", "cogent ssc"): "priya@cogent.org.uk",
        ("aisha", "jcp"): "aisha@jcp.gov.uk",
        ("tom", "lsc"): "tom@lsc.gov.uk",
        ("sue", "lsc"): "sue@lsc.gov.uk",
    }
    assert address_of("Priya", known) == "priya@cogent.org.uk"
    assert address_of("priya (Cogent SSC)", known) == "priya@cogent.org.uk"
    assert address_of("JCP", known) == "aisha@jcp.gov.uk"
    assert address_of("LSC", known) == ""  # two people could be meant
    assert address_of("Nobody", known) == "" and address_of("", known) == ""


def test_hostile_text_makes_a_well_formed_draft(tmp_path):
    from email.headerregistry import Address

    from support.export_samples import hostile_meeting

    from minutes_tui.export.mail import minutes_draft, write_eml

    meeting = hostile_meeting()
    meeting.title = "Line one\r\nBcc: someone@evil.example\x1b[2J"
    (tmp_path / "m.docx").write_bytes(b"PK\x03\x04 stand-in bytes")
    to = [Address(display_name='Zed "the boss", <x@y.z>', addr_spec="zed@example.org")]
    write_eml(minutes_draft(meeting, to, tmp_path / "m.docx", "m.docx"), tmp_path / "m.eml")
    msg = parse(tmp_path / "m.eml")
    assert msg["Bcc"] is None and "\n" not in msg["Subject"] and "\x1b" not in msg["Subject"]
    assert "Line one Bcc: someone@evil.example" in msg["Subject"]
    assert [a.addr_spec for a in msg["To"].addresses] == ["zed@example.org"]
    assert msg["To"].addresses[0].display_name == 'Zed "the boss", <x@y.z>'
    body = msg.get_body(("plain",)).get_content()
    assert "\x00" not in body and "\x1b" not in body and "<b>not bold</b>" in body
    (part,) = list(msg.iter_attachments())
    assert part.get_content() == b"PK\x03\x04 stand-in bytes"
