"""Search hits on the home screen: how each is labelled, and where on its meeting it opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ...parsing import format_date, single_line
from ...text import displayable

if TYPE_CHECKING:
    from ...search_model import SearchHit

#: Where a hit's kind of item sits on the meeting screen, and the key of its row there.
HIT_SECTIONS = {"header": "details"}
HIT_ROW_PREFIX = {
    "attendees": "a",
    "bullets": "b",
    "points": "p",
    "turns": "t",
    "actions": "x",
    "carried_actions": "c",
}


def hit_label(hit: SearchHit) -> Text:
    """A search hit as two lines: where (date, series · title, section), then the snippet
    with the matched words highlighted (styles from the hit's segments, never markup)."""
    where = " · ".join(displayable(single_line(p)) for p in (hit.series, hit.title) if p) or "(untitled)"
    text = Text.assemble(
        (f"{format_date(hit.date) or '—':<11}", "bold"),
        (where, "bold"),
        ("  — ", "dim"),
        (displayable(single_line(hit.label)), "italic"),
        "\n    ",
    )
    for segment, is_match in hit.snippet:
        text.append(displayable(single_line(segment)), "bold reverse" if is_match else None)
    return text
