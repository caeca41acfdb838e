"""Commands on the whole archive: search, backup, check."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from ..store.errors import StoreError
from ..text import visible
from .common import database_files, db_path, iso_date, open_store


@click.command("search")
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
    since_day = iso_date(since, "--since", uk=True)
    try:
        hits = open_store(ctx).search(query, series=series, since=since_day, limit=limit)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if not hits:
        click.echo("No matches.", err=True)
        return
    styled = not click.utils.should_strip_ansi(sys.stdout, ctx.color)
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


@click.command("backup")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.pass_context
def backup_command(ctx: click.Context, path: Path | None) -> None:
    """Copy the database to PATH, safely even while the app is writing to it.

    PATH defaults to minutes-backup-YYYYMMDD-HHMMSS.db beside the database. An
    existing file is never overwritten. The copy is written under a temporary
    name, checked, and only then given its name, so an interrupted backup
    leaves nothing under PATH. It is readable by you only and opens with
    `minutes --db PATH`. Prints where the copy went.
    """
    from ..export.files import ExportError, check_target
    from ..store.maintenance import backup_file, default_backup_path

    source = db_path(ctx)
    if not source.is_file():
        raise click.ClickException(f"There is no database at {source} yet; nothing to back up")
    if path is not None and path.is_dir():
        path = path / default_backup_path(source).name
    try:
        check_target(path or source, overwrite=path is None, protect=database_files(ctx) if path else ())
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        target = backup_file(source, path or default_backup_path(source))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(target))


@click.command("check")
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
    store = open_store(ctx)
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


COMMANDS = [search_command, backup_command, check_command]
