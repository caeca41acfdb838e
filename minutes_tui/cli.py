"""The ``minutes`` command: open the app, or import, export and list meetings."""

from __future__ import annotations

import json
from pathlib import Path

import click

from . import __version__
from .export import DEFAULT_FOLDER, FORMATS, ExportError, export_meeting
from .interchange import FormatError, meeting_from_dict
from .store import Store, StoreError, default_path


def _open_store(ctx: click.Context) -> Store:
    """The store for ``--db`` (or ``$MINUTES_DB``, or the default), opened once per command."""
    obj = ctx.ensure_object(dict)
    if "store" not in obj:
        path = obj.get("db") or default_path()
        try:
            obj["store"] = Store.open(path)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
        ctx.call_on_close(obj["store"].close)
    return obj["store"]


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Database file to use (default: $MINUTES_DB, else minutes.db in your data folder).",
)
@click.version_option(__version__, prog_name="minutes")
@click.pass_context
def main(ctx: click.Context, db: Path | None) -> None:
    """Type the minutes of a meeting live; get finished Word minutes when it ends.

    With no command, opens the app on the database.
    """
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is None:
        from .tui.app import make_app

        store = _open_store(ctx)
        make_app(store).run()


@main.command("list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """List meetings, newest first: id, date, series, title, status."""
    meetings = _open_store(ctx).list_meetings()
    if not meetings:
        click.echo("No meetings yet. Run `minutes` to start one, or `minutes import FILE.json`.")
        return
    width = max(len(str(m.id)) for m in meetings)
    for m in meetings:
        date = m.date.isoformat() if m.date else "----------"
        click.echo(f"{m.id:>{width}}  {date}  {m.series or '-'}  {m.title or '(untitled)'}  [{m.status}]")


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def import_command(ctx: click.Context, file: Path) -> None:
    """Create a meeting from FILE (JSON, see docs/format.md) and print its id."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        meeting, warnings = meeting_from_dict(data)
    except OSError as exc:
        raise click.ClickException(f"Cannot read {file}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{file} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise click.ClickException(
            f"{file} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except FormatError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    try:
        saved = _open_store(ctx).add_meeting(meeting)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(saved.id)


@main.command("export")
@click.argument("meeting_id", type=int)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="json",
    show_default=True,
    help="File format to write.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help=f"File to write (default: a name made from date, series and title in ./{DEFAULT_FOLDER}/).",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.pass_context
def export_command(ctx: click.Context, meeting_id: int, fmt: str, output: Path | None, force: bool) -> None:
    """Export meeting MEETING_ID to a file and print where it went."""
    try:
        meeting = _open_store(ctx).get_meeting(meeting_id)
        path = export_meeting(meeting, fmt, output, overwrite=force)
    except (StoreError, ExportError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(path))
