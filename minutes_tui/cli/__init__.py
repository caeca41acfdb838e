"""The ``minutes`` command: open the app, or import, export and list meetings.

The group lives here; the commands live in modules by family (meetings,
files, archive, series), each registered on :data:`main`.
"""

from __future__ import annotations

from pathlib import Path

import click

from .. import __version__
from ..store.errors import StoreError
from .common import Database


class _Group(click.Group):
    """Any command's :class:`StoreError` (a damaged or busy database) becomes one ``Error:`` line."""

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


from . import (  # noqa: E402  (they register their commands)
    archive,
    circulate,
    committee,
    deleted,
    files,
    meetings,
    publish,
    series,
    server,
)

for _module in (meetings, deleted, series, files, archive, committee, circulate, publish, server):
    for _command in _module.COMMANDS:
        main.add_command(_command)

__all__ = ["main"]
