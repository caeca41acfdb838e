"""What a search of the archive returns: plain data, no SQLite and no Textual.

A :class:`SearchHit` names the meeting and the item that matched, a user-facing
section label, and a snippet of the item's text as segments ``(text, is_match)``.
The snippet is never markup: a widget shows each segment literally and styles
the ones that matched, so text such as ``[bold]`` in the minutes stays text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: One piece of a snippet: its text and whether it is a matched word.
Segment = tuple[str, bool]

#: Where a hit sits in a meeting, for kinds other than bulleted sections
#: (whose ``section`` is one of :data:`minutes_tui.model.SECTIONS`).
HEADER = "header"
ATTENDEES = "attendees"
ROUND_ROBIN = "round_robin"
ACTIONS = "actions"
MATTERS_ARISING = "matters_arising"


@dataclass(frozen=True)
class SearchHit:
    """One item of one meeting whose text matched a search.

    ``kind`` is the table the item lives in (``meetings``, ``attendees``,
    ``bullets``, ``turns``, ``points``, ``actions``, ``carried_actions``) and ``item_id`` its id there
    (for ``meetings`` it is the meeting id). ``section`` is a stable key for the
    part of the meeting (``header``, ``attendees``, ``overview`` ... ``next_steps``,
    ``round_robin``, ``actions``, ``matters_arising``) and ``label`` the words to show for it
    ("All agreed", "Round robin: JCP"). ``turn_id`` is set for points (and turns),
    so the UI can open the turn and land on the point.
    """

    meeting_id: int
    date: dt.date | None
    series: str
    title: str
    kind: str
    item_id: int
    section: str
    label: str
    snippet: tuple[Segment, ...]
    turn_id: int | None = None
    score: float | None = None

    @property
    def text(self) -> str:
        """The snippet as plain text, without highlighting."""
        return "".join(text for text, _ in self.snippet)

    @property
    def matches(self) -> list[str]:
        """The matched words of the snippet, in order."""
        return [text for text, is_match in self.snippet if is_match]
