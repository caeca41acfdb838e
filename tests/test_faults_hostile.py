"""Hostile text through every field, by the Store API and by JSON import, out through every export.

The database keeps text exactly, except lone surrogates (UTF-8 cannot encode them),
which become U+FFFD. Word and Markdown drop what XML cannot hold (C0 controls but
tab and line breaks, U+FFFE, U+FFFF). CSV cells are inert in a spreadsheet. The CLI
shows control characters as symbols instead of sending them to the terminal.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.hostile import CORPUS
from support.samples import without_history

from minutes_tui.cli import main
from minutes_tui.export import export_meeting
from minutes_tui.export.action_log import actions_csv, actions_json, actions_table
from minutes_tui.export.docx import build_document
from minutes_tui.export.json import render_json
from minutes_tui.export.markdown import render_markdown
from minutes_tui.interchange import meeting_from_dict, meeting_to_dict
from minutes_tui.model import Action, Attendee, Bullet, Meeting, Point, Section, Turn
from minutes_tui.store import Store
from minutes_tui.text import for_xml, storable

pytestmark = pytest.mark.both_backends


def expected_store(text: str) -> str:
    """What the database keeps of ``text``."""
    return storable(text)


def expected_word(text: str) -> str:
    """What a .docx read back with python-docx shows of ``text``."""
    return for_xml(storable(text)).replace("\r\n", "\n").replace("\r", "\n")


def hostile_meeting(texts: list[str], status: str = "draft") -> Meeting:
    """A meeting with ``texts`` in every field that holds text (cycling through them)."""
    pick = (texts[i % len(texts)] for i in range(10_000))
    layout = (
        Section("overview", "Overview " + next(pick)),
        Section("round_robin", "Round robin", "round_robin"),
        Section("actions", "Actions " + next(pick), "actions"),
        Section("comments", "General comments"),
        Section("extra", "Extra \u202e" + texts[0][:50]),
    )
    meeting = Meeting(
        series=next(pick),
        title=next(pick),
        date=dt.date(2025, 3, 14),
        time=next(pick),
        place=next(pick),
        chair=next(pick),
        minute_taker=next(pick),
        status=status,
        next_meeting=dt.date(2025, 6, 12),
        layout=layout,
    )
    meeting.attendees = [Attendee(next(pick) or "x", next(pick), next(pick)) for _ in texts]
    meeting.sections["overview"] = [Bullet(t) for t in texts]
    meeting.sections["comments"] = [Bullet(next(pick)) for _ in texts]
    meeting.sections["extra"] = [Bullet(next(pick)) for _ in range(3)]
    meeting.round_robin = [Turn(next(pick), [Point(t) for t in texts]) for _ in range(2)]
    meeting.actions = [Action(t, next(pick), dt.date(2025, 4, 30)) for t in texts]
    return meeting


def as_stored(meeting: Meeting) -> dict:
    """The JSON shape of ``meeting`` with every text as the database keeps it."""

    def walk(value):
        if isinstance(value, str):
            return expected_store(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {walk(k): walk(v) for k, v in value.items()}
        return value

    return walk(meeting_to_dict(meeting))


def all_texts(meeting: Meeting, headings: bool = True) -> list[str]:
    """Every text of ``meeting``; ``headings`` too (an empty section has none in the minutes)."""
    texts = [meeting.series, meeting.title, meeting.time, meeting.place, meeting.chair, meeting.minute_taker]
    texts += [s.title for s in meeting.layout] if headings else []
    for a in meeting.attendees:
        texts += [a.name, a.organisation, a.role]
    for bullets in meeting.sections.values():
        texts += [b.text for b in bullets]
    for turn in meeting.round_robin:
        texts += [turn.speaker, *(p.text for p in turn.points)]
    for action in meeting.actions:
        texts += [action.text, action.owner]
    return texts


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def check_exports(meeting: Meeting, folder: Path) -> None:
    """Every export of ``meeting`` succeeds and holds what it should."""
    # Word: every text as Word can hold it.
    path = export_meeting(meeting, "docx", folder / "m.docx", template=None, overwrite=True)
    text = docx_text(docx.Document(str(path)))
    for item in all_texts(meeting):
        if item.strip():
            for line in expected_word(item).split("\n"):
                assert line.strip() in text, f"{line[:60]!r} missing from the Word minutes"
    # Markdown: written, valid UTF-8, no character XML (or a terminal) would choke on.
    md = export_meeting(meeting, "md", folder / "m.md", overwrite=True).read_text(encoding="utf-8")
    assert for_xml(md) == md
    assert "\x1b" not in md
    # JSON: exactly what is stored, and it reads back the same.
    data = json.loads(
        export_meeting(meeting, "json", folder / "m.json", overwrite=True).read_text(encoding="utf-8")
    )
    assert data == as_stored(meeting)
    again, warnings = meeting_from_dict(data)
    assert warnings == [] and meeting_to_dict(again) == data


def check_csv(text: str) -> None:
    """Every cell of the action log CSV is inert: no formula, no control character."""
    csv.field_size_limit(1_000_000)  # the 200,000-character point is one cell
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][0] == "id"
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell[:40]
            assert for_xml(cell) == cell, cell[:40]


# -- the corpus, every field ------------------------------------------------------------------


def test_corpus_through_the_store_api_every_field(store, tmp_path):
    """Create and then edit every field through the Store's methods; the database keeps each text."""
    m = store.create_meeting(
        layout=(*hostile_meeting(CORPUS).layout,),
        **{f: CORPUS[i] for i, f in enumerate(("series", "title", "time", "place", "chair", "minute_taker"))},
    )
    for n, text in enumerate(CORPUS):
        attendee = store.add_attendee(m.id, Attendee(text or "x", text, text))
        assert (attendee.name, attendee.organisation, attendee.role) == (
            expected_store(text or "x"),
            expected_store(text),
            expected_store(text),
        )
        for section in ("overview", "comments", "extra"):
            assert store.add_bullet(m.id, section, text).text == expected_store(text)
        turn = store.add_turn(m.id, text, points=[text])
        assert turn.speaker == expected_store(text) and turn.points[0].text == expected_store(text)
        assert store.add_point(turn.id, text).text == expected_store(text)
        action = store.add_action(m.id, Action(text, text))
        assert (action.text, action.owner) == (expected_store(text), expected_store(text))
        # and edited: each field rewritten with the next text
        other = CORPUS[(n + 1) % len(CORPUS)]
        assert store.update_attendee(attendee.id, role=other).role == expected_store(other)
        assert store.update_point(turn.points[0].id, other).text == expected_store(other)
        assert store.update_turn(turn.id, other).speaker == expected_store(other)
        assert store.update_action(action.id, owner=other).owner == expected_store(other)
        header = store.update_meeting(m.id, place=text, chair=other)
        assert (header.place, header.chair) == (expected_store(text), expected_store(other))
    saved = store.get_meeting(m.id)
    assert all(t == storable(t) for t in all_texts(saved))
    approved = store.approve_meeting(m.id)
    reason = CORPUS[2] + CORPUS[1]
    store.reopen_meeting(approved.id, reason)
    assert store.meeting_history(m.id)[-1].reason == expected_store(reason).strip()
    store.set_series_layout(CORPUS[1], [CORPUS[5], "actions"])
    assert store.series_layout(CORPUS[1])[0].title == " ".join(expected_store(CORPUS[5]).split())


