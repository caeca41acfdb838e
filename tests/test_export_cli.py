"""`minutes export`: formats, file names, templates, and failures that leave everything as it was."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from support.cli import run
from support.export_samples import design_meeting, make_template

from minutes_tui.interchange import meeting_to_dict
from minutes_tui.store import Store, default_target

pytestmark = [pytest.mark.both_backends, pytest.mark.usefixtures("backend")]

NAME = "2025-03-14 North West Chemicals Skills Alliance - Apprenticeships Workshop"


@pytest.fixture
def meeting_id():
    store = Store.open(default_target())
    try:
        return store.add_meeting(design_meeting()).id
    finally:
        store.close()


def saved_meeting(meeting_id):
    store = Store.open(default_target())
    try:
        return meeting_to_dict(store.get_meeting(meeting_id))
    finally:
        store.close()


@pytest.mark.parametrize("fmt", ["docx", "md", "json"])
def test_export_to_the_default_folder(meeting_id, fmt):
    result = run("export", meeting_id, "--format", fmt)
    assert result.exit_code == 0, result.output
    path = Path(result.output.strip())
    assert path == Path("exports") / f"{NAME}.{fmt}"
    assert path.stat().st_size > 0
    assert not list(Path("exports").glob(".minutes-*"))


def test_docx_reads_back(meeting_id):
    result = run("export", meeting_id, "--format", "docx", "-o", "out/minutes.docx")
    assert result.exit_code == 0, result.output
    document = docx.Document("out/minutes.docx")
    assert document.paragraphs[1].text == "Apprenticeships Workshop"


def test_template_option(meeting_id, tmp_path):
    template = make_template(tmp_path / "house.docx", header="Cheshire Partnership")
    result = run("export", meeting_id, "--format", "docx", "--template", template, "-o", "t.docx")
    assert result.exit_code == 0, result.output
    assert docx.Document("t.docx").sections[0].header.paragraphs[0].text == "Cheshire Partnership"


def test_template_only_for_docx(meeting_id, tmp_path):
    result = run("export", meeting_id, "--format", "md", "--template", tmp_path / "x.docx")
    assert result.exit_code == 2
    assert "--template applies to --format docx and pdf only" in result.output


def test_an_unreadable_template_leaves_an_earlier_file_alone(meeting_id, tmp_path):
    Path("minutes.docx").write_bytes(b"earlier")
    bad = tmp_path / "bad.dotx"
    bad.write_text("not a template")
    result = run("export", meeting_id, "--format", "docx", "-o", "minutes.docx", "--force", "--template", bad)
    assert result.exit_code == 1
    assert f"The Word template {bad} cannot be used" in result.output
    assert "Traceback" not in result.output
    assert Path("minutes.docx").read_bytes() == b"earlier"
    assert not list(Path(".").glob(".minutes-*"))  # no temporary file left behind


def test_an_existing_file_is_not_overwritten_silently(meeting_id):
    Path("minutes.docx").write_bytes(b"earlier")
    result = run("export", meeting_id, "--format", "docx", "-o", "minutes.docx")
    assert result.exit_code == 1
    assert "minutes.docx already exists; use --force" in result.output
    assert Path("minutes.docx").read_bytes() == b"earlier"
    result = run("export", meeting_id, "--format", "docx", "-o", "minutes.docx", "--force")
    assert result.exit_code == 0, result.output
    assert docx.Document("minutes.docx").paragraphs[1].text == "Apprenticeships Workshop"


def test_an_unwritable_destination_gives_a_clear_message(meeting_id):
    before = saved_meeting(meeting_id)
    Path("somefile.txt").write_text("a file, not a folder")
    result = run("export", meeting_id, "--format", "docx", "-o", "somefile.txt/out.docx")
    assert result.exit_code == 1
    assert "Cannot create the folder somefile.txt" in result.output
    assert "Traceback" not in result.output
    assert Path("somefile.txt").read_text() == "a file, not a folder"
    assert saved_meeting(meeting_id) == before


def test_a_failed_move_into_place_leaves_no_trace(meeting_id, monkeypatch):
    Path("minutes.docx").write_bytes(b"earlier")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    result = run("export", meeting_id, "--format", "docx", "-o", "minutes.docx", "--force")
    assert result.exit_code == 1
    assert "Cannot write minutes.docx: Permission denied" in result.output
    assert Path("minutes.docx").read_bytes() == b"earlier"
    assert not list(Path(".").glob(".minutes-*"))


def test_output_is_a_folder(meeting_id):
    Path("out").mkdir()
    result = run("export", meeting_id, "--format", "docx", "-o", "out")
    assert result.exit_code == 1
    assert "out is a folder" in result.output


def test_a_bad_settings_file_is_reported(meeting_id):
    config = Path(os.environ["MINUTES_CONFIG"])
    config.parent.mkdir(parents=True)
    config.write_text("export = [", encoding="utf-8")
    result = run("export", meeting_id, "--format", "docx")
    assert result.exit_code == 1
    assert f"The settings file {config} is not valid TOML" in result.output


def test_file_names_are_safe_everywhere():
    store = Store.open(default_target())
    meeting = design_meeting()
    meeting.series, meeting.title = "CON", 'a/b\\c:d*e?f"g<h>i|j'
    meeting_id = store.add_meeting(meeting).id
    store.close()
    result = run("export", meeting_id, "--format", "md")
    assert result.exit_code == 0, result.output
    name = Path(result.output.strip()).name
    assert name == "2025-03-14 CON - a-b-c-d-e-f-g-h-i-j.md"
    assert not set('/\\:*?"<>|') & set(name)


def test_unknown_meeting(meeting_id):
    result = run("export", 999, "--format", "docx")
    assert result.exit_code == 1
    assert not Path("exports").exists() or not list(Path("exports").iterdir())


@pytest.mark.parametrize(
    ("said", "fmt"), [("markdown", "md"), ("Markdown", "md"), ("word", "docx"), ("web", "html")]
)
def test_a_format_by_the_name_people_use(meeting_id, said, fmt):
    result = run("export", meeting_id, "--format", said)
    assert result.exit_code == 0, result.output
    assert Path(result.output.strip()) == Path("exports") / f"{NAME}.{fmt}"


def test_an_unknown_format_is_refused_with_the_choices(meeting_id):
    result = run("export", meeting_id, "--format", "rtf")
    assert result.exit_code == 2
    assert "'rtf' is not one of" in result.output and "md" in result.output
