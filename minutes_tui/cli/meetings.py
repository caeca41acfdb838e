"""Commands on single meetings: list, approve, reopen, import."""

from __future__ import annotations

from pathlib import Path

import click

from ..store.errors import StoreError
from ..text import visible
from .common import MEETING_ID, open_store


@click.command("list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """List meetings, newest first: id, date, series, title, status."""
    lines = open_store(ctx).listing_utf8()  # written as SQLite gives them (see store.listing)
    if not lines:
        click.echo("No meetings yet. Run `minutes` to start one, or `minutes import FILE.json`.")
        return
    click.echo(lines, nl=False)  # then the newline apart: no copy of the whole list to add it
    click.echo()


@click.command("approve")
@click.argument("meeting_id", type=MEETING_ID)
@click.option(
    "--undecided-ok", is_flag=True, help="Approve even if an item for decision has no resolution recorded."
)
@click.pass_context
def approve_command(ctx: click.Context, meeting_id: int, undecided_ok: bool) -> None:
    """Mark meeting MEETING_ID's minutes approved: the record, locked against edits.

    Minutes in which an agenda item for decision (or one with recommendations and no
    purpose given) has no resolution recorded are refused, naming the items, unless
    --undecided-ok is given.
    """
    from ..agenda import undecided_items, undecided_summary

    store = open_store(ctx)
    try:
        if not undecided_ok and not store.get_header(meeting_id).approved:
            undecided = undecided_items(store.agenda_items(meeting_id))
            if undecided:
                raise click.ClickException(
                    f"Not approved: {visible(undecided_summary(undecided))}. Record the resolutions, "
                    "or use --undecided-ok to approve anyway."
                )
        meeting = store.approve_meeting(meeting_id)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"Approved: {visible(meeting.title) or meeting_id}. Reopen with `minutes reopen {meeting_id} REASON`."
    )


@click.command("reopen")
@click.argument("meeting_id", type=MEETING_ID)
@click.argument("reason")
@click.pass_context
def reopen_command(ctx: click.Context, meeting_id: int, reason: str) -> None:
    """Reopen approved minutes for a correction; REASON is recorded with the time."""
    try:
        meeting = open_store(ctx).reopen_meeting(meeting_id, reason)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Reopened as a draft: {visible(meeting.title) or meeting_id}.")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--force", is_flag=True, help="Import even if a meeting with the same series, date and title exists."
)
@click.pass_context
def import_command(ctx: click.Context, file: Path, force: bool) -> None:
    """Create a meeting from FILE and print its id.

    FILE is a meeting exported as JSON (see docs/format.md), or a calendar
    invitation (.ics) giving the title, date, time, place and attendees
    (those who declined send apologies). A meeting with the same series, date
    and title as one already saved is refused (it was imported before) unless
    --force is given.
    """
    from ..interchange import FormatError, load_json, meeting_from_dict

    try:
        if file.suffix.lower() in (".ics", ".ical", ".ifb", ".icalendar"):
            meeting, warnings = _from_invitation(file)
        else:
            data = load_json(file.read_text(encoding="utf-8"))
            meeting, warnings = meeting_from_dict(data)
    except OSError as exc:
        raise click.ClickException(f"Cannot read {file}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{file} is not UTF-8 text") from None
    except FormatError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    store = open_store(ctx)
    same = [] if force else store.matching_meetings(meeting)
    if same:
        m = same[0]
        date = m.date.isoformat() if m.date else "undated"
        raise click.ClickException(
            f"{file} looks imported already: meeting {m.id} ({date}, {_short(m.series) or '-'}, "
            f"{_short(m.title) or '(untitled)'}) has the same series, date and title; "
            "use --force to import a second copy"
        )
    try:
        saved = store.add_meeting(meeting)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(saved.id)


def _from_invitation(file: Path):
    """The meeting a calendar invitation describes, and warnings for what it leaves out."""
    from ..papers import DocumentError
    from ..papers.invitation import MAX_PEOPLE, invitation_meeting, read_invitation

    try:
        invitation = read_invitation(file)
    except DocumentError as exc:
        raise click.ClickException(str(exc)) from None
    warnings = []
    if invitation.left_out:
        warnings.append(
            f"only the first {MAX_PEOPLE} of the {MAX_PEOPLE + invitation.left_out} people invited "
            "were added as attendees"
        )
    return invitation_meeting(invitation), warnings


def _short(text: str, width: int = 60) -> str:
    text = " ".join(visible(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command("history")
@click.argument("meeting_id", type=MEETING_ID)
@click.pass_context
def history_command(ctx: click.Context, meeting_id: int) -> None:
    """When meeting MEETING_ID's minutes were approved and reopened, by whom (login name), and why (UTC times)."""
    store = open_store(ctx)
    header = store.get_header(meeting_id)
    events = store.meeting_history(meeting_id)
    if not events:
        click.echo(f"{visible(header.title) or meeting_id}: never approved ({header.status}).")
        return
    for event in events:
        when = event.at.strftime("%Y-%m-%d %H:%M") if event.at else "----------------"
        reason = f": {visible(event.reason)}" if event.reason else ""
        by = f" by {visible(event.by)}" if event.by else ""
        click.echo(f"{when}  {event.event}{by}{reason}")


COMMANDS = [history_command, list_command, approve_command, reopen_command, import_command]