def test_corpus_through_store_and_every_export(store, tmp_path):
    meeting = hostile_meeting(CORPUS)
    saved = store.get_meeting(store.add_meeting(meeting).id)
    assert without_history(meeting_to_dict(saved)) == as_stored(meeting)
    check_exports(saved, tmp_path)
    rows = store.list_actions()
    assert len(rows) == len(CORPUS)
    check_csv(actions_csv(rows))
    assert [r["action"] for r in json.loads(actions_json(rows))] == [expected_store(t) for t in CORPUS]
    table = actions_table(rows)
    assert "\x1b" not in table and "\x00" not in table and "\x9b" not in table


def test_corpus_through_json_import_and_the_cli(tmp_path):
    """minutes import, export (every format), actions and list; JSON export and re-import round trip."""
    meeting = hostile_meeting(CORPUS)
    source = tmp_path / "hostile.json"
    # ensure_ascii writes lone surrogates as \\udxxx escapes: valid JSON, as other programs write them
    source.write_text(json.dumps(meeting_to_dict(meeting)), encoding="utf-8")
    runner = CliRunner()
    db = ["--db", str(tmp_path / "m.db")]
    result = runner.invoke(main, [*db, "import", str(source)])
    assert result.exit_code == 0, result.output
    meeting_id = result.output.strip()
    for fmt in ("docx", "md", "json"):
        result = runner.invoke(main, [*db, "export", meeting_id, "--format", fmt, "-o", f"out.{fmt}"])
        assert result.exit_code == 0, result.output
    exported = json.loads(Path("out.json").read_text(encoding="utf-8"))
    assert without_history(exported) == as_stored(meeting)
    # round trip: the exported JSON imports to the same meeting, which exports identically
    result = runner.invoke(main, [*db, "import", "out.json", "--force"])  # a second copy, on purpose
    assert result.exit_code == 0, result.output
    again = result.output.strip()
    result = runner.invoke(main, [*db, "export", again, "--format", "json", "-o", "again.json"])
    assert result.exit_code == 0, result.output
    assert Path("again.json").read_bytes() == Path("out.json").read_bytes()
    text = docx_text(docx.Document("out.docx"))
    assert expected_word(CORPUS[-1]) in text  # the 200,000 characters, whole
    result = runner.invoke(main, [*db, "actions", "--format", "csv", "-o", "log.csv"])
    assert result.exit_code == 0, result.output
    check_csv(Path("log.csv").read_text(encoding="utf-8-sig"))
    for args in (
        ["list"],
        ["actions"],
        ["layout", CORPUS[1]],
        ["approve", meeting_id],
        ["reopen", meeting_id, CORPUS[2]],
        ["search", "escapes"],
        ["search", "H00"],
    ):
        result = runner.invoke(main, [*db, *args])
        assert result.exit_code == 0, result.output
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.output), repr(result.output[:300])


