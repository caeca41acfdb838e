"""Commands that write files: export a meeting, the action log."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

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
    help="Write to this file instead of the terminal (CSV gets a BOM so Excel reads UTF-8); - is the terminal.",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.pass_context
def actions_command(ctx, series, owner, still_to_do, overdue, fmt, output, force) -> None:
    """The action log: actions across meetings, soonest due first; overdue ones marked !."""
    from ..export.action_log import actions_csv, actions_json, actions_table

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
    type=LazyChoice(_formats),
    default="docx",
    show_default=True,
    help="File format to write.",
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
    from ..export import FORMATS, ExportError, export_meeting

    if template is not None and fmt != "docx":
        raise click.UsageError("--template applies to --format docx only")
    options = {"template": template} if template is not None else {}
    if timestamps:
        options["timestamps"] = True
    try:
        meeting = open_store(ctx).get_meeting(meeting_id)
        if output is not None and str(output) == "-":
            spec = FORMATS[fmt]
            write_output(
                ctx,
                output,
                lambda tmp: spec.write(meeting, tmp, **options),
                force=force,
                binary=fmt == "docx",
            )
            return
        path = export_meeting(meeting, fmt, output, overwrite=force, protect=database_files(ctx), **options)
    except (StoreError, ExportError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(path))


COMMANDS = [actions_command, export_command]
