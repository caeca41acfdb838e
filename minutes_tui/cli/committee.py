"""Committee business: a series' committee rules, and the decision register."""

from __future__ import annotations

from pathlib import Path

import click

from .common import iso_date, open_store, write_output


@click.command("decisions")
@click.option("--series", help="Only resolutions of meetings of this series.")
@click.option("--since", help="Only meetings on or after this date (YYYY-MM-DD or DD/MM/YYYY).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table for reading, csv for Excel (formulas made inert), json for programs.",
)
@click.option("--public", is_flag=True, help="Leave out the text and votes of exempt items' resolutions.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of the terminal (CSV gets a BOM so Excel reads UTF-8); - is the terminal.",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.pass_context
def decisions_command(ctx, series, since, fmt, public, output, force) -> None:
    """The decision register: every resolution across meetings, oldest first, with its minute number."""
    from ..export.decisions import decisions_csv, decisions_json, decisions_table

    rows = open_store(ctx).decisions(series, iso_date(since, "--since", uk=True))
    if fmt == "table" and not rows and output is None:
        click.echo("No resolutions match.")
        return
    render = {"table": decisions_table, "csv": decisions_csv, "json": decisions_json}[fmt]
    text = render(rows, public=public)
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    write_output(ctx, output, lambda tmp: tmp.write_text(text, encoding=encoding, newline=""), force=force)
    click.echo(str(output))


@click.command("committee")
@click.argument("series")
@click.option(
    "--numbering",
    type=click.Choice(["meeting", "running"]),
    help="Minute numbers 1, 2, 3 at each meeting, or running on through the year as 25/37, 25/38, ...",
)
@click.option("--first-minute", type=click.IntRange(1, 1_000_000), help="The first running number of a year.")
@click.option("--quorum", type=click.IntRange(0, 10_000), help="Voting members needed present (0: none set).")
@click.option(
    "--actions-table/--no-actions-table",
    default=None,
    help="Whether the minutes show the actions table (committee minutes often leave it out).",
)
@click.pass_context
def committee_command(ctx, series, numbering, first_minute, quorum, actions_table) -> None:
    """Show or set SERIES' rules for committee minutes: numbering, quorum, actions table."""
    from dataclasses import replace

    from ..model import ModelError

    store = open_store(ctx)
    rules = store.committee_rules(series)
    changes = {
        key: value
        for key, value in (
            ("numbering", numbering),
            ("first_minute", first_minute),
            ("actions_table", actions_table),
        )
        if value is not None
    }
    if quorum is not None:
        changes["quorum"] = quorum or None
    if changes:
        try:
            rules = store.set_committee_rules(series, replace(rules, **changes))
        except ModelError as exc:
            raise click.ClickException(str(exc)) from None
    numbers = (
        "per meeting (1, 2, 3)" if rules.numbering == "meeting" else f"running on (from {rules.first_minute})"
    )
    click.echo(f"Minute numbers: {numbers}")
    click.echo(f"Quorum: {rules.quorum or 'not set'}")
    click.echo(f"Actions table: {'shown' if rules.actions_table else 'left out'}")


COMMANDS = [decisions_command, committee_command]