def test_json_import_rejects_non_text_clearly(tmp_path):
    source = tmp_path / "bad.json"
    runner = CliRunner()
    for data, words in (
        ({"title": {"$ne": 1}}, "title must be text"),
        ({"overview": ["ok", 7]}, "overview[1] must be text"),
        ({"attendees": [{"name": None, "organisation": None}]}, "needs a name or an organisation"),
        ({"date": "../../etc/passwd"}, "must be a date"),
        ([CORPUS[0]], "one JSON object"),
    ):
        source.write_text(json.dumps(data), encoding="utf-8")
        result = runner.invoke(main, ["import", str(source)])
        assert result.exit_code == 1 and words in result.output, result.output
        assert isinstance(result.exception, SystemExit)
    source.write_bytes(b'{"title": "\xff\xfe bad utf-8"}')
    result = runner.invoke(main, ["import", str(source)])
    assert result.exit_code == 1 and "not UTF-8" in result.output


# -- generated text -----------------------------------------------------------------------------

#: Any code point at all, surrogates and controls included, weighted towards the troublesome.
ANY_CHAR = st.characters(codec=None, categories=None, exclude_categories=())
TROUBLE = st.sampled_from(
    list("\x00\x1b\x7f\x85\x9b\ud800\udfff\ufffe\uffff\u202e\u200d\ufeff\r\n\t=+-@[]<>&*_#|\\`")
)
TEXT = st.text(st.one_of(ANY_CHAR, TROUBLE), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXT, min_size=1, max_size=6))
def test_generated_text_survives_store_and_every_export(texts, store, tmp_path):
    meeting = hostile_meeting(texts)
    saved = store.get_meeting(store.add_meeting(meeting).id)
    assert without_history(meeting_to_dict(saved)) == as_stored(meeting)
    # Word (in memory, to keep the examples quick), Markdown, JSON, CSV
    buffer = io.BytesIO()
    build_document(saved, template=None).save(buffer)
    text = docx_text(docx.Document(buffer))
    for item in all_texts(saved, headings=False):
        for line in expected_word(item).split("\n"):
            assert line.strip() in text
    md = render_markdown(saved)
    assert for_xml(md) == md
    data = json.loads(render_json(saved))
    assert without_history(data) == as_stored(meeting)
    assert meeting_to_dict(meeting_from_dict(data)[0]) == data
    check_csv(actions_csv(store.list_actions()))
    for meeting_id in [m.id for m in store.list_meetings()]:
        store.delete_meeting(meeting_id)


