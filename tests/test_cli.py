"""The `minutes` command, driven through click's CliRunner."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support.cli import run
from support.samples import full_meeting, without_history

from minutes_tui.store import Store

pytestmark = [pytest.mark.both_backends, pytest.mark.usefixtures("backend")]

EXAMPLE = {
    "series": "Economic Theme Partners",
    "title": "Workshop",
    "date": "2025-03-14",
    "attendees": [{"name": "Priya", "organisation": "Cogent SSC", "role": "", "attendance": "present"}],
    "round_robin": [{"speaker": "JCP", "points": ["One contact"]}],
    "actions": [{"text": "Draft offer", "owner": "Priya", "due": "2025-04-30", "status": "open"}],
}


def write(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_import_list_export_round_trip(tmp_path):
    from minutes_tui.interchange import meeting_to_dict

    data = meeting_to_dict(full_meeting())
    result = run("import", str(write(tmp_path / "in.json", data)))
    assert result.exit_code == 0, result.output
    meeting_id = result.output.strip()
    listing = run("list").output
    assert f"{meeting_id}  2025-03-14  North West Chemicals Skills Alliance" in listing
    assert "[approved]" in listing
    out = tmp_path / "out.json"
    result = run("export", meeting_id, "--format", "json", "-o", str(out))
    assert result.exit_code == 0 and result.output.strip() == str(out)
    assert without_history(json.loads(out.read_text(encoding="utf-8"))) == data


@pytest.mark.sqlite_only
def test_default_database_comes_from_minutes_db(tmp_path):
    run("import", str(write(tmp_path / "in.json", EXAMPLE)))
    path = Path(os.environ["MINUTES_DB"])
    assert path.exists() and (path.stat().st_mode & 0o777) == 0o600
    store = Store.open(path)
    assert [m.title for m in store.list_meetings()] == ["Workshop"]


def test_db_option_wins_over_environment(tmp_path):
    other = tmp_path / "other.db"
    run("--db", str(other), "import", str(write(tmp_path / "in.json", EXAMPLE)))
    assert "Workshop" in run("--db", str(other), "list").output
    assert "No meetings yet" in run("list").output


def test_export_default_name_in_exports_folder(tmp_path):
    meeting_id = run("import", str(write(tmp_path / "in.json", EXAMPLE))).output.strip()
    first = Path(run("export", meeting_id, "--format", "json").output.strip())
    assert first == Path("exports") / "2025-03-14 Economic Theme Partners - Workshop.json"
    second = Path(run("export", meeting_id, "--format", "json").output.strip())
    assert second.name == "2025-03-14 Economic Theme Partners - Workshop (2).json"


def test_export_never_overwrites_silently(tmp_path):
    meeting_id = run("import", str(write(tmp_path / "in.json", EXAMPLE))).output.strip()
    out = tmp_path / "taken.json"
    out.write_text("earlier", encoding="utf-8")
    result = run("export", meeting_id, "--format", "json", "-o", str(out))
    assert result.exit_code != 0 and "already exists" in result.output
    assert out.read_text(encoding="utf-8") == "earlier"
    assert run("export", meeting_id, "--format", "json", "-o", str(out), "--force").exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "Workshop"


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "is not valid JSON"),
        ('{"date": "tomorrow"}', "date must be a date"),
        ("[1, 2]", "one JSON object"),
        (b"\xff\xfe\x00bad", "is not UTF-8"),
    ],
)
def test_malformed_import_is_one_line_and_writes_nothing(tmp_path, content, message):
    path = tmp_path / "bad.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:") and message in lines[0]
    assert "No meetings yet" in run("list").output


def test_unknown_keys_warn_on_stderr(tmp_path):
    result = run("import", str(write(tmp_path / "in.json", {**EXAMPLE, "colour": "red"})))
    assert result.exit_code == 0
    assert "Warning: unknown key 'colour' ignored" in result.stderr
    assert result.stdout.strip().isdigit()


def test_missing_file_and_missing_meeting(tmp_path):
    result = run("import", str(tmp_path / "nope.json"))
    assert result.exit_code != 0 and "Cannot read" in result.output
    result = run("export", "42")
    assert result.exit_code != 0 and "No meeting with id 42" in result.output


def test_database_that_is_not_a_database(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 1000)
    result = run("--db", str(bad), "list")
    assert result.exit_code != 0 and "not a minutes database" in result.output
    assert "Traceback" not in result.output


def test_version():
    assert run("--version").output.startswith("minutes, version")


def test_db_in_a_missing_folder_is_refused_not_created(tmp_path):
    result = run("--db", str(tmp_path / "no-such-folder" / "m.db"), "list")
    assert result.exit_code != 0 and "does not exist" in result.output
    assert not (tmp_path / "no-such-folder").exists()


def test_export_defaults_to_word(tmp_path):
    meeting_id = run("import", str(write(tmp_path / "in.json", EXAMPLE))).output.strip()
    path = Path(run("export", meeting_id).output.strip())
    assert path.suffix == ".docx" and path.parent == Path("exports")


def test_new_exports_folder_is_private(tmp_path):
    meeting_id = run("import", str(write(tmp_path / "in.json", EXAMPLE))).output.strip()
    path = Path(run("export", meeting_id, "-o", str(tmp_path / "new" / "m.docx")).output.strip())
    assert (path.stat().st_mode & 0o777) == 0o600
    assert (path.parent.stat().st_mode & 0o777) == 0o700
