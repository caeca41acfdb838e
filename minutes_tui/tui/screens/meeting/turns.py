"""How the round robin's turns show as rows: one line for a single point, else the
speaker and a bullet per point (with each point's time when times are shown)."""

from __future__ import annotations

from ....model import Point, Turn
from ...widgets.rows import Row
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
