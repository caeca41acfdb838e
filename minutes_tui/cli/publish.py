"""``minutes publish DIR``: the archive as a folder Datasette serves read-only."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..store.errors import StoreError
from .common import database_files, db_path, db_target, open_store


@click.command("publish")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--title", default="Minutes archive", show_default=True, help="The archive's title in Datasette."
)
@click.option("--force", is_flag=True, help="Replace an earlier snapshot and metadata.json in FOLDER.")
@click.pass_context
def publish_command(ctx: click.Context, folder: Path, title: str, force: bool) -> None:
    """Write a consistent snapshot of the archive and Datasette's metadata.json to FOLDER.

    Safe while the app is open. `datasette FOLDER` (pip install 'minutes-tui[publish]') then
    serves it read-only, with canned queries: open actions by owner, overdue actions,
    search, points agreed, and the decision register where committee minutes exist.
    Meetings deleted in the app are left out; exempt agenda items (not for publication) keep
    only their number, title and reason. Prints the files written and the items withheld.
    """
    from ..export import ExportError
    from ..export.files import check_target, write_atomically
    from ..store.publish import METADATA, SNAPSHOT, metadata, snapshot

    if isinstance(db_target(ctx), str):
        raise click.ClickException(
            "minutes publish snapshots a database file, not a PostgreSQL server: copy the archive "
            "to a file first (minutes copy URL archive.db), then minutes --db archive.db publish FOLDER"
        )
    open_store(ctx)  # the schema upgraded, the file checked to be a minutes database
    try:
        for name in (SNAPSHOT, METADATA):
            check_target(folder / name, overwrite=force, protect=database_files(ctx))
        copy, withheld = snapshot(db_path(ctx), folder, overwrite=force)
        text = json.dumps(metadata(copy, title=" ".join(title.split()) or "Minutes archive"), indent=2)
        meta = write_atomically(
            folder / METADATA,
            lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"),
            overwrite=force,
            protect=database_files(ctx),
        )
    except (ExportError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(copy))
    click.echo(str(meta))
    if withheld:
        items = f"{withheld} exempt item" + ("" if withheld == 1 else "s")
        click.echo(f"Withheld {items}: only the number, title and reason are published.")
    click.echo(f"Serve it read-only with: datasette {folder}")


COMMANDS = [publish_command]
