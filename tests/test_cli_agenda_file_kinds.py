"""`minutes agenda` given a folder, or a name that is not there, says so (not "no extension")."""

from __future__ import annotations

from click.testing import CliRunner

from minutes_tui.cli import main


def run(db, *args):
    return CliRunner().invoke(main, ["--db", str(db), *args])


def test_a_folder_or_a_missing_file_is_named_as_such(tmp_path):
    db = tmp_path / "m.db"
    from minutes_tui.store import Store

    store = Store.open(db)
    meeting = store.create_meeting(series="Board", title="July")
    store.close()
    folder = tmp_path / "papers"
    folder.mkdir()
    result = run(db, "agenda", str(meeting.id), str(folder))
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == f"Error: {folder} is a folder, not a file"
    missing = tmp_path / "agenda"
    result = run(db, "agenda", str(meeting.id), str(missing))
    assert result.exit_code == 1
    assert (
        result.output.strip().splitlines()[-1] == f"Error: Cannot read {missing}: No such file or directory"
    )
