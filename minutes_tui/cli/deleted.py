"""Deleting meetings, and getting them back: delete, deleted, restore, purge."""

from __future__ import annotations

import click

from ..store.errors import StoreError
from ..text import visible
from .common import MEETING_ID, open_store


def _name(date: object, title: str, meeting_id: int) -> str:
    when = f"{date} " if date else ""
    return f"{when}{visible(title) or '(untitled)'} (id {meeting_id})"


@click.command("delete")
@click.argument("meeting_id", type=MEETING_ID)
@click.pass_context
def delete_command(ctx: click.Context, meeting_id: int) -> None:
    """Delete meeting MEETING_ID: hidden everywhere until restored (`minutes restore`)."""
    store = open_store(ctx)
    try:
        header = store.get_header(meeting_id)
        store.delete_meeting(meeting_id)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"Deleted: {_name(header.date, header.title, meeting_id)}. "
        f"Bring it back with `minutes restore {meeting_id}`."
    )


@click.command("deleted")
@click.pass_context
def deleted_command(ctx: click.Context) -> None:
    """List deleted meetings, most recently deleted first: id, date, series, title, when deleted."""
    meetings = open_store(ctx).deleted_meetings()
    if not meetings:
        click.echo("No deleted meetings.")
        return
    width = max(len(str(m.id)) for m in meetings)
    for m in meetings:
        date = m.date.isoformat() if m.date else "----------"
        when = m.deleted.strftime("%Y-%m-%d %H:%M") if m.deleted else ""
        series, title = visible(m.series) or "-", visible(m.title) or "(untitled)"
        click.echo(f"{m.id:>{width}}  {date}  {series}  {title}  [deleted {when} UTC]")


@click.command("restore")
@click.argument("meeting_id", type=MEETING_ID)
@click.pass_context
def restore_command(ctx: click.Context, meeting_id: int) -> None:
    """Bring back deleted meeting MEETING_ID as it was."""
    try:
        meeting = open_store(ctx).restore_meeting(meeting_id)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Restored: {_name(meeting.date, meeting.title, meeting_id)}.")


@click.command("purge")
@click.argument("meeting_id", type=MEETING_ID)
@click.option("--yes", is_flag=True, help="Do not ask first.")
@click.pass_context
def purge_command(ctx: click.Context, meeting_id: int, yes: bool) -> None:
    """Remove deleted meeting MEETING_ID and everything in it for good (asks first)."""
    store = open_store(ctx)
    try:
        header = store.get_header(meeting_id, include_deleted=True)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if header.deleted is None:
        raise click.ClickException(
            f"The meeting {meeting_id} is not deleted; `minutes delete {meeting_id}` first if it must go"
        )
    name = _name(header.date, header.title, meeting_id)
    if not yes and not click.confirm(f"Purge {name} for good? It cannot be restored after this"):
        raise click.ClickException("Nothing purged")
    try:
        store.purge_meeting(meeting_id)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Purged: {name}.")


COMMANDS = [delete_command, deleted_command, restore_command, purge_command]
