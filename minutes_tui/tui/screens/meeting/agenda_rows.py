"""How agenda items show as rows: the item (minute number, agenda number, title), then its
recommendations, exemption, discussion points and resolutions."""

from __future__ import annotations

from ....agenda import PURPOSE_LABELS, AgendaItem, Resolution
from ....model import Action, Point
from ....parsing import format_date
from ....session.business import resolution_line
from ...widgets.rows import Row

#: Cells the minute number takes at the start of an item's row ("▶ 24/137 ").
MINUTE_WIDTH = 9
#: What is minuted under an item starts under its title.
UNDER = " " * MINUTE_WIDTH


def item_heading(item: AgendaItem) -> str:
    """``8 · Regional Skills Alliance`` (the agenda number, then the title)."""
    title = item.title.strip() or "(untitled)"
    return f"{item.number} · {title}" if item.number else title


def item_row(item: AgendaItem, current: bool) -> Row:
    marker = "▶" if current else " "
    details = [PURPOSE_LABELS[item.purpose], item.paper, item.presenter]
    suffix = "  " + " · ".join(d for d in details if d) if any(details) else ""
    if item.exempt.strip():
        suffix += "  EXEMPT"
    return Row(
        f"i{item.id}",
        item_heading(item),
        prefix=f"{marker} {item.minute:<{MINUTE_WIDTH - 3}} ",
        prefix_style="bold reverse" if current else "bold",
        style="bold reverse" if current else "bold",
        suffix=suffix,
        suffix_style="italic",
        indent=MINUTE_WIDTH,
        kind="item",
        item_id=item.id or 0,
    )


def point_row(point: Point) -> Row:
    return Row(
        f"p{point.id}",
        point.text,
        prefix=f"{UNDER}· ",
        indent=MINUTE_WIDTH + 2,
        kind="point",
        item_id=point.id or 0,
    )


def resolution_row(resolution: Resolution) -> Row:
    return Row(
        f"r{resolution.id}",
        resolution_line(resolution),
        prefix=UNDER,
        style="bold",
        indent=MINUTE_WIDTH + 2,
        kind="resolution",
        item_id=resolution.id or 0,
    )


def action_row(action: Action) -> Row:
    """An action raised under the item (edited in the Actions section)."""
    who = f" – {action.owner}" if action.owner else ""
    due = f" – by {format_date(action.due)}" if action.due else ""
    return Row(
        f"a{action.id}",
        action.text,
        prefix=f"{UNDER}Action: ",
        prefix_style="cyan",
        suffix=f"{who}{due}",
        suffix_style="italic",
        indent=MINUTE_WIDTH + 2,
        kind="action",
        item_id=action.id or 0,
    )


def item_rows(item: AgendaItem, current: bool, actions: list[Action] | None = None) -> list[Row]:
    """An item and all that is minuted under it, in the order the minutes print it (with the
    ``actions`` raised under it)."""
    rows = [item_row(item, current)]
    if item.exempt.strip():
        rows.append(
            Row(
                f"x{item.id}",
                item.exempt,
                prefix=UNDER,
                style="magenta",
                indent=MINUTE_WIDTH + 2,
                kind="exempt",
                item_id=item.id or 0,
            )
        )
    for n, text in enumerate(r for r in item.recommendations if r.strip()):
        rows.append(
            Row(
                f"c{item.id}.{n}",
                text,
                prefix=f"{UNDER}Recommended: ",
                style="dim italic",
                indent=MINUTE_WIDTH + 2,
                kind="recommendation",
                item_id=item.id or 0,
            )
        )
    rows += [point_row(p) for p in item.points]
    rows += [resolution_row(r) for r in item.resolutions]
    rows += [action_row(a) for a in actions or [] if a.item_id is not None and a.item_id == item.id]
    return rows
