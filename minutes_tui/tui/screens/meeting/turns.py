"""How the round robin's turns show as rows: one line for a single point, else the
speaker and a bullet per point (with each point's time when times are shown)."""

from __future__ import annotations

from ....model import Point, Turn
from ...widgets.rows import Row, RowList
from .panel import STAMP_WIDTH, clock


def turn_rows(turn: Turn, times: bool = False) -> list[Row]:
    """A turn as rows: one line for a single point, else a heading and its points.

    With ``times``, each row starts with the time its point was saved.
    """
    speaker = turn.speaker or "(no speaker)"
    extra = STAMP_WIDTH if times else 0
    if len(turn.points) == 1:
        point = turn.points[0]
        return [
            Row(
                f"p{point.id}",
                point.text,
                prefix=f"{speaker} – ",
                prefix_style="bold",
                indent=4 + extra,
                stamp=clock(point.created) if times else "",
                kind="point",
                item_id=point.id or 0,
            )
        ]
    if not turn.points:
        return [
            Row(
                f"t{turn.id}",
                "(nothing noted)",
                prefix=f"{speaker} – ",
                prefix_style="bold",
                style="dim italic",
                stamp=" " * (STAMP_WIDTH - 1) if times else "",
                kind="turn",
                item_id=turn.id or 0,
            )
        ]
    first = clock(turn.points[0].created) if times else ""
    rows = [
        Row(
            f"t{turn.id}",
            "",
            prefix=f"{speaker} –",
            prefix_style="bold",
            stamp=first,
            kind="turn",
            item_id=turn.id or 0,
        )
    ]
    rows += [point_row(p, times) for p in turn.points]
    return rows


def point_row(point: Point, times: bool = False) -> Row:
    """One point of a turn that holds several."""
    extra = STAMP_WIDTH if times else 0
    return Row(
        f"p{point.id}",
        point.text,
        prefix="    · ",
        indent=6 + extra,
        stamp=clock(point.created) if times else "",
        kind="point",
        item_id=point.id or 0,
    )


def show_turn(
    widget: RowList, turn_keys: dict[int, list[str]], turn: Turn, times: bool, point: Point | None
) -> None:
    """Show ``turn`` again in ``widget`` (``turn_keys``: each turn's row keys, kept up to date).

    With ``point`` (changed, or just added at the end of a turn of several points) only that
    point's row is put, so a save costs the same however long the turn is.
    """
    tid = turn.id or 0
    old = turn_keys.get(tid, [])
    key = f"p{point.id}" if point is not None else ""
    if point is not None and len(turn.points) > 1 and key in old:
        widget.put(point_row(point, times))
    elif point is not None and len(turn.points) > 2 and turn.points[-1].id == point.id and old:
        last = widget.index_of(old[-1])
        widget.put(point_row(point, times), None if last is None else last + 1)
        turn_keys[tid] = [*old, key]
    else:
        rows = turn_rows(turn, times)
        if [r.key for r in rows] == old:
            for row in rows:
                widget.put(row)
        else:
            widget.replace_block(old, rows)
        turn_keys[tid] = [r.key for r in rows]
