"""Mail drafts: ``minutes circulate`` and the action digests of ``minutes actions --by-owner``.

Each writes .eml files for the user's own mail program to open; nothing is sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..store.errors import StoreError
from .common import MEETING_ID, database_files, open_store

if TYPE_CHECKING:
    from ..model import ActionRow
    from ..store import Store

#: Where drafts go without -o (the exporters' DEFAULT_FOLDER; named here so that
#: ``minutes --help`` need not load them).
DRAFTS_FOLDER = Path("exports")


def _targets(paths: Sequence[Path], force: bool, protect: Sequence[Path]) -> None:
    from ..export.files import check_target

    """Refuse before writing anything if any target must not be written."""
    for path in paths:
        check_target(path, overwrite=force, protect=protect)


@click.command("circulate")
@click.argument("meeting_id", type=MEETING_ID)
@click.option(
    "--to",
    "to",
    multiple=True,
    metavar="chair|attendees|ADDRESS",
    help="Who the draft is to (repeat for more): chair, attendees (everyone listed with an address) "
    "or an e-mail address. Default: the chair for draft minutes, the attendees for approved ones.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pdf"]),
    default="docx",
    show_default=True,
    help="The attached minutes: Word, or PDF (needs LibreOffice).",
)
@click.option("--pdfa", is_flag=True, help="With --format pdf: PDF/A-2b, the archival form.")
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=DRAFTS_FOLDER,
    show_default=True,
    help="Folder to write the .eml draft to.",
)
@click.option("--force", is_flag=True, help="Overwrite a draft of the same name.")
@click.pass_context
def circulate_command(ctx, meeting_id, to, fmt, pdfa, folder, force) -> None:
    """Write a mail draft (.eml) of meeting MEETING_ID's minutes, with the minutes attached.

    Open the file in Outlook, Thunderbird or Apple Mail to check and send it; nothing is
    sent from here. Attendees without an e-mail address are listed, not skipped silently.
    """
    import tempfile

    from ..export import ExportError
    from ..export.docx import write_docx
    from ..export.files import default_name, write_atomically
    from ..export.mail import minutes_draft, recipients, write_eml
    from ..export.pdf import docx_to_pdf, soffice
    from ..model import ModelError, check_email
    from ..tempfiles import TEMP_PREFIX

    if pdfa and fmt != "pdf":
        raise click.UsageError("--pdfa applies to --format pdf only")
    wanted = list(to) or []
    for n, want in enumerate(wanted):
        if want not in ("chair", "attendees"):
            try:
                wanted[n] = check_email(want)
            except ModelError as exc:
                raise click.BadParameter(str(exc), param_hint="--to") from None
    meeting = open_store(ctx).get_meeting(meeting_id)
    if not wanted:
        wanted = ["attendees"] if meeting.status == "approved" else ["chair"]
    people = recipients(meeting, wanted)
    path = folder / default_name(meeting, ".eml")
    attachment = default_name(meeting, f".{fmt}")
    try:
        _targets([path], force, database_files(ctx))
        if fmt == "pdf":
            soffice()
        with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as work:
            made = Path(work) / "minutes.docx"
            write_docx(meeting, made)
            if fmt == "pdf":
                pdf = Path(work) / "minutes.pdf"
                docx_to_pdf(made, pdf, pdfa=pdfa)
                made = pdf
            message = minutes_draft(meeting, people.to, made, attachment)
            write_atomically(
                path, lambda tmp: write_eml(message, tmp), overwrite=force, protect=database_files(ctx)
            )
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(path))
    click.echo(
        "To: " + (", ".join(str(a) for a in people.to) or "nobody yet (add addresses in your mail program)")
    )
    if people.missing:
        click.echo("No e-mail address for: " + "; ".join(people.missing))


def write_digests(
    ctx: click.Context, store: Store, rows: Sequence[ActionRow], folder: Path, force: bool, today: dt.date
) -> None:
    """One draft per owner of ``rows`` (actions still to do), for ``actions --by-owner --format eml``."""
    from email.headerregistry import Address

    from ..export import ExportError
    from ..export.files import safe_stem, write_atomically
    from ..export.mail import address_of, digest_draft, one_line, write_eml

    owners: dict[str, list[ActionRow]] = {}
    for row in rows:
        owner = one_line(row.action.owner) or "(no owner)"
        owners.setdefault(owner.casefold(), []).append(row)
    if not owners:
        click.echo("No actions still to do.")
        return
    known = store.known_emails()
    plans = []
    for group in owners.values():
        owner = one_line(group[0].action.owner) or "(no owner)"
        for row in group:
            assert row.action.id is not None
            row.action.history = store.action_history(row.action.id)
        stem, n = safe_stem(f"Actions for {owner}"), 1
        while any(p.name.casefold() == f"{stem}.eml".casefold() for _, _, p in plans):
            n += 1
            stem = f"{safe_stem(f'Actions for {owner}')} ({n})"
        plans.append((owner, group, folder / f"{stem}.eml"))
    missing = []
    try:
        _targets([p for _, _, p in plans], force, database_files(ctx))
        for owner, group, path in plans:
            email = address_of(owner, known)
            to = [Address(display_name=owner, addr_spec=email)] if email else []
            if not email:
                missing.append(owner)
            message = digest_draft(owner, to, group, today)
            write_atomically(
                path, lambda tmp, m=message: write_eml(m, tmp), overwrite=force, protect=database_files(ctx)
            )
            click.echo(str(path))
    except (ExportError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None
    if missing:
        click.echo("No e-mail address for: " + "; ".join(missing))


COMMANDS = [circulate_command]
