"""Files that hold minutes are readable by their owner only, and export names stay in their folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.export_samples import design_meeting

from minutes_tui.cli import main
from minutes_tui.export import export_meeting
from minutes_tui.export.files import safe_stem
from minutes_tui.interchange import meeting_to_dict
from minutes_tui.model import Action, Meeting
from minutes_tui.store import Store


@pytest.fixture
def umask_022():
    """A typical umask, under which files are group- and world-readable unless made private."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_wal_shm_and_folder_are_private(tmp_path, umask_022):
    path = tmp_path / "new" / "data" / "minutes.db"
    store = Store.open(path)
    store.add_meeting(design_meeting())
    for name in ("minutes.db", "minutes.db-wal", "minutes.db-shm"):
        assert (path.parent / name).exists(), name
        assert mode(path.parent / name) == 0o600, name
    assert mode(path.parent) == 0o700
    backup = store.backup()
    assert mode(backup) == 0o600
    assert mode(store.backup(tmp_path / "copy.db")) == 0o600
    store.close()


def test_database_through_the_cli_is_private(tmp_path, umask_022):
    source = tmp_path / "m.json"
    source.write_text(json.dumps(meeting_to_dict(design_meeting())), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source)])
    assert result.exit_code == 0, result.output
    db = Path(os.environ["MINUTES_DB"])
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700


def test_every_export_is_private(tmp_path, umask_022):
    runner = CliRunner()
    store = Store.open(os.environ["MINUTES_DB"])
    meeting_id = str(store.add_meeting(design_meeting()).id)
    store.close()
    made = []
    for fmt in ("docx", "md", "json"):
        result = runner.invoke(main, ["export", meeting_id, "--format", fmt])
        assert result.exit_code == 0, result.output
        made.append(Path(result.output.strip()))
    for fmt in ("csv", "json", "table"):
        result = runner.invoke(main, ["actions", "--format", fmt, "-o", f"log-{fmt}.txt"])
        assert result.exit_code == 0, result.output
        made.append(Path(f"log-{fmt}.txt"))
    # replacing a world-readable file leaves a private one
    Path("shared.docx").write_bytes(b"old")
    os.chmod("shared.docx", 0o644)
    result = runner.invoke(main, ["export", meeting_id, "--force", "-o", "shared.docx"])
    assert result.exit_code == 0, result.output
    made.append(Path("shared.docx"))
    assert [(p.name, mode(p)) for p in made] == [(p.name, 0o600) for p in made]
    assert not list(Path(".").rglob(".minutes-*"))  # no temporary files left behind


HOSTILE_NAMES = [
    "../../etc/passwd",
    "..",
    ".",
    "/",
    "/etc/cron.d/x",
    "~/.bashrc",
    "CON",
    "con.txt",
    "NUL",
    "COM1",
    "LPT9.doc",
    "a/b\\c",
    "C:\\Windows\\System32\\drivers",
    "\\\\server\\share\\x",
    "x\x00y",
    "\x00",
    "x" * 500,
    "\U0001f600" * 500,
    "\u0645" * 500,
    "evil\u202egpj.exe",
    "   ",
    " . . ",
    ".hidden",
    "trailing dot.",
    'a:b*c?d"e<f>g|h',
    "line\nbreak\ttab\rreturn",
    "\ud800",
]


@pytest.mark.parametrize("fmt", ["docx", "md", "json"])
def test_export_names_from_hostile_series_and_titles_stay_in_the_folder(fmt, tmp_path):
    folder = tmp_path / "exports"
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    made = set()
    for name in HOSTILE_NAMES:
        for meeting in (Meeting(series=name), Meeting(title=name), Meeting(series=name, title=name)):
            path = export_meeting(meeting, fmt, folder=folder)
            assert path.resolve().parent == folder.resolve(), (name, path)
            assert path.is_file() and not path.is_symlink()
            assert len(path.name.encode("utf-8")) <= 255
            assert not path.name.startswith(".")
            assert path.stem.split(".")[0].upper() not in {"CON", "NUL", "COM1", "LPT9", "PRN", "AUX"}
            made.add(path.name)
    assert len(made) == 3 * len(HOSTILE_NAMES)  # nothing overwritten
    assert sorted(p.name for p in folder.iterdir()) == sorted(made)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({*outside_before, "exports"})


def test_export_names_through_the_cli(tmp_path):
    runner = CliRunner()
    store = Store.open(os.environ["MINUTES_DB"])
    ids = [store.create_meeting(series=n, title=n, date=dt.date(2025, 1, 2)).id for n in HOSTILE_NAMES]
    store.close()
    for meeting_id in ids:
        result = runner.invoke(main, ["export", str(meeting_id), "--format", "md"])
        assert result.exit_code == 0, result.output
        path = Path(result.output.strip())
        assert path.resolve().parent == (tmp_path / "exports").resolve(), path
    assert len(list((tmp_path / "exports").iterdir())) == len(ids)


def test_export_never_writes_through_a_planted_symlink(tmp_path):
    meeting = Meeting(series="Board", title="Minutes", date=dt.date(2025, 1, 2), actions=[Action("x")])
    folder = tmp_path / "exports"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    name = export_meeting(meeting, "md", folder=tmp_path / "probe").name
    (folder / name).symlink_to(victim)
    path = export_meeting(meeting, "md", folder=folder)
    assert path != folder / name and path.is_file()
    dangling = folder / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    from minutes_tui.export import ExportError

    with pytest.raises(ExportError, match="already exists"):
        export_meeting(meeting, "md", dangling)
    export_meeting(meeting, "md", folder / name, overwrite=True)  # replaces the link, not its target
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (tmp_path / "nowhere.md").exists()
    assert not (folder / name).is_symlink()


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_safe_stem_is_a_plain_name(name):
    stem = safe_stem(name)
    assert stem and "/" not in stem and "\\" not in stem and "\x00" not in stem
    assert stem not in (".", "..") and not stem.startswith(".")
    assert len(stem.encode("utf-8", "surrogatepass")) <= 200
