"""The ``minutes`` command: open the app, or import, export and list meetings."""

from __future__ import annotations

import json
from pathlib import Path

import click

from . import __version__
from .export import DEFAULT_FOLDER, FORMATS, ExportError, export_meeting
from .export.files import write_atomically
from .interchange import FormatError, meeting_from_dict
from .model import LAYOUTS, ModelError
from .store import Store, StoreError, default_path


def _open_store(ctx: click.Context) -> Store:
    """The store for ``--db`` (or ``$MINUTES_DB``, or the default), opened once per command."""
    obj = ctx.ensure_object(dict)
    if "store" not in obj:
        path = obj.get("db") or default_path()
        try:
            obj["store"] = Store.open(path, create_folder=not obj.get("db"))
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


@main.command("actions")
@click.option("--series", help="Only actions raised in meetings of this series.")
@click.option("--owner", help="Only actions whose owner contains this text (any case).")
@click.option("--open", "still_to_do", is_flag=True, help="Only actions still to do (open or on hold).")
@click.option("--overdue", is_flag=True, help="Only actions still to do whose due date has passed.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table for reading, csv for Excel (formulas made inert), json for programs.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of the terminal (CSV gets a BOM so Excel reads UTF-8).",
)
@click.pass_context
def actions_command(ctx, series, owner, still_to_do, overdue, fmt, output) -> None:
    """The action log: actions across meetings, soonest due first; overdue ones marked !."""
    from .export.action_log import actions_csv, actions_json, actions_table

    rows = _open_store(ctx).list_actions(series=series, owner=owner, still_to_do=still_to_do, overdue=overdue)
    if fmt == "table" and not rows and output is None:
        click.echo("No actions match.")
        return
    render = {"table": actions_table, "csv": actions_csv, "json": actions_json}[fmt]
    text = render(rows)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomically(
            output,
            lambda tmp: tmp.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline=""),
            overwrite=True,
        )
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(output))


@main.command("approve")
@click.argument("meeting_id", type=int)
@click.pass_context
def approve_command(ctx: click.Context, meeting_id: int) -> None:
    """Mark meeting MEETING_ID's minutes approved: the record, locked against edits."""
    try:
        meeting = _open_store(ctx).approve_meeting(meeting_id)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Approved: {meeting.title or meeting_id}. Reopen with `minutes reopen {meeting_id} REASON`.")


@main.command("reopen")
@click.argument("meeting_id", type=int)
@click.argument("reason")
@click.pass_context
def reopen_command(ctx: click.Context, meeting_id: int, reason: str) -> None:
    """Reopen approved minutes for a correction; REASON is recorded with the time."""
    try:
        meeting = _open_store(ctx).reopen_meeting(meeting_id, reason)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Reopened as a draft: {meeting.title or meeting_id}.")


@main.command("next")
@click.argument("series")
@click.option("--title", default="", help="Title of the new meeting (default: the last one's).")
@click.option("--date", "date_", default=None, help="Date of the new meeting, YYYY-MM-DD (default: today).")
@click.pass_context
def next_command(ctx: click.Context, series: str, title: str, date_: str | None) -> None:
    """Start the next meeting of SERIES: same attendees, open actions brought forward. Prints its id."""
    import datetime as dt

    store = _open_store(ctx)
    if series not in store.series_names():
        raise click.ClickException(
            f"No meetings of the series {series!r} yet; known: {', '.join(store.series_names()) or 'none'}"
        )
    try:
        day = dt.date.fromisoformat(date_) if date_ else dt.date.today()
    except ValueError:
        raise click.ClickException(f"--date must be YYYY-MM-DD, not {date_!r}") from None
    previous = store.latest_in_series(series)
    try:
        meeting = store.start_next_meeting(series, title=title or previous.title, date=day)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(meeting.id)
    click.echo(
        f"{len(meeting.attendees)} attendees, {len(meeting.matters_arising)} matters arising", err=True
    )


@main.command("layout")
@click.argument("series")
@click.argument("sections", nargs=-1)
@click.option("--preset", type=click.Choice(sorted(LAYOUTS)), help="Use a ready-made layout.")
@click.pass_context
def layout_command(ctx: click.Context, series: str, sections: tuple[str, ...], preset: str | None) -> None:
    """Show or choose the sections (and their order) of SERIES' next meetings.

    SECTIONS are known keys (overview, purpose, matters_arising, round_robin, agreed,
    actions, comments, next_steps, declarations, last_minutes, items, aob) or headings
    of new bulleted sections, in the order the minutes should show them, e.g.

        minutes layout "Skills Board" declarations "Minutes of the last meeting" actions
    """
    store = _open_store(ctx)
    if preset and sections:
        raise click.ClickException("Give either --preset or a list of sections, not both")
    if preset or sections:
        try:
            store.set_series_layout(series, LAYOUTS[preset] if preset else list(sections))
        except (ModelError, StoreError) as exc:
            raise click.ClickException(str(exc)) from None
    for section in store.series_layout(series):
        kind = "" if section.kind == "bullets" else f"  ({section.kind.replace('_', ' ')})"
        click.echo(f"{section.key:<28} {section.title}{kind}")


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
    default="docx",
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
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    help="Word template (.docx or .dotx) for the letterhead and styles of --format docx "
    "(default: export.template in the settings file, see docs/export.md).",
)
@click.pass_context
def export_command(
    ctx: click.Context, meeting_id: int, fmt: str, output: Path | None, force: bool, template: Path | None
) -> None:
    """Export meeting MEETING_ID to a file and print where it went.

    Word minutes (--format docx) are for circulating, Markdown (md) for email,
    JSON for moving meetings between databases.
    """
    if template is not None and fmt != "docx":
        raise click.UsageError("--template applies to --format docx only")
    if output is not None and output.exists() and not output.is_dir() and not force:
        raise click.ClickException(
            f"{output} already exists; use --force to replace it, or choose another name"
        )
    options = {"template": template} if template is not None else {}
    try:
        meeting = _open_store(ctx).get_meeting(meeting_id)
        path = export_meeting(meeting, fmt, output, overwrite=force, **options)
    except (StoreError, ExportError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(path))
