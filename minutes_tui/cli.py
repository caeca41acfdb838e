"""The ``minutes`` command: open the app, or import, export and list meetings."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import click

from . import __version__
from .export import DEFAULT_FOLDER, FORMATS, ExportError, export_meeting
from .export.files import write_atomically
from .interchange import FormatError, meeting_from_dict
from .model import LAYOUTS, ModelError
from .store import Store, StoreError, default_path
from .text import visible


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
        series, title = visible(m.series) or "-", visible(m.title) or "(untitled)"
        click.echo(f"{m.id:>{width}}  {date}  {series}  {title}  [{m.status}]")


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
    click.echo(
        f"Approved: {visible(meeting.title) or meeting_id}. Reopen with `minutes reopen {meeting_id} REASON`."
    )


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
    click.echo(f"Reopened as a draft: {visible(meeting.title) or meeting_id}.")


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
        click.echo(f"{visible(section.key):<28} {visible(section.title)}{kind}")


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
@click.option(
    "--timestamps",
    is_flag=True,
    help="Show the time each point was typed, e.g. [10:42] (Word and Markdown).",
)
@click.pass_context
def export_command(
    ctx: click.Context,
    meeting_id: int,
    fmt: str,
    output: Path | None,
    force: bool,
    template: Path | None,
    timestamps: bool = False,
) -> None:
    """Export meeting MEETING_ID to a file and print where it went.

    Word minutes (--format docx) are for circulating, Markdown (md) for email,
    JSON for moving meetings between databases.
    """
    if template is not None and fmt != "docx":
        raise click.UsageError("--template applies to --format docx only")
    if output is not None and os.path.exists(output) and not os.path.isdir(output) and not force:
        raise click.ClickException(
            f"{output} already exists; use --force to replace it, or choose another name"
        )
    options = {"template": template} if template is not None else {}
    if timestamps:
        options["timestamps"] = True
    try:
        meeting = _open_store(ctx).get_meeting(meeting_id)
        path = export_meeting(meeting, fmt, output, overwrite=force, **options)
    except (StoreError, ExportError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(path))


# -- the archive: search, backup, check ---------------------------------------------


def _parse_day(value: str | None):
    """A date typed as YYYY-MM-DD or DD/MM/YYYY, or None."""
    import datetime as dt

    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD or DD/MM/YYYY", param_hint="--since")


@main.command("search")
@click.argument("query")
@click.option("--series", help="Only meetings of this series (its full name, any case).")
@click.option("--since", help="Only meetings on or after this date (YYYY-MM-DD or DD/MM/YYYY).")
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Show at most this many."
)
@click.pass_context
def search_command(ctx: click.Context, query: str, series: str | None, since: str | None, limit: int) -> None:
    """Find QUERY in every meeting: titles, attendees, turns, decisions, actions, comments.

    Words must all match, in any order; "quoted words" must match as a phrase;
    appren* matches any word starting with "appren". Anything else is searched
    for as typed. When few items match they come best first; when very many
    match, the most recently written come first.

    Each hit shows the meeting id (for `minutes export ID`), its date, series
    and title, the part of the meeting, and the matching words: in bold on a
    terminal, between « and » when the output goes to a file or a pipe.
    """
    since_day = _parse_day(since)
    try:
        hits = _open_store(ctx).search(query, series=series, since=since_day, limit=limit)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if not hits:
        click.echo("No matches.", err=True)
        return
    styled = not click.utils.should_strip_ansi(click.get_text_stream("stdout"), ctx.color)
    width = max(len(str(hit.meeting_id)) for hit in hits)
    for hit in hits:
        date = hit.date.isoformat() if hit.date else "----------"
        heading = " / ".join(part for part in (hit.series, hit.title) if part) or "(untitled)"
        pieces = [(visible(re.sub(r"\s+", " ", text)), is_match) for text, is_match in hit.snippet]
        snippet = "".join(
            (click.style(piece, bold=True) if styled else f"«{piece}»") if is_match else piece
            for piece, is_match in pieces
        ).strip()
        click.echo(f"{hit.meeting_id:>{width}}  {date}  {visible(heading)}  ({visible(hit.label)})")
        click.echo(f"{'':>{width}}  {snippet}")


@main.command("backup")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.pass_context
def backup_command(ctx: click.Context, path: Path | None) -> None:
    """Copy the database to PATH, safely even while the app is writing to it.

    PATH defaults to minutes-backup-YYYYMMDD-HHMMSS.db beside the database. An
    existing file is never overwritten. The copy is readable by you only, is
    checked after it is written, and opens with `minutes --db PATH`. Prints
    where the copy went.
    """
    import sqlite3

    from .store.maintenance import backup_file, default_backup_path

    source = Path(ctx.ensure_object(dict).get("db") or default_path()).expanduser()
    if not source.is_file():
        raise click.ClickException(f"There is no database at {source} yet; nothing to back up")
    if path is not None and path.is_dir():
        path = path / default_backup_path(source).name
    try:
        target = backup_file(source, path or default_backup_path(source))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        copy = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
        try:
            verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            copy.close()
    except sqlite3.Error as exc:
        verdict = str(exc)
    if verdict != "ok":
        raise click.ClickException(
            f"The backup {target} was written but does not read back cleanly: {verdict}"
        )
    click.echo(str(target))


@main.command("check")
@click.option("--repair", is_flag=True, help="Rebuild the lookup and search indexes, then check again.")
@click.pass_context
def check_command(ctx: click.Context, repair: bool) -> None:
    """Check the database for damage and say in plain words what is wrong.

    Reads every page, table and index, looks for items whose meeting has gone,
    and compares the search index with the minutes. Prints "Database OK" and
    exits 0 when all is well; otherwise lists the problems and exits 1.
    --repair rebuilds what can be rebuilt without losing minutes (indexes and the
    search index); take a backup first.
    """
    store = _open_store(ctx)
    try:
        if repair:
            for line in store.repair():
                click.echo(line)
        problems = store.check()
        count = store.count_meetings() if not problems else None
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if problems:
        for line in problems:
            click.echo(f"- {line}")
        click.echo(f"{len(problems)} problem(s) found in {store.path}.", err=True)
        ctx.exit(1)
    click.echo(f"Database OK: {store.path} ({count} meeting{'' if count == 1 else 's'})")


@main.command("phrases")
@click.argument("series")
@click.option("--set", "set_", multiple=True, metavar="PHRASE", help="Replace the list (repeat for each).")
@click.option("--add", multiple=True, metavar="PHRASE", help="Add a phrase at the end (repeatable).")
@click.option("--remove", multiple=True, metavar="PHRASE", help="Remove a phrase, any case (repeatable).")
@click.option("--reset", is_flag=True, help="Go back to the default phrases.")
@click.pass_context
def phrases_command(
    ctx: click.Context,
    series: str,
    set_: tuple[str, ...],
    add: tuple[str, ...],
    remove: tuple[str, ...],
    reset: bool,
) -> None:
    """Show or edit the stock phrases of SERIES, one a line, as the app offers them.

    A series has the defaults until it is given its own ("Minutes of the last meeting
    agreed as an accurate record", "No declarations of interest", "No update",
    "Apologies received"); removing every phrase goes back to them.

        minutes phrases "Skills Board" --add "Item deferred to the next meeting"
    """
    store = _open_store(ctx)
    if reset and (set_ or add or remove):
        raise click.UsageError("--reset goes alone")
    if reset or set_ or add or remove:
        phrases = [] if reset else list(set_) if set_ else store.stock_phrases(series)
        missing = [p for p in remove if p.casefold() not in {q.casefold() for q in phrases}]
        if missing:
            raise click.ClickException(f"{series or 'This series'} has no stock phrase {missing[0]!r}")
        phrases = [p for p in phrases if p.casefold() not in {r.casefold() for r in remove}]
        try:
            store.set_stock_phrases(series, [*phrases, *add])
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
    for phrase in store.stock_phrases(series):
        click.echo(visible(phrase))
