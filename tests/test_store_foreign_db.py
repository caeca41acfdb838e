"""Another program's SQLite database given as --db is refused, left exactly as it was."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from minutes_tui.cli import main


def test_another_programs_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "budget.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE lines (item TEXT, amount REAL)")
    conn.execute("INSERT INTO lines VALUES ('Room hire', 120.0)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["--db", str(path), "list"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {path} is a database of another program (it has the table lines), "
        "not a minutes database; choose another file"
    )
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.glob("budget.db*")] == ["budget.db"]  # no -wal, no backup


def test_a_link_to_nowhere_is_named_as_such(tmp_path):
    path = tmp_path / "minutes.db"
    path.symlink_to(tmp_path / "gone" / "minutes.db")
    result = CliRunner().invoke(main, ["--db", str(path), "list"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {path} is a link to {tmp_path / 'gone' / 'minutes.db'}, which does not exist; "
        "restore what it points to, or choose another file"
    )
    assert path.is_symlink() and not (tmp_path / "gone").exists()
