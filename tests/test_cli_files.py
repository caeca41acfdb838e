"""Files and the command line: what `-o`, `backup` and `import` refuse, and how they fail."""

from __future__ import annotations

import io
import json
import os
import socket
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support.cli import run

EXAMPLE = {
    "format": 1,
    "series": "Board",
    "title": "Workshop",
    "date": "2025-03-14",
    "actions": [{"text": "Draft offer", "owner": "Priya", "due": "2025-04-30", "status": "open"}],
}


def cli(*args):
    """``minutes ARGS``, keeping any exception on the result (these tests check failures are clean)."""
    return run(*args, catch_exceptions=True)


def assert_error(result, *words):
    """One ``Error:`` line, exit 1, no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
    for word in words:
        assert word in result.output, result.output


@pytest.fixture
def meeting_id(tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    result = cli("import", path)
    assert result.exit_code == 0, result.output
    return result.output.strip()


def db() -> Path:
    return Path(os.environ["MINUTES_DB"])


# -- overwriting -------------------------------------------------------------------


def test_actions_output_needs_force_to_replace_a_file(meeting_id, tmp_path):
    target = tmp_path / "log.csv"
    target.write_text("keep me", encoding="utf-8")
    assert_error(cli("actions", "--format", "csv", "-o", target), "already exists", "--force")
    assert target.read_text(encoding="utf-8") == "keep me"
    assert cli("actions", "--format", "csv", "-o", target, "--force").exit_code == 0
    assert "Draft offer" in target.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
@pytest.mark.parametrize("command", [["actions", "--format", "csv"], ["export", "1", "--format", "md"]])
def test_output_never_writes_over_the_open_database(meeting_id, command, suffix):
    path = Path(f"{db()}{suffix}")
    before = path.read_bytes() if path.exists() else None
    assert_error(cli(*command, "-o", path, "--force"), "database")
    assert (path.read_bytes() if path.exists() else None) == before
    assert "Workshop" in cli("list").output


def test_output_never_writes_over_the_database_through_another_name(meeting_id, tmp_path):
    (tmp_path / "alias.db").symlink_to(db())
    os.link(db(), tmp_path / "hard.db")
    for name in ("alias.db", "hard.db", f"{db().parent}/../data/minutes.db"):
        assert_error(cli("actions", "--format", "json", "-o", name, "--force"), "database")
    assert "Workshop" in cli("list").output


def _special_files(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    yield fifo
    sock_path = tmp_path / "sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    yield sock_path
    sock.close()
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        return
    yield device


def test_output_never_replaces_a_device_fifo_socket_or_folder(meeting_id, tmp_path):
    for special in [*_special_files(tmp_path), tmp_path / "folder"]:
        if special.name == "folder":
            special.mkdir()
        kind = stat.S_IFMT(os.lstat(special).st_mode)
        for command in (["export", meeting_id, "--format", "md"], ["actions", "--format", "csv"]):
            result = cli(*command, "-o", special, "--force")
            if special.name == "folder" and result.exit_code == 2:  # click's own usage error
                assert "is a directory" in result.output
            else:
                assert_error(result)
            assert stat.S_IFMT(os.lstat(special).st_mode) == kind, special


def test_a_symlink_target_is_refused_without_force_and_never_written_through(meeting_id, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "out.md"
    link.symlink_to(victim)
    assert_error(cli("export", meeting_id, "--format", "md", "-o", link), "symbolic link", "--force")
    assert cli("export", meeting_id, "--format", "md", "-o", link, "--force").exit_code == 0
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not link.is_symlink() and "Workshop" in link.read_text(encoding="utf-8")


# -- standard output ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_export_dash_prints_to_standard_output(meeting_id, fmt):
    result = cli("export", meeting_id, "--format", fmt, "-o", "-")
    assert result.exit_code == 0, result.output
    assert "Workshop" in result.output
    assert not Path("-").exists()


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_actions_dash_prints_to_standard_output(meeting_id, fmt):
    result = cli("actions", "--format", fmt, "-o", "-")
    assert result.exit_code == 0 and "Draft offer" in result.output, result.output
    assert not Path("-").exists()


def test_word_to_a_pipe_is_the_document_and_to_a_terminal_is_refused(meeting_id):
    import pty

    import docx

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "minutes_tui", "export", meeting_id, "-o", "-"]
    piped = subprocess.run(command, capture_output=True, env=env, timeout=60)
    assert piped.returncode == 0, piped.stderr
    assert "Workshop" in docx.Document(io.BytesIO(piped.stdout)).paragraphs[0].text + str(
        [p.text for p in docx.Document(io.BytesIO(piped.stdout)).paragraphs]
    )
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(command, stdout=follower, stderr=subprocess.PIPE, env=env, timeout=60)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 1
    assert done.stderr.decode().startswith("Error: ") and "binary" in done.stderr.decode()
    assert not Path("-").exists()


# -- folders and stale temporary files -----------------------------------------------


def test_folders_made_for_output_are_private_under_umask_000(meeting_id, tmp_path):
    old = os.umask(0)
    try:
        result = cli("export", meeting_id, "--format", "md", "-o", tmp_path / "a" / "b" / "c" / "m.md")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    for folder in ("a", "a/b", "a/b/c"):
        assert (tmp_path / folder).stat().st_mode & 0o777 == 0o700, folder


def test_an_export_sweeps_stale_temporary_files_but_not_live_ones(meeting_id, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    dead_pid = int(gone.stdout)
    stale = folder / f".minutes-{dead_pid}-abcd.docx"
    stale.write_bytes(b"half a document")
    writer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = folder / f".minutes-{writer.pid}-efgh.docx"
        live.write_bytes(b"being written")
        assert cli("export", meeting_id, "--format", "md", "-o", folder / "m.md").exit_code == 0
        assert not stale.exists()
        assert live.exists()
    finally:
        writer.kill()
        writer.wait()


# -- the database's folder -------------------------------------------------------------


def test_backup_is_checked_and_leaves_no_temporary_file(meeting_id, tmp_path):
    result = cli("backup", tmp_path / "copy.db")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".minutes-")) == []
    assert_error(cli("backup", tmp_path / "copy.db"), "already exists")


# -- hostile input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, ["nested too deeply"]),
        ('{"format": 1, "title": "x", "n": ' + "9" * 5000 + "}", ["too long"]),
        ('{"format": 1, "title": "a", "title": "b"}', ["appears twice"]),
        ('{"format": 1, "attendees": [{"name": "a", "name": "b"}]}', ["appears twice"]),
        ('{"format": 1, "title": NaN}', ["NaN"]),
        ('{"format": 3}', ["format 3"]),
        ('{"format": "1"}', ["format '1'"]),
        ('{"format": true}', ["format True"]),
        ('{"format": 1.0}', ["format 1.0"]),
        ('{"format": 1, "date": "20250101"}', ["YYYY-MM-DD"]),
        ('{"format": 1, "date": "2025-W01-1"}', ["YYYY-MM-DD"]),
        ('{"format": 1, "actions": [{"text": "a", "due": "2025-001"}]}', ["YYYY-MM-DD"]),
    ],
)
def test_hostile_json_gets_one_error_line(tmp_path, text, words):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    assert_error(cli("import", path), *words)
    assert "No meetings yet" in cli("list").output


@pytest.mark.parametrize(
    "command",
    [
        ["export", "{id}"],
        ["approve", "{id}"],
        ["reopen", "{id}", "why"],
        ["history", "{id}"],
    ],
)
@pytest.mark.parametrize(
    "bad", [str(2**63), "9" * 5000, "0", "1e3"], ids=["2**63", "5000 digits", "0", "1e3"]
)
def test_meeting_ids_beyond_sqlite_are_usage_errors(meeting_id, command, bad):
    result = cli(*[part.format(id=bad) for part in command])
    assert result.exit_code == 2 and "is not a meeting id" in result.output, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("date", ["20250101", "2025-W01-1", "2025-1-1", "14/03/2025x", "1/3/2025"])
def test_dates_are_strictly_yyyy_mm_dd(meeting_id, date):
    for command in (["next", "Board", "--date", date], ["search", "Workshop", "--since", date]):
        result = cli(*command)
        assert result.exit_code == 2 and "YYYY-MM-DD" in result.output, result.output


def test_search_since_still_takes_a_uk_date(meeting_id):
    assert "Workshop" in cli("search", "Workshop", "--since", "14/03/2025").output
    assert "Workshop" not in cli("search", "Workshop", "--since", "15/03/2025").output


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_backup_never_writes_over_the_database_files(meeting_id, suffix):
    path = Path(f"{db()}{suffix}")
    assert_error(cli("backup", path), "the database minutes has open")
    assert "Workshop" in cli("list").output


# -- Word templates -------------------------------------------------------------------


def _template_with(tmp_path: Path, name: str, parts: dict[str, bytes]) -> Path:
    """A real .docx with ``parts`` replaced or added."""
    import docx

    base = io.BytesIO()
    docx.Document().save(base)
    out = tmp_path / name
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename not in parts:
                target.writestr(item, source.read(item.filename))
        for part, content in parts.items():
            target.writestr(part, content)
    return out


def test_a_template_that_inflates_hugely_is_refused_quickly(meeting_id, tmp_path):
    import time

    bomb = _template_with(tmp_path, "bomb.dotx", {"word/media/padding.xml": b" " * (200 * 1024 * 1024)})
    assert bomb.stat().st_size < 1024 * 1024
    started = time.monotonic()
    result = cli("export", meeting_id, "--template", bomb, "-o", tmp_path / "m.docx")
    assert time.monotonic() - started < 10
    assert_error(result, "inflate", "MB")
    assert not (tmp_path / "m.docx").exists()


def test_a_template_that_lies_about_its_sizes_is_still_stopped(meeting_id, tmp_path):
    from minutes_tui.export.template_safety import TemplateRejected, check_package

    bomb = _template_with(
        tmp_path, "liar.docx", {"word/big.xml": b"<a>" + b" " * (60 * 1024 * 1024) + b"</a>"}
    )
    data = bytearray(bomb.read_bytes())
    # Make the declared size small in the local and central headers: only reading can tell.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/big.xml")
    real = info.file_size.to_bytes(4, "little")
    assert data.count(real) >= 2
    data = data.replace(real, (1000).to_bytes(4, "little"))
    with pytest.raises(Exception) as caught:
        check_package(bytes(data))
    assert isinstance(caught.value, TemplateRejected | zipfile.BadZipFile)


@pytest.mark.parametrize(
    "xml",
    [
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x "boom">]><w:styles '
        b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&x;</w:styles>',
        b'<?xml version="1.0"?><w:styles '
        b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&undefined;</w:styles>',
    ],
)
def test_a_template_with_xml_entities_is_refused(meeting_id, tmp_path, xml):
    template = _template_with(tmp_path, "entity.docx", {"word/styles.xml": xml})
    result = cli("export", meeting_id, "--template", template, "-o", tmp_path / "m.docx")
    assert_error(result, "cannot be used")
    assert not (tmp_path / "m.docx").exists()
