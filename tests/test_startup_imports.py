"""``minutes`` loads only what a command needs: ``--help`` and ``list`` start fast.

Each command runs in a fresh interpreter (imports are per process), which then
reports the modules it loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from minutes_tui.cli.files import EXPORT_FOLDER
from minutes_tui.export import DEFAULT_FOLDER

RUN = """
import json, sys
from minutes_tui.cli import main
try:
    main(sys.argv[1:], prog_name="minutes")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""
#: Never loaded by a command that writes no Word file and opens no app.
HEAVY = ("textual", "docx", "lxml", "minutes_tui.tui", "minutes_tui.export.docx", "minutes_tui.interchange")
#: Not loaded by a command that does not open the database either.
STORE = ("sqlite_utils", "sqlite3", "minutes_tui.store.store", "minutes_tui.model", "minutes_tui.export")


def modules_loaded(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, check=True)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(f"{p}.") for p in packages))


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_loads_neither_the_store_nor_the_app_nor_word(args):
    assert loaded(modules_loaded(*args), HEAVY + STORE) == []


@pytest.mark.parametrize("command", ["export", "layout", "import", "search"])
def test_a_commands_help_opens_no_database(command):
    """The names a choice offers load with it (Word's exporter does not); the store does not."""
    assert (
        loaded(modules_loaded(command, "--help"), HEAVY + ("sqlite_utils", "minutes_tui.store.store")) == []
    )


def test_list_loads_neither_the_app_nor_word(tmp_path):
    modules = modules_loaded("--db", str(tmp_path / "m.db"), "list")
    assert "minutes_tui.store.store" in modules  # it did open the database
    assert loaded(modules, HEAVY) == []


def test_export_help_names_the_exporters_folder():
    assert str(DEFAULT_FOLDER) == EXPORT_FOLDER


def test_list_and_export_on_a_current_database_do_not_load_sqlite_utils(tmp_path):
    """sqlite-utils loads only to migrate a database (see store/migration_set.py)."""
    db = str(tmp_path / "m.db")
    modules = modules_loaded("--db", db, "list")  # creates the database: migrations run
    assert "sqlite_utils" in modules
    source = tmp_path / "meeting.json"
    source.write_text(json.dumps({"title": "Board", "date": "2025-03-14"}), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "minutes_tui", "--db", db, "import", str(source)], check=True)
    for args in (["list"], ["export", "1", "-o", str(tmp_path / "m.docx")]):
        modules = modules_loaded("--db", db, *args)
        assert "minutes_tui.store.store" in modules
        assert loaded(modules, ("sqlite_utils",)) == [], args
    assert (tmp_path / "m.docx").stat().st_size > 0


def test_a_command_loads_only_its_own_module_of_commands(tmp_path):
    modules = modules_loaded("--db", str(tmp_path / "m.db"), "list")
    assert loaded(modules, ("minutes_tui.cli",)) == [
        "minutes_tui.cli",
        "minutes_tui.cli.common",
        "minutes_tui.cli.meetings",
    ]


def test_help_lists_every_command_of_every_module_and_each_runs():
    """The table of lazily loaded commands names each module's commands, no more and no fewer."""
    import importlib

    from click.testing import CliRunner

    from minutes_tui.cli import LAZY_COMMANDS, main

    for module in set(LAZY_COMMANDS.values()):
        commands = importlib.import_module(f"minutes_tui.cli.{module}").COMMANDS
        named = {name for name, holder in LAZY_COMMANDS.items() if holder == module}
        assert {command.name for command in commands} == named, module
    listing = CliRunner().invoke(main, ["--help"]).output
    for name in LAZY_COMMANDS:
        assert f"\n  {name} " in listing, name
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and result.output.startswith("Usage: "), name
