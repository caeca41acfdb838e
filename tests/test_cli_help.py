"""Every command and option of ``minutes`` explains itself (as sqlite-utils' tests check).

Commands are found by walking the click group, so a command added anywhere (a module
of its own, a subgroup) is checked without touching this file.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from support.cli import run

from minutes_tui.cli import main

README = Path(__file__).parents[1] / "README.md"


def commands(group: click.Group = main, path: tuple[str, ...] = ()):
    """``(path, command)`` for every command under ``group``, subgroups included."""
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


COMMANDS = sorted(commands(), key=lambda pair: pair[0])


def test_the_group_has_commands_and_help():
    assert len(COMMANDS) >= 10, [p for p, _ in COMMANDS]
    result = run("--help")
    assert result.exit_code == 0 and "Type the minutes" in result.output
    for path, _ in COMMANDS:
        if len(path) == 1:
            assert re.search(rf"^\s+{path[0]}\s", result.output, re.M), f"{path[0]} not in minutes --help"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_and_option_has_help(path, command):
    assert (command.help or "").strip(), f"minutes {' '.join(path)} has no help text"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert (param.help or "").strip(), f"minutes {' '.join(path)} {param.opts[0]} has no help"
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: ") and "Traceback" not in result.output


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_is_in_the_readme(path, command):
    assert f"minutes {' '.join(path)}" in README.read_text(encoding="utf-8")
