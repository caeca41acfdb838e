"""The ``minutes`` command: open the app, or import, export and list meetings.

The group lives here; the commands live in modules by family (meetings,
files, archive, series), each loaded when one of its commands is first used
(``minutes export`` loads only :mod:`.files`; ``minutes --help`` loads them all).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import click

from .. import __version__
from ..store.errors import StoreError
from .common import Database

#: Each command's name and the module of this package that holds it (in its ``COMMANDS``).
LAZY_COMMANDS = {
    **dict.fromkeys(("history", "list", "approve", "reopen", "import"), "meetings"),
    **dict.fromkeys(("delete", "deleted", "restore", "purge"), "deleted"),
    **dict.fromkeys(("next", "layout", "phrases"), "series"),
    **dict.fromkeys(("actions", "export"), "files"),
    **dict.fromkeys(("search", "backup", "check"), "archive"),
    **dict.fromkeys(("agenda", "paper", "decisions", "committee"), "committee"),
    "circulate": "circulate",
    "publish": "publish",
    **dict.fromkeys(("server", "copy"), "server"),
}


class _Group(click.Group):
    """Commands loaded on first use (see :data:`LAZY_COMMANDS`); any command's
    :class:`StoreError` (a damaged or busy database) becomes one ``Error:`` line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            for command in import_module(f".{LAZY_COMMANDS[cmd_name]}", __name__).COMMANDS:
                self.add_command(command)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(
    cls=_Group, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option(
    "--db",
    type=Database(dir_okay=False, path_type=Path),
    help="Database file, or postgresql://... server URL, to use "
    "(default: $MINUTES_DB, else minutes.db in your data folder).",
)
@click.version_option(__version__, prog_name="minutes")
@click.pass_context
def main(ctx: click.Context, db: Path | str | None) -> None:
    """Type the minutes of a meeting live; get finished Word minutes when it ends.

    With no command, opens the app on the database.
    """
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is None:
        from ..launch import run_app

        run_app(db)  # a StoreError becomes one Error: line (see _Group)


__all__ = ["LAZY_COMMANDS", "main"]
