"""Commands on a series: the next meeting, its layout, its stock phrases."""

from __future__ import annotations

from collections.abc import Iterable

import click

from ..store.errors import StoreError
from ..text import visible
from .common import LazyChoice, iso_date, open_store


def _presets() -> Iterable[str]:
    from ..model import LAYOUTS

    return LAYOUTS


@click.command("next")
@click.argument("series")
@click.option("--title", default="", help="Title of the new meeting (default: the last one's).")
@click.option(
    "--date",
    "date_",
    default=None,
    help="Date of the new meeting, YYYY-MM-DD (default: the date of next meeting recorded at the last one, else today).",
)
@click.pass_context
def next_command(ctx: click.Context, series: str, title: str, date_: str | None) -> None:
    """Start the next meeting of SERIES: same attendees, open actions brought forward. Prints its id.

    The time, place and chair of the last meeting carry over.
    """
    import datetime as dt

    from ..continuity import recorded_next_date

    day = iso_date(date_, "--date")
    store = open_store(ctx)
    if series not in store.series_names():
        raise click.ClickException(
            f"No meetings of the series {series!r} yet; known: {', '.join(store.series_names()) or 'none'}"
        )
    previous = store.latest_in_series(series)
    day = day or recorded_next_date(previous) or dt.date.today()
    try:
        meeting = store.start_next_meeting(series, title=title or previous.title, date=day)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(meeting.id)
    click.echo(
        f"{len(meeting.attendees)} attendees, {len(meeting.matters_arising)} matters arising", err=True
    )


@click.command("layout")
@click.argument("series")
@click.argument("sections", nargs=-1)
@click.option("--preset", type=LazyChoice(_presets), help="Use a ready-made layout.")
@click.pass_context
def layout_command(ctx: click.Context, series: str, sections: tuple[str, ...], preset: str | None) -> None:
    """Show or choose the sections (and their order) of SERIES' next meetings.

    SECTIONS are known keys (overview, purpose, matters_arising, round_robin, agreed,
    actions, comments, next_steps, declarations, last_minutes, items, aob) or headings
    of new bulleted sections, in the order the minutes should show them, e.g.

        minutes layout "Skills Board" declarations "Minutes of the last meeting" actions
    """
    from ..model import LAYOUTS, ModelError

    store = open_store(ctx)
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


@click.command("phrases")
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
    store = open_store(ctx)
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


COMMANDS = [next_command, layout_command, phrases_command]