@settings(max_examples=40, deadline=None)
@given(text=TEXT)
def test_generated_text_json_round_trip_is_identical_but_for_surrogates(text):
    decoded = json.loads(json.dumps(meeting_to_dict(hostile_meeting([text]))))
    if not any("\ud800" <= c <= "\udfff" for c in text):
        assert as_stored(meeting_from_dict(decoded)[0]) == as_stored(hostile_meeting([text]))
    # JSON reads an escaped surrogate pair as the one character it encodes; lone
    # surrogates come back as U+FFFD; everything else exactly, and stably.
    data = as_stored(meeting_from_dict(decoded)[0])
    once = meeting_to_dict(meeting_from_dict(decoded)[0])
    assert as_stored(meeting_from_dict(json.loads(json.dumps(once)))[0]) == data


# -- LibreOffice --------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="needs LibreOffice (soffice) and pdftotext: apt-get install libreoffice-writer-nogui poppler-utils",
)
def test_hostile_docx_converts_in_libreoffice(tmp_path):
    """One conversion of the corpus (every field) to PDF; every marker is in the PDF text.

    The 200,000-character text goes in a bullet and a round-robin point only: in a
    table cell (an action) it makes LibreOffice abort the PDF export (see the report;
    the Word file itself is sound and python-docx reads it back whole).
    """
    meeting = hostile_meeting(CORPUS[:-1])
    meeting.sections["overview"].append(Bullet(CORPUS[-1]))
    meeting.round_robin[0].points.append(Point(CORPUS[-1]))
    path = export_meeting(meeting, "docx", tmp_path / "hostile.docx", template=None)
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / "hostile.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for n in range(20):
        assert f"H{n:02d}" in flat, f"H{n:02d} missing from the PDF"
    assert "xxxxxxxxxx" in flat and "<script>alert(1)</script>" in flat and "[bold]not bold[/bold]" in flat


def test_arguments_that_are_not_utf8_reach_no_traceback(tmp_path):
    """Bytes that are not UTF-8 on the command line arrive as lone surrogates (surrogateescape)."""
    db = tmp_path / "m.db"
    store = Store.open(db)
    meeting_id = store.add_meeting(hostile_meeting(CORPUS[:3])).id
    store.close()
    commands = [
        [b"actions", b"--owner", b"\xff\xfe"],
        [b"actions", b"--series", b"S\xff"],
        [b"layout", b"S\xff", b"Heading \xfe"],
        [b"layout", b"S\xff"],
        [b"next", b"S\xff"],
        [b"approve", str(meeting_id).encode()],
        [b"reopen", str(meeting_id).encode(), b"reason \xff"],
        [b"list"],
    ]
    for args in commands:
        done = subprocess.run(
            [sys.executable.encode(), b"-m", b"minutes_tui", b"--db", bytes(db), *args], capture_output=True
        )
        assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
        assert done.returncode in (0, 1), (args, done.stderr)
        assert not re.search(rb"\x1b", done.stdout)
    store = Store.open(db)
    assert [s.title for s in store.series_layout("S\udcff")] == ["Heading \ufffd"]
    store.close()
