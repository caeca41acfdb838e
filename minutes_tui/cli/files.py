"""Commands that write files: export a meeting, the action log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from ..store.errors import StoreError
from .common import MEETING_ID, LazyChoice, database_files, open_store, write_output

#: Where ``minutes export`` writes without -o (the exporters' DEFAULT_FOLDER, named here so
#: that ``minutes --help`` need not load them; a test keeps the two the same).
EXPORT_FOLDER = "exports"


def _formats() -> Iterable[str]:
    from ..export import FORMATS

    return FORMATS


@click.command("actions")
@click.option("--series", help="Only actions raised in meetings of this series.")
@click.option("--owner", help="Only actions whose owner contains this text (any case).")
@click.option("--open", "still_to_do", is_flag=True, help="Only actions still to do (open or on hold).")
@click.option("--overdue", is_flag=True, help="Only actions still to do whose due date has passed.")
@click.option(
    "--by-owner",
    is_flag=True,
    help="With --format eml: one mail draft per owner of their open and overdue actions.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "eml"]),
    default="table",
    show_default=True,
    help="table for reading, csv for Excel (formulas made inert), json for programs, "
    "eml for mail drafts (with --by-owner).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to this file instead of the terminal (CSV gets a BOM so Excel reads UTF-8); - is the terminal. "
    f"With --format eml: the folder for the drafts (default ./{EXPORT_FOLDER}/).",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.pass_context
def actions_command(ctx, series, owner, still_to_do, overdue, by_owner, fmt, output, force) -> None:
    """The action log: actions across meetings, soonest due first; overdue ones marked !."""
    from ..export.action_log import actions_csv, actions_json, actions_table

    if by_owner != (fmt == "eml"):
        raise click.UsageError("--by-owner and --format eml go together: one mail draft per owner")
    if fmt == "eml":
        from .circulate import write_digests

        store = open_store(ctx)
        rows = store.list_actions(series=series, owner=owner, still_to_do=True, overdue=overdue)
        write_digests(ctx, store, rows, output or Path(EXPORT_FOLDER), force, dt.date.today())
        return
    rows = open_store(ctx).list_actions(series=series, owner=owner, still_to_do=still_to_do, overdue=overdue)
    if fmt == "table" and not rows and output is None:
        click.echo("No actions match.")
        return
    render = {"table": actions_table, "csv": actions_csv, "json": actions_json}[fmt]
    text = render(rows)
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    write_output(ctx, output, lambda tmp: tmp.write_text(text, encoding=encoding, newline=""), force=force)
    click.echo(str(output))


@click.command("export")
@click.argument("meeting_id", type=MEETING_ID)
@click.option(
    "--format",
    "fmt",
    type=LazyChoice(_formats, aliases={"markdown": "md", "word": "docx", "web": "html"}),
    default="docx",
    show_default=True,
    help="File format to write (also: markdown, word, web).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help=f"File to write (default: a name made from date, series and title in ./{EXPORT_FOLDER}/); "
    "- writes to standard output (Word only when it is not a terminal).",
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
    help="Show the time each point was typed, e.g. [10:42] (Word, PDF, Markdown and HTML).",
)
@click.option("--pdfa", is_flag=True, help="With --format pdf: PDF/A-2b, the archival form.")
@click.option(
    "--public",
    is_flag=True,
    help="The public version: each exempt item keeps its number, title and exemption reason only "
    "(its points, resolutions and actions are left out).",
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
    pdfa: bool = False,
    public: bool = False,
) -> None:
    """Export meeting MEETING_ID to a file and print where it went.

    Word minutes (--format docx) are for circulating, PDF (pdf, needs LibreOffice) for
    keeping, HTML (html) for publishing on the web, Markdown (md) for email, JSON for
    moving meetings between databases, ics the next meeting for a calendar.
    """
    from ..agenda import public_version
    from ..export import BINARY, FORMATS, ExportError, export_meeting

    if template is not None and fmt not in ("docx", "pdf"):
        raise click.UsageError("--template applies to --format docx and pdf only")
    if pdfa and fmt != "pdf":
        raise click.UsageError("--pdfa applies to --format pdf only")
    options: dict[str, Any] = {"template": template} if template is not None else {}
    if timestamps:
        options["timestamps"] = True
    if pdfa:
        options["pdfa"] = True
    try:
        meeting = open_store(ctx).get_meeting(meeting_id)
        if output is not None and str(output) == "-":
            spec = FORMATS[fmt]
            meeting = public_version(meeting) if public else meeting
            write_output(
                ctx,
                output,
                lambda tmp: spec.write(meeting, tmp, **options),
                force=force,
                binary=fmt in BINARY,
            )
            return
        if public:
            options["public"] = True
        path = export_meeting(meeting, fmt, output, overwrite=force, protect=database_files(ctx), **options)
    except (StoreError, ExportError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(path))


COMMANDS = [actions_command, export_command]
