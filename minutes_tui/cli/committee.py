"""Committee business: agendas and papers in, a series' committee rules, the decision register."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..text import visible
from .common import MEETING_ID, iso_date, open_store, write_output


def _read(path: Path) -> str:
    from ..papers import DocumentError, read_document

    try:
        return read_document(path)
    except DocumentError as exc:
        raise click.ClickException(str(exc)) from None


def _show_items(store, meeting_id: int) -> None:
    """Give the meeting's layout an Items section if it has none (a workshop meeting, say), so
    the app and the minutes show its agenda items, and say so. Nothing else in it changes."""
    from ..model import KNOWN_SECTIONS, ModelError
    from ..store.errors import StoreError

    layout = list(store.get_meeting(meeting_id).layout)
    if any(section.kind == "agenda" for section in layout):
        return
    at = next((n for n, s in enumerate(layout) if s.kind == "actions"), len(layout))
    where = f"before {layout[at].title}" if at < len(layout) else "at the end"
    layout.insert(at, KNOWN_SECTIONS["items"])
    try:
        store.set_layout(meeting_id, layout)
    except (ModelError, StoreError) as exc:
        raise click.ClickException(f"The items were added, but the meeting cannot show them: {exc}") from None
    click.echo(
        f"The meeting's layout had no Items section: added one {where}, "
        "so the app and the minutes show the agenda items."
    )


@click.command("agenda")
@click.argument("meeting_id", type=MEETING_ID)
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def agenda_command(ctx, meeting_id, file) -> None:
    """Read an agenda (.txt, .md or .docx) of numbered lines (1., 1), Item 8, 8.1, 8a) into the
    meeting's agenda items, in order, keeping the items already there."""
    from ..agenda_import import item_from_entry
    from ..model import ModelError
    from ..papers import parse_agenda

    entries = parse_agenda(_read(file))
    if not entries:
        raise click.ClickException(
            f"{file} has no numbered agenda lines (such as '1. Apologies' or 'Item 8')"
        )
    store = open_store(ctx)
    try:
        added, kept = store.merge_agenda(meeting_id, [item_from_entry(e) for e in entries])
    except ModelError as exc:
        raise click.ClickException(str(exc)) from None
    for item in added:
        click.echo(f"{item.minute:>6}  {item.number:<5} {visible(item.title)}")
    click.echo(f"{len(added)} item{'s' if len(added) != 1 else ''} added, {kept} already there kept.")
    _show_items(store, meeting_id)


@click.command("paper")
@click.argument("meeting_id", type=MEETING_ID)
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--item",
    "number",
    help="The agenda number of the item the paper is for (default: the paper's own, else the item of its title).",
)
@click.pass_context
def paper_command(ctx, meeting_id, file, number) -> None:
    """Fill an agenda item from a board paper or committee report (.txt, .md or .docx): its title
    (if it has none), purpose, summary, recommendations and author or contact officer."""
    from ..agenda import AgendaItem, check_number, same_number
    from ..agenda_import import next_number, paper_fields
    from ..model import ModelError
    from ..papers import parse_paper

    facts = parse_paper(_read(file))
    store = open_store(ctx)
    try:
        wanted = check_number(number) if number is not None else (facts.number or "")
        items = store.agenda_items(meeting_id)
        item = next((i for i in items if wanted and same_number(i.number, wanted)), None)
        if not wanted and facts.title.strip():  # no number: the agenda item of the paper's title
            item = next((i for i in items if _words(i.title) == _words(facts.title)), None)
        fields = paper_fields(facts, item)
        if item is None:
            fresh = AgendaItem(number=wanted or next_number(items))
            item = store.add_agenda_item(meeting_id, fresh)
            made = "added"
        else:
            made = "filled"
        assert item.id is not None
        if fields:
            item = store.update_agenda_item(item.id, **fields)
    except ModelError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Item {item.number} ({item.minute}) {made}: {visible(item.title)}")
    filled = [name for name in ("purpose", "summary", "presenter") if name in fields]
    if "recommendations" in fields:
        count = len(item.recommendations)
        filled.append(f"{count} recommendation{'s' if count != 1 else ''}")
    click.echo("From the paper: " + (", ".join(filled) if filled else "nothing besides the title") + ".")
    _show_items(store, meeting_id)


def _words(title: str) -> list[str]:
    """A title's words for comparing, whatever their case and punctuation."""
    return re.findall(r"\w+", title.casefold())


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


COMMANDS = [agenda_command, paper_command, decisions_command, committee_command]
